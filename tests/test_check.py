"""`claimlint check` end to end, as a user runs it: the shipped base, then damaged copies."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO

CLAIMS_001 = "claims/001_043d49c40cd12faa.yaml"
CLAIM = "baotou-polysilicon-capacity-2023"


def test_shipped_claims_base_is_clean(cli: Any) -> None:
    run = cli("check", "--format", "json", cwd=REPO)
    assert run.status == 0, run.out
    assert [f for f in run.json["findings"] if not f["resolved"]] == []


def console_script() -> Path:
    """The installed ``claimlint`` script of the environment running the tests: beside its interpreter
    (not resolved: a virtual environment's python is a link to the base one), so the test needs no
    activated environment and never picks up another installation from PATH."""
    return Path(sys.executable).parent / ("claimlint.exe" if os.name == "nt" else "claimlint")


def test_console_script_and_module_entry_points() -> None:
    script = console_script()
    assert script.is_file(), f"no console script beside {sys.executable}: is claimlint installed here?"
    for command in ([str(script), "check"], [sys.executable, "-m", "claimlint", "check"]):
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "All checks passed" in done.stdout


def _edit(root: Path, path: str, change: Callable[[str], str]) -> None:
    file = root / path
    before = file.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the damage did not apply"
    file.write_text(after, encoding="utf-8")


def _claim_block(text: str, claim_id: str) -> tuple[int, int]:
    start = text.index(f"  - id: {claim_id}\n")
    following = text.find("\n  - id: ", start + 1)
    return start, len(text) if following < 0 else following + 1


def _in_claim(claim_id: str, change: Callable[[str], str]) -> Callable[[str], str]:
    def apply(text: str) -> str:
        start, end = _claim_block(text, claim_id)
        return text[:start] + change(text[start:end]) + text[end:]

    return apply


DAMAGES: list[tuple[str, Callable[[str], str], str, str | None]] = [
    ("quote changed", _in_claim(CLAIM, lambda b: b.replace("335,000 tons", "353,000 tons")), "C101", CLAIM),
    ("quote paraphrased", _in_claim(CLAIM, lambda b: b.replace("forming a production", "with a production")), "C101", CLAIM),
    ("key duplicated", _in_claim(CLAIM, lambda b: b.replace("    unit: t\n", "    unit: t\n    unit: GW\n")), "S102", CLAIM),
    ("field misspelt", _in_claim(CLAIM, lambda b: b.replace("    qualifier:", "    qualifer:")), "S105", CLAIM),
    ("quote removed", _in_claim(CLAIM, lambda b: re.sub(r"    quote: .*\n", "", b)), "S106", CLAIM),
    ("unit removed", _in_claim(CLAIM, lambda b: re.sub(r"    unit: .*\n", "", b)), "S106", CLAIM),
    ("value as text", _in_claim(CLAIM, lambda b: b.replace("value: 335000", 'value: "335,000"')), "S107", CLAIM),
    ("qualifier unknown", _in_claim(CLAIM, lambda b: re.sub(r"qualifier: \w+", "qualifier: roughly", b)), "S107", CLAIM),
    ("file broken", _in_claim(CLAIM, lambda b: b.replace("    unit: t\n", "    unit: [t\n")), "S101", CLAIM),
    ("tab indentation", _in_claim(CLAIM, lambda b: b.replace("    unit: t\n", "\tunit: t\n")), "S101", CLAIM),
    ("value off by ten", _in_claim(CLAIM, lambda b: b.replace("value: 335000", "value: 3350000")), "C104", CLAIM),
    ("value dropped a zero", _in_claim(CLAIM, lambda b: b.replace("value: 335000", "value: 33500")), "C104", CLAIM),
    ("unit of another dimension", _in_claim(CLAIM, lambda b: b.replace("unit: t\n", "unit: GW\n")), "U102", CLAIM),
    ("unit swapped in quote", _in_claim(CLAIM, lambda b: b.replace("unit: t\n", "unit: GW\n")), "C105", CLAIM),
    ("short ton", _in_claim(CLAIM, lambda b: b.replace("unit: t\n", "unit: ton\n")), "U103", CLAIM),
    ("unknown unit", _in_claim(CLAIM, lambda b: b.replace("unit: t\n", "unit: tonnage\n")), "U101", CLAIM),
    ("qualifier lost", _in_claim(CLAIM, lambda b: b.replace("forming a production capacity of 335,000",
                                                            "forming a production capacity of nearly 335,000")),
     "C101", CLAIM),
    ("metric misspelt", _in_claim(CLAIM, lambda b: b.replace("metric: polysilicon production capacity",
                                                             "metric: polysilicon productoin capacity")), "U104", CLAIM),
    ("path outside", lambda t: t.replace("path: seeds/001_043d49c40cd12faa.txt", "path: /etc/passwd"), "S109", None),
    ("path climbs", lambda t: t.replace("path: seeds/001_043d49c40cd12faa.txt", "path: seeds/../pyproject.toml"), "S109", None),
    ("source missing", lambda t: t.replace("path: seeds/001_043d49c40cd12faa.txt", "path: seeds/001.txt"), "S110", None),
    ("hash changed", lambda t: re.sub(r"sha256: [0-9a-f]{64}", "sha256: " + "0" * 64, t), "C103", None),
    ("empty file", lambda t: "", "S104", None),
    ("list at top", lambda t: "- a\n- b\n", "S104", None),
]


@pytest.mark.parametrize(("name", "change", "code", "claim"), DAMAGES, ids=[d[0] for d in DAMAGES])
def test_each_damage_is_caught(
    repo_copy: Path, cli: Any, name: str, change: Callable[[str], str], code: str, claim: str | None
) -> None:
    _edit(repo_copy, CLAIMS_001, change)
    run = cli("check", "--format", "json", cwd=repo_copy)
    assert run.status == 1, run.out
    hits = [f for f in run.json["findings"] if f["code"] == code and not f["resolved"]]
    assert hits, f"{name}: expected {code}, got {run.codes()}"
    assert all(f["path"] == CLAIMS_001 for f in hits)
    if claim is not None:
        assert any(f["claim"] == claim for f in hits), hits
    assert "Traceback" not in run.out + run.err


def test_reused_id_across_files_is_caught(repo_copy: Path, cli: Any) -> None:
    other = "claims/004_f187eb5fd856e316.yaml"
    text = (repo_copy / other).read_text(encoding="utf-8")
    first_id = re.search(r"  - id: (\S+)", text).group(1)  # type: ignore[union-attr]
    _edit(repo_copy, other, lambda t: t.replace(f"id: {first_id}\n", f"id: {CLAIM}\n", 1))
    run = cli("check", "--format", "json", cwd=repo_copy)
    assert run.status == 1
    (hit,) = [f for f in run.json["findings"] if f["code"] == "S108"]
    assert hit["claim"] == CLAIM and hit["path"] == other
    assert CLAIMS_001 in hit["message"]


def test_source_link_out_of_tree_is_not_read(repo_copy: Path, cli: Any, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET 335,000 tons", encoding="utf-8")
    os.symlink(secret, repo_copy / "seeds" / "link.txt")
    _edit(repo_copy, CLAIMS_001, lambda t: t.replace("seeds/001_043d49c40cd12faa.txt", "seeds/link.txt"))
    run = cli("check", cwd=repo_copy)
    assert run.status == 1
    assert "S109" in run.out and "TOP SECRET" not in run.out


def test_text_output_is_editor_friendly(repo_copy: Path, cli: Any) -> None:
    _edit(repo_copy, CLAIMS_001, _in_claim(CLAIM, lambda b: b.replace("forming a production", "forming a productive")))
    run = cli("check", cwd=repo_copy)
    first, *_, last = run.out.splitlines()
    assert re.match(rf"^{re.escape(CLAIMS_001)}:\d+:\d+: C101 quote not found in seeds/001_043d49c40cd12faa\.txt; "
                    r"closest passage at line \d+, column \d+: '.*forming a production capacity of 335,000 tons",
                    first), first
    # the figure the broken quote no longer covers is listed for information (C107)
    assert re.fullmatch(r"Found 1 error, 1 info \(\d+ resolved\)\.", last), last
    assert "\033[" not in run.out  # no colour when not on a terminal


def test_json_output_has_the_documented_shape(repo_copy: Path, cli: Any) -> None:
    _edit(repo_copy, CLAIMS_001, _in_claim(CLAIM, lambda b: b.replace("forming a production", "forming a productive")))
    data = cli("check", "--format", "json", cwd=repo_copy).json
    assert data["version"] == 1
    (finding, info) = [f for f in data["findings"] if not f["resolved"]]
    assert info["code"] == "C107" and info["severity"] == "info"
    assert set(finding) >= {"code", "severity", "message", "path", "line", "column", "claim", "resolved"}
    assert finding["severity"] == "error" and finding["resolved"] is False
    resolved = sum(f["resolved"] for f in data["findings"])
    assert data["summary"] == {"errors": 1, "warnings": 0, "infos": 1, "resolved": resolved}
    line = (repo_copy / CLAIMS_001).read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
    assert line[finding["column"] - 1 :].startswith('"forming a productive capacity of 335,000')


def test_paths_limit_what_is_reported_but_not_what_is_loaded(repo_copy: Path, cli: Any) -> None:
    _edit(repo_copy, CLAIMS_001, _in_claim(CLAIM, lambda b: b.replace("335,000 tons", "353,000 tons")))
    other = "claims/004_f187eb5fd856e316.yaml"
    assert cli("check", other, cwd=repo_copy).status == 0
    assert cli("check", CLAIMS_001, cwd=repo_copy).status == 1
    # the source a claim cites also selects the claim's findings (a seed edited under its claims)
    assert cli("check", "seeds/001_043d49c40cd12faa.txt", cwd=repo_copy).status == 1
    # paths are taken relative to the working directory, like any linter
    assert cli("check", "001_043d49c40cd12faa.yaml", cwd=repo_copy / "claims").status == 1
    # a claim in another file reusing an id is still seen: the whole base is loaded
    _edit(repo_copy, other, lambda t: re.sub(r"  - id: \S+\n", f"  - id: {CLAIM}\n", t, count=1))
    assert "S108" in cli("check", other, cwd=repo_copy).out


def test_select_ignore_and_fail_on(repo_copy: Path, cli: Any) -> None:
    _edit(repo_copy, CLAIMS_001, _in_claim(CLAIM, lambda b: b.replace("forming a production", "forming a productive")))
    assert cli("check", "--select", "S", cwd=repo_copy).status == 0
    assert cli("check", "--ignore", "C101", cwd=repo_copy).status == 0
    assert cli("check", "--select", "C1", cwd=repo_copy).status == 1
    assert cli("check", "--fail-on", "error", cwd=repo_copy).status == 1


def test_warnings_fail_by_default_but_not_with_fail_on_error(repo_copy: Path, cli: Any) -> None:
    # make a quote ambiguous: "100 billion yuan" occurs several times in 001
    _edit(repo_copy, CLAIMS_001, lambda t: re.sub(r'quote: "first batch of cities[^"]*"', 'quote: "100 billion yuan"', t))
    run = cli("check", "--format", "json", "--select", "C102", cwd=repo_copy)
    assert run.codes() == ["C102"] and run.status == 1
    assert cli("check", "--select", "C102", "--fail-on", "error", cwd=repo_copy).status == 0


def test_config_in_pyproject_is_used(repo_copy: Path, cli: Any) -> None:
    _edit(repo_copy, CLAIMS_001, _in_claim(CLAIM, lambda b: b.replace("forming a production", "forming a productive")))
    _edit(repo_copy, "pyproject.toml", lambda t: t.replace("[tool.claimlint]\n", '[tool.claimlint]\nignore = ["C101"]\n'))
    assert cli("check", cwd=repo_copy).status == 0
    assert cli("check", "--ignore", "", cwd=repo_copy).status == 1  # the command line wins


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--format", "xml"),
        ("check", "--fail-on", "fatal"),
        ("check", "--select", "Q999"),
        ("check", "no/such/file.yaml"),
        ("rule", "Z999"),
        ("frobnicate",),
    ],
)
def test_bad_arguments_exit_2(cli: Any, args: tuple[str, ...]) -> None:
    run = cli(*args, cwd=REPO)
    assert run.status == 2
    assert "Traceback" not in run.err


def test_no_project_root_exits_2(cli: Any, tmp_path: Path) -> None:
    run = cli("check", cwd=tmp_path)
    assert run.status == 2 and "pyproject.toml" in run.err


def test_broken_configuration_exits_2(cli: Any, project: Any) -> None:
    root = project({})
    (root / "pyproject.toml").write_text("[tool.claimlint\n", encoding="utf-8")
    assert cli("check", "--root", str(root), cwd=root).status == 2
    (root / "pyproject.toml").write_text('[tool.claimlint]\nfail-on = "sometimes"\n', encoding="utf-8")
    assert cli("check", cwd=root).status == 2


def test_root_option(cli: Any, tmp_path: Path) -> None:
    assert cli("check", "--root", str(REPO), cwd=tmp_path).status == 0
    assert cli("check", "--root", str(tmp_path / "nope"), cwd=tmp_path).status == 2


def test_rules_and_rule_commands(cli: Any) -> None:
    listing = cli("rules", "--format", "json", cwd=REPO)
    codes = [r["code"] for r in json.loads(listing.out)["rules"]]
    assert {"S101", "S102", "S105", "C101", "C102", "C103"} <= set(codes)
    doc = cli("rule", "c101", cwd=REPO)
    assert doc.status == 0 and "## What it does" in doc.out and "Example: fails" in doc.out


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"source:\n  path: seeds/x.txt\nclaims: []\ntitle: caf\xe9\n", "S111", "line 4, column 11"),
        ("source: {path: seeds/x.txt}\nclaims: []\n".encode("utf-16"), "S111", "UTF-16"),
        (b"\x00\x01\x02binary", "S101", "invalid YAML"),
        (b"source: [unclosed\n", "S101", "line 2"),
        (b"just a string\n", "S104", "not the text"),
    ],
)
def test_broken_claims_files_are_findings(project: Any, cli: Any, content: bytes, code: str, words: str) -> None:
    root = project({"seeds/x.txt": "text", "claims/broken.yaml": content})
    run = cli("check", "--format", "json", cwd=root)
    assert run.status == 1
    (finding,) = run.json["findings"]
    assert finding["code"] == code and finding["path"] == "claims/broken.yaml"
    assert words in finding["message"] or words in f"line {finding['line']}"


def test_a_folder_named_like_a_claims_file_is_a_finding(project: Any, cli: Any) -> None:
    root = project({"seeds/x.txt": "text"})
    (root / "claims" / "odd.yaml").mkdir()
    run = cli("check", "--format", "json", cwd=root)
    assert run.status == 1 and run.codes() == ["S111"]


def test_a_pipe_named_like_a_claims_file_is_a_finding_not_a_hang(project: Any, cli: Any) -> None:
    root = project({"seeds/x.txt": "text"})
    os.mkfifo(root / "claims" / "pipe.yaml")  # reading it would wait forever for a writer
    run = cli("check", "--format", "json", cwd=root)
    assert run.status == 1 and run.codes() == ["S111"]
    assert "not a regular file" in run.json["findings"][0]["message"]


def test_an_empty_project_is_clean(project: Any, cli: Any) -> None:
    root = project({})
    assert cli("check", cwd=root).status == 0


def test_a_contradiction_is_reported_to_both_files_it_involves(project: Any, cli: Any) -> None:
    """X101 is written on the later claim; checking only the earlier file (as the hook does) still shows it."""
    source = "Yunnan had 300,000 tons of polysilicon capacity in 2023. Another report said 500,000 tons.\n"

    def claims(claim_id: str, value: int, quote: str) -> str:
        return (f"source:\n  path: seeds/a.txt\n  published: 2024-01-10\nclaims:\n  - id: {claim_id}\n"
                f"    subject: Yunnan\n    metric: polysilicon production capacity\n    value: {value}\n"
                f"    unit: t\n    period: 2023\n    quote: \"{quote}\"\n")

    root = project({"seeds/a.txt": source,
                    "claims/a.yaml": claims("yunnan-poly-a", 300000, "300,000 tons of polysilicon"),
                    "claims/b.yaml": claims("yunnan-poly-b", 500000, "500,000 tons")})
    for path in ("claims/a.yaml", "claims/b.yaml"):
        run = cli("check", "--format", "json", "--ignore", "C107", path, cwd=root)
        assert run.status == 1 and run.codes() == ["X101"], (path, run.out)


def test_a_part_larger_than_its_whole_is_reported_to_the_whole_s_file_too(project: Any, cli: Any) -> None:
    source = "Baotou made 500,000 tons of polysilicon in 2023, and Inner Mongolia 400,000 tons.\n"

    def claims(claim_id: str, subject: str, value: int, quote: str) -> str:
        return (f"source:\n  path: seeds/a.txt\n  published: 2024-01-10\nclaims:\n  - id: {claim_id}\n"
                f"    subject: {subject}\n    metric: polysilicon production capacity\n    value: {value}\n"
                f"    unit: t\n    period: 2023\n    quote: \"{quote}\"\n")

    root = project({"seeds/a.txt": source,
                    "claims/a-region.yaml": claims("region-poly", "Inner Mongolia", 400000, "Inner Mongolia 400,000 tons"),
                    "claims/b-city.yaml": claims("baotou-poly", "Baotou", 500000, "500,000 tons of polysilicon")})
    for path in ("claims/a-region.yaml", "claims/b-city.yaml"):
        run = cli("check", "--format", "json", "--ignore", "C107", path, cwd=root)
        assert run.codes() == ["P102"], (path, run.out)


def test_a_figure_inside_a_long_quote_is_covered_whatever_shorter_quotes_start_after_it(project: Any,
                                                                                       cli: Any) -> None:
    """C107 looks at every quote that starts before a figure, not only the nearest one."""
    sentence = "The plant has 335,000 tons of polysilicon and 41 GW of wafers, and 12 GW of modules."
    claims = ("source:\n  path: seeds/a.txt\n  published: 2023-05-24\nclaims:\n"
              + "".join(f"  - id: {name}\n    subject: Baotou\n    metric: {metric}\n    value: {value}\n"
                        f"    unit: {unit}\n    period: 2023\n    kind: actual\n    quote: \"{quote}\"\n"
                        for name, metric, value, unit, quote in [
                            ("poly", "polysilicon production capacity", 335000, "t", sentence[:-1]),
                            ("plant", "wafer production capacity", 41, "GW", "has 335,000"),
                        ]))
    root = project({"seeds/a.txt": sentence + "\n", "claims/a.yaml": claims})
    run = cli("check", "--format", "json", "--select", "C107", cwd=root)
    assert run.json["findings"] == []  # the spans: (0, 84) and (10, 21); 41 GW and 12 GW lie in the first
    uncovered = claims.replace(sentence[:-1], "The plant has 335,000 tons of polysilicon")
    (root / "claims" / "a.yaml").write_text(uncovered, encoding="utf-8")
    run = cli("check", "--format", "json", "--select", "C107", cwd=root)
    assert sorted(f["message"].rsplit("'", 2)[1] for f in run.json["findings"]) == ["12 GW", "41 GW"]


def test_a_source_saved_twice_gets_its_findings_under_each_name(project: Any, cli: Any) -> None:
    """The same article under two names is read once (figures, text findings), yet each copy's
    findings name that copy, and a copy published on another date is judged by its own date."""
    text = "In 2021, output will exceed 100 billion yuan. It has 25GW of modules. 8GW. Also 41 GW of wafers.\n"

    def claims(seed: str, published: str) -> str:
        return (f"source:\n  path: seeds/{seed}\n  published: {published}\nclaims:\n"
                "  - id: modules-" + seed[0] + "\n    subject: Baotou\n    metric: module production capacity\n"
                "    value: 25\n    unit: GW\n    period: 2021\n    kind: actual\n    quote: \"25GW of modules\"\n")

    root = project({"seeds/a.txt": text, "seeds/b.txt": text, "seeds/c.txt": text,
                    "claims/a.yaml": claims("a.txt", "2022-03-01"), "claims/b.yaml": claims("b.txt", "2022-03-01"),
                    "claims/c.yaml": claims("c.txt", "2021-01-01")})
    run = cli("check", "--format", "json", "--select", "G,T,C107", cwd=root)
    found = sorted((f["path"], f["code"], f["line"], f["column"], f.get("quote")) for f in run.json["findings"])
    expected_ab = [("G101", 1, 54, "25GW of modules. 8GW."), ("T201", 1, 1, "In 2021, output will exceed")]
    # not quoted: 100 billion yuan, 8GW and 41 GW, each shown with three words either side
    unclaimed = [("C107", 1, 10, "output will exceed 100 billion yuan. It has 25GW"),
                 ("C107", 1, 54, "25GW of modules. 8GW. Also 41 GW"),
                 ("C107", 1, 62, "modules. 8GW. Also 41 GW of wafers")]
    for copy in ("seeds/a.txt", "seeds/b.txt"):
        assert sorted(f[1:] for f in found if f[0] == copy) == sorted(unclaimed + expected_ab)
    # published in 2021: "will exceed" is no slip there
    assert [f[1] for f in found if f[0] == "seeds/c.txt" and f[1] != "C107"] == ["G101"]
