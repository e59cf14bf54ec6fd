"""Family P over source text: figures of one article that cannot all be true.

Each rule reads the figures of one sentence (or clause) and their link words, works the arithmetic
with each figure's printed precision and qualifier (as a claim quoting it would have it), and
reports on the figure that disagrees, naming the others and showing the sum.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from ..figures.intervals import INF, Interval, figure_interval
from ..figures.lists import RESPECTIVELY, respective_list
from ..figures.readings import THE_PLACE
from ..figures.reader import Figure
from ..figures.text import Sentence, TextDocument, TextProblem
from ..reading.findings import Severity
from .base import Example, TextRule
from .garbled import TEXT_CLAIMS

_RATE_UNITS = ("percent", "times")
_SLACK = 0.01  # one per cent more either way: what rounding in a translation may add


def _magnitude(document: TextDocument, figure: Figure) -> Interval:
    """For checks of an order of magnitude: "more than X" is taken as X to twice X, "less than X" as half
    of X to X (the bounds checked against are wide by a factor of ten already)."""
    interval = _interval(document, figure)
    value = float(figure.value)
    if interval.high == INF:
        return Interval(interval.low, 2 * value)
    if interval.low == -INF:
        return Interval(value / 2, interval.high)
    return interval


def _interval(document: TextDocument, figure: Figure) -> Interval:
    """The figure's interval; a whole number ending in zeros is taken as rounded to them ("100 times" is
    95-105, within the rounding limit), as texts round their growth rates and totals."""
    tolerances = document.domain.tolerances if document.domain else None
    value = figure.value
    if figure.high is None and isinstance(value, int) and value and figure.step >= 1:
        zeros = len(str(abs(value))) - len(str(abs(value)).rstrip("0"))
        figure = figure.__class__(**{**figure.__dict__, "step": max(figure.step, float(10 ** zeros))})
    if tolerances is None:
        return figure_interval(figure)
    return figure_interval(figure, tolerances.approx, tolerances.nearly, tolerances.rounding)


def _factor(document: TextDocument, unit: str | None, to: str | None) -> float | None:
    """Converts a value in ``unit`` to ``to``; a bare number is taken in the other's unit."""
    if unit == to or unit is None or to is None:
        return 1.0
    units = document.domain.units if document.domain else None
    return units.factor(unit, to) if units is not None else None


def _ratio(a: Interval, b: Interval) -> Interval:
    """b / a for positive intervals."""
    low = b.low / a.high if a.high not in (0, INF) else 0.0
    high = b.high / a.low if a.low > 0 else INF
    return Interval(max(low, 0.0), high)


def _widened(interval: Interval, slack: float = _SLACK) -> Interval:
    return Interval(interval.low * (1 - slack), interval.high * (1 + slack))


def _number(value: float) -> str:
    if value == INF:
        return "∞"
    for word, factor in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(value) >= factor:
            return f"{value / factor:,.4g} {word}"
    return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"


def _shown(interval: Interval) -> str:
    if interval.high == INF:
        return f"more than {_number(interval.low)}"
    if math.isclose(interval.low, interval.high, rel_tol=1e-6):
        return _number(interval.low)
    return f"{_number(interval.low)}-{_number(interval.high)}"


# --- growth ------------------------------------------------------------------------------------

_FROM = re.compile(r"(?i)\bfrom\s+(?:about\s+|nearly\s+|less\s+than\s+|more\s+than\s+)?$")
_TO = re.compile(r"(?i)\b(?:to|reached|reaching|hit|at)\s+(?:about\s+|nearly\s+|more\s+than\s+|over\s+)?$")
_BY = re.compile(r"(?i)\bby\s+(?:about\s+|nearly\s+|some\s+|around\s+)?$")
_OVER = re.compile(r"(?i)\b(?:from|over|compared\s+with|than|against)\s+(?:about\s+|nearly\s+|the\s+)?$")
_GROWTH = re.compile(r"(?i)\b(?:an?\s+)?(?:year-on-year\s+)?(?:increase|increased|increasing|growth|grew|grow|rise|rose|"
                     r"up|jump|jumped|surge|surged|expanded|expansion)(?:\s+(?:of|by))?\s+(?:about\s+|nearly\s+|"
                     r"more\s+than\s+|over\s+|almost\s+)?$")
_DECLINE = re.compile(r"(?i)\b(?:an?\s+)?(?:year-on-year\s+)?(?:decrease|decreased|decline|declined|drop|dropped|fall|fell|"
                      r"down|reduction|reduced)(?:\s+(?:of|by))?\s+(?:about\s+|nearly\s+|more\s+than\s+|over\s+)?$")


