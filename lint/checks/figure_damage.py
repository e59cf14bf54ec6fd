"""Family G: damage inside a written figure (its digits, point, scale word or unit), and the figures
that leak into a text from around it.

Like the rest of family G these rules read the source text, not the claims, and each names the
likely repair where the text allows one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..figures.reader import Figure
from ..figures.text import TextDocument, TextProblem
from ..reading.findings import Severity
from .base import Example, TextRule
from .garbled import TEXT_CLAIMS

_SPACED_POINT = re.compile(r"(\d)(?:[ \t]+\.[ \t]*|\.[ \t]+)(\d)")


class SpacedDecimalPoint(TextRule):
    """
    ## What it does
    Reports a figure whose decimal point is set off by spaces ("RMB5 . 3
    billion", "USD0 . 62 billion", "$1. 1 billion") and proposes the
    decimal it was. The figure reader takes such a figure as the decimal,
    so that a claim quoting it gets the right value; this rule makes sure
    the damage is seen.

    ## Why is this bad?
    Read as written, "5 . 3 billion" is two numbers, 5 and 3 billion: a
    reader or a tool takes one of them and is off by a factor of ten or
    more. Converters put spaces around the point when they split a figure
    into tokens.
    """

    code = "G108"
    name = "spaced-decimal-point"
    severity = Severity.WARNING
    summary = "decimal point set off by spaces"
    failing = Example(TEXT_CLAIMS, "The plant cost RMB4 . 4 billion.\n")
    passing = Example(TEXT_CLAIMS, "The plant cost RMB4.4 billion.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        for figure in document.figures:
            if _SPACED_POINT.search(figure.text):
                yield TextProblem(figure.start, figure.end, "a decimal point set off by spaces: one number, or two?",
                                  correction=_SPACED_POINT.sub(r"\1.\2", figure.text))


_SCALE_WORDS = {"hundred": 10**2, "thousand": 10**3, "million": 10**6, "billion": 10**9}


def _lost_point_pattern(scale: str, appended: str) -> re.Pattern[str]:
    # the digits of the count, the zeros the conversion appended, the scale word: "68500 million"
    # the digit first, so that a search skips to the next digit at C speed
    return re.compile(rf"(?P<count>\d(?<![\d.,]\d)\d*?)(?P<zeros>{appended})(?![\d.,])[ \t]+{scale}\b", re.IGNORECASE)


# "2005 billion kWh" for 200.5 billion: four digits or more before "billion" (English says "trillion")
_THOUSANDS_OF_BILLIONS = re.compile(r"(?P<digits>\d(?<![\d.,]\d)\d{3,})(?![\d.,])[ \t]+(?P<scale>billion|trillion)\b",
                                    re.IGNORECASE)


# "130.6 HK$100 million", "5.3 100 million yuan": the number, then 亿 written as its own unit
_UNCONVERTED = re.compile(r"(?P<count>\d(?<![\w.,]\d)[\d,]*(?:\.\d+)?)[ \t]+(?P<currency>HK\$|US\$|RMB|CNY|\$|¥)?"
                          r"[ \t]*100[ \t]+million\b")


def _shown(value: Decimal) -> str:
    """A value in the largest scale word that keeps it above one ("6.85 billion", "60 million")."""
    for word, factor in (("trillion", 10**12), ("billion", 10**9), ("million", 10**6)):
        if value >= factor:
            return f"{(value / factor).normalize():f} {word}"
    return f"{value.normalize():,f}"


class LostDecimalInCount(TextRule):
    """
    ## What it does
    Reports a figure written the way a translation writes a Chinese count
    whose decimal point was lost on the way: 68.5 亿 yuan (6.85 billion)
    becomes "68500 million yuan", the digits of the count with "00
    million" after them; "0600 million" (0.6 亿) keeps the count's leading
    zero. The counts, their English scale word and the zeros a conversion
    appends are data (`chinese_counts:` in `rules/language.yaml`). Proposes
    the figure with the point put back (a tenth of the value as written).
    Also reports four digits or more before "billion" ("2005 billion kWh"),
    which English writes as trillions: a point lost before the last digit.

    ## Why is this bad?
    English never writes "68500 million": a figure in that form was
    converted digit by digit from a count of 亿, and the point it had
    ("68.5") is gone. As written it is ten times too large.
    """

    code = "G109"
    name = "lost-decimal-in-count"
    severity = Severity.WARNING
    summary = "a Chinese count converted with its decimal point lost"
    failing = Example(TEXT_CLAIMS, "Output value rose from 68500 million yuan in 2020.\n")
    passing = Example(TEXT_CLAIMS, "Output value rose from 6.85 billion yuan in 2020.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        domain = document.domain
        counts = domain.language.chinese_counts if domain and domain.language else []
        for count in counts:
            lost = count.lost_point
            if lost is None or lost.scale.lower() not in _SCALE_WORDS:
                continue
            pattern = _lost_point_pattern(lost.scale, lost.appended)
            for found in pattern.finditer(document.text):
                digits = found.group("count")
                if (len(digits) < 2 or digits.endswith("0")) and not digits.startswith("0"):
                    continue  # "500 million", "12000 million": a whole count of 亿, converted right
                whole, point = digits[:-1], digits[-1]
                written = Decimal(f"{whole or '0'}.{point}")
                value = written * count.value
                yield TextProblem(
                    found.start(), found.end(),
                    f"'{found.group(0)}' is how a count of {count.name} is written when its decimal point is "
                    f"lost: {written.normalize():f} x {count.value:,} = {_shown(value)}?",
                    correction=_shown(value),
                )
        for found in _UNCONVERTED.finditer(document.text) if "100 million" in document.text else ():
            yi = Decimal(found.group("count").replace(",", ""))
            value = yi * 10**8
            yield TextProblem(found.start(), found.end(), f"'{found.group(0)}': a count of 亿 (100 million) left "
                              f"unconverted: {yi.normalize():f} x 100 million = {_shown(value)}?",
                              correction=f"{found.group('currency') or ''}{_shown(value)}")
        for found in _THOUSANDS_OF_BILLIONS.finditer(document.text):
            digits, scale = found.group("digits"), found.group("scale")
            repaired = f"{digits[:-1]}.{digits[-1]} {scale.lower()}"
            yield TextProblem(found.start(), found.end(),
                              f"'{found.group(0)}': a thousand {scale.lower()} and more is never written so; the "
                              f"decimal point lost before the last digit ({repaired})?", correction=repaired)


_PIECEWISE = re.compile(r"(?i)\d[ \t]+(?:billion|million|thousand)[ \t]+\d")


class PiecewiseNumber(TextRule):
    """
    ## What it does
    Reports a number written in pieces, a larger scale word then a
    smaller one ("7 billion 500 million yuan", "1 billion 900 million"),
    and proposes it written whole ("7.5 billion yuan"); once per text,
    with the count of the others (a text writes all its numbers so).

    ## Why is this bad?
    It is how a translation renders a count of 亿 and 万 place by place; a
    reader, or a tool, may take the first piece alone ("7 billion") and
    lose the rest.
    """

    code = "G110"
    name = "piecewise-number"
    severity = Severity.WARNING
    summary = "a number written in pieces"
    failing = Example(TEXT_CLAIMS, "The project has a total investment of 7 billion 500 million yuan.\n")
    passing = Example(TEXT_CLAIMS, "The project has a total investment of 7.5 billion yuan.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        pieces = [f for f in document.figures if _PIECEWISE.search(f.text)]
        if pieces:  # a text that writes one number so writes them all so: one finding, naming how many
            first = pieces[0]
            unit = first.text.split()[-1] if first.unit is not None else ""
            more = f" ({len(pieces) - 1} more in the text)" if len(pieces) > 1 else ""
            yield TextProblem(first.start, first.end, f"a number written in pieces{more}",
                              correction=f"{_shown(Decimal(str(first.value)))} {unit}".strip())


# Each starts with the digit it looks behind from, so that a search skips to the next digit at C speed.
_GLUED_SCALE = re.compile(r"\d(?<![\w.,]\d)[\d,]*(?:\.\d+)?(?=(?:million|billion|trillion)\b)")
# "10g W", "5G W": a prefix letter cut off from its unit; "62.3 GWhH", "56.9 GWha": a unit with stray letters
_SPLIT_UNIT = re.compile(r"\d(?<![\w.,]\d)[\d,]*(?:\.\d+)?[ \t]?(?P<prefix>[kKmMgGtT])[ \t]+(?P<unit>W[hH]?|w[hH])\b")
# What each needs somewhere in the text, found by a search that starts on a plain letter or digit (fast):
# most texts have none, and the full patterns are not run on them.
_SPLIT_UNIT_HINT = re.compile(r"[kKmMgGtT][ \t]+(?:W[hH]?|w[hH])\b")
_UNIT_TAIL_HINT = re.compile(r"[kMGT]W(?:h[A-Za-z]|[A-Za-gi-z])")
_GLUED_SCALE_HINT = re.compile(r"\d(?:million|billion|trillion)")
# "100,000-tonlithium battery": a unit glued to the word after it; "1.5-trillion- yuan": a hanging hyphen
_GLUED_UNIT = re.compile(r"\d(?<![\w.,]\d)[\d,]*(?:\.\d+)?-(?P<unit>tons?|tonnes?)(?P<next>[a-z]{3,})")
_DANGLING_HYPHEN = re.compile(r"\d(?<![\w.,]\d)[\d,]*(?:\.\d+)?-(?:thousand|million|billion|trillion|ton)-[ \t]+[a-z]+")
# "105gw", "40 gW", "2 gwh": a unit symbol in the wrong case (the registry's symbols are case-sensitive)
_RIGHT_CASE = {"gw": "GW", "gwh": "GWh", "twh": "TWh", "tw": "TW", "mwh": "MWh", "kwh": "kWh", "kw": "kW", "mw": "MW"}
_CASE_SLIPS = ("gw", "gW", "Gw", "tw", "tW", "Tw", "mw", "mW", "Mw", "kw", "Kw", "KW", "kWH")  # substrings to look for
_UNIT_CASE = re.compile(r"\d(?<![\w.,]\d)[\d,]*(?:\.\d+)?[ \t]?(?P<unit>(?i:gwh|twh|mwh|kwh|gw|tw|mw|kw))(?![A-Za-z])")
_UNIT_TAIL = re.compile(r"\d(?<![\w.,]\d)[\d,]*(?:\.\d+)?[ \t]?(?P<unit>[kMGT]Wh?)(?P<tail>[A-Za-z]{1,2})\b")


class MalformedUnit(TextRule):
    """
    ## What it does
    Reports a unit or scale word damaged where it meets its number: a
    prefix cut off from its unit ("10g W solar cells", "5G W modules"), a
    unit symbol with stray letters ("62.3 GWhH", "56.9 GWha") or in the
    wrong case ("105gw", "40 gW"), a unit run into the next word
    ("100,000-tonlithium"), a hanging hyphen ("1.5-trillion- yuan"), a
    number glued to its scale word ("10billion yuan"). Proposes the clean
    form.

    ## Why is this bad?
    A damaged unit is not read as a unit: "10g W" is no power at all to a
    reader who searches for GW, and "5G" reads as the mobile network.
    """

    code = "G111"
    name = "malformed-unit"
    severity = Severity.WARNING
    summary = "unit or scale word damaged next to its number"
    failing = Example(TEXT_CLAIMS, "The plan is to build 10g W solar cells.\n")
    passing = Example(TEXT_CLAIMS, "The plan is to build 10 GW of solar cells.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        words = document.domain.vocabulary if document.domain else None
        for found in _SPLIT_UNIT.finditer(text) if _SPLIT_UNIT_HINT.search(text) else ():
            number = found.group(0)[: found.start("prefix") - found.start()].strip()
            unit = found.group("prefix").upper().replace("K", "k") + found.group("unit").capitalize()
            yield TextProblem(found.start(), found.end(), "a unit prefix cut off from its unit",
                              correction=f"{number} {unit}")
        for found in _UNIT_CASE.finditer(text) if any(w in text for w in _CASE_SLIPS) else ():
            written = found.group("unit")
            right = _RIGHT_CASE.get(written.lower())
            if right is None or written == right or (words is not None and words.unit_for_word(written)):
                continue
            yield TextProblem(found.start(), found.end(), f"'{written}' is no unit symbol: '{right}' in the wrong "
                              "case?", correction=text[found.start() : found.start("unit")] + right)
        for found in _UNIT_TAIL.finditer(text) if _UNIT_TAIL_HINT.search(text) else ():
            written = found.group("unit") + found.group("tail")
            if words is not None and words.unit_for_word(written) is not None:
                continue  # "GWp", "kWp": units of their own
            yield TextProblem(found.start(), found.end(), f"'{found.group('tail')}' stuck to the unit "
                              f"'{found.group('unit')}'", correction=found.group(0)[: -len(found.group("tail"))])
        for found in _GLUED_UNIT.finditer(text) if "-ton" in text else ():
            yield TextProblem(found.start(), found.end(), f"the unit '{found.group('unit')}' run into the next word",
                              correction=f"{text[found.start() : found.end('unit')]} {found.group('next')}")
        for found in _DANGLING_HYPHEN.finditer(text) if "- " in text else ():
            yield TextProblem(found.start(), found.end(), "a hyphen left hanging between a number and its unit",
                              correction=found.group(0).replace("- ", " "))
        for found in _GLUED_SCALE.finditer(text) if _GLUED_SCALE_HINT.search(text) else ():
            end = found.end()
            scale = re.match(r"[a-z]+", text[end:])
            assert scale is not None
            yield TextProblem(found.start(), end + scale.end(), "a number glued to its scale word",
                              correction=f"{found.group(0)} {scale.group(0)}")


class FractionalCount(TextRule):
    """
    ## What it does
    Reports a count of things (pieces, enterprises, projects, vehicles)
    given with a fraction and no scale word ("a capacity of 10.80 pieces of
    wafers"): a scale word ("million") has fallen out.

    ## Why is this bad?
    No one makes 10.80 wafers: the figure is off by the scale word lost in
    translation, a factor of a thousand or more.
    """

    code = "G112"
    name = "fractional-count"
    severity = Severity.WARNING
    summary = "a count with a fraction and no scale word"
    failing = Example(TEXT_CLAIMS, "The line has a designed capacity of 10.80 pieces of wafers.\n")
    passing = Example(TEXT_CLAIMS, "The line has a designed capacity of 10.80 million pieces of wafers.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        words = document.domain.vocabulary if document.domain else None
        for figure in document.figures:
            if figure.unit is None or words is None or words.role(figure.unit) != "counted":
                continue
            if isinstance(figure.value, int) or float(figure.value).is_integer() or _has_scale(figure):
                continue
            yield TextProblem(figure.start, figure.end,
                              f"{figure.text}: a count of {figure.unit}s with a fraction: a scale word lost "
                              "(million, thousand)?")


def _has_scale(figure: Figure) -> bool:
    return re.search(r"(?i)\b(?:thousand|million|billion|trillion)\b", figure.text) is not None


# "CATL (455.010, -18.91, -3.99%)": a share price, its change and its change in percent
_QUOTE_BOX = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*[,，]\s*[-+]?\d+(?:\.\d+)?\s*[,，]\s*[-+]?\d+(?:\.\d+)?\s*%\s*[)）]")


class StrayMarketQuote(TextRule):
    """
    ## What it does
    Reports share-price boxes that a news site inserted after company
    names ("CATL (455.010, -18.91, -3.99%)"): price, change, change in
    percent.

    ## Why is this bad?
    The three numbers are not the article's: they are figures with no
    subject that a reader, a claim or a figure list may take for data
    about the company's business.
    """

    code = "G113"
    name = "stray-market-quote"
    severity = Severity.WARNING
    summary = "share-price box inserted into the text"
    failing = Example(TEXT_CLAIMS, "The city attracted CATL (455.010, -18.91, -3.99%) and other leaders.\n")
    passing = Example(TEXT_CLAIMS, "The city attracted CATL and other leaders.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        for found in _QUOTE_BOX.finditer(document.text):
            yield TextProblem(found.start(), found.end(),
                              "a share price, its change and its change in percent, inserted into the text")


# "2021.367 million units", "an increase of 2022.700%": a year run into the figure after it
_YEAR_IN_FIGURE = re.compile(r"(?P<year>(?:19|20)\d{2})(?<![\d.,]\d{5})\.(?P<rest>\d{3,})(?=[ \t]*(?:thousand|million|billion|"
                             r"trillion|%|percent|units?|tons?|tonnes?|yuan|GWh?|MWh?|kWh?)\b|[ \t]*%)")
# "As of July 90", "On February 8, 39,": a day no month has
_IMPOSSIBLE_DAY = re.compile(r"(?=[ADFJMNOS])\b(?P<month>January|February|March|April|May|June|July|August|September|October|"
                             r"November|December)[ \t]+(?P<day>3[2-9]|[4-9]\d)\b(?![ \t]*(?:,[ \t]*)?(?:19|20)\d\d)"
                             r"(?![ \t]*(?:%|percent|tons?|GW|MW|yuan|million|billion))")
# "the early 1950 s": a decade split from its "s"; "July 13, 20XX": a year left as a template's placeholder
_SPLIT_DECADE = re.compile(r"\b(?:1[89]|20)\d0[ \t]+s\b")
_PLACEHOLDER_YEAR = re.compile(r"\b(?:19|20)(?:XX|xx|\?\?)\b|\b(?:19|20)\d[Xx]\b")
# "In 4, the annual production ...": a year reduced to a digit or two at the head of a sentence
_YEAR_STUB = re.compile(r"In[ \t]+(?P<stub>\d{1,2}),[ \t]+(?:the|it|China|its|a)\b")


class GarbledYear(TextRule):
    """
    ## What it does
    Reports years and dates damaged where they meet figures: a year run
    into the figure after it ("2021.367 million units", "an increase of
    2022.700%"), a day no month has ("As of July 90"), a year reduced to a
    digit or two at the head of a sentence ("In 4, the annual production
    ..."), a decade split from its "s" ("the early 1950 s"), a year left as
    a placeholder ("July 13, 20XX").

    ## Why is this bad?
    When a converter merges a table's cells, years and figures run
    together: neither the period nor the value can be read, and a claim
    would cite a number that was never written.
    """

    code = "G123"
    name = "garbled-year"
    severity = Severity.WARNING
    summary = "a year or date run into a figure or cut short"
    failing = Example(TEXT_CLAIMS, "Output reached 2021.367 million units, an increase of 2022.700%.\n")
    passing = Example(TEXT_CLAIMS, "Output reached 3.67 million units in 2021, an increase of 7.0%.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        for found in _YEAR_IN_FIGURE.finditer(text):
            yield TextProblem(found.start(), found.end(), f"the year {found.group('year')} run into the figure "
                              f"'{found.group('rest')}'?")
        for found in _IMPOSSIBLE_DAY.finditer(text):
            yield TextProblem(found.start(), found.end(), f"no month has a day {found.group('day')}: a date and a "
                              "figure run together?")
        for found in _SPLIT_DECADE.finditer(text):
            yield TextProblem(found.start(), found.end(), f"'{found.group(0)}': a decade split from its 's'",
                              correction=found.group(0).replace(" ", ""))
        for found in _PLACEHOLDER_YEAR.finditer(text):
            yield TextProblem(found.start(), found.end(), f"'{found.group(0)}': a year left as a placeholder")
        for found in _YEAR_STUB.finditer(text) if "In " in text else ():
            if text[max(0, found.start() - 2) : found.start()].strip() not in ("", ".", "!", "?", "。"):
                continue  # at the head of a sentence only
            yield TextProblem(found.start(), found.start("stub") + len(found.group("stub")),
                              f"'In {found.group('stub')},': a year cut short?")


# "5.7×104KW", "25 x 104 kW": 10⁴ with its exponent come down to the line (10 to the 4th, not 104)
_LOST_EXPONENT = re.compile(r"\d(?<![\d.]\d)\d*(?:\.\d+)?[ \t]*[×xX*][ \t]*10(?P<exponent>[1-9]|1[0-2])(?![\d.,])[ \t]*"
                            r"(?P<unit>[A-Za-z%]+)")
_EXPONENT_HINT = re.compile(r"[×xX*][ \t]*10[1-9]")
# escape codes and markup a converter left against a figure: "u200bu200b120 mu", "&nbsp;50 GW"
_ESCAPE_RESIDUE = re.compile(r"(?:\\?u200[bcd]|\\?u00a0|\\?xa0|&nbsp;|&#\d+;|&amp;)+(?=[ \t]*\d)", re.IGNORECASE)


class LostExponent(TextRule):
    """
    ## What it does
    Reports a power of ten whose exponent came down to the line ("8 5.7×104KW
    water stations", where 5.7×10⁴ kW was meant) and proposes the figure it
    was (57,000 kW); and escape codes or markup a converter left against a
    figure ("u200bu200b120 mu", "&nbsp;50 GW").

    ## Why is this bad?
    "5.7×104" reads as 592.8: the figure is off by a factor of a hundred or
    more, and the residue of markup hides where the number starts.
    """

    code = "G124"
    name = "lost-exponent"
    severity = Severity.WARNING
    summary = "a power of ten or a figure mangled by conversion"
    failing = Example(TEXT_CLAIMS, "The county built a 25×104KW hydropower station.\n")
    passing = Example(TEXT_CLAIMS, "The county built a 250,000 kW hydropower station.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        for found in _LOST_EXPONENT.finditer(text) if _EXPONENT_HINT.search(text) else ():
            mantissa = re.match(r"\d+(?:\.\d+)?", found.group(0))  # the digits before the times sign
            assert mantissa is not None
            value = Decimal(mantissa.group(0)) * (Decimal(10) ** int(found.group("exponent")))
            yield TextProblem(found.start(), found.end(), f"'x10{found.group('exponent')}' is 10 to the power "
                              f"{found.group('exponent')}, its exponent come down to the line?",
                              correction=f"{value.normalize():,f} {found.group('unit')}")
        for found in _ESCAPE_RESIDUE.finditer(text) if ("u200" in text or "xa0" in text or "&" in text) else ():
            yield TextProblem(found.start(), found.end(), "escape codes or markup left against a figure")
