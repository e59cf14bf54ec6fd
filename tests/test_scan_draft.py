"""`claimlint scan --figures` and `claimlint draft`, run as a user would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REPO

ARTICLE = (
    "Report\n"
    "The province has formed nearly 3.37 million tons of capacity and 41 GW of wafers.\r\n"
    "Output value exceeded 100 billion yuan in 2022, with 30-40 GW planned.\n"
)


def test_scan_figures_json(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode())
    run = cli("scan", "--figures", "--format", "json", "a.txt", cwd=tmp_path)
    assert run.status == 0
    data = run.json
    assert data["version"] == 1
    got = [(f["line"], f["column"], f["text"], f["value"], f["unit"], f["qualifier"], f.get("high"))
           for f in data["figures"]]
    assert got == [
        (2, 32, "3.37 million tons", 3370000, "t", "nearly", None),
        (2, 66, "41 GW", 41, "GW", "exact", None),
        (3, 23, "100 billion yuan", 100000000000, "yuan", "more_than", None),
        (3, 54, "30-40 GW", 30, "GW", "exact", 40),
    ]
    assert all(f["path"] == "a.txt" for f in data["figures"])  # outside any root: the path as given


def test_scan_figures_text_and_root_relative_paths(cli: Any) -> None:
    run = cli("scan", "--figures", "seeds/000_00a56762d8edd7ee.txt", cwd=REPO)
    assert run.status == 0
    assert "seeds/000_00a56762d8edd7ee.txt:7:225: 3.37 million tons  = 3,370,000 t, exact" in run.out.splitlines()


def test_scan_binary_file_is_a_finding_and_missing_file_a_usage_error(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"caf\xe9")
    run = cli("scan", "--figures", "--format", "json", "b.txt", cwd=tmp_path)
    assert run.status == 1
    assert [f["code"] for f in run.json["findings"]] == ["S111"]
    missing = cli("scan", "--figures", "--format", "json", "nope.txt", "b.txt", cwd=tmp_path)
    assert missing.status == 2 and "'nope.txt' does not exist" in missing.err


def test_scan_without_figures_reports_text_findings(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("In 2021, output will exceed 100 billion yuan. It has 25GW of modules. 8GW.\n",
                                    encoding="utf-8")
    run = cli("scan", "--format", "json", "--published", "2022-03-01", "a.txt", cwd=tmp_path)
    assert run.status == 1
    found = [(f["code"], f["line"], f["column"], f["quote"]) for f in run.json["findings"]]
    assert found == [("T201", 1, 1, "In 2021, output will exceed"), ("G101", 1, 54, "25GW of modules. 8GW.")]
    assert "25.8GW of modules" in run.json["findings"][1]["message"]
    # without a publication date the tense cannot be judged
    assert [f["code"] for f in cli("scan", "--format", "json", "a.txt", cwd=tmp_path).json["findings"]] == ["G101"]
    assert cli("scan", "--ignore", "G,T", "a.txt", cwd=tmp_path).status == 0


def test_straight_quotes_pair_up_in_order_on_each_line(cli: Any, tmp_path: Path) -> None:
    """G105 on straight quotes: the first and second mark of a line are a pair, the third and fourth the
    next; an unpaired mark at the end of a line and marks on different lines are never a pair."""
    text = 'He said "" then "term" and " " too, "unpaired\nnext " line "x"\n'
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    run = cli("scan", "--format", "json", "--select", "G105", "a.txt", cwd=tmp_path)
    found = [(f["line"], f["column"], f["quote"]) for f in run.json["findings"]]
    assert found == [(1, 9, '""'), (1, 28, '" "')]


@pytest.mark.parametrize("seed", sorted(p.name for p in (REPO / "seeds").glob("*.txt")))
def test_draft_of_each_seed_checks_clean_but_for_placeholders(cli: Any, project: Any, seed: str) -> None:
    text = (REPO / "seeds" / seed).read_text(encoding="utf-8")
    root = project({f"seeds/{seed}": text})
    drafted = cli("draft", f"seeds/{seed}", cwd=root)
    assert drafted.status == 0
    (root / "claims" / "drafted.yaml").write_text(drafted.out, encoding="utf-8")
    run = cli("check", "--format", "json", "--ignore", "G,T2", cwd=root)  # claim findings only
    # quotes are found, unique, and state the figure with its qualifier: only the placeholders are left,
    # and what the seeds' own defects (resolved in claims/ as source errors) make of a claim. In 001: the
    # 2022 result written as "will exceed" (T102), the "10,000 tons of ... capacity" cut from its sentence
    # and read as Baotou's capacity, against the 335,000 tons the text gives (X101). In 003: cathode
    # materials listed twice with two values, 1 million and 500,000 tons (X101), and the 2024 output value
    # of the plan reported as "exceeded" (T103). In 000: "nearly five
    # percent" of China's aluminium capacity for Yunnan's 8 million tons, for "nearly one fifth" (P103).
    damage = {"000": {"P103": "a misread fraction"}, "001": {"T102": "will exceed", "X101": "10,000 t is"},
              "003": {"X101": "500,000 t is", "T103": "exceeded"}}.get(seed[:3], {})
    claims = {c["id"]: c for c in yaml.safe_load(drafted.out)["claims"]}
    for finding in run.json["findings"]:
        if finding["code"] in damage:  # the quote of the claim, or the interval X101 shows
            assert damage[finding["code"]] in claims[finding["claim"]]["quote"] + finding["message"], finding
    codes = set(run.codes())
    assert codes <= {"S113", "U101", "U104", "T104", *damage}, run.out
    assert ("S113" in codes) == (": TODO" in drafted.out)  # a placeholder, where one is left, is reported


@pytest.mark.parametrize("seed", sorted(p.stem for p in (REPO / "seeds").glob("*.txt")))
def test_draft_finds_the_hand_made_claims(cli: Any, seed: str) -> None:
    drafted = yaml.safe_load(cli("draft", f"seeds/{seed}.txt", cwd=REPO).out)
    hand = yaml.safe_load((REPO / "claims" / f"{seed}.yaml").read_text(encoding="utf-8"))
    found = {(str(c["value"]), c["unit"]) for c in drafted["claims"]}
    missed = {c["id"] for c in hand["claims"] if (str(c["value"]), c["unit"]) not in found}
    # "trillion-level" is an order of magnitude with no unit in the text; "two ... centre" is garbled; the
    # module claim gives the 25.8GW that a false sentence break split ("25GW of components. 8GW.")
    expected = {"baotou-pv-output-value-trillion-level-target", "baotou-module-capacity-2023",
                "yunnan-battery-rd-testing-centers-2024-target",
                "baotou-pv-output-value-trillion-level-target-report-2023-05-24"}
    assert missed <= expected and len(missed) <= 2, missed
    assert drafted["source"]["sha256"] == hand["source"]["sha256"]
    assert drafted["source"].get("published") == hand["source"].get("published")


def test_draft_output_file_is_never_overwritten_unless_forced(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "out.yaml").write_text("precious", encoding="utf-8")
    run = cli("draft", "a.txt", "-o", "out.yaml", cwd=tmp_path)
    assert run.status == 2 and "--force" in run.err
    assert (tmp_path / "out.yaml").read_text(encoding="utf-8") == "precious"
    assert cli("draft", "a.txt", "-o", "out.yaml", "--force", cwd=tmp_path).status == 0
    assert "3370000" in (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert cli("draft", "a.txt", "-o", "new.yaml", cwd=tmp_path).status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "new.yaml", "out.yaml"]  # no temporary left
