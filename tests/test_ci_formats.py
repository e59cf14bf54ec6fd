"""SARIF and GitHub output, and `check --since`, as CI uses them."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import jsonschema

from .conftest import REPO

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
CLAIMS_001 = "claims/001_043d49c40cd12faa.yaml"


def _damage(root: Path) -> None:
    path = root / CLAIMS_001
    text = path.read_text(encoding="utf-8")
    text = text.replace("forming a production capacity of 335,000", "forming a productive capacity of 335,000")
    text = text.replace("value: 138.8\n", "value: 1388\n")
    path.write_text(text, encoding="utf-8")


def test_sarif_validates_and_keeps_resolved_findings_as_suppressions(repo_copy: Path, cli: Any) -> None:
    _damage(repo_copy)
    run = cli("check", "--format", "sarif", cwd=repo_copy)
    assert run.status == 1
    log = json.loads(run.out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert {"C101", "X101", "G101"} <= {r["id"] for r in rules}
    assert all(r["help"]["markdown"].startswith(f"# {r['id']}") for r in rules)
    results = sarif_run["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    resolved = cli("check", "--format", "json", cwd=repo_copy).json["summary"]["resolved"]
    assert resolved > 0 and len(suppressed) == resolved
    assert all(s["suppressions"][0]["justification"] for s in suppressed)
    open_results = [r for r in results if not r.get("suppressions")]
    assert {r["ruleId"] for r in open_results} >= {"C101", "C104"}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    on_source = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("seeds/")]
    assert on_source, "findings on source text are located in the source file"


def _fingerprints(root: Path, cli: Any) -> dict[str, str]:
    log = json.loads(cli("check", "--format", "sarif", cwd=root).out)
    return {r["ruleId"] + r["message"]["text"][:40]: r["partialFingerprints"]["claimlintFinding/v1"]
            for r in log["runs"][0]["results"]}


def test_fingerprints_survive_unrelated_edits(repo_copy: Path, cli: Any) -> None:
    _damage(repo_copy)
    before = _fingerprints(repo_copy, cli)
    path = repo_copy / CLAIMS_001
    text = path.read_text(encoding="utf-8")
    # an unrelated edit that moves every line: a comment at the top and a longer note
    path.write_text("# reviewed\n# twice\n" + text.replace("claims:\n", "claims:\n\n", 1), encoding="utf-8")
    after = _fingerprints(repo_copy, cli)
    assert before == after


def _parse_github(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner parses it: ::name key=value,...::message, %-escapes undone."""
    found = re.fullmatch(r"::(\w+) (.*?)::(.*)", line)
    assert found, line

    def undo(text: str, props: bool) -> str:
        text = text.replace("%0D", "\r").replace("%0A", "\n")
        if props:
            text = text.replace("%3A", ":").replace("%2C", ",")
        return text.replace("%25", "%")

    properties = dict(pair.split("=", 1) for pair in found.group(2).split(","))
    return found.group(1), {k: undo(v, True) for k, v in properties.items()}, undo(found.group(3), False)


def test_github_annotations_parse_as_github_parses_them(project: Any, cli: Any) -> None:
    # 12 claims with broken quotes: 12 errors, only 10 shown; names with ':' and ',' and '%' escaped
    claims = ["source:\n  path: seeds/a,b:c%.txt\nclaims:\n"]
    for i in range(12):
        claims.append(f"  - id: c{i}\n    subject: X\n    metric: polysilicon production capacity\n"
                      f"    value: {i}\n    unit: t\n    quote: \"{i} tons, 100% sure: no\\nnewline\"\n")
    root = project({"seeds/a,b:c%.txt": "Nothing here.\n", "claims/a,b.yaml": "".join(claims)})
    run = cli("check", "--format", "github", cwd=root)
    assert run.status == 1
    lines = run.out.splitlines()
    commands = [_parse_github(line) for line in lines if line.startswith("::")]
    errors = [c for c in commands if c[0] == "error"]
    assert len(errors) == 10
    _name, props, _message = errors[0]
    assert props["file"] == "claims/a,b.yaml" and props["title"].startswith("C101")
    assert int(props["line"]) > 0 and int(props["col"]) > 0
    assert any("seeds/a,b:c%.txt" in c[2] for c in commands)
    assert lines[-1].startswith("claimlint: ") and "SARIF" in lines[-1]


def test_github_annotations_show_terminal_escapes_from_data_visibly(project: Any, cli: Any) -> None:
    claims = ("source:\n  path: seeds/a.txt\nclaims:\n  - id: c1\n    subject: X\n"
              "    metric: \"polysilicon \\e[2J\\e]0;owned\\a\"\n    value: 1\n    unit: t\n"
              "    quote: \"1 ton\"\n")
    root = project({"seeds/a.txt": "It made 1 ton.\n", "claims/a.yaml": claims})
    run = cli("check", "--format", "github", cwd=root)
    assert run.status == 1 and "\x1b" not in run.out and "\x07" not in run.out
    assert "\\x1b[2J" in run.out


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_since_marks_what_a_change_introduced(repo_copy: Path, cli: Any) -> None:
    _git(repo_copy, "init", "-q")
    _git(repo_copy, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    _git(repo_copy, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    path = repo_copy / CLAIMS_001
    path.write_text(path.read_text(encoding="utf-8").replace("forming a production capacity of 335,000",
                                                              "forming a productive capacity of 335,000"),
                    encoding="utf-8")
    _git(repo_copy, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "break one quote")
    _damage(repo_copy)  # and, uncommitted, another damage
    run = cli("check", "--format", "json", "--since", "HEAD", cwd=repo_copy)
    assert run.status == 1
    unresolved = [f for f in run.json["findings"] if not f["resolved"]]
    new = [f for f in unresolved if f.get("new")]
    assert {f["code"] for f in new} == {"C104"}  # the value change; the quote broke before HEAD
    assert any(f["code"] == "C101" and not f.get("new") for f in unresolved)
    text = cli("check", "--since", "HEAD~1", cwd=repo_copy).out
    assert "[new]" in text and re.search(r"\d+ new since HEAD~1", text)
    assert cli("check", "--since", "no-such-rev", cwd=repo_copy).status == 2


def test_a_rules_change_reports_everything(repo_copy: Path, cli: Any) -> None:
    _damage(repo_copy)
    everything = cli("check", "--format", "json", cwd=repo_copy).json["findings"]
    narrowed = cli("check", "--format", "json", "claims/000_00a56762d8edd7ee.yaml", cwd=repo_copy).json["findings"]
    assert len(narrowed) < len(everything)
    via_rules = cli("check", "--format", "json", "rules/metrics.yaml", cwd=repo_copy).json["findings"]
    assert len(via_rules) == len(everything)


def test_workflow_uses_github_format_sarif_and_errata() -> None:
    workflow = (REPO / ".github" / "workflows" / "claimlint.yml").read_text(encoding="utf-8")
    assert "--format github" in workflow and "--format sarif" in workflow and "errata" in workflow


def test_workflow_validates_against_the_github_workflow_schema() -> None:
    import shutil

    import pytest

    tool = shutil.which("check-jsonschema")
    if tool is None:
        pytest.skip("check-jsonschema is not installed (it is in the test extra)")
    done = subprocess.run([tool, "--builtin-schema", "vendor.github-workflows",
                           str(REPO / ".github" / "workflows" / "claimlint.yml")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
