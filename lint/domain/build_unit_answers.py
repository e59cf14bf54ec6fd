"""Work out the unit answers for the shipped rules/units.yaml and write ``units_answers.json``.

    python -m claimlint.domain.build_unit_answers    (after editing rules/units.yaml)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..reading.config import default_rules_dir
from .unit_answers import ANSWERS_FILE
from .units import UnitError, UnitRegistry, UnitsSpec
from .vocabulary import load_domain


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
