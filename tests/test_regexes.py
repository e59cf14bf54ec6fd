"""The fast alternations match exactly what a plain alternation of the same words matches."""

from __future__ import annotations

import re

from claimlint.domain.regexes import alternation, by_first_letter, starting
from hypothesis import given, settings
from hypothesis import strategies as st

# letters (?i) takes as others: "ſ" and "s", "ı", "İ" and "i", the Kelvin sign and "k", "µ" and "μ"
LETTERS = list("aAbsSiIkKſıİ\u212aµμσςΣ") + [" ", "-"]
words = st.lists(st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=5).filter(str.strip),
                 min_size=1, max_size=8, unique=True)
texts = st.text(alphabet=st.sampled_from([*LETTERS, "x", "."]), max_size=30)


def _plain(ordered: list[str]) -> re.Pattern[str]:
    return re.compile("(?i:" + "|".join(map(re.escape, ordered)) + ")")


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, str | None]]:
    return [(at, found.group() if (found := pattern.match(text, at)) else None) for at in range(len(text) + 1)]


@settings(max_examples=300, deadline=None)
@given(words, texts)
def test_grouped_by_first_letter_matches_as_the_plain_alternation(chosen: list[str], text: str) -> None:
    ordered = sorted(chosen, key=len, reverse=True)
    grouped = re.compile("(?i:" + by_first_letter((w[0], re.escape(w)) for w in ordered) + ")")
    assert _matches(grouped, text) == _matches(_plain(ordered), text)


@settings(max_examples=300, deadline=None)
@given(words, texts)
def test_a_trie_and_a_first_letter_test_match_as_the_plain_alternation(chosen: list[str], text: str) -> None:
    ordered = sorted(chosen, key=len, reverse=True)  # a plain alternation tries a word before its prefix
    fast = re.compile(starting(chosen) + "(?i:" + alternation(chosen) + ")")
    assert _matches(fast, text) == _matches(_plain(ordered), text)


ascii_words = st.lists(st.text(alphabet=st.sampled_from(list("aAbBsSiIkKnN -")), min_size=1, max_size=5)
                      .filter(str.strip), min_size=1, max_size=8, unique=True)


@settings(max_examples=300, deadline=None)
@given(ascii_words, texts)
def test_the_trie_of_ascii_words_matches_as_the_plain_alternation(chosen: list[str], text: str) -> None:
    ordered = sorted(chosen, key=len, reverse=True)
    fast = re.compile(starting(chosen) + "(?i:" + alternation(chosen) + ")")
    assert _matches(fast, text) == _matches(_plain(ordered), text)


def test_dotted_capital_i_and_long_s_are_found() -> None:
    pattern = re.compile(starting(["İhracat"]) + "(?i:" + by_first_letter([("İ", "İhracat")]) + ")")
    assert pattern.search("the İhracat rose") is not None
    longest = re.compile("(?i:" + by_first_letter([("s", "said to be expected"), ("ſ", "ſaid to"),
                                                   ("s", "said")]) + ")")
    assert longest.search("it was said to rise").group() == "said to"
