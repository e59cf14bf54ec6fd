"""Unit answers shipped with claimlint for its own rules/units.yaml.

A run with no cache folder (a fresh clone, a CI runner) would otherwise build
pint (about 0.3 s) to answer the same few dozen questions ("t" is a mass, GW to
W is 1e9) every time. The answers for the shipped units file are worked out
once and kept in ``units_answers.json`` beside this module. They are used only
while that units file's bytes and the installed pint's version are the ones
they were worked out with; otherwise pint answers, as it always did. The tests
work them out again and fail when the file is stale.

    python -m claimlint.unit_answers    (rewrite units_answers.json after editing rules/units.yaml)
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .config import default_rules_dir
from .units import UnitError, UnitRegistry, UnitsSpec

ANSWERS_FILE = Path(__file__).resolve().parent / "units_answers.json"


def _pint_version_installed(version: str) -> bool:
    """Whether this pint version is the one installed, without importing pint (that is what is saved)."""
    spec = importlib.util.find_spec("pint")
    if spec is None or spec.origin is None:
        return False
    site = Path(spec.origin).resolve().parent.parent
    return (site / f"pint-{version}.dist-info").is_dir()


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any] | None:
    try:
        data = json.loads(ANSWERS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return None
    return data


def shipped(units_file: bytes) -> dict[str, Any] | None:
    """The shipped answers, if they were worked out for these units-file bytes and the installed pint."""
    data = _shipped()
    if data is None or data.get("units_sha256") != hashlib.sha256(units_file).hexdigest():
        return None
    pint = data.get("pint")
    if not isinstance(pint, str) or not _pint_version_installed(pint):
        return None
    return dict(data["answers"])


def questions(registry: UnitRegistry, extra: Iterable[str]) -> list[str]:
    """The unit strings asked about: every name, alias and refused spelling of the registry, the units
    of its dimensions, and ``extra`` (the units the metrics name)."""
    spec = registry.spec
    strings = [unit.name for unit in spec.units]
    strings += [alias for unit in spec.units for alias in unit.aliases]
    strings += [name for refused in spec.refused for name in refused.names]
    strings += list(spec.dimensions.values())
    strings += list(extra)
    return list(dict.fromkeys(strings))


def work_out(registry: UnitRegistry, strings: list[str]) -> dict[str, Any]:
    """Ask the registry every question about ``strings`` (and every pair for factors); its answers."""
    registry.use_answers({})
    for unit in strings:
        registry.knows(unit)
        registry.is_ambiguous(unit)
        registry.dimension(unit)
        try:
            registry.canonical(unit)
        except UnitError:
            pass  # remembered as an error answer
    for unit in strings:
        for to in strings:
            registry.factor(unit, to)
    return dict(sorted(registry.answers.items()))


def _metric_units(rules: Path) -> list[str]:
    from .domain import load_domain

    domain = load_domain(rules.parent, rules, [])
    units = list(domain.dimensions.values())
    units += [unit for definition in domain.metrics.values() for unit in definition.units]
    units += [definition.plausible.unit for definition in domain.metrics.values()
              if definition.plausible is not None and definition.plausible.unit]
    return units


def build(rules: Path | None = None) -> dict[str, Any]:
    """The answers file's content for the units file of ``rules`` (default: the shipped rules)."""
    import pint

    rules = rules or default_rules_dir()
    units_file = rules / "units.yaml"
    registry = UnitRegistry(UnitsSpec.load(units_file), "units.yaml")
    answers = work_out(registry, questions(registry, _metric_units(rules)))
    return {"units_sha256": hashlib.sha256(units_file.read_bytes()).hexdigest(), "pint": pint.__version__,
            "answers": answers}


def main() -> None:
    ANSWERS_FILE.write_text(json.dumps(build(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {ANSWERS_FILE}")


if __name__ == "__main__":
    main()
