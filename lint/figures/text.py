"""Scan stage: source text as sentences and figures, for the rules that read raw text (G, T2xx).

A :class:`TextDocument` is built once per source and shared by every text
rule; rules yield :class:`TextProblem` spans, which the rules' base class
turns into located findings on the source file.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from ..domain.timewords import TimeWord, time_words
from ..reading.sources import SourceText
from .reader import Figure, read_figures

if TYPE_CHECKING:
    from ..domain.vocabulary import Domain

# A sentence ends at . ! ? (and their full-width forms) followed by space or the end,
# or glued to the next sentence ("improve.By 2024", common in scraped text),
# except after a few abbreviations and inside numbers.
# A line break ends a sentence too when a blank line follows (a paragraph) or the next line starts anew
# (a heading, a list item, a dateline): a line ending in a comma, colon, hyphen or a lower-case word
# that the next line continues in lower case is one wrapped sentence.
_END = re.compile(r"[.!?。！？]+(?=[\s\"”’)]|$)|(?<=[a-z])\.(?=[A-Z][a-z])"
                  r"|\n(?<![,;:\-–]\n)(?<![,;:\-–]\r\n)(?=[ \t]*[A-Z•·*#])|\n(?=[ \t]*\r?\n)")
# a line that ends on one of these is wrapped, whatever the next line starts with ("... In\n2021, output")
_CARRIED = frozenset(["in", "of", "the", "and", "to", "a", "an", "for", "with", "by", "at", "from", "on", "as", "than", "or", "its", "their", "our", "this", "that"])
_LAST_WORD = re.compile(r"([A-Za-z]+)[ \t]*\r?$")
_ABBREVIATIONS = {"no", "co", "ltd", "inc", "corp", "mr", "ms", "dr", "st", "vs", "e.g", "i.e", "u.s", "u.k", "jan",
                  "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "etc"}
_CLAUSE_END = re.compile(r"[;；]")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


class Sentence(NamedTuple):
    start: int
    end: int  # exclusive, after the closing punctuation
    text: str

    @property
    def body_end(self) -> int:
        """End of the sentence without its closing punctuation."""
        return self.start + len(self.text.rstrip(".!?。！？;； \t\r\n"))


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for found in _END.finditer(text):
        if found.group(0) == "\n" and not _blank_after(text, found.end()):
            last = _LAST_WORD.search(text, max(0, found.start() - 24), found.start())
            if last is not None and last.group(1).lower() in _CARRIED:
                continue
        if found.group(0) == ".":
            before = _WORD_BEFORE.search(text, max(0, found.start() - 12), found.start())
            if before and before.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
        end = found.end()
        _append(sentences, text, start, end)
        start = end
    _append(sentences, text, start, len(text))
    return sentences


def _blank_after(text: str, pos: int) -> bool:
    end = text.find("\n", pos)
    return end >= 0 and not text[pos:end].strip()


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    if start < end:
        sentences.append(Sentence(start, end, text[start:end]))


@dataclass
class TextDocument:
    source: SourceText
    published: _dt.date | None
    domain: Domain | None
    _figures: list[Figure] | None = field(default=None, repr=False)
    _times: dict[tuple[int, int, _dt.date | None], list[TimeWord]] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.source.text

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.text)

    @cached_property
    def clauses(self) -> list[Sentence]:
        """The sentences split further at semicolons: what a tense or a time word governs."""
        clauses: list[Sentence] = []
        for sentence in self.sentences:
            start = sentence.start
            for found in _CLAUSE_END.finditer(self.text, sentence.start, sentence.end):
                _append(clauses, self.text, start, found.end())
                start = found.end()
            _append(clauses, self.text, start, sentence.end)
        return clauses

    def times(self, start: int, end: int, reference: _dt.date | None) -> list[TimeWord]:
        """The time words of ``text[start:end]`` (claimlint.timewords), read once per span and date: the
        tense rules and the reading of figures ask for the same clauses."""
        key = (start, end, reference)
        found = self._times.get(key)
        if found is None:
            found = self._times[key] = time_words(self.text, start, end, reference)
        return found

    @property
    def figures(self) -> list[Figure]:
        if self._figures is None:
            vocabulary = self.domain.vocabulary if self.domain is not None else None
            self._figures = read_figures(self.text, vocabulary)
        return self._figures

    def figures_in(self, sentence: Sentence) -> list[Figure]:
        starts = self._figure_starts
        low = bisect.bisect_left(starts, sentence.start)
        high = bisect.bisect_left(starts, sentence.end, low)
        return self.figures[low:high] if low < high else []

    @cached_property
    def _figure_starts(self) -> list[int]:
        return [f.start for f in self.figures]  # the reader yields figures in text order


@dataclass
class TextProblem:
    """A span of source text a rule objects to, and (when it can tell) the repair."""

    start: int
    end: int
    message: str
    correction: str | None = None
