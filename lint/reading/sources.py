"""Source documents: safe resolution, reading, and a normalised index for quotes.

A quote matches its source after normalising white space, typographic quotes
and dashes, and Unicode compatibility forms (NFKC); every position found in
the normalised text maps back to the original characters, so findings point
at the real line and column.
"""

from __future__ import annotations

import bisect
import errno
import hashlib
import os
import re
import stat
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)
MAX_SOURCE_BYTES = 1024 * 1024  # a news article is tens of kB; split longer documents
MAX_CLOSEST_QUOTE = 2000  # longer "quotes" are not searched for a near miss (it costs time, helps nobody)
_WORD = re.compile(r"\S+")
MIN_CONTEXT_WORDS = 3  # enough to carry "more than" and the noun measured
MAX_CONTEXT_WORDS = 12

_QUOTES = {c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"}
_DASHES = {c: "-" for c in "‐‑‒–—―−﹘﹣－"}


def _normalise_char(ch: str) -> str:
    mapped = _QUOTES.get(ch) or _DASHES.get(ch)
    if mapped is not None:
        return mapped
    if ch.isascii():
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    return "".join(_QUOTES.get(c) or _DASHES.get(c) or c for c in folded)


_TYPOGRAPHY = str.maketrans({**_QUOTES, **_DASHES})


class Origin:
    """Where each character of a normalised text came from, kept as runs of consecutive offsets (a
    run of characters copied unchanged is one entry, not one per character)."""

    def __init__(self, starts: list[int], origins: list[int], length: int) -> None:
        self.starts = starts  # normalised offset where each run begins
        self.origins = origins  # original offset of that first character
        self.length = length  # of the normalised text

    @classmethod
    def of(cls, offsets: list[int]) -> Origin:
        starts: list[int] = []
        origins: list[int] = []
        for index, offset in enumerate(offsets):
            if not starts or offset != origins[-1] + index - starts[-1]:
                starts.append(index)
                origins.append(offset)
        return cls(starts, origins, len(offsets))

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < self.length:
            raise IndexError(index)
        run = bisect.bisect_right(self.starts, index) - 1
        return self.origins[run] + index - self.starts[run]


def normalise(text: str) -> tuple[str, Origin]:
    """Normalised text and, for each of its characters, the index it came from.

    White space runs become one space; leading and trailing space is dropped.
    """
    translated = text.translate(_TYPOGRAPHY)  # one character for one: offsets unchanged
    if translated.isascii() or unicodedata.is_normalized("NFKC", translated):
        return _collapse_space(translated)
    normalised, offsets = _normalise_slowly(text)
    return normalised, Origin.of(offsets)


def _collapse_space(text: str) -> tuple[str, Origin]:
    """Whitespace runs to one space, with the origin of each character (fast path, C-speed scans).

    Text between irregular white space (anything but one plain space) is copied as it is and is one
    run of the origin; the space a run of white space becomes stands for its first character, so it
    continues the run before it."""
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip())
    if first >= last:
        return "", Origin([], [], 0)
    pieces: list[str] = []
    starts, origins = [0], [first]
    at, length = first, 0
    for found in _IRREGULAR_SPACE.finditer(text, first, last):
        pieces.append(text[at : found.start()])
        length += found.start() - at + 1
        pieces.append(" ")
        at = found.end()
        starts.append(length)
        origins.append(at)
    pieces.append(text[at:last])
    normalised = "".join(pieces)
    return normalised, Origin(starts, origins, len(normalised))


_IRREGULAR_SPACE = re.compile(r"\s{2,}|[^\S ]")  # white space other than one plain space


