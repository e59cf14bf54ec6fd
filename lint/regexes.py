"""Building alternations of many words that the regex engine searches quickly.

Python's ``re`` tries the branches of an alternation one by one at every
position, and cannot skip a position on the first letter of a case-insensitive
branch or of one behind a lookbehind. These helpers keep the same matches
while letting most positions fail on one cheap test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words`` factored by common prefixes ("t(?:en|h(?:ree|irty))"), so
    the engine tries a few branches at each position, not every word; a word is tried before its
    prefix, so a phrase wins over its prefix ("no more than" over "no")."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def starting(words: Iterable[str]) -> str:
    """A lookahead for the first letters of ``words``, in any case (as ``(?i)`` matches them, "K" the
    Kelvin sign included): a cheap test that lets a search skip most positions before it tries the
    alternation (and any lookbehind) there."""
    firsts = sorted({word[0].lower() for word in words})
    return "(?=(?i:[" + "".join(re.escape(char) for char in firsts) + "]))"


def by_first_letter(patterns: Iterable[tuple[str | None, str]]) -> str:
    """Patterns, given in order of preference with the letter each must start with (None: no single
    letter), in groups by that letter, each behind a one-letter test. Only patterns with one first
    letter can match at a place, so the order that matters is kept."""
    groups: dict[str | None, list[str]] = {}
    for first, pattern in patterns:
        groups.setdefault(first.lower() if first else None, []).append(pattern)
    return "|".join((f"(?=(?i:{re.escape(key)}))" if key is not None else "") + "(?:" + "|".join(members) + ")"
                    for key, members in groups.items())