_LOSS = re.compile(r"(?i)\bloss(?:es)?\b|\bdeficit\b|turned\s+(?:negative|to\s+a\s+loss)|in\s+the\s+red")


class GrowthRateMismatch(TextRule):
    """
    ## What it does
    Checks a growth rate against the two figures it links, in one clause:
    "from 23 to 146, an increase of more than 6 times", "rose from 150 GW
    to 200 GW, up 60%", "reached 240 GW, 60% more than 150 GW". A rate in
    percent must match the change; a rate in "times" may be read either
    way ("increased 6 times" is 6 or 7 times the base, both are written),
    and fails only when it fits neither. Each figure keeps its printed
    precision and qualifier ("nearly 10 times" is at most 10). A fall of
    more than 100 % ("profits decreased by 207.5%") is reported too, unless
    the text says the figure turned into a loss.

    ## Why is this bad?
    One of the three figures is wrong, often a lost decimal point or scale
    word in one of them: the rate tells which reading the text cannot have.
    """

    code = "P201"
    name = "growth-rate-mismatch"
    severity = Severity.WARNING
    summary = "a growth rate disagrees with the figures it links"
    failing = Example(TEXT_CLAIMS, "Capacity rose from 150 GW to 200 GW, an increase of 60%.\n")
    passing = Example(TEXT_CLAIMS, "Capacity rose from 150 GW to 240 GW, an increase of 60%.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        if not any(f.unit in _RATE_UNITS for f in document.figures):
            return
        for figure in document.figures:  # a fall of more than all of it
            if figure.unit == "percent" and _interval(document, figure).low > 100 * (1 + _SLACK) and _DECLINE.search(
                    text[max(0, figure.start - 40) : figure.start]) and not _LOSS.search(
                    text[max(0, figure.start - 80) : figure.end + 40]):
                yield TextProblem(figure.start, figure.end, f"a fall of {figure.text}: more than the whole of what "
                                  "fell (a rise, or a rate misplaced?)")
        for clause in document.clauses:
            figures = document.figures_in(clause)
            rates = [f for f in figures if f.unit in _RATE_UNITS and self._is_rate(text, clause, f)]
            if len(rates) != 1:
                continue
            rate = rates[0]
            values = [f for f in figures if f.unit not in _RATE_UNITS and f.unit not in ("percentage_point",)]
            pair = self._pair(text, clause, values, rate)
            by_to = self._by_to(text, clause, values, rate) if pair is None else None
            if pair is not None:
                base, new = pair
                factor = _factor(document, new.unit, base.unit)
                if factor is None:
                    continue
                change = _ratio(_interval(document, base), _interval(document, new).scaled(factor))
                shown_base = base.text
            elif by_to is not None:  # "rose by 80,000 tons to 2.86 million tons": the base is their difference
                delta, new = by_to
                factor = _factor(document, delta.unit, new.unit)
                if factor is None:
                    continue
                step, total = _interval(document, delta).scaled(factor), _interval(document, new)
                fell = bool(_DECLINE.search(text[max(clause.start, delta.start - 40) : delta.start]))
                earlier = (Interval(total.low + step.low, total.high + step.high) if fell
                           else Interval(total.low - step.high, total.high - step.low))
                if earlier.low <= 0:
                    continue
                change = _ratio(earlier, total)
                shown_base = f"{new.text} {'plus' if fell else 'less'} {delta.text}"
            else:
                continue
            expected = self._expected(document, text, clause, rate)
            if expected is None or any(_widened(change).overlaps(e) for e in expected):
                continue
            said = " or ".join(_shown(e) for e in expected)
            yield TextProblem(
                rate.start, rate.end,
                f"'{rate.text}' links '{shown_base}' and '{new.text}', but {new.text} / ({shown_base}) = "
                f"{_shown(change)} times the base, not {said}",
            )

    @staticmethod
    def _is_rate(text: str, clause: Sentence, figure: Figure) -> bool:
        before = text[max(clause.start, figure.start - 40) : figure.start]
        return bool(_GROWTH.search(before) or _DECLINE.search(before)) or (
            figure.unit == "times" and text[figure.end : figure.end + 8].lower().startswith((" more", " as "))
        )

    @staticmethod
    def _pair(text: str, clause: Sentence, values: Sequence[Figure], rate: Figure) -> tuple[Figure, Figure] | None:
        """(base, new): "from A ... to B", or "B, up R% from/over A"."""
        starts = [(f, text[max(clause.start, f.start - 24) : f.start]) for f in values]
        froms = [f for f, before in starts if _FROM.search(before)]
        tos = [f for f, before in starts if _TO.search(before)]
        if len(froms) == 1 and len(tos) == 1 and froms[0].start < tos[0].start:
            return froms[0], tos[0]
        after_rate = [f for f, before in starts if f.start > rate.end and _OVER.search(before)]
        before_rate = [f for f in values if f.end <= rate.start]
        if len(after_rate) == 1 and before_rate and len(values) == 2:
            return after_rate[0], before_rate[-1]
        return None

    @staticmethod
    def _by_to(text: str, clause: Sentence, values: Sequence[Figure], rate: Figure) -> tuple[Figure, Figure] | None:
        """(change, new): "increased by A to B", both before the rate, the only two values of the clause."""
        if len(values) != 2 or not values[1].end <= rate.start:
            return None
        delta, new = values
        if not _BY.search(text[max(clause.start, delta.start - 24) : delta.start]) or not _TO.search(
                text[max(clause.start, new.start - 24) : new.start]):
            return None
        moved = text[max(clause.start, delta.start - 40) : delta.start]
        if not (_GROWTH.search(moved) or _DECLINE.search(moved)):
            return None
        return delta, new

    @staticmethod
    def _expected(document: TextDocument, text: str, clause: Sentence, rate: Figure) -> list[Interval] | None:
        """What new / base must be, by the rate: one reading for a percent, two for "times"."""
        r = _interval(document, rate)
        before = text[max(clause.start, rate.start - 40) : rate.start]
        if rate.unit == "percent":
            sign = -1.0 if _DECLINE.search(before) else 1.0
            low, high = 1 + sign * r.low / 100, 1 + sign * r.high / 100
            return [Interval(min(low, high), max(low, high))]
        if _DECLINE.search(before):
            return None  # "fell 3 times" has no settled reading
        return [r, Interval(r.low + 1, r.high + 1)]


# --- parts and wholes ----------------------------------------------------------------------------

_TOTAL_BEFORE = re.compile(r"(?i)\b(?:total\s+(?:[\w-]+\s+){0,3}?(?:of|is|was|were|reached|amounted\s+to|stood\s+at)|"
                           r"total(?:\s+[a-z-]+){0,2}|"
                           r"totall?ing|in\s+total|altogether|totall?ed)\s+(?:about\s+|nearly\s+|more\s+than\s+|over\s+)?$")
_PARTS_START = re.compile(r"(?i)\b(?:including|of\s+which|among\s+(?:them|which|these)|among\s+them,|which\s+includes?)\b")


class PartsExceedTotal(TextRule):
    """
    ## What it does
    Adds up the parts a text lists for a total ("a total investment of 5
    billion yuan, of which the first phase 3.2 billion and the second 2.5
    billion", "a total of 42 projects, including 30 ... and 15 ...") and
    reports the parts when, in one unit, they come to more than the total.

    ## Why is this bad?
    Parts cannot add up to more than their whole: one figure lost or
    gained a scale word or a digit, or a part belongs to another total.
    """

    code = "P202"
    name = "parts-exceed-total"
    severity = Severity.WARNING
    summary = "the parts listed come to more than their total"
    failing = Example(TEXT_CLAIMS, "The project has a total investment of 5 billion yuan, of which the first phase "
                                   "is 3.2 billion yuan and the second phase 2.5 billion yuan.\n")
    passing = Example(TEXT_CLAIMS, "The project has a total investment of 5 billion yuan, of which the first phase "
                                   "is 3.2 billion yuan and the second phase 1.8 billion yuan.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        sentences = document.sentences
        for index, sentence in enumerate(sentences):
            figures = document.figures_in(sentence)
            if "total" not in sentence.text.lower():
                continue
            for position, total in enumerate(figures):
                if total.unit in _RATE_UNITS or not _TOTAL_BEFORE.search(text[max(sentence.start, total.start - 40):
                                                                                 total.start]):
                    continue
                start = _PARTS_START.search(text, total.end, sentence.end)
                parts: list[Figure] = []
                if start is not None:
                    parts = [f for f in figures[position + 1 :] if f.start > start.end()]
                elif index + 1 < len(sentences) and _PARTS_START.match(sentences[index + 1].text):
                    parts = document.figures_in(sentences[index + 1])
                parts = [p for p in parts if p.unit == total.unit or (p.unit is None and total.unit is None)]
                if len(parts) < 2:
                    continue
                whole = _interval(document, total)
                low = sum(_interval(document, p).low for p in parts)
                if low > whole.high * (1 + _SLACK):
                    listed = " + ".join(p.text for p in parts)
                    yield TextProblem(total.start, total.end,
                                      f"the parts listed for '{total.text}' add up to more: {listed} = "
                                      f"{_number(low)}, over {_shown(whole)}")


# --- shares of one whole -------------------------------------------------------------------------

_SHARE_BEFORE = re.compile(r"(?i)\b(?:accounting\s+for|accounted\s+for|accounts\s+for|account\s+for|making\s+up|"
                           r"makes\s+up|made\s+up|share\s+of|proportion\s+of)\s+(?:about\s+|nearly\s+|more\s+than\s+|"
                           r"over\s+|almost\s+)?$")
_OF_WHOLE = re.compile(r"(?i)\s+of\s+(?:the\s+)?((?:[\w'’-]+\s+){0,3}?(?:total|country|nation|national\s+total|world|"
                       r"province|city|global\s+total)(?:'s)?)\b")


class SharesExceedWhole(TextRule):
    """
    ## What it does
    Adds up the shares one sentence gives of one whole ("A accounts for
    60% of the country's total and B for 55% of the country's total",
    "accounting for 45%, 38% and 27% of the total respectively") and
    reports them when they come to more than 100 %, as it reports one
    share alone over 100 % ("accounting for 120% of the total").

    ## Why is this bad?
    Shares of one whole cannot pass 100 %: one of them is of another
    whole, another year, or has lost a decimal point.
    """

    code = "P203"
    name = "shares-exceed-whole"
    severity = Severity.WARNING
    summary = "shares of one whole add up to more than 100 %"
    failing = Example(TEXT_CLAIMS, "Cells and modules accounted for 62% and 45% of the total respectively.\n")
    passing = Example(TEXT_CLAIMS, "Cells and modules accounted for 42% and 45% of the total respectively.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        for sentence in document.sentences:
            shares = [f for f in document.figures_in(sentence) if f.unit == "percent"]
            for share in shares:  # one share alone over the whole
                if _SHARE_BEFORE.search(text[max(sentence.start, share.start - 30) : share.start]) \
                        and _interval(document, share).low > 100 * (1 + _SLACK):
                    yield TextProblem(share.start, share.end, f"a share of {share.text}: more than the whole")
            if len(shares) < 2:
                continue
            groups: dict[str, list[Figure]] = {}
            listed = RESPECTIVELY.search(text, sentence.start, sentence.end) is not None
            run: list[Figure] = []
            for share in shares:
                before = text[max(sentence.start, share.start - 30) : share.start]
                whole = _OF_WHOLE.match(text, share.end)
                if _SHARE_BEFORE.search(before):
                    run = [share]
                elif run and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[run[-1].end : share.start]):
                    run.append(share)  # "accounting for 45%, 38% and 27% of ..."
                else:
                    run = []
                    continue
                if whole is not None:
                    key = " ".join(whole.group(1).lower().split())
                    if len(run) > 1 and listed:
                        groups.setdefault(key, []).extend(run)
                    elif len(run) == 1:
                        groups.setdefault(key, []).append(share)
                    run = []
            for whole_name, members in groups.items():
                unique = {(m.start, m.end): m for m in members}.values()
                if len(unique) < 2:
                    continue
                low = sum(_interval(document, m).low for m in unique)
                if low > 100 * (1 + _SLACK):
                    first = min(unique, key=lambda m: m.start)
                    last = max(unique, key=lambda m: m.end)
                    items = " + ".join(m.text for m in sorted(unique, key=lambda m: m.start))
                    yield TextProblem(first.start, last.end,
                                      f"shares of {whole_name} add up to more than 100 %: {items} = {_number(low)} %")


# --- "respectively" ----------------------------------------------------------------------------

class RespectivelyMismatch(TextRule):
    """
    ## What it does
    In a sentence with "respectively", counts the things listed ("the
    output of polysilicon, wafers and cells") and the figures given for
    them ("reached 360,000 tons and 165 GW respectively"), and reports the
    figures when the counts differ.

    ## Why is this bad?
    "Respectively" pairs each thing with one figure: with a figure too
    few or too many, a figure fell out or was added, and every pairing
    after it is off by one.
    """

    code = "P204"
    name = "respectively-mismatch"
    severity = Severity.WARNING
    summary = "'respectively' pairs lists of different lengths"
    failing = Example(TEXT_CLAIMS, "The output of polysilicon, wafers and cells reached 360,000 tons and 165 GW "
                                   "respectively.\n")
    passing = Example(TEXT_CLAIMS, "The output of polysilicon, wafers and cells reached 360,000 tons, 165 GW and "
                                   "146 GW respectively.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        if "respectively" not in document.text:
            return
        for clause in document.clauses:
            listed = respective_list(document, clause)
            if listed is None:
                continue
            names, run = listed.names, listed.figures
            groups = [[f for f in run if (f.unit in _RATE_UNITS) == rates] for rates in (False, True)]
            if all(len(g) in (0, 1, len(names)) for g in groups):
                continue
            yield TextProblem(run[0].start, listed.end,
                              f"{len(names)} things listed ({', '.join(names)}) but "
                              f"{len(run)} figures given 'respectively'")


# --- per-unit figures ----------------------------------------------------------------------------

_PER_UNIT = re.compile(r"(?i)\b(?:enough\s+(?:to\s+(?:power|supply|charge|meet\s+the\s+(?:electricity\s+)?needs\s+of)|for)|"
                       r"(?:can|could|will|to)\s+(?:power|supply|equip|be\s+installed\s+in|meet\s+the\s+(?:annual\s+)?"
                       r"(?:electricity\s+)?(?:needs|demand|consumption)\s+of)|equivalent\s+to\s+the\s+(?:annual\s+)?"
                       r"(?:electricity\s+)?(?:consumption|needs)\s+of)\s+(?:about\s+|nearly\s+|more\s+than\s+|over\s+)?$")


_PER_UNIT_WORDS = re.compile(r"(?i)enough|power|supply|equip|installed\s+in|meet\s+the|equivalent")


class PerUnitImplausible(TextRule):
    """
    ## What it does
    Divides an energy or power figure by the count it is said to serve
    ("50 GWh of batteries, enough for 500,000 cars"; "generates 2 billion
    kWh a year, enough to power 100,000 households") and reports the figure
    when the share of each is outside the plausible range for that kind of
    thing (`per_unit:` in `rules/metrics.yaml`).

    ## Why is this bad?
    An electric car carries tens of kWh, a household uses thousands of kWh
    a year: a per-unit figure off by a factor of ten or more means a lost
    scale word on one side.
    """

    code = "P205"
    name = "per-unit-implausible"
    severity = Severity.WARNING
    summary = "a figure divided by the count it serves is implausible"
    failing = Example(TEXT_CLAIMS, "The plant makes 50 GWh of batteries a year, enough for 50,000 electric cars.\n")
    passing = Example(TEXT_CLAIMS, "The plant makes 50 GWh of batteries a year, enough for 700,000 electric cars.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        domain = document.domain
        if domain is None or domain.units is None or not domain.per_unit:
            return
        text = document.text
        counted = {b.per for b in domain.per_unit}
        if not any(f.unit in counted for f in document.figures) or not _PER_UNIT_WORDS.search(text):
            return
        for clause in document.clauses:
            figures = document.figures_in(clause)
            for index, count in enumerate(figures):
                if count.unit is None or not _PER_UNIT.search(text[max(clause.start, count.start - 60) : count.start]):
                    continue
                bounds = [b for b in domain.per_unit if b.per == count.unit]
                for amount in reversed(figures[:index]):
                    checked = self._check(document, amount, count, bounds)
                    if checked is not None:
                        yield checked
                        break

    @staticmethod
    def _check(document: TextDocument, amount: Figure, count: Figure, bounds: list) -> TextProblem | None:  # type: ignore[type-arg]
        units = document.domain.units if document.domain else None
        assert units is not None
        for bound in bounds:
            factor = _factor(document, amount.unit, bound.unit) if amount.unit else None
            if factor is None:
                continue
            each = _ratio(_magnitude(document, count), _magnitude(document, amount).scaled(factor))
            if each.high < bound.min or each.low > bound.max:
                return TextProblem(
                    amount.start, count.end,
                    f"{amount.text} for {count.text} is {_shown(each)} {bound.unit} per {count.unit}; "
                    f"{bound.what} is {_number(bound.min)}-{_number(bound.max)} {bound.unit}",
                )
            return None
        return None


# --- investment against the capacity it buys -----------------------------------------------------

# a place's own output value, not a project's: "Baotou's industrial output value"
_PLACE_OUTPUT_VALUE = re.compile(r"\b[A-Z][a-z]+(?:'s|’s)[ \t]+(?:[a-z]+[ \t]+){0,3}?output[ \t]+value\b")
_INVESTMENT_BEFORE = re.compile(r"(?i)\binvest(?:ed|s|ing|ment(?:s)?)?\b[^.;]{0,40}$")
_OUTPUT_VALUE_BEFORE = re.compile(r"(?i)\b(?:(?:gross\s+|annual\s+|industrial\s+)?output\s+value|sales\s+revenue|"
                                  r"operating\s+income|annual\s+sales)\b[^.;]{0,30}$")
_CAPACITY_NEAR = re.compile(r"(?i)\b(?:capacity|capacities|annual\s+output|an\s+annual|per\s+year|a\s+year|/a\b|t/a\b|"
                            r"tons?/year|tpy)\b")


class InvestmentPerCapacity(TextRule):
    """
    ## What it does
    Divides an investment by the capacity it builds, when one sentence (or
    the one before or after it) gives both: "an investment of 400 million yuan ...
    48 million kW of wind and solar capacity". Reports the investment when
    the cost per unit of capacity is outside the plausible range for that
    kind of capacity (`investment_per_capacity:` in `rules/metrics.yaml`:
    yuan per watt of power, per watt-hour of batteries, per tonne a year).
    An output value is checked the same way against what a year's output
    of that capacity sells for (`output_value_per_capacity:`): "10 GW ...
    a gross output value of CNY350 million" is 0.035 yuan a watt; and
    against the one investment its sentence or the one before names
    (`output_value_per_investment:`; not a title's, nor for a place's
    output value): "a total investment of 1.75 billion
    yuan ... an annual output value of 60 billion yuan" is 34 yuan a year
    for each yuan invested.

    ## Why is this bad?
    Plants cost what they cost within a factor of a few: 400 million yuan
    for 48 GW is under a hundredth of a yuan per watt, hundreds of times
    too little, and means a lost scale word in one of the two figures.
    """

    code = "P206"
    name = "money-per-capacity"
    severity = Severity.WARNING
    summary = "an investment or output value implausible for the capacity it goes with"
    failing = Example(TEXT_CLAIMS, "The bases, with a total investment of 400 million yuan, will add 48 GW of "
                                   "capacity.\n")
    passing = Example(TEXT_CLAIMS, "The bases, with a total investment of 240 billion yuan, will add 48 GW of "
                                   "capacity.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        domain = document.domain
        if domain is None or domain.units is None or not (domain.investment_per_capacity
                                                          or domain.output_value_per_capacity
                                                          or domain.output_value_per_investment):
            return
        text = document.text
        sentences = document.sentences
        for index, sentence in enumerate(sentences):
            lowered = sentence.text.lower()
            if "invest" not in lowered and "value" not in lowered and "revenue" not in lowered and \
                    "income" not in lowered and "sales" not in lowered:
                continue
            figures = document.figures_in(sentence)
            for money in figures:
                before = text[max(sentence.start, money.start - 50) : money.start]
                if money.unit != "yuan":
                    continue
                if _INVESTMENT_BEFORE.search(before):
                    bounds = domain.investment_per_capacity
                elif _OUTPUT_VALUE_BEFORE.search(before):
                    bounds = domain.output_value_per_capacity
                else:
                    continue
                nearby = [f for f in figures if f is not money]
                if bounds is domain.output_value_per_capacity:
                    problem = self._against_investment(document, money, index)
                    if problem is not None:
                        yield problem
                        continue
                for other in (index - 1, index + 1) if bounds is domain.investment_per_capacity else ():
                    # "... 48 million kW. With an investment of ...": a project's cost and size go together;
                    # an output value only with the capacity of its own sentence
                    if 0 <= other < len(sentences):
                        nearby += document.figures_in(sentences[other])
                if bounds is domain.output_value_per_capacity and len(
                        [f for f in nearby if f.unit not in (None, *_RATE_UNITS) and f.unit != "yuan"]) != 1:
                    continue  # an output value of several capacities (a park's, a list's): no one to divide by
                problem = self._check(document, money, nearby, bounds)
                if problem is not None:
                    yield problem

    @staticmethod
    def _against_investment(document: TextDocument, value: Figure, index: int) -> TextProblem | None:
        """An output value against the one investment its sentence, or the one before, names: "a total
        investment of 1.75 billion yuan ... the annual output value is expected to reach 60 billion yuan" is
        34 yuan a year for each yuan invested."""
        domain = document.domain
        assert domain is not None
        if not domain.output_value_per_investment:
            return None
        text, sentences = document.text, document.sentences
        sentence = sentences[index]
        # the sentence before, too ("The total investment is 1.75 billion yuan. Upon completion, the annual
        # output value ..."), unless it is the title or the output value is a place's ("the city's output value")
        own_place = THE_PLACE.search(text, sentence.start, value.start) or _PLACE_OUTPUT_VALUE.search(
            text, sentence.start, value.start)
        around = [sentence] if index < 2 or own_place else [sentences[index - 1], sentence]
        invested = [f for part in around for f in document.figures_in(part) if f.unit == "yuan" and f is not value
                    and _INVESTMENT_BEFORE.search(text[max(part.start, f.start - 50) : f.start])]
        if len(invested) != 1:
            return None  # no investment, or several (a park's projects): none to divide by
        each = _ratio(_magnitude(document, invested[0]), _magnitude(document, value))
        for bound in domain.output_value_per_investment:
            if each.high < bound.min or each.low > bound.max:
                return TextProblem(value.start, value.end,
                                   f"{value.text} of output value from an investment of {invested[0].text} is "
                                   f"{_shown(each)} yuan per yuan invested; {bound.what}: "
                                   f"{_number(bound.min)}-{_number(bound.max)}")
        return None

    @staticmethod
    def _check(document: TextDocument, money: Figure, nearby: list[Figure],
               bounds: list) -> TextProblem | None:  # type: ignore[type-arg]
        domain = document.domain
        assert domain is not None and domain.units is not None
        text = document.text
        for capacity in nearby:
            if capacity.unit is None or capacity.unit in _RATE_UNITS:
                continue
            for bound in bounds:
                factor = domain.units.factor(capacity.unit, bound.per)
                if factor is None:
                    continue
                if bound.per in ("t", "kg") and not _CAPACITY_NEAR.search(
                        text[max(0, capacity.start - 40) : capacity.end + 30]):
                    break  # a mass is a capacity only when the text says so ("annual output of", "t/a")
                each = _ratio(_magnitude(document, capacity).scaled(factor), _magnitude(document, money))
                if each.high < bound.min or each.low > bound.max:
                    return TextProblem(
                        money.start, money.end,
                        f"{money.text} for {capacity.text} is {_shown(each)} yuan per {bound.per}; {bound.what}: "
                        f"{_number(bound.min)}-{_number(bound.max)} yuan per {bound.per}",
                    )
                return None
        return None


# --- generation against the capacity that made it ---------------------------------------------------

_ENERGY = frozenset({"Wh", "kWh", "MWh", "GWh", "TWh"})
_POWER = frozenset({"W", "kW", "MW", "GW", "TW"})
_GENERATED = re.compile(r"(?i)\b(?:generat\w*|electricity\s+(?:output|production)|power\s+output|produced)\b")
_INSTALLED = re.compile(r"(?i)\b(?:installed|installations?|capacity|capacities|grid-connected)\b")
_STORED = re.compile(r"(?i)\b(?:batter(?:y|ies)|storage)\b")
_ADDED = re.compile(r"(?i)\W*(?:of\s+)?(?:\w+\s+){0,2}?(?:added|newly|new)\b")
_ADDED_BEFORE = re.compile(r"(?i)\b(?:new(?:ly)?(?:\s+(?:added|installed))?|added|adding|addition\s+of)\s+(?:\w+\s+){0,3}$")
HOURS_A_YEAR = 8784  # a leap year: no plant runs longer


class GenerationExceedsCapacity(TextRule):
    """
    ## What it does
    Divides the electricity a text says was generated by the capacity it
    gives for the same plants or place, in one sentence or the next ("Total
    PV installations amounted to 190.19 megawatts ... PV power generation
    came in at 171.5 billion kilowatt-hours"), and reports the pair when the
    plants would have had to run more hours than the year has.

    ## Why is this bad?
    No plant runs more than 8,760 hours a year (solar about 1,000-1,500):
    a pair that needs more has a unit or scale slip in one of its figures,
    here megawatts for gigawatts.
    """

    code = "P207"
    name = "generation-exceeds-capacity"
    severity = Severity.WARNING
    summary = "more electricity generated than the capacity can make in a year"
    failing = Example(TEXT_CLAIMS, "China's installed PV capacity reached 190 megawatts. PV power generation came "
                                   "in at 171.5 billion kilowatt-hours in the first three quarters.\n")
    passing = Example(TEXT_CLAIMS, "China's installed PV capacity reached 190 gigawatts. PV power generation came "
                                   "in at 171.5 billion kilowatt-hours in the first three quarters.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        domain = document.domain
        if domain is None or domain.units is None:
            return
        figures = document.figures
        if not any(f.unit in _ENERGY for f in figures) or not any(f.unit in _POWER for f in figures):
            return
        text = document.text
        sentences = document.sentences
        for index, sentence in enumerate(sentences):
            energies = [f for f in document.figures_in(sentence) if f.unit in _ENERGY and _GENERATED.search(
                text[max(sentence.start, f.start - 60) : f.start]) and not _STORED.search(sentence.text)]
            if not energies:
                continue
            nearby = [s for s in sentences[max(0, index - 1) : index + 1] if not _STORED.search(s.text)]
            powers = [f for s in nearby for f in document.figures_in(s) if f.unit in _POWER and _INSTALLED.search(
                text[max(s.start, f.start - 60) : f.start]) and not _ADDED.match(text, f.end, f.end + 30)
                and not _ADDED_BEFORE.search(text[max(s.start, f.start - 30) : f.start])]
            if len(powers) != 1:
                continue  # one capacity, or the pairing is a guess
            power = powers[0]
            for energy in energies:
                to_wh = domain.units.factor(energy.unit or "", "Wh")
                to_w = domain.units.factor(power.unit or "", "W")
                if to_wh is None or to_w is None:
                    continue
                hours = _ratio(_magnitude(document, power).scaled(to_w), _magnitude(document, energy).scaled(to_wh))
                if hours.low > HOURS_A_YEAR * (1 + _SLACK):
                    yield TextProblem(energy.start, energy.end,
                                      f"{energy.text} from {power.text} is {_shown(hours)} hours of running at full "
                                      f"capacity; a year has {HOURS_A_YEAR:,}: a unit or scale slip?")


# a percentage that is a share or a rate ("a market share of 48%", "the operating rate was 65.2%")
_SHARE_OR_RATE_BEFORE = re.compile(r"(?i)\b(?:(?:market\s+)?shares?|proportion|percentage|ratio|penetration(?:\s+rate)?|"
                           r"(?:operating|utili[sz]ation|occupancy|locali[sz]ation|loading)\s+rates?|efficiency)\b[^%;]{0,40}$")
# not "accounting for 30%, up 5% year on year": there the change is most often the figure's before the share
# its change, right after it in percent: ", down 4% compared with", "which was 1.4% lower than", "an increase of 2%"
_CHANGE_OF_SHARE_AFTER = re.compile(
    r"(?i)[ \t]*,?[ \t]*(?:which\s+(?:was|is)\s+|an?\s+(?:year-on-year\s+)?(?:increase|decrease|rise|drop|decline)\s+"
    r"of\s+|(?:up|down|rising|falling|rose|fell|dropped|increased|decreased)\s+(?:by\s+)?)"
    r"(?P<change>\d+(?:\.\d+)?[ \t]*(?:%|percent\b))(?![ \t]*(?:-|percentage|points?\b))"
    r"(?P<rest>[ \t]*(?:lower|higher|less|more)?[ \t]*(?:than|compared|from|over|year[ -]on[ -]year|yoy|"
    r"month[ -]on[ -]month|on\s+the\s+year|,|\.))")


class ShareChangeInPercent(TextRule):
    """
    ## What it does
    Reports a share or a rate whose change is given in percent right after
    it ("a market share of 48%, down 4% compared with 2021", "the
    operating rate was 65.2%, which was 1.4% lower than in June"), and
    proposes percentage points.

    ## Why is this bad?
    A change of a percentage is ambiguous: 48% "down 4%" is 50% a year
    before if relative, 52% if in points. Chinese writes the points
    (个百分点) and translations often render them as "%", so the earlier
    share a reader works out is wrong by the difference.
    """

    code = "P208"
    name = "share-change-in-percent"
    severity = Severity.WARNING
    summary = "a share's change given in percent: percentage points?"
    failing = Example(TEXT_CLAIMS, "The company's market share was 48%, down 4% compared with 2021.\n")
    passing = Example(TEXT_CLAIMS, "The company's market share was 48%, down 4 percentage points from 2021.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        for sentence in document.sentences:
            for figure in document.figures_in(sentence):
                if figure.unit != "percent" or figure.high is not None:
                    continue
                if not _SHARE_OR_RATE_BEFORE.search(text, max(sentence.start, figure.start - 60), figure.start):
                    continue
                change = _CHANGE_OF_SHARE_AFTER.match(text, figure.end, sentence.end)
                if change is None:
                    continue
                written = change.group("change")
                number = re.match(r"\d+(?:\.\d+)?", written)
                assert number is not None
                yield TextProblem(change.start("change"), change.end("change"),
                                  f"'{written}' changes the share {figure.text}: a relative change, or percentage "
                                  "points (个百分点, often rendered as %)?",
                                  correction=f"{number.group(0)} percentage points")