def _normalise_slowly(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    origin: list[int] = []
    pending_space = -1
    for index, ch in enumerate(text):
        if ch.isspace():
            if pending_space < 0:
                pending_space = index
            continue
        if pending_space >= 0:
            if out:
                out.append(" ")
                origin.append(pending_space)
            pending_space = -1
        piece = _normalise_char(ch)
        for part in piece:
            if part.isspace():  # NFKC can produce spaces (e.g. from U+00A8)
                continue
            out.append(part)
            origin.append(index)
    return "".join(out), origin


def normalise_quote(quote: str) -> str:
    translated = quote.translate(_TYPOGRAPHY)
    if translated.isascii() or unicodedata.is_normalized("NFKC", translated):
        return " ".join(translated.split())
    return _normalise_slowly(quote)[0]


class LineIndex:
    """1-based line and column (code points) of any character offset.

    ``\\r\\n``, ``\\r`` and ``\\n`` each end one line.
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        index = 0
        length = len(text)
        while True:
            nl = text.find("\n", index)
            cr = text.find("\r", index)
            if nl < 0 and cr < 0:
                break
            if cr < 0 or (0 <= nl < cr):
                index = nl + 1
            elif cr + 1 < length and text[cr + 1] == "\n":
                index = cr + 2
            else:
                index = cr + 1
            starts.append(index)
        self.starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


@dataclass
class QuoteMatch:
    start: int  # offsets in the original text
    end: int
    line: int
    column: int


class TextFacts:
    """What is worked out from a text alone (its normalised form, its lines, its figures), shared by
    every source with the same bytes: the same article saved under two names is read once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._normalised: tuple[str, Origin] | None = None
        self._lines: LineIndex | None = None
        self.figures: dict[object, Any] = {}  # by the unit vocabulary they were read with

    @property
    def index(self) -> tuple[str, Origin]:
        if self._normalised is None:
            self._normalised = normalise(self.text)
        return self._normalised

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines


_TEXT_FACTS: OrderedDict[str, TextFacts] = OrderedDict()  # by sha256, the most recently used last
TEXT_FACTS_KEPT = 256  # a few MB; copies of one text sit close together in a sorted base


def text_facts(text: str, sha256: str) -> TextFacts:
    facts = _TEXT_FACTS.get(sha256)
    if facts is not None and facts.text == text:  # the digest of these very bytes (or a made-up one)
        _TEXT_FACTS.move_to_end(sha256)
        return facts
    facts = _TEXT_FACTS[sha256] = TextFacts(text)
    _TEXT_FACTS.move_to_end(sha256)
    if len(_TEXT_FACTS) > TEXT_FACTS_KEPT:
        _TEXT_FACTS.popitem(last=False)
    return facts


@dataclass
class SourceText:
    """A source document that was read successfully."""

    path: str  # root-relative, as reported
    text: str
    sha256: str
    facts: TextFacts = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.facts = text_facts(self.text, self.sha256)

    @property
    def lines(self) -> LineIndex:
        return self.facts.lines

    @property
    def normalised(self) -> str:
        return self._index[0]

    @property
    def _index(self) -> tuple[str, Origin]:
        return self.facts.index

    def _original_span(self, norm_start: int, norm_end: int) -> tuple[int, int]:
        origin = self._index[1]
        start = origin[norm_start]
        end = origin[norm_end - 1] + 1 if norm_end > norm_start else start
        return start, end

    def match_at(self, norm_start: int, norm_end: int) -> QuoteMatch:
        start, end = self._original_span(norm_start, norm_end)
        line, column = self.lines.position(start)
        return QuoteMatch(start, end, line, column)

    def find_quote(self, quote: str, limit: int = 10) -> list[QuoteMatch]:
        """Every place (up to ``limit``) where ``quote`` occurs, after normalising both."""
        needle = normalise_quote(quote)
        if not needle:
            return []
        haystack = self.normalised
        matches: list[QuoteMatch] = []
        start = haystack.find(needle)
        while start >= 0 and len(matches) < limit:
            matches.append(self.match_at(start, start + len(needle)))
            start = haystack.find(needle, start + 1)
        return matches

    def unique_context(self, start: int, end: int) -> str:
        """The shortest run of whole words around ``start:end``, on its line, that occurs once.

        At least a few words either side, to carry qualifiers ("more than") and the noun measured.
        """
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        words = [(m.start(), m.end()) for m in _WORD.finditer(text, line_start, line_end)]
        touching = [i for i, (w_start, w_end) in enumerate(words) if w_end > start and w_start < end]
        if not touching:
            return text[start:end]
        first, last = touching[0], touching[-1]
        candidate = text[start:end]
        for width in range(MIN_CONTEXT_WORDS, MAX_CONTEXT_WORDS + 1):
            left = words[max(0, first - width)][0]
            right = words[min(len(words) - 1, last + width)][1]
            candidate = text[left:right].rstrip(",;:.")
            if len(self.find_quote(candidate, limit=2)) == 1:
                break
        return candidate

    def closest_passage(self, quote: str) -> tuple[QuoteMatch, str, float] | None:
        """The passage of the source most like ``quote``: (where, original text, score 0-100)."""
        from rapidfuzz import fuzz

        needle = normalise_quote(quote)
        haystack = self.normalised
        if not needle or not haystack or len(needle) > MAX_CLOSEST_QUOTE:
            return None
        alignment = fuzz.partial_ratio_alignment(needle, haystack)
        if alignment is None or alignment.score <= 0:
            return None
        start, end = _whole_words(needle, haystack, alignment.dest_start, max(alignment.dest_end,
                                                                            alignment.dest_start + 1))
        match = self.match_at(start, end)
        return match, self.text[match.start : match.end], alignment.score


def _whole_words(needle: str, haystack: str, start: int, end: int) -> tuple[int, int]:
    """The passage ``haystack[start:end]`` moved to whole words, a few either way, whichever is most like
    ``needle``: an alignment may begin inside the word before the quote's ("d a polysilicon"), or fall
    short of a quote that left words out."""
    from rapidfuzz import fuzz

    reach = 3  # words either way
    low, high = max(0, start - 200), min(len(haystack), end + 200)  # three words lie well within
    starts = [i for i in range(low, high) if haystack[i] != " " and (i == 0 or haystack[i - 1] == " ")]
    ends = [i for i in range(low + 1, high + 1)
            if haystack[i - 1] != " " and (i == len(haystack) or haystack[i] == " ")]
    first = bisect.bisect_right(starts, start)  # starts[first - 1] <= start
    last = bisect.bisect_left(ends, end)  # ends[last] >= end
    near_starts = starts[max(0, first - reach) : first + reach]
    near_ends = ends[max(0, last - reach) : last + reach]
    near_ends += [e - 1 for e in near_ends if haystack[e - 1] in ",.;:" and not needle.endswith(haystack[e - 1])]
    pairs = [(s, e) for s in near_starts for e in near_ends if s < e]
    if not pairs:
        return start, end
    return max(pairs, key=lambda pair: (fuzz.ratio(needle, haystack[pair[0] : pair[1]]), pair[0] - pair[1]))


@dataclass
class SourceProblem:
    code: str
    message: str


def is_inside(child: str, parent: str) -> bool:
    try:
        return os.path.commonpath([child, parent]) == parent and child != parent
    except ValueError:  # different drives
        return False


def realpath(path: Path | str, folders: dict[str, str] | None = None) -> str:
    """``os.path.realpath``; with ``folders`` (a memo of real folder paths, kept for one run) a file that is
    not itself a link costs one ``lstat``, not one per component of its path."""
    text = os.fspath(path)
    parent, name = os.path.split(text)
    if folders is None or name in ("", ".", "..") or os.path.islink(text):
        return os.path.realpath(text)
    return os.path.join(real_folder(parent, folders), name)


def real_folder(folder: Path | str, folders: dict[str, str] | None) -> str:
    if folders is None:
        return os.path.realpath(folder)
    key = os.fspath(folder)
    if key not in folders:
        folders[key] = os.path.realpath(key)
    return folders[key]


def resolve_source(
    root: Path, seeds_dir: Path, raw: str, folders: dict[str, str] | None = None
) -> tuple[Path | None, SourceProblem | None]:
    """The real path of a claims file's ``source.path``, if it is safe to read.

    ``folders``: a memo of real folder paths for one run (see ``realpath``)."""
    if "\x00" in raw:
        return None, SourceProblem("S109", "source path contains a NUL character")
    pure = Path(raw)
    if pure.is_absolute() or raw.startswith(("/", "\\")) or (len(raw) > 1 and raw[1] == ":"):
        return None, SourceProblem(
            "S109", f"source path '{raw}' is absolute; give it relative to the repository root"
        )
    if ".." in pure.parts or ".." in raw.replace("\\", "/").split("/"):
        return None, SourceProblem("S109", f"source path '{raw}' climbs out with '..'")
    seeds_real = real_folder(seeds_dir, folders)
    try:
        real = realpath(root / pure, folders)
    except (OSError, RuntimeError, ValueError) as error:
        return None, SourceProblem("S109", f"source path '{raw}' cannot be resolved: {error}")
    if not is_inside(real, seeds_real):
        where = "a link pointing outside it" if os.path.islink(root / pure) or any(
            os.path.islink(p) for p in (root / pure).parents if is_inside(str(p), str(root))
        ) else "outside it"
        seeds_name = os.path.relpath(seeds_dir, root)
        return None, SourceProblem(
            "S109", f"source path '{raw}' is not inside the seeds folder '{seeds_name}/' ({where})"
        )
    return Path(real), None


def read_source(real: Path, shown_path: str) -> tuple[SourceText | None, SourceProblem | None]:
    """Read a resolved source as UTF-8 text."""
    try:
        info = os.stat(real)
    except OSError as error:
        if error.errno in _MISSING:  # as Path.exists() decides
            return None, SourceProblem("S110", f"source '{shown_path}' does not exist")
        return None, SourceProblem("S111", f"source '{shown_path}' cannot be read: {error.strerror}")
    try:
        if not stat.S_ISREG(info.st_mode):
            return None, SourceProblem("S111", f"source '{shown_path}' is not a regular file")
        size = info.st_size
        if size > MAX_SOURCE_BYTES:
            return None, SourceProblem(
                "S111", f"source '{shown_path}' is {size} bytes, over the {MAX_SOURCE_BYTES}-byte limit"
            )
        data = real.read_bytes()
    except OSError as error:
        return None, SourceProblem("S111", f"source '{shown_path}' cannot be read: {error.strerror}")
    text, problem, _ = decode_utf8(data, shown_path)
    if text is None:
        return None, SourceProblem("S111", problem or "not UTF-8")
    return SourceText(shown_path, text, hashlib.sha256(data).hexdigest()), None


def decode_utf8(data: bytes, shown_path: str) -> tuple[str | None, str | None, tuple[int, int]]:
    """Decode UTF-8 (a leading BOM is dropped); say where decoding fails (line, column)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, f"'{shown_path}' is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8", (1, 1)
    try:
        return data.decode("utf-8-sig"), None, (1, 1)
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8-sig", errors="replace")
        line_index = LineIndex(good)
        line, column = line_index.position(len(good))
        return None, (
            f"'{shown_path}' is not valid UTF-8: byte 0x{data[error.start]:02x} at line {line}, "
            f"column {column} (byte offset {error.start})"
        ), (line, column)
