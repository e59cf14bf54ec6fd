"""Bad input from users, claims, rules and configuration: a located finding (exit 1) or a clear
error naming what is wrong (exit 2), never an internal error; data is never printed raw to a terminal."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, Run

SOURCE = "It has a capacity of 335,000 tons of polysilicon.\n"
CLAIMS = """\
source:
  path: seeds/a.txt
claims:
  - id: plant-capacity
    subject: {subject}
    metric: polysilicon production capacity
    value: 335000
    unit: {unit}
    quote: "a capacity of 335,000 tons of polysilicon"
"""


def _claims(unit: str = "t", subject: str = "Baotou") -> str:
    """A claims file with one claim; ``unit`` and ``subject`` are written as YAML double-quoted strings."""
    return CLAIMS.format(unit=json.dumps(unit), subject=json.dumps(subject))


def _check(cli: Callable[..., Run], root: Path, *args: str) -> Run:
    run = cli("check", "--format", "json", *args, cwd=root)
    assert "internal error" not in run.err and "Traceback" not in run.err, run.err
    return run


def _line_of(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of ``needle``."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


# --- unit strings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "why"),
    [
        ("-", "'-' at position 1 is not allowed"),
        ('__import__("os")', "'(' at position 11 is not allowed"),
        ("t ** 99999", "exponent at position 6 must be a whole number from -9 to 9"),
        ("t;", "';' at position 2 is not allowed"),
        ("t # comment", "'#' at position 3 is not allowed"),
        ("t ", "white space at its start or end"),
        ("t\x00", "U+0000 at position 2 is not allowed"),
        ("a b", "names must be joined by '*' or '/', not by a space"),
        ("square meters", "did you mean 'm**2'?"),
    ],
)
def test_a_string_that_is_no_unit_expression_is_an_unknown_unit(
    project: Any, cli: Any, unit: str, why: str
) -> None:
    root = project({"seeds/a.txt": SOURCE, "claims/a.yaml": _claims(unit=unit)})
    run = _check(cli, root)
    assert run.status == 1
    (finding,) = [f for f in run.json["findings"] if f["code"] == "U101"]
    assert (finding["path"], finding["line"], finding["column"]) == ("claims/a.yaml", 8, 11)
    assert finding["message"].startswith(f"unknown unit '{unit}'")
    assert why in finding["message"]


def test_the_shipped_units_still_read(project: Any, cli: Any) -> None:
    root = project({"seeds/a.txt": SOURCE, "claims/a.yaml": _claims(unit="t")})
    assert _check(cli, root).codes() == []


# --- configuration -------------------------------------------------------------------------


def test_a_missing_claims_folder_is_an_error(project: Any, cli: Any) -> None:
    root = project({})
    shutil.rmtree(root / "claims")
    run = _check(cli, root)
    assert run.status == 2 and run.out == ""
    assert "claims folder" in run.err and str(root / "claims") in run.err and "does not exist" in run.err
    assert cli("errata", cwd=root).status == 2


@pytest.mark.parametrize("key", ["claims", "seeds", "rules"])
def test_a_configured_folder_that_does_not_exist_is_an_error(project: Any, cli: Any, key: str) -> None:
    root = project({})
    (root / "pyproject.toml").write_text(f'[tool.claimlint]\n{key} = "nope"\n', encoding="utf-8")
    run = _check(cli, root)
    assert run.status == 2
    assert f"{key} = 'nope'" in run.err and str(root / "nope") in run.err and "does not exist" in run.err


def test_a_root_that_is_no_claims_project_is_an_error(cli: Any, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    run = _check(cli, tmp_path, "--root", str(empty))
    assert run.status == 2
    assert str(empty / "claims") in run.err and "has no pyproject.toml" in run.err


def test_invalid_toml_is_reported_with_its_position(project: Any, cli: Any) -> None:
    root = project({})
    (root / "pyproject.toml").write_text('[tool.claimlint]\nclaims = "claims"\n[broken\n', encoding="utf-8")
    for args in ((), ("--root", str(root))):
        run = _check(cli, root, *args)
        assert run.status == 2
        assert "pyproject.toml:3:8: invalid TOML: " in run.err, run.err
        assert "section" not in run.err


# --- rules files ---------------------------------------------------------------------------


def _with_rules(project: Any) -> Path:
    """A project with one good claim and its own copy of the shipped rules."""
    root: Path = project({"seeds/a.txt": SOURCE, "claims/a.yaml": _claims()})
    shutil.copytree(REPO / "rules", root / "rules")
    return root


def _rules_project(project: Any, file: str, old: str, new: str) -> tuple[Path, str]:
    root = _with_rules(project)
    path = root / "rules" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    damaged = text.replace(old, new, 1)
    path.write_text(damaged, encoding="utf-8")
    return root, damaged


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "at", "why"),
    [
        ("units.yaml", '  "[power]": W\n', '  "[power]": W\n  "[power]": kW\n', "S102",
         '"[power]": kW', "duplicate key '[power]' (first defined at line 33, column 3)"),
        ("units.yaml", 'definition: "times = 1"', 'definition: "times = 1 * * 2"', "S107",
         '"times = 1 * * 2"', "unit 'times': bad pint definition"),
        ("units.yaml", 'definition: "times = 1"', 'definition: "times = 10 ** 10 ** 10"', "S107",
         '"times = 10 ** 10 ** 10"', "an exponent in a definition must be a single digit"),
        ("units.yaml", '  "[power]": W\n', '  "[power]": "W;"\n', "S107",
         '"W;"', "'W;' is not a unit expression: ';' at position 2 is not allowed"),
        ("metrics.yaml", "  mass: t\n", '  mass: "t ** 99999"\n', "S107",
         '"t ** 99999"', "dimension 'mass': 't ** 99999' is not a unit expression"),
        ("metrics.yaml", "  mass_rate: t / year\n", "  mass_rate: tonz\n", "S107",
         "tonz", "dimension 'mass_rate': 'tonz' is not a unit the unit registry knows"),
        ("metrics.yaml", "  mass: t\n", "  mass: ton\n", "S107",
         "ton\n", "dimension 'mass': unit 'ton' is refused"),
    ],
)
def test_errors_in_rules_files_are_located_in_them(
    project: Any, cli: Any, file: str, old: str, new: str, code: str, at: str, why: str
) -> None:
    root, damaged = _rules_project(project, file, old, new)
    line, column = _line_of(damaged, at)
    for _ in range(2):  # a warm cache must not hide the problem
        run = _check(cli, root)
        assert run.status == 1
        hits = [f for f in run.json["findings"] if f["path"] == f"rules/{file}"]
        assert [(f["code"], f["line"], f["column"]) for f in hits] == [(code, line, column)], hits
        assert why in hits[0]["message"]


def test_a_rules_file_that_is_a_list_says_so(project: Any, cli: Any) -> None:
    root = _with_rules(project)
    (root / "rules" / "entities.yaml").write_text("- 1\n", encoding="utf-8")
    run = _check(cli, root)
    (finding,) = [f for f in run.json["findings"] if f["path"] == "rules/entities.yaml"]
    assert (finding["code"], finding["line"], finding["column"]) == ("S104", 1, 1)
    assert "a rules file is a mapping" in finding["message"] and "'value'" not in finding["message"]


@pytest.mark.parametrize("name", ["units.yaml", "metrics.yaml"])
def test_a_rules_file_that_is_a_pipe_is_a_finding_not_a_hang(project: Any, cli: Any, name: str) -> None:
    root = _with_rules(project)
    (root / "rules" / name).unlink()
    os.mkfifo(root / "rules" / name)  # reading it would wait forever for a writer
    run = _check(cli, root)
    (finding,) = [f for f in run.json["findings"] if f["path"] == f"rules/{name}"]
    assert finding["code"] == "S111" and "not a regular file" in finding["message"]


def test_a_rules_field_named_like_a_claim_field_is_described_as_itself(project: Any, cli: Any) -> None:
    root = _with_rules(project)
    (root / "rules" / "entities.yaml").write_text("version: 1\nentities:\n  value: 5\n", encoding="utf-8")
    run = _check(cli, root)
    (finding,) = [f for f in run.json["findings"] if f["path"] == "rules/entities.yaml"]
    assert finding["code"] == "S107" and finding["message"] == "'value' must be a mapping; got the number 5"


# --- claims --------------------------------------------------------------------------------


def test_a_period_that_ends_before_it_starts_is_invalid(project: Any, cli: Any) -> None:
    text = _claims().replace("    unit:", "    period: {from: 2024, to: 2023}\n    unit:")
    root = project({"seeds/a.txt": SOURCE, "claims/a.yaml": text})
    run = _check(cli, root)
    assert run.status == 1
    (finding,) = [f for f in run.json["findings"] if f["code"] == "S107"]
    assert (finding["line"], finding["column"]) == _line_of(text, "{from: 2024")
    assert "the period starts (2024) after it ends (2023)" in finding["message"]
    # a period from a month to the end of its year is fine
    (root / "claims" / "a.yaml").write_text(text.replace("{from: 2024, to: 2023}", "{from: 2023-06, to: 2023}"),
                                            encoding="utf-8")
    assert _check(cli, root).codes() == []


def test_a_resolution_of_an_invalid_claim_says_it_is_invalid(project: Any, cli: Any) -> None:
    text = _claims().replace("value: 335000", 'value: "335,000"') + (
        "resolutions:\n  - code: C102\n    claim: plant-capacity\n    verdict: accepted\n    reason: same\n")
    root = project({"seeds/a.txt": SOURCE, "claims/a.yaml": text})
    (finding,) = [f for f in _check(cli, root).json["findings"] if f["code"] == "R101"]
    assert "'plant-capacity', which is invalid" in finding["message"]
    assert "does not exist" not in finding["message"]


# --- what is printed -----------------------------------------------------------------------

ESC = "\x1b"


def test_control_characters_from_data_are_shown_escaped_in_text(project: Any, cli: Any) -> None:
    text = _claims(unit=f"t{ESC}[2J", subject=f"Baotou{ESC}]0;title\x07")
    root = project({"seeds/a.txt": SOURCE, "claims/a.yaml": text, f"claims/b{ESC}[31m.yaml": text.replace(
        "id: plant-capacity", "id: other-capacity")})
    run = cli("check", cwd=root)
    assert run.status == 1
    assert ESC not in run.out and "\x07" not in run.out
    assert "unknown unit 't\\x1b[2J'" in run.out
    assert "claims/b\\x1b[31m.yaml:8:11: U101" in run.out
    # JSON keeps the data exactly
    data = _check(cli, root).json
    assert any(f["message"].startswith(f"unknown unit 't{ESC}[2J'") for f in data["findings"])
    assert f"claims/b{ESC}[31m.yaml" in {f["path"] for f in data["findings"]}
    # and an error message naming a path given by the user
    missing = cli("check", f"nope{ESC}[2J.yaml", cwd=root)
    assert missing.status == 2 and ESC not in missing.err and "nope\\x1b[2J.yaml" in missing.err


def test_scan_figures_text_escapes_file_names(cli: Any, tmp_path: Path) -> None:
    (tmp_path / f"a{ESC}[31m.txt").write_text(f"It made 41 GW{ESC}[8m.\n", encoding="utf-8")
    run = cli("scan", "--figures", f"a{ESC}[31m.txt", cwd=tmp_path)
    assert run.status == 0 and ESC not in run.out
    assert run.out.startswith("a\\x1b[31m.txt:1:9: 41 GW")


# --- paths on the command line -------------------------------------------------------------


def test_a_path_on_the_command_line_that_does_not_exist_is_a_usage_error(project: Any, cli: Any) -> None:
    root = project({"seeds/a.txt": SOURCE, "claims/a.yaml": _claims()})
    for args in (("check", "nonexistent.yaml"), ("scan", "/nonexistent"), ("scan", "seeds/a.txt", "nope.txt"),
                 ("draft", "nope.txt")):
        run = cli(*args, cwd=root)
        assert run.status == 2, args
        assert f"'{args[-1]}' does not exist" in run.err and run.out == ""


# --- the errata report in Markdown -----------------------------------------------------------

ERRATA_SOURCE = "R&amp;D <b>bold</b> & more: the plant made 25GW of modules. 8GW. More & less.\n"


def test_markdown_errata_escapes_source_text_and_url(project: Any, cli: Any) -> None:
    claims = ('source:\n  path: seeds/a.txt\n  url: "https://example.org/a>b<script>?q=1&r=`x`"\n'
              '  title: "Title #1 & <i>x</i>"\nclaims: []\n')
    root = project({"seeds/a.txt": ERRATA_SOURCE, "claims/a.yaml": claims})
    run = cli("errata", cwd=root)
    assert run.status == 0
    assert "<https://example.org/a%3Eb%3Cscript%3E?q=1&r=%60x%60>" in run.out
    assert "## Title \\#1 \\& \\<i\\>x\\</i\\>" in run.out
    quote = next(line for line in run.out.splitlines() if line.startswith("> "))
    assert quote.startswith("> R\\&amp;D \\<b\\>bold\\</b\\> \\& more: the plant made **")
    assert "<b>" not in run.out and "&amp;D" not in run.out.replace("\\&amp;D", "")
    # JSON stays exact
    data = json.loads(cli("errata", "--format", "json", cwd=root).out)
    assert data["sources"][0]["url"] == "https://example.org/a>b<script>?q=1&r=`x`"
