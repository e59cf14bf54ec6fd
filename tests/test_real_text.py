"""Damage and spellings seen in real machine-translated articles, each in a paragraph written for the test.

Every expected value is worked out by hand from the paragraph.
"""

from __future__ import annotations

from typing import Any

import pytest
from claimlint.figures import read_figures
from claimlint.textscan import split_sentences

Row = tuple[str, Any, Any]  # text, value, unit


def rows(text: str) -> list[Row]:
    return [(f.text, f.value, f.unit) for f in read_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a currency code glued to its number is money
        ("raised USD12 million from investors", [("USD12 million", 12_000_000, "USD")]),
        ("a CNY7.5 billion plant", [("CNY7.5 billion", 7_500_000_000, "yuan")]),
        ("an investment of RMB3 billion", [("RMB3 billion", 3_000_000_000, "yuan")]),
        ("worth CN¥ 2 billion", [("CN¥ 2 billion", 2_000_000_000, "yuan")]),
        # metric tons as the trade press abbreviates them; Mt is the megatonne
        ("a 200,000 MT polysilicon plant", [("200,000 MT", 200_000, "t")]),
        ("about 50,000 mt of silicon metal", [("50,000 mt", 50_000, "t")]),
        ("China made 41 Mt of aluminium", [("41 Mt", 41, "Mt")]),
        # a decimal point set off by spaces is read as the decimal it was
        ("revenue of RMB5 . 3 billion", [("RMB5 . 3 billion", 5_300_000_000, "yuan")]),
        ("output rose 27 . 4% on the year", [("27 . 4%", 27.4, "percent")]),
        ("a 12. 5GW base", [("12. 5GW", 12.5, "GW")]),
    ],
)
def test_real_spellings_are_read(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The plant opened in 2021. 3 billion yuan more went into it",  # a year ends the sentence
        "It employs 5. 3 companies joined later",  # no unit of measure after the fraction
    ],
)
def test_a_full_stop_after_a_number_is_not_a_decimal_point(text: str) -> None:
    assert all("." not in str(value) for _, value, _ in rows(text)), rows(text)


def test_sentences_end_at_a_heading_and_at_a_blank_line() -> None:
    text = "Solar output rose\n\nThe company added 5 GW. It grew.\nNew line starts here\nand wraps on."
    assert [s.text.strip() for s in split_sentences(text)] == [
        "Solar output rose", "The company added 5 GW.", "It grew.", "New line starts here\nand wraps on."]
