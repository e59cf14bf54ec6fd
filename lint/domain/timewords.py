"""Time words in English text: the years, months and relative periods a sentence speaks of.

One reading, used by the temporal text rules (T2xx) and by the reading of figures into claims: each
time word is a span of text with the first and last day it names, and the role it plays in its
sentence, so that "from 943,000 tons in 2021" (the base of a comparison) is never taken for the year
a sentence reports.

* ``period``: the time a statement is about ("in 2022", "by the end of 2025", "in August 2019",
  "the first 10 months of this year");
* ``deadline``: a target date ("by 2025"); a period too, but one a plan looks towards;
* ``baseline``: the other end of a comparison ("compared with 2020", "than in 2021", "from X in 2021",
  "the same period last year");
* ``since``: the start of something still going on ("since 2021").

Relative words ("this year", "last year", "in August") are resolved against a reference date (the
publication date); without one they keep ``first``/``last`` as None and ``relative`` True.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Iterator
from typing import NamedTuple

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_MONTH_OF = {name: number for number, name in enumerate(_MONTHS, start=1)}
_MONTH_OF.update({name[:3]: number for name, number in list(_MONTH_OF.items())})
_MONTH_OF["sept"] = 9
# Month names are capitalised in English; "may" and "march" in lower case are verbs.
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
         r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_YEAR = r"(?:19|20)\d{2}(?![\d])"
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_COUNT = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven)"
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR_REF = rf"(?:(?P<year>{_YEAR})|(?P<rel>this|last|next|the\s+previous|the\s+current)\s+year|the\s+year)"

# Each pattern names the part of a year it covers; the year (or relative year) is group ``year``/``rel``.
_PARTS: list[tuple[str, re.Pattern[str]]] = [
    # "the first 10 months of 2023", "the first three quarters of this year", "the first half of the year"
    ("months", re.compile(rf"(?i)\b(?:the\s+)?first\s+(?P<n>{_COUNT})\s+months?\s+(?:of\s+)?{_YEAR_REF}")),
    ("quarters", re.compile(rf"(?i)\b(?:the\s+)?first\s+(?P<n>{_COUNT})\s+quarters?\s+(?:of\s+)?{_YEAR_REF}")),
    ("half", re.compile(rf"(?i)\b(?:the\s+)?(?P<which>first|second)\s+half\s+(?:of\s+)?{_YEAR_REF}")),
    ("quarter", re.compile(rf"(?i)\b(?:the\s+)?(?P<which>first|second|third|fourth)\s+quarter\s+(?:of\s+)?{_YEAR_REF}")),
    ("quarter", re.compile(rf"(?i)\bQ(?P<which>[1-4])\s*(?:of\s+)?{_YEAR_REF}")),
    # "2023H1", "H1 2023", "2023 Q3": the analysts' shorthand
    ("half", re.compile(rf"(?i)\b(?P<year>{_YEAR})\s*H(?P<which>[12])\b")),
    ("half", re.compile(rf"(?i)\bH(?P<which>[12])\s*(?P<year>{_YEAR})")),
    ("quarter", re.compile(rf"(?i)\b(?P<year>{_YEAR})\s*Q(?P<which>[1-4])\b")),
    # "from January to October this year", "January-October 2023", "January to July 2025"
    ("months_range", re.compile(rf"(?:\b[Ff]rom\s+)?(?P<m1>{_MONTH})\s*(?:-|–|to|and)\s*(?P<m2>{_MONTH}),?\s+(?:of\s+)?"
                                rf"(?i:{_YEAR_REF})")),
    # "at the end of August 2019", "end-August 2019", "in August 2019", "May 19, 2023", "19 May 2023"
    ("month", re.compile(rf"(?:\b(?i:the\s+end\s+of|end-|the\s+beginning\s+of|early|mid-?|late)\s*)?"
                         rf"(?P<m1>{_MONTH})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?(?i:{_YEAR_REF})")),
    ("month", re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH}),?\s+(?i:{_YEAR_REF})")),
    # "2022-2024", "2021 to 2025", "from 2021 to 2025"
    ("years", re.compile(rf"(?:\b[Ff]rom\s+)?(?P<year>{_YEAR})\s*(?:-|–|to)\s*(?P<year2>{_YEAR}|\d{{2}}(?![\d]))")),
    # a year alone, or a relative year
    ("year", re.compile(rf"(?i)\b(?:the\s+(?:end|start|beginning)\s+of\s+)?(?:(?P<year>{_YEAR})|"
                        rf"(?P<rel>this|last|next|the\s+previous|the\s+current)\s+year)\b")),
    # a month with no year: "in August", "as of end-August", "On May 19" (the reference year)
    ("bare_month", re.compile(rf"(?:\b(?i:the\s+end\s+of|end-|early|mid-?|late)\s*)?(?P<m1>{_MONTH})(?![A-Za-z])"
                              rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\d,]))?")),
]
_ANY_TIME = re.compile(r"[12]\d{3}|(?i:year|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]|h[12])")

_BASELINE_BEFORE = re.compile(
    r"(?i)(?:compared\s+(?:with|to)|than(?:\s+(?:in|at|during|that\s+of))?|over|from|versus|vs\.?|against|"
    r"relative\s+to|as\s+in|same\s+period\s+(?:of|in)|the\s+same\s+period\s+of)\s+(?:the\s+(?:end\s+of\s+)?)?$")
_SINCE_BEFORE = re.compile(r"(?i)\bsince\s+(?:the\s+(?:end|start|beginning)\s+of\s+)?$")
_DEADLINE_BEFORE = re.compile(r"(?i)\b(?:by|before|until|till|no\s+later\s+than)\s+(?:the\s+(?:end|middle)\s+of\s+)?$")
# "from 943,000 tons in 2021 to ...": the year of the first figure of a change is its base
_FROM_FIGURE = re.compile(r"(?i)\bfrom\s+[^,;.]{0,40}?\b(?:in|at\s+the\s+end\s+of|at|during)\s+(?:the\s+)?$")
_SAME_PERIOD = re.compile(r"(?i)same\s+period\s+(?:of\s+|in\s+)?$")


class TimeWord(NamedTuple):
    start: int
    end: int
    text: str
    first: _dt.date | None  # None: relative, and no reference date
    last: _dt.date | None
    role: str  # period | deadline | baseline | since
    relative: bool
    precision: str  # year | month | part (a part of a year: months, quarters, a half)

    @property
    def is_main(self) -> bool:
        """What the sentence reports on (a period or a deadline), not the base of a comparison."""
        return self.role in ("period", "deadline")


def _last_day(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(written: str) -> int:
    return _MONTH_OF[written.rstrip(".").lower()]


def _count(written: str) -> int:
    return int(written) if written.isdigit() else _NUMBER_WORDS[written.lower()]


def _year_of(found: re.Match[str], reference: _dt.date | None) -> tuple[int | None, bool]:
    """(year, relative) of a match's year group or relative-year group."""
    groups = found.groupdict()
    if groups.get("year"):
        return int(groups["year"]), False
    rel = (groups.get("rel") or "this").lower().split()[-1]  # "the year" alone: the reference year
    if reference is None:
        return None, True
    return reference.year + {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1}[rel], True


