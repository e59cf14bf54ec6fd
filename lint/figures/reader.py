"""The figure reader: every figure in English text, with its span, value, unit and qualifier.

One module, used by every rule that needs figures, so that a citation check,
a garble scan and ``claimlint draft`` all agree on what "the figure" in a
piece of text is.

Why hand-written: measured on the five seeds against the hand-checked list in
tests/data/seed_figures.yaml (64 figures, 41 look-alikes):

* quantulum3 0.10 (without its optional classifier), scored leniently (span
  overlaps and value equal, unit not checked): recall 0.97, precision 0.65,
  3.2 s for the 24 kB of seeds. It reports years, dates, "13th" and "5G"
  ("5 gauss") as figures, reads "12 key" as 12000 exayears, "2022-2024" as
  its midpoint 2023, and splits "two or three years".
* word2number 1.1 reads "two or three years" as 5; number-parser 0.3.2
  rewrites the text (no spans) and reads "First" as 1, "one fifth" as "1 5".
* this reader, scored strictly (value, range end and unit all equal): recall
  0.98 (63/64), precision 1.00 (63/63), about 5 ms for the seeds
  (tests/test_figures.py prints the numbers).

Conventions (see also :class:`Figure`):

* ``text`` is number + scale word + unit as written ("3.37 million tons",
  "300,000-ton", "12 key photovoltaic manufacturing enterprises"); qualifier
  words are not part of it.
* a fraction word is a figure only as a share ("half of the country" ->
  50 percent, "one fifth of" -> 20 percent) or of a unit ("half a year" ->
  0.5 year). A bare "half" is not a figure.
* "X-level" / "X level" ("100 billion-level", "trillion-level") names an
  order of magnitude: qualifier ``approx``, no unit.
* ranges and alternatives keep both ends (``value``, ``high``), never a
  midpoint; "from X to Y" is a change, so two figures.
* not figures: years (1800-2100 with no unit), dates, clock times, ordinals
  ("16th"), names with digits ("5G", "COVID-19"), labels ("Phase 2",
  "No. 3"), plan names ("13th Five-Year Plan", "three-year action plan"),
  periods ("first 10 months", "past two years"), a number word with no unit
  ("one of them"), and a lone digit with no unit (list markers, counters).

The unit words come from rules/units.yaml through :class:`UnitWords`; pint is
never imported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, localcontext
from pathlib import Path
from typing import NamedTuple

from ..domain.regexes import alternation, starting
from ..domain.units import UnitWords, load_unit_words

QUALIFIERS = ("exact", "approx", "nearly", "at_least", "more_than", "at_most", "less_than")


@dataclass(frozen=True)
class Figure:
    """One figure as written.

    ``start``/``end``: code-point offsets of ``text`` in the input, end
    exclusive. ``value``/``high``: in the written unit with the scale word
    applied ("3.37 million tons" -> 3370000 t; ``high`` only for ranges and
    alternatives). ``unit``: the registry's unit name, None for a bare number.
    ``qualifier``: one of :data:`QUALIFIERS`. ``step``: the value of one unit
    in the last printed digit ("138.8GW" -> 0.1, "3.37 million" -> 10000,
    "335,000" -> 1, a number word -> 1 times its scale); a consumer takes
    value +/- step/2 as the rounding interval.
    """

    start: int
    end: int
    text: str
    value: float | int
    high: float | int | None
    unit: str | None
    qualifier: str
    step: float


# --- the language: English number words, scales, qualifiers --------------------------

# fmt: off
_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
_NUMBER_WORDS = {**_ONES, **_TEENS, **_TENS}

# Longest first, so that a phrase wins over its tail ("no more than" over "more than").
_QUALIFIER_WORDS = {
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "closer to": "nearly",
    "approaching": "nearly", "just under": "nearly", "just below": "nearly",
    "about": "approx", "approximately": "approx", "around": "approx", "roughly": "approx",
    "some": "approx", "an estimated": "approx", "circa": "approx", "~": "approx", "≈": "approx",
    "more than": "more_than", "over": "more_than", "above": "more_than", "exceed": "more_than",
    "exceeds": "more_than", "exceeded": "more_than", "exceeding": "more_than",
    "surpass": "more_than", "surpassed": "more_than", "surpassing": "more_than",
    "in excess of": "more_than", "greater than": "more_than", "upwards of": "more_than",
    ">": "more_than",
    "at least": "at_least", "no less than": "at_least", "not less than": "at_least",
    "no fewer than": "at_least", "not fewer than": "at_least", "a minimum of": "at_least",
    "≥": "at_least", ">=": "at_least",
    "up to": "at_most", "at most": "at_most", "no more than": "at_most", "not more than": "at_most",
    "a maximum of": "at_most", "not exceeding": "at_most", "≤": "at_most", "<=": "at_most",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than", "below": "less_than",
    "<": "less_than",
}

# fmt: on

# Words a counted noun may not be looked for across ("one OF them", "two HAS the").
_STOP_WORDS = frozenset(
    {
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "to",
        "with",
        "into",
        "onto",
        "than",
        "as",
        "per",
        "via",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whose",
        "whom",
        "what",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "do",
        "does",
        "did",
        "not",
        "no",
        "it",
        "its",
        "their",
        "they",
        "them",
        "we",
        "our",
        "us",
        "he",
        "she",
        "his",
        "her",
        "there",
        "here",
        "when",
        "where",
        "while",
        "if",
        "but",
        "so",
        "such",
        "each",
        "every",
        "all",
        "also",
        "only",
        "more",
        "most",
        "less",
        "about",
        "including",
        "after",
        "before",
        "since",
        "until",
        "during",
        "over",
        "under",
        "between",
        "among",
        "through",
        "within",
        "without",
        "against",
        "like",
        "same",
        "other",
        "another",
        "then",
    }
)


# Words that are never the verb of a clause: what a tense correction must not conjugate ("will about").
FUNCTION_WORDS = frozenset(_STOP_WORDS | {w for w in _QUALIFIER_WORDS
                                          if " " not in w and w.isalpha() and not w.startswith(("exceed", "surpass"))}
                           | set(_NUMBER_WORDS) | set(_SCALES) | {"approximately", "roughly", "nearly", "almost"})

# (?i) matches these to ASCII letters, but str.lower() leaves them be (or makes two letters of "İ"):
# every word a (?i) pattern matched is folded with this before it is looked up.
_ASCII_FOLD = str.maketrans({"ſ": "s", "\u212a": "k", "ı": "i", "İ": "i"})


def _folded(written: str) -> str:
    return written.translate(_ASCII_FOLD).lower()


_ONES_1_9 = alternation(w for w in _ONES if w != "zero")
_BELOW_100 = rf"(?:(?:{alternation(_TENS)})(?:[\s\-](?:{_ONES_1_9}))?|{alternation(_TEENS)}|{alternation(_ONES)})"
_WORD_NUMBER = re.compile(
    rf"(?i)(?:(?:{_BELOW_100}|an?)[\s\-]+hundred(?:[\s\-]+(?:and[\s\-]+)?{_BELOW_100})?"
    rf"|{_BELOW_100}"
    rf"|an?(?=[\s\-]+(?:thousand|million|billion|trillion)\b))\b"
)
_AND_A_HALF = re.compile(r"(?i)[ \t]+and[ \t]+a[ \t]+half\b")
_FRACTION = re.compile(
    rf"(?i)(?:(?P<num>{_ONES_1_9}|ten|an?)[\s\-]+(?P<den>{alternation(_DENOMINATORS)})|(?P<half>half))\b"
)
# Thousands groups; then damaged groups ("2,45,000", "3,0000"), read whole so the figure keeps its unit
# and noun (G106 reports the damage); then plain digits.
_DIGITS = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]{1,3}(?:,[0-9]{2,4})+(?![0-9])|[0-9]+)"
                     r"(?:\.[0-9]+)?")
# The point and fraction of a decimal whose point is set off by spaces ("5 . 3 billion", "5. 3 billion"), read
# only before a scale word or unit word so that a sentence ending in a number is never taken for one.
_SPACED_POINT = re.compile(r"(?:[ \t]+\.[ \t]*|\.[ \t]+)([0-9]+)(?![0-9,.])")
_SCALE = re.compile(r"(?i)(?:[ \t\-]*(?:hundred|thousand|million|billion|trillion)\b){1,4}")
_PIECE = re.compile(r"(?i)[ \t]+([0-9]{1,3})[ \t]+(hundred|thousand|million)\b")
_SCALE_SEPARATOR = re.compile(r"[ \t\-]+")
_LEVEL = re.compile(r"(?i)[ \t\-]*(?:level|grade|class)\b")  # "100 billion-level", "-grade", "-class"
# A minus sign of the number itself: at the start of a word, after space or an opening bracket
# (never "2022-2024", "COVID-19" or the second end of "30 - 40").
_MINUS_BEFORE = re.compile(r"(?:^|[\s(\[])[-\u2212]$")

_CANDIDATE_WORDS = [*_NUMBER_WORDS, *_SCALES, "half", "an", "a"]
_CANDIDATE = re.compile(
    starting([*_CANDIDATE_WORDS, *"0123456789"])
    + r"(?:(?<![A-Za-z0-9./:])(?<![0-9],)[0-9]"  # not the tail of "12,3456": that is malformed, not 3456
    r"|(?<![A-Za-z0-9\-])(?i:" + alternation(_CANDIDATE_WORDS) + r")(?![A-Za-z]))"
)

_MONTHS = (
    r"(?:\b(?i:january|february|april|june|july|august|september|october|november|december"
    r"|jan|feb|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?|\bMay|\bMarch|\bMar\.)"
)
_MONTH_BEFORE = re.compile(starting(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"])
                            + _MONTHS + r"[ \t]+$")
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?,?[ \t]+" + _MONTHS + r"(?![A-Za-z])")
_DATE_AT = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}(?![0-9])"
    r"|[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}(?![0-9])|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}(?![0-9])"
    r"|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}(?![0-9])|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])"
    r"|(?i:[0-9]{1,2}[ \t]*(?:[ap]\.m\.|[ap]m\b))"
)
# A year (1800-2100, as ``year_like``) or a lone digit, followed by punctuation that no unit, scale,
# range, date or clock time goes on with: what the full reading decides (not a figure), at a fraction
# of its cost.
_BARE_THEN_PUNCTUATION = re.compile(
    r"(?:1[89][0-9]{2}|20[0-9]{2}|2100)(?=[,;:!?)\]]|\.(?![0-9]))|[0-9](?=,(?![0-9])|[;!?)\]]|\.(?![0-9]|[ \t]+[0-9]))")
_SLASHED = re.compile(r"[0-9/.,]+")
_SLASH_FRACTION = re.compile(r"([0-9]{1,2})/([0-9]{1,3})(?=[ \t]+of\b)")
_HALF_PERIOD_BEFORE = re.compile(
    r"(?i)(?<![A-Za-z])(?:first|second|last|latter|other|past|next)[ \t]+$"
)
_DURATION_ADJECTIVE = re.compile(
    r"(?i)[ \t]+(?:consecutive|straight|successive|full|whole)(?=[ \t])"
)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]*")
_LABELS = ("phase no. nos. number article chapter section fig. figure table item grade stage version vol. volume "
           "page p. pp. room unit line batch class type model tier level block lot building road street route "
           "highway lane platform gate hall district").split()
_LABEL_BEFORE = re.compile(
    r"(?i)" + starting(_LABELS) + r"(?<![A-Za-z])" + alternation(_LABELS) + r"[ \t]*#?[ \t]*$"
)
_PERIOD_BEFORE = re.compile(
    r"(?i)(?<![A-Za-z])(?:first|last|past|next|previous|recent|coming|following|initial|final|latest)"
    r"[ \t]+$"
)
_PLAN_AFTER = re.compile(r"(?i)[ \t]+(?:(?:action|development|work|rolling)[ \t]+)?plans?\b")
_FROM_BEFORE = re.compile(r"(?i)(?<![A-Za-z])from[ \t]+$")
_BY_BEFORE = re.compile(r"(?i)(?<![A-Za-z])by[ \t]+(?:(?:about|nearly|some|around|more[ \t]+than|over)[ \t]+)?$")
_BETWEEN_BEFORE = re.compile(r"(?i)(?<![A-Za-z])between[ \t]+$")
_ARTICLE = re.compile(r"(?i)an?(?![A-Za-z])")
_OF_AFTER = re.compile(r"(?i)[ \t]+of\b")
_A_AFTER = re.compile(r"(?i)[ \t]+an?[ \t]+")
_UNIT_GAP = re.compile(r"[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?(?:[-–‐][ \t\u00a0]*)?")
_JOINER = re.compile(r"[ \t]*[-–—~～][ \t]*|[ \t]+(?:to|or)[ \t]+")
_AND_JOINER = re.compile(r"[ \t]+and[ \t]+")
_LOOK_WORD = re.compile(r"[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?([A-Za-z][A-Za-z'’\-]*)")
_POSTFIX = re.compile(
    r"(?i)[ \t]+(?:(?P<at_least>(?:or|and)[ \t]+(?:more|above|over))"
    r"|(?P<at_most>(?:or|and)[ \t]+(?:less|fewer|below|under))"
    r"|(?P<approx>or[ \t]+(?:so|thereabouts)))\b"
)
_QUALIFIER_PHRASES = [w for w in _QUALIFIER_WORDS if w[0].isalpha()]
_QUALIFIER_SIGNS = [w for w in _QUALIFIER_WORDS if not w[0].isalpha()]
_QUALIFIER_BEFORE = re.compile(
    r"(?i)(?:" + starting(_QUALIFIER_PHRASES) + r"(?<![A-Za-z])(?:" + alternation(_QUALIFIER_PHRASES)
    + r")[ \t]+|" + starting(_QUALIFIER_SIGNS) + r"(?:" + alternation(_QUALIFIER_SIGNS) + r")[ \t]*)$"
)

# Exact decimal arithmetic that never traps: absurd input ("5 trillion trillion ...")
# gives a huge or infinite value, not an exception.
_DECIMALS = Context(prec=40, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])

_LOOKAHEAD_WORDS = 5  # adjectives allowed between a number and its counted noun


class _Number(NamedTuple):
    """A number as parsed, before its unit: exact decimal value and printed step (a tuple: the reader
    makes several per figure, and a frozen dataclass costs several times as much to build)."""

    start: int
    end: int
    value: Decimal  # with the scale applied
    step: Decimal  # with the scale applied
    kind: str  # digits | words | fraction | scale
    plain: bool = False  # digits with no separator and no decimals (could be a year)
    scale: Decimal = Decimal(1)

    @property
    def scaled(self) -> bool:
        return self.scale != 1

    @property
    def year_like(self) -> bool:
        return (
            self.plain
            and not self.scaled
            and self.end - self.start == 4
            and 1800 <= self.value <= 2100
        )

    def rescaled(self, factor: Decimal, end: int | None = None) -> _Number:
        return self._replace(
            end=self.end if end is None else end,
            value=self.value * factor,
            step=self.step * factor,
            scale=self.scale * factor,
        )


class _Unit(NamedTuple):
    name: str
    end: int


def _number_value(value: Decimal) -> float | int:
    """An int when the value is whole (3.37 million -> 3370000), else a float."""
    if value.is_finite() and value.adjusted() < 100 and value == value.to_integral_value():
        return int(value)
    return float(value)


def _words_value(words: str) -> Decimal:
    total = 0
    for token in re.split(r"[\s\-]+", _folded(words)):
        if token in ("and", ""):
            continue
        if token in ("a", "an"):
            total += 1
        elif token == "hundred":
            total = max(total, 1) * 100
        else:
            total += _NUMBER_WORDS[token]
    return Decimal(total)


class _Reader:
    """One pass over one text; holds the text and the vocabulary for the helpers."""

    def __init__(self, text: str, words: UnitWords) -> None:
        self.text = text
        self.words = words
        self.last_end = 0

    def run(self) -> list[Figure]:
        figures: list[Figure] = []
        pos = 0
        glued = self._glued_starts()
        while True:
            found = _CANDIDATE.search(self.text, pos)
            while glued and glued[-1] < pos:
                glued.pop()
            if found is None and not glued:
                break
            start = found.start() if found is not None else len(self.text)
            if glued and glued[-1] < start:
                start = glued.pop()
            figure, resume = self._figure_at(start)
            if figure is not None:
                figures.append(figure)
                self.last_end = figure.end
            pos = max(resume, start + 1)
        return figures

    def _glued_starts(self) -> list[int]:
        """Where a number glued to a currency code starts ("USD12 million"), last first: the candidate
        search skips digits after a letter."""
        pattern = self.words.glued_prefix
        if pattern is None or not any(c.isdigit() for c in self.text):
            return []
        return [found.end() for found in pattern.finditer(self.text)][::-1]

    def _before(self, pos: int, width: int = 16) -> str:
        return self.text[max(0, pos - width) : pos]

    # -- numbers -----------------------------------------------------------------------

    def _digits(self, pos: int) -> _Number | None:
        found = _DIGITS.match(self.text, pos)
        if found is None:
            return None
        written = found.group().replace(",", "")
        spaced = _SPACED_POINT.match(self.text, found.end()) if "." not in written else None
        if spaced is not None and self._spaced_decimal(written, spaced.end()):
            # "RMB5 . 3 billion": a decimal point set off by spaces (G108 reports it)
            written += "." + spaced.group(1)
            decimals = spaced.group(1)
            return _Number(pos, spaced.end(1), Decimal(written), Decimal(1).scaleb(-len(decimals)), "digits")
        decimals = written.partition(".")[2]
        step = Decimal(1).scaleb(-len(decimals)) if decimals else Decimal(1)
        plain = "," not in found.group() and not decimals
        return _Number(pos, found.end(), Decimal(written), step, "digits", plain=plain)

    def _spaced_decimal(self, whole: str, end: int) -> bool:
        """Whether "5 . 3" ending at ``end`` is one damaged decimal: not a year before a full stop, and the
        fraction goes on with a scale word or a unit of measure ("5 . 3 billion", "27 . 4%")."""
        if len(whole) == 4 and 1800 <= int(whole) <= 2100:
            return False
        if _SCALE.match(self.text, end):
            return True
        unit = self._unit_adjacent(end)
        return unit is not None and self.words.role(unit.name) == "measure"

    def _words(self, pos: int) -> _Number | None:
        found = _WORD_NUMBER.match(self.text, pos)
        if found is None:
            return None
        value = _words_value(found.group())
        step = Decimal(1)
        end = found.end()
        half = _AND_A_HALF.match(self.text, end)
        if half is not None:  # "one and a half times"
            value += Decimal("0.5")
            step = Decimal("0.5")
            end = half.end()
        return _Number(pos, end, value, step, "words")

    def _number(self, pos: int) -> _Number | None:
        if pos >= len(self.text):
            return None
        return self._digits(pos) if self.text[pos].isdigit() else self._words(pos)

    def _scale(self, number: _Number) -> _Number:
        """Apply scale words after the number ("3.37 million", "100 billion", "ten thousand")."""
        found = _SCALE.match(self.text, number.end)
        if found is None:
            return number
        factor = Decimal(1)
        for word in _SCALE_SEPARATOR.split(found.group().strip(" \t-")):
            factor *= _SCALES[_folded(word)]
        scaled = number.rescaled(factor, found.end())
        piece = _PIECE.match(self.text, found.end()) if number.kind == "digits" and number.plain else None
        if piece is not None and _SCALES[_folded(piece.group(2))] < factor:
            # "7 billion 500 million": a count of 亿 written piece by piece is one number (G110 reports it)
            smaller = _SCALES[_folded(piece.group(2))]
            return scaled._replace(end=piece.end(), value=scaled.value + Decimal(piece.group(1)) * smaller,
                                   step=Decimal(smaller))
        return scaled

    # -- units -------------------------------------------------------------------------

    def _unit_adjacent(self, pos: int) -> _Unit | None:
        """A unit word right after the number: glued, spaced or hyphenated."""
        gap = _UNIT_GAP.match(self.text, pos)
        at = gap.end() if gap is not None else pos
        hit = self.words.match(self.text, at)
        if hit is not None:
            return _Unit(*hit)
        adjective = _DURATION_ADJECTIVE.match(self.text, pos)  # "5 consecutive years"
        if adjective is not None:
            gap = _UNIT_GAP.match(self.text, adjective.end())
            hit = self.words.match(self.text, gap.end() if gap is not None else adjective.end())
            if hit is not None and self.words.role(hit[0]) == "duration":
                return _Unit(*hit)
        return None

    def _unit_counted(self, pos: int) -> _Unit | None:
        """A counted noun a few words on ("12 key photovoltaic manufacturing enterprises")."""
        cursor = pos
        for _ in range(_LOOKAHEAD_WORDS + 1):
            found = _LOOK_WORD.match(self.text, cursor)
            if found is None:
                return None
            hit = self.words.match(self.text, found.start(1))
            if hit is not None:
                return _Unit(*hit) if self.words.role(hit[0]) == "counted" else None
            word = _folded(found.group(1))
            if word in _STOP_WORDS or word in _NUMBER_WORDS or word in _SCALES:
                return None
            cursor = found.end()
        return None

    def _unit_after(self, pos: int) -> _Unit | None:
        return self._unit_adjacent(pos) or self._unit_counted(pos)

    # -- one figure --------------------------------------------------------------------

    def _figure_at(self, start: int) -> tuple[Figure | None, int]:
        """The figure starting at a candidate, or None, and where to go on scanning."""
        text = self.text
        if text[start].isdigit():
            return self._digits_figure(start)
        fraction = _FRACTION.match(text, start)
        if fraction is not None:
            return self._fraction_figure(start, fraction)
        number = self._words(start)
        if number is not None:
            if _ARTICLE.match(text, start):
                scale = _SCALE.match(text, number.end)
                if scale is not None and _LEVEL.match(text, scale.end()):
                    return (
                        None,
                        start + 1,
                    )  # "a trillion-level cluster": "a" is the cluster's article
            return self._complete(number)
        scale = _SCALE.match(text, start)
        if scale is not None:  # "trillion-level"
            level = _LEVEL.match(text, scale.end())
            if level is not None:
                one = self._scale(_Number(start, start, Decimal(1), Decimal(1), "scale"))
                return self._finish(one, None, None, level.end(), "approx")
            return None, scale.end()
        return None, start + 1

    def _digits_figure(self, start: int) -> tuple[Figure | None, int]:
        text = self.text
        bare = _BARE_THEN_PUNCTUATION.match(text, start)
        if bare is not None:
            return None, bare.end()  # "In 2022, ...", "(3)": the commonest numbers of all, never figures
        date = _DATE_AT.match(text, start)
        if date is not None:
            return None, date.end()
        if start >= 2 and text[start - 1] in "-‐" and text[start - 2].isalpha():
            return None, _alnum_end(text, start)  # "COVID-19"
        slash = _SLASH_FRACTION.match(text, start)
        if slash is not None and 0 < int(slash.group(1)) < int(slash.group(2)):  # "1/3 of"
            share = _Number(
                start,
                slash.end(),
                Decimal(slash.group(1)) / Decimal(slash.group(2)) * 100,
                Decimal(1),
                "fraction",
            )
            return self._finish(share, None, _Unit("percent", slash.end()), slash.end(), None)
        number = self._digits(start)
        if number is None:
            return None, start + 1
        if (
            text[number.end : number.end + 1] == "/"
            and text[number.end + 1 : number.end + 2].isdigit()
        ):
            return None, _alnum_end(text, start, _SLASHED)  # "5/12", "3/4 GW"
        ordinal = _ORDINAL_SUFFIX.match(text, number.end)
        if ordinal is not None:
            return None, ordinal.end()  # "16th"
        before = self._before(start)
        if (
            number.plain
            and number.value <= 31
            and (_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(text, number.end))
        ):
            return None, number.end  # "May 19", "19 May"
        if _LABEL_BEFORE.search(before) and number.plain and not _SCALE.match(text, number.end):
            return None, number.end  # "Phase 2", "No. 3" (but "the second phase 2.5 billion yuan" is a figure)
        return self._complete(number)

    def _fraction_figure(self, start: int, found: re.Match[str]) -> tuple[Figure | None, int]:
        """ "half of the country" -> 50 percent; "half a year" -> 0.5 year; else not a figure."""
        if found.group("half"):
            if _HALF_PERIOD_BEFORE.search(self._before(start)):
                return None, found.end()  # "the first half of 2023": a period
            numerator, denominator = 1, 2
        else:
            written = _folded(found.group("num"))
            numerator = 1 if written in ("a", "an") else _NUMBER_WORDS[written]
            denominator = _DENOMINATORS[_folded(found.group("den"))]
        fraction = Decimal(numerator) / Decimal(denominator)
        end = found.end()
        if _OF_AFTER.match(self.text, end):
            share = _Number(start, end, fraction * 100, Decimal(1), "fraction")
            return self._finish(share, None, _Unit("percent", end), end, None)
        article = _A_AFTER.match(self.text, end)
        if article is not None:
            unit = self._unit_adjacent(article.end())
            if unit is not None and self.words.role(unit.name) != "counted":
                part = _Number(start, end, fraction, Decimal(1) / Decimal(denominator), "fraction")
                return self._finish(part, None, unit, unit.end, None)
        return None, end

    def _complete(self, first: _Number) -> tuple[Figure | None, int]:
        """Scale, unit, range, postfix qualifier; then the rules that make it a non-figure."""
        text = self.text
        first = self._scale(first)
        level = _LEVEL.match(text, first.end)
        if level is not None and not first.year_like:
            return self._finish(first, None, None, level.end(), "approx")  # "100 billion-level"
        unit = self._unit_adjacent(first.end)
        glued = first.end < len(text) and text[first.end].isalpha()
        if unit is None and glued and first.kind == "digits" and not first.scaled:
            return None, _alnum_end(text, first.end)  # "5G", "3D", "1980s"
        if first.year_like and unit is None:
            joined = _JOINER.match(text, first.end)
            if joined is not None:
                second = self._digits(joined.end())
                if second is not None and (second.year_like or second.end - second.start == 2):
                    return None, second.end  # "2022-2024", "2022-24"
            return None, first.end
        end = unit.end if unit is not None else first.end
        if unit is not None:
            level = _LEVEL.match(text, end)
            if level is not None:
                return self._finish(first, None, unit, level.end(), "approx")

        ranged = self._range(first, unit, end)
        if ranged is not None:
            second, range_unit, range_end = ranged
            return self._checked(first, second, range_unit, range_end, None)

        implied = None
        if unit is None:
            unit = self._unit_counted(first.end)
        if unit is None:
            postfix = _POSTFIX.match(text, first.end)
            if postfix is not None:  # "10 or more enterprises"
                implied = postfix.lastgroup
                unit = self._unit_after(postfix.end())
        if unit is not None:
            end = unit.end
        if implied is None:
            postfix = _POSTFIX.match(text, end)
            implied = postfix.lastgroup if postfix is not None else None
        if unit is None:
            unit = self._unit_of_change(first)
        return self._checked(first, None, unit, end, implied)

    def _range(
        self, first: _Number, unit: _Unit | None, end: int
    ) -> tuple[_Number, _Unit | None, int] | None:
        """ "30-40 GW", "1 or 2", "two or three years", "between 5 and 8 GW": both ends kept."""
        text = self.text
        joined = _JOINER.match(text, end)
        if joined is None and _BETWEEN_BEFORE.search(self._before(first.start, 10)):
            joined = _AND_JOINER.match(text, end)
        if joined is None:
            return None
        joiner = _folded(joined.group().strip())
        if joiner == "to" and _FROM_BEFORE.search(self._before(first.start, 8)):
            return None  # "from 20 to 40 GW": a change, two figures
        if joiner == "to" and unit is not None and _BY_BEFORE.search(self._before(first.start, 16)):
            return None  # "rose by 80,000 tons to 2.86 million tons": the change and the new level
        at = joined.end()
        if at >= len(text) or _DATE_AT.match(text, at) or _FRACTION.match(text, at):
            return None
        if first.kind == "digits" and not text[at].isdigit() and joiner in "-–—~～":
            return None
        second = self._number(at)
        if second is None:
            return None
        if second.kind == "digits" and (
            _ORDINAL_SUFFIX.match(text, second.end) or (second.year_like and first.year_like)
        ):
            return None
        second = self._scale(second)
        second_unit = self._unit_after(second.end)
        if unit is not None and second_unit is not None and unit.name != second_unit.name:
            return None  # "30 GW - 40 GWh": not one range
        if unit is None and second_unit is None and not second.scaled and second.kind == "words":
            return None
        range_end = second_unit.end if second_unit is not None else second.end
        return second, second_unit or unit, range_end

    def _unit_of_change(self, first: _Number) -> _Unit | None:
        """ "from 20 to 40 GW": the first figure is in GW too (its text stays "20")."""
        if not _FROM_BEFORE.search(self._before(first.start, 8)):
            return None
        joined = _JOINER.match(self.text, first.end)
        if joined is None or _folded(joined.group().strip()) != "to":
            return None
        second = self._number(joined.end())
        if second is None:
            return None
        later = self._unit_adjacent(self._scale(second).end)
        return _Unit(later.name, first.end) if later is not None else None

    def _checked(
        self,
        first: _Number,
        second: _Number | None,
        unit: _Unit | None,
        end: int,
        implied: str | None,
    ) -> tuple[Figure | None, int]:
        """Drop what only looks like a figure; build the rest."""
        role = self.words.role(unit.name) if unit is not None else None
        if role == "duration":
            if _PERIOD_BEFORE.search(self._before(first.start)):
                return None, end  # "first 10 months", "past two years"
            plan = _PLAN_AFTER.match(self.text, end)
            if plan is not None:
                return None, plan.end()  # "Five-Year Plan", "three years action plan"
        if unit is None and not first.scaled and (second is None or not second.scaled):
            if first.kind == "words":
                return None, first.end  # "one of them", "two wings"
            if first.plain and first.value < 10 and second is None:
                return None, first.end  # a lone digit: a list marker, a counter
        return self._finish(first, second, unit, end, implied)

    def _finish(
        self,
        first: _Number,
        second: _Number | None,
        unit: _Unit | None,
        end: int,
        implied: str | None,
    ) -> tuple[Figure | None, int]:
        text = self.text
        if (
            second is not None
            and second.scaled
            and not first.scaled
            and first.value <= second.value / second.scale
        ):
            first = first.rescaled(second.scale)  # "3-5 million tons": the scale is shared
        unit_name = unit.name if unit is not None else None
        start = first.start
        prefix = self.words.match_prefix(text, start)
        if prefix is not None and prefix[1] >= self.last_end:
            if unit_name is not None and unit_name != prefix[0] and self.words.role(unit_name) == "counted":
                # "a CNY7.5 billion plant": the currency, not the noun a few words on, is the unit
                unit_name, end = None, (second or first).end
            if unit_name in (None, prefix[0]):
                unit_name, start = prefix  # "RMB 5 billion"
        value = _number_value(first.value)
        if second is None and start == first.start and first.kind == "digits" and _MINUS_BEFORE.search(
                self._before(start, 3)):
            start, value = start - 1, -value  # "-5%", "fell (-3.2 GW)": the sign is part of the figure
        qualifier = implied or "exact"
        found = _QUALIFIER_BEFORE.search(self._before(start, 24))
        if found is not None:
            qualifier = _QUALIFIER_WORDS[" ".join(_folded(found.group()).split())]
        step = first.step if second is None else min(first.step, second.step)
        figure = Figure(
            start=start,
            end=end,
            text=text[start:end],
            value=value,
            high=_number_value(second.value) if second is not None else None,
            unit=unit_name,
            qualifier=qualifier,
            step=float(step),
        )
        return figure, end


def _alnum_end(text: str, pos: int, run: re.Pattern[str] = _ALNUM_RUN) -> int:
    """Where a run of letters and digits (or of ``run``) starting at ``pos`` ends."""
    found = run.match(text, pos)
    return max(found.end(), pos + 1) if found is not None else pos + 1


def default_vocabulary() -> UnitWords:
    """The unit words of this project's rules/units.yaml (read once)."""
    return load_unit_words()


def read_figures(text: str, vocabulary: UnitWords | None = None) -> list[Figure]:
    """Every figure in ``text``, sorted by start; never raises on any string."""
    if not text:
        return []
    words = vocabulary if vocabulary is not None else default_vocabulary()
    with localcontext(_DECIMALS):
        return _Reader(text, words).run()


def load_vocabulary(path: Path) -> UnitWords:
    """The unit words of a units file other than the default (e.g. the configured rules folder)."""
    return load_unit_words(path)


__all__ = ["QUALIFIERS", "Figure", "default_vocabulary", "load_vocabulary", "read_figures"]
