"""Every rule's documented examples do what the documentation says."""

from __future__ import annotations

from typing import Any

import pytest
from claimlint.checks import ALL_RULES, Example, Rule


def _run(example: Example, project: Any, cli: Any) -> list[str]:
    """Codes of the unresolved findings at error or warning level (infos such as coverage aside)."""
    root = project({"seeds/example.txt": example.source, "claims/example.yaml": example.claims})
    run = cli("check", "--format", "json", cwd=root)
    assert "Traceback" not in run.err
    return [f["code"] for f in run.json["findings"] if not f["resolved"] and f["severity"] != "info"]


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.code for r in ALL_RULES])
def test_documented_failing_example_fails(rule: type[Rule], project: Any, cli: Any) -> None:
    assert rule.failing is not None, f"{rule.code} documents no failing example"
    root = project({"seeds/example.txt": rule.failing.source, "claims/example.yaml": rule.failing.claims})
    run = cli("check", "--format", "json", cwd=root)
    assert rule.code in run.codes()


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.code for r in ALL_RULES])
def test_documented_passing_example_passes(rule: type[Rule], project: Any, cli: Any) -> None:
    assert rule.passing is not None, f"{rule.code} documents no passing example"
    assert _run(rule.passing, project, cli) == []


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.code for r in ALL_RULES])
def test_documentation_has_the_standard_sections(rule: type[Rule]) -> None:
    doc = rule.documentation()
    assert "## What it does" in doc and "## Why is this bad?" in doc
    assert rule.summary and rule.name
