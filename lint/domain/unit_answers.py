"""Unit answers shipped with claimlint for its own rules/units.yaml.

A run with no cache folder (a fresh clone, a CI runner) would otherwise build
pint (about 0.3 s) to answer the same few dozen questions ("t" is a mass, GW to
W is 1e9) every time. The answers for the shipped units file are worked out
once and kept in ``units_answers.json`` beside this module. They are used only
while that units file's bytes and the installed pint's version are the ones
they were worked out with; otherwise pint answers, as it always did. The tests
work them out again and fail when the file is stale.

    python -m claimlint.domain.build_unit_answers    (rewrite units_answers.json after editing rules/units.yaml)
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

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
