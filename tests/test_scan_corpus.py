"""The text scan on corpora of damaged and clean paragraphs written for it.

tests/data/scan_corpus.yaml was used while building the rules; scan_heldout.yaml
was written afterwards, by someone who had not seen the rules, and measured
before any change (see the project notes for the first numbers).

Recall: an expected finding counts as found when a finding of its code
overlaps its quote. Precision: clean paragraphs must give no finding at all.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from claimlint.checks import TEXT_RULES
from claimlint.checks.base import scan_document
from claimlint.domain.vocabulary import load_domain
from claimlint.figures.text import TextDocument
from claimlint.reading.sources import SourceText

DATA = Path(__file__).parent / "data"
CORPORA = ("scan_corpus.yaml", "scan_heldout.yaml")


@cache
def _domain() -> Any:
    return load_domain(Path("."), None, [])


def _scan(case: dict[str, Any]) -> list[tuple[str, int, int]]:
    text = case["text"]
    published = case.get("published")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    document = TextDocument(SourceText("case.txt", text, "0" * 64), published, _domain())
    found = []
    for finding in scan_document(document, [rule() for rule in TEXT_RULES]):
        assert finding.quote is not None
        start = document.source.text.index(finding.quote) if finding.quote in text else -1
        found.append((finding.code, start, start + len(finding.quote)))
    return found


def measure(corpus: Path) -> dict[str, Any]:
    cases = yaml.safe_load(corpus.read_text(encoding="utf-8"))["cases"]
    expected = hit = 0
    missed: list[str] = []
    false_positives: list[str] = []
    per_code: dict[str, list[int]] = {}
    clean_cases = 0
    for case in cases:
        found = _scan(case)
        expectations = case.get("expect") or []
        if not expectations:
            clean_cases += 1
        matched: set[int] = set()
        for item in expectations:
            expected += 1
            start = case["text"].index(item["quote"])
            end = start + len(item["quote"])
            tally = per_code.setdefault(item["code"], [0, 0])
            tally[1] += 1
            for index, (code, f_start, f_end) in enumerate(found):
                if code == item["code"] and f_start < end and start < f_end:
                    matched.add(index)
                    hit += 1
                    tally[0] += 1
                    break
            else:
                missed.append(f"{case['id']}: {item['code']} {item['quote']!r}")
        for index, (code, f_start, f_end) in enumerate(found):
            if index not in matched:
                false_positives.append(f"{case['id']}: {code} {case['text'][f_start:f_end]!r}")
    return {"expected": expected, "found": hit, "recall": hit / expected, "missed": missed,
            "false_positives": false_positives, "cases": len(cases), "clean_cases": clean_cases,
            "per_code": per_code}


@pytest.mark.parametrize("corpus", CORPORA)
def test_scan_corpus_recall_and_false_positives(corpus: str) -> None:
    result = measure(DATA / corpus)
    print(f"\n{corpus}: {result['found']}/{result['expected']} defects found "
          f"(recall {result['recall']:.2f}); false positives: {len(result['false_positives'])} "
          f"over {result['cases']} cases ({result['clean_cases']} clean)")
    for code, (found, total) in sorted(result["per_code"].items()):
        print(f"  {code}: {found}/{total}")
    for line in result["missed"]:
        print("  missed:", line)
    for line in result["false_positives"]:
        print("  false positive:", line)
    assert result["recall"] >= 0.8
    assert result["false_positives"] == []