Span = tuple[_dt.date | None, _dt.date | None, bool, str]  # first, last, relative, precision


def _span(kind: str, found: re.Match[str], reference: _dt.date | None) -> Span | None:
    groups = found.groupdict()
    if kind == "bare_month":
        month = _month(groups["m1"])
        if reference is None:
            return None, None, True, "month"
        # news speaks of the latest such month: "in December" in a January text is last December, while
        # "in August" in a late-July text is the coming one
        latest = reference.year if month <= reference.month + 1 else reference.year - 1
        return _dt.date(latest, month, 1), _last_day(latest, month), True, "month"
    if kind == "years":
        start_year = int(groups["year"])
        second = groups["year2"]
        end_year = int(second) if len(second) == 4 else start_year // 100 * 100 + int(second)
        if end_year < start_year:
            return None
        return _dt.date(start_year, 1, 1), _dt.date(end_year, 12, 31), False, "year"
    year, relative = _year_of(found, reference)
    if year is None:
        return None, None, True, "year" if kind == "year" else "part"
    if kind == "year":
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31), relative, "year"
    if kind == "months":
        months = _count(groups["n"])
        if not 1 <= months <= 12:
            return None
        return _dt.date(year, 1, 1), _last_day(year, months), relative, "part"
    if kind == "quarters":
        quarters = _count(groups["n"])
        if not 1 <= quarters <= 4:
            return None
        return _dt.date(year, 1, 1), _last_day(year, 3 * quarters), relative, "part"
    if kind == "half":
        if groups["which"].lower() in ("first", "1"):
            return _dt.date(year, 1, 1), _last_day(year, 6), relative, "part"
        return _dt.date(year, 7, 1), _dt.date(year, 12, 31), relative, "part"
    if kind == "quarter":
        quarter = _QUARTERS[groups["which"].lower()]
        return _dt.date(year, 3 * quarter - 2, 1), _last_day(year, 3 * quarter), relative, "part"
    if kind == "months_range":
        first_month, last_month = _month(groups["m1"]), _month(groups["m2"])
        if last_month < first_month:
            return None
        return _dt.date(year, first_month, 1), _last_day(year, last_month), relative, "part"
    if kind == "month":
        month = _month(groups["m1"])
        return _dt.date(year, month, 1), _last_day(year, month), relative, "month"
    return None


def _role(text: str, start: int, sentence_start: int) -> str:
    before = text[max(sentence_start, start - 60) : start]
    if _SAME_PERIOD.search(before) or _BASELINE_BEFORE.search(before):
        return "baseline"
    if _FROM_FIGURE.search(before):
        return "baseline"
    if _SINCE_BEFORE.search(before):
        return "since"
    if _DEADLINE_BEFORE.search(before):
        return "deadline"
    return "period"


def time_words(text: str, start: int = 0, end: int | None = None,
               reference: _dt.date | None = None) -> list[TimeWord]:
    """The time words of ``text[start:end]`` (a sentence), in order, longest reading first where two
    overlap."""
    end = len(text) if end is None else end
    if not _ANY_TIME.search(text, start, end):
        return []  # most clauses name no time at all: one search settles them
    found: list[TimeWord] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PARTS:
        for match in pattern.finditer(text, start, end):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            span = _span(kind, match, reference)
            if span is None:
                continue
            first, last, relative, precision = span
            taken.append((match.start(), match.end()))
            found.append(TimeWord(match.start(), match.end(), match.group(0), first, last,
                                  _role(text, match.start(), start), relative, precision))
    found.sort(key=lambda word: word.start)
    return found


def years_named(text: str) -> Iterator[int]:
    """Every explicit year of a text (for anchoring relative dates)."""
    for match in re.finditer(rf"(?<![\d.,]){_YEAR}", text):
        yield int(match.group(0))
