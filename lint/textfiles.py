"""Reading text files named on the command line (``scan``, ``draft``), outside any claims base."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, Location
from .sources import MAX_SOURCE_BYTES, SourceText, decode_utf8, read_source

_DATE_LINE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
DATE_LINE_SEARCH = 3  # a date line is one of the first non-empty lines
DATE_HEAD = 12  # ... and its date stands within the line's first characters


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
    """An ISO date at the head of one of the first lines ("date 2023-05-22", "2022-06-14 0 By")."""
    lines = [line for line in text.splitlines()[:20] if line.strip()][:DATE_LINE_SEARCH]
    for line in lines:
        found = _DATE_LINE.search(line)
        if found is None or found.start() > DATE_HEAD:
            continue
        try:
            return _dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            continue
    return None


__all__ = ["MAX_SOURCE_BYTES", "TextFile", "decode_utf8", "publication_date", "read_text_file", "shown_path"]
