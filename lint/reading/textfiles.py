"""Reading text files named on the command line (``scan``, ``draft``), outside any claims base."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, Location
from .sources import MAX_SOURCE_BYTES, SourceText, decode_utf8, read_source

_MONTH_NUMBERS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
# The ways a page states its date: 2023-05-22, 2023/05/22, 2023.05.22, 2023年5月22日, "Dec 31, 2019",
# "Apr.25,2007", "13 November 2025", and a year and month alone ("date 2021-08").
_DATES = [
    re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d])"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"),
    re.compile(r"(?i)(?:(?<![A-Za-z])|(?-i:(?<=[a-z])(?=[A-Z])))" + _MONTH + r"[ \t]*(?P<day>\d{1,2})(?:st|nd|rd|th)?,?[ \t]*(?P<year>(?:19|20)\d{2})(?!\d)"),
    re.compile(r"(?i)(?<!\d)(?P<day>\d{1,2})[ \t]+" + _MONTH + r",?[ \t]+(?P<year>(?:19|20)\d{2})(?!\d)"),
    re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})(?![\d-])"),
    # "Pub Date:23-10-12": a two-digit year, only right after a word that says it is the date
    re.compile(r"(?i)\b(?:date|time|published)\s*:?\s*(?P<yy>\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d-])"),
]
# A page's date is on one of its first lines: a short line of its own ("Jul 25, 2019 / 257 views"), near
# the start of a line ("date 2023-05-22 On May 23, ..."), or after a word that says so ("Publish Time:").
DATE_LINE_SEARCH = 10
DATE_HEAD = 40
SHORT_LINE = 100
_DATE_WORD = re.compile(r"(?i)\b(?:date|time|published|publish|posted|updated|released?|issued?)\b[^\w]{0,3}$")


@dataclass
class TextFile:
    shown: str  # the path as reported: root-relative inside the root, else as given
    source: SourceText


def shown_path(raw: str, cwd: Path, root: Path | None) -> str:
    absolute = (cwd / raw).resolve() if not Path(raw).is_absolute() else Path(raw).resolve()
    if root is not None:
        try:
            return absolute.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return raw


def read_text_file(raw: str, cwd: Path, root: Path | None) -> tuple[TextFile | None, Finding | None]:
    """A text file given by the user; problems are findings located on the file."""
    shown = shown_path(raw, cwd, root)
    path = cwd / raw
    source, problem = read_source(path, shown)
    if source is None:
        code = problem.code if problem else "S111"
        return None, Finding(code, problem.message if problem else "cannot be read", Location(shown))
    return TextFile(shown, source), None


def publication_date(text: str) -> _dt.date | None:
    """The date a text states for itself on one of its first lines, if any (a year and month alone give
    the first day of the month)."""
    lines = [line for line in text.splitlines()[:40] if line.strip()][:DATE_LINE_SEARCH]
    for line in lines:
        for found in sorted((m for pattern in _DATES for m in pattern.finditer(line)), key=lambda m: m.start()):
            if not (len(line.strip()) <= SHORT_LINE or found.start() <= DATE_HEAD
                    or _DATE_WORD.search(line, 0, found.start())):
                continue
            date = _date_of(found)
            if date is not None:
                return date
    for line in text.splitlines()[:40]:  # below a page's menus: a date stamped with its time of day
        stamp = _DATE_TIME_STAMP.search(line)
        if stamp is not None:
            try:
                return _dt.date(int(stamp.group(1)), int(stamp.group(2)), int(stamp.group(3)))
            except ValueError:
                continue
    return None


_DATE_TIME_STAMP = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)[ T]\d\d:\d\d(?::\d\d)?\b")


def _date_of(found: re.Match[str]) -> _dt.date | None:
    month = found.group("month")
    groups = found.groupdict()
    year = int(groups["year"]) if groups.get("year") else 2000 + int(groups["yy"])
    number = int(month) if month.isdigit() else _MONTH_NUMBERS[month.lower()]
    day = found.groupdict().get("day")
    try:
        return _dt.date(year, number, int(day) if day else 1)
    except ValueError:
        return None


__all__ = ["MAX_SOURCE_BYTES", "TextFile", "decode_utf8", "publication_date", "read_text_file", "shown_path"]
