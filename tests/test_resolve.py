"""Resolutions: what they resolve, and the R findings about them."""

from __future__ import annotations

from typing import Any

SOURCE = "Plant A has a capacity of 335,000 tons; plant B, too, 335,000 tons.\n"
CLAIMS = """\
source:
  path: seeds/a.txt
claims:
  - id: plant-capacity
    subject: Plant A
    metric: polysilicon production capacity
    value: 335000
    unit: t
    quote: "335,000 tons"
"""


def _project(project: Any, resolutions: str = "") -> Any:
    return project({"seeds/a.txt": SOURCE, "claims/a.yaml": CLAIMS + resolutions})


def test_unresolved_warning_fails(project: Any, cli: Any) -> None:
    run = cli("check", "--format", "json", cwd=_project(project))
    assert run.status == 1 and run.codes() == ["C102"]


def test_resolved_finding_stays_visible_and_passes(project: Any, cli: Any) -> None:
    root = _project(project, "resolutions:\n  - code: C102\n    claim: plant-capacity\n"
                             "    verdict: accepted\n    reason: both plants have the same capacity\n")
    run = cli("check", "--format", "json", cwd=root)
    assert run.status == 0
    (finding,) = run.json["findings"]
    assert finding["code"] == "C102" and finding["resolved"] is True
    assert run.json["summary"] == {"errors": 0, "warnings": 0, "infos": 0, "resolved": 1}
    text = cli("check", cwd=root)
    assert text.out.strip() == "All checks passed (1 resolved)."
    shown = cli("check", "--show-resolved", cwd=root)
    assert "C102 (warning) [resolved]" in shown.out


def test_resolution_needs_a_reason(project: Any, cli: Any) -> None:
    root = _project(project, "resolutions:\n  - code: C102\n    claim: plant-capacity\n    verdict: accepted\n")
    run = cli("check", "--format", "json", cwd=root)
    assert run.status == 1 and sorted(run.codes()) == ["C102", "R102"]


def test_source_error_needs_a_correction(project: Any, cli: Any) -> None:
    root = _project(project, "resolutions:\n  - code: C102\n    claim: plant-capacity\n"
                             "    verdict: source-error\n    reason: plant B is misprinted\n")
    assert sorted(cli("check", "--format", "json", cwd=root).codes()) == ["C102", "R103"]


def test_expired_resolution_no_longer_resolves(project: Any, cli: Any) -> None:
    root = _project(project, "resolutions:\n  - code: C102\n    claim: plant-capacity\n    verdict: accepted\n"
                             "    reason: for now\n    expires: 2001-01-01\n")
    assert sorted(cli("check", "--format", "json", cwd=root).codes()) == ["C102", "R104"]


def test_unused_resolutions_are_reported(project: Any, cli: Any) -> None:
    root = _project(project, "resolutions:\n"
                             "  - code: C102\n    claim: plant-capacity\n    verdict: accepted\n    reason: same\n"
                             "  - code: C101\n    claim: plant-capacity\n    verdict: accepted\n    reason: x\n"
                             "  - code: C102\n    claim: no-such-claim\n    verdict: accepted\n    reason: x\n")
    run = cli("check", "--format", "json", cwd=root)
    unused = [f for f in run.json["findings"] if f["code"] == "R101"]
    assert len(unused) == 2 and run.status == 1
    assert any("does not exist" in f["message"] for f in unused)
    assert [f["line"] for f in unused] == [15, 19]
    # a resolution for a code that is not selected is not called unused
    assert cli("check", "--select", "C102", cwd=root).status == 0


def test_resolution_by_quote_is_scoped_to_its_source(project: Any, cli: Any) -> None:
    root = _project(project)
    run = cli("check", "--format", "json", cwd=root)
    assert run.status == 1
    # a quote resolution is for findings on source text; a claim finding is not resolved by it
    (root / "claims" / "a.yaml").write_text(
        CLAIMS + "resolutions:\n  - code: C102\n    quote: '335,000 tons'\n    verdict: accepted\n    reason: x\n",
        encoding="utf-8",
    )
    run = cli("check", "--format", "json", cwd=root)
    assert sorted(run.codes()) == ["C102", "R101"]
