"""Fuzz targets for the YAML loader, the figure reader and the text scan.

Each target takes arbitrary input and must never raise. The property tests
(tests/test_properties.py) run them for a bounded number of examples in CI;
for a longer run:

    python -m tests.fuzz_targets --seconds 600
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from functools import cache
from pathlib import Path
from typing import Any

from claimlint.checks import TEXT_RULES
from claimlint.checks.base import scan_document
from claimlint.domain.vocabulary import Domain, load_domain
from claimlint.figures.reader import read_figures
from claimlint.figures.text import TextDocument
from claimlint.reading.sources import SourceText
from claimlint.reading.yamlload import load_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

YAML_PIECES = st.sampled_from([
    "source:", "claims:", "  - id: a", "    value: ", "1_000", "10:30", "010", "no", "2023-02-30", "&a", "*a",
    "[", "]", "{", "}", ",", ": ", "\n", "  ", "\t", "- ", "!!python/object/apply:os.system", "!tag", "<<: ",
    "'", '"', "#", "---", "...", "|", ">", "?", "%YAML 1.2", "\x00", "\ufeff", "é", "“", "1e400", ".nan",
])
TEXT_PIECES = st.sampled_from([
    "In 2022, ", "will exceed ", "exceeded ", "nearly ", "more than ", "five percent", "One, ", "25GW", " of ",
    "components. ", "8GW.", "300,000 tons", "1,23,000", "0600 million yuan", "“”", "()", "this year", "By 2024, ",
    "cathode materials", ", ", ". ", "\n", "\r\n", "41 GW. ", "Slicing capacity", "half of the country", "3.37",
    "million", "billion", "GWh", "-", "two or three years", "😀", "\u00a0", "发电", "No. 3", "5G",
    # letters that (?i) matches to ASCII ones: "ſeven", "İn excess of", "\u212ailowatts"
    "ſ", "İ", "ı", "\u212a", "even", "seventh", "thousand", "ome ", "n excess of ",
])


def fuzz_yaml(text: str) -> None:
    loaded = load_yaml(text)
    for problem in loaded.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.code.startswith("S")


@cache
def _domain() -> Domain:
    return load_domain(Path("."), None, [])


def fuzz_text(text: str, published: dt.date | None) -> None:
    figures = read_figures(text)
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
    document = TextDocument(SourceText("fuzz.txt", text, "0" * 64), published, _domain())
    for finding in scan_document(document, [rule() for rule in TEXT_RULES]):
        assert finding.location.line >= 1 and finding.location.column >= 1


yaml_inputs = st.one_of(st.text(max_size=300), st.lists(YAML_PIECES, max_size=40).map("".join))
text_inputs = st.one_of(st.text(max_size=300), st.lists(TEXT_PIECES, max_size=40).map("".join))
dates = st.one_of(st.none(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))


def run(seconds: float) -> dict[str, Any]:
    """Run every target until ``seconds`` pass; returns how many inputs each took."""
    counts = {"yaml": 0, "text": 0}
    deadline = time.monotonic() + seconds

    @settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(yaml_inputs, text_inputs, dates)
    def target(yaml_text: str, prose: str, published: dt.date | None) -> None:
        if time.monotonic() > deadline:
            return
        fuzz_yaml(yaml_text)
        counts["yaml"] += 1
        fuzz_text(prose, published)
        counts["text"] += 1

    while time.monotonic() < deadline:
        target()
    return counts


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="fuzz the loader, the figure reader and the text scan")
    parser.add_argument("--seconds", type=float, default=60)
    arguments = parser.parse_args()
    print(run(arguments.seconds))
