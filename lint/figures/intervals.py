"""Each claim as an interval of values in the canonical unit of its dimension.

The quote's printed figure sets the precision ("138.8GW" stands for
138.75-138.85; "100 billion" for 99.5-100.5 billion), the qualifier shapes the
interval ("nearly" is at most the figure and close to it; "more than" is open
upwards), and tolerances for "approx" and "nearly" come from ``rules/``.
Two claims can both hold only if their intervals overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..domain.units import UnitRegistry
from ..reading.claims import ClaimEntry, ClaimsBase
from ..reading.model import ValueRange
from ..reading.sources import SourceText
from .reader import Figure, read_figures

INF = math.inf


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        if self.low > other.high or other.low > self.high:
            return False
        if self.low == other.high and (self.low_open or other.high_open):
            return False
        return not (other.low == self.high and (other.low_open or self.high_open))

    def scaled(self, factor: float) -> Interval:
        return Interval(self.low * factor, self.high * factor, self.low_open, self.high_open)

    def __str__(self) -> str:
        left = "(" if self.low_open or self.low == -INF else "["
        right = ")" if self.high_open or self.high == INF else "]"
        return f"{left}{_number(self.low)}, {_number(self.high)}{right}"


def _number(value: float) -> str:
    if value in (INF, -INF):
        return "∞" if value > 0 else "-∞"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.12g}"


def claim_values(entry: ClaimEntry) -> tuple[float, float]:
    value = entry.claim.value
    if isinstance(value, ValueRange):
        return float(value.min), float(value.max)
    return float(value), float(value)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@dataclass
class QuoteReading:
    """What a claim's quote says: its figures, and the one that states the claim (if any)."""

    figures: list[Figure]
    match: Figure | None
    factor: float | None  # converts the matching figure's unit to the claim's


def _factor(units: UnitRegistry, figure_unit: str | None, claim_unit: str) -> float | None:
    if figure_unit is None:
        return 1.0  # a bare number is taken in the claim's unit
    if figure_unit == claim_unit:
        return 1.0
    return units.factor(figure_unit, claim_unit)


def _states(figure: Figure, factor: float, low: float, high: float) -> bool:
    half = figure.step * factor / 2
    fig_low = figure.value * factor
    fig_high = (figure.high if figure.high is not None else figure.value) * factor
    slack_low = half + abs(fig_low) * 1e-9
    slack_high = half + abs(fig_high) * 1e-9
    return abs(low - fig_low) <= slack_low and abs(high - fig_high) <= slack_high


def read_quote(entry: ClaimEntry, units: UnitRegistry, figures: list[Figure] | None = None) -> QuoteReading:
    """Read the quote's figures and find the one whose value, within its printed precision, is the claim's.

    ``figures``: the quote's figures as read in the source, when the quote was found there.
    """
    if figures is None:
        figures = read_figures(entry.claim.quote, units.words)
    low, high = claim_values(entry)
    for figure in figures:
        factor = _factor(units, figure.unit, entry.claim.unit)
        if factor is not None and _states(figure, factor, low, high):
            return QuoteReading(figures, figure, factor)
    return QuoteReading(figures, None, None)


def same_number(figure: Figure, entry: ClaimEntry) -> bool:
    """Whether the figure, in its own unit, has the claim's number (a unit swapped, not a value)."""
    low, high = claim_values(entry)
    return _states(figure, 1.0, low, high)


def interval(
    entry: ClaimEntry, step: float, approx_tolerance: float, nearly_tolerance: float, rounding: float
) -> Interval:
    """The claim's interval in its own unit.

    ``step``: printed precision, in the claim's unit; its half never exceeds
    ``rounding`` times the value (a round figure is not read as +/- 50 %).
    """
    low, high = claim_values(entry)
    return bounds(low, high, entry.claim.qualifier, step, approx_tolerance, nearly_tolerance, rounding)


def figure_interval(figure: Figure, approx_tolerance: float = 0.1, nearly_tolerance: float = 0.1,
                    rounding: float = 0.05) -> Interval:
    """A figure's interval in its own unit, as a claim quoting it would have."""
    high = figure.high if figure.high is not None else figure.value
    return bounds(float(figure.value), float(high), figure.qualifier, figure.step, approx_tolerance,
                  nearly_tolerance, rounding)


def bounds(low: float, high: float, qualifier: str, step: float, approx_tolerance: float,
           nearly_tolerance: float, rounding: float) -> Interval:
    """The interval of a value (or range) as printed with ``step`` precision and a qualifier."""
    half = min(step / 2, rounding * min(abs(low), abs(high))) if step else 0.0
    if qualifier == "exact":
        return Interval(low - half, high + half)
    if qualifier == "approx":
        return Interval(low * (1 - approx_tolerance) - half, high * (1 + approx_tolerance) + half)
    if qualifier == "nearly":
        return Interval(low * (1 - nearly_tolerance) - half, high)
    if qualifier == "more_than":
        return Interval(low, INF, low_open=True)
    if qualifier == "at_least":
        return Interval(low, INF)
    if qualifier == "less_than":
        return Interval(-INF, high, high_open=True)
    return Interval(-INF, high)  # at_most


def source_figures(base: ClaimsBase, source: SourceText) -> list[Figure]:
    """Every figure in a source's text, read once per text (a copy under another name included)."""
    units = base.domain.units if base.domain is not None else None
    words = units.words if units is not None else None
    known = source.facts.figures
    if words not in known:
        known[words] = read_figures(source.text, words)
    return known[words]  # type: ignore[no-any-return]


def quote_reading(base: ClaimsBase, entry: ClaimEntry) -> QuoteReading | None:
    """The figures of the claim's quote and the one stating its value (None: unit unusable)."""
    key = id(entry)
    if key not in base.readings:
        units = base.domain.units if base.domain is not None else None
        usable = units is not None and units.knows(entry.claim.unit) and not units.is_ambiguous(entry.claim.unit)
        if not usable or units is None:
            base.readings[key] = None
            return None
        matches = base.quote_matches(entry)
        in_source = None
        if matches and entry.file.source is not None:
            # the quote's figures as read in its source: read once per source, not once per claim
            start, end = matches[0].start, matches[0].end
            in_source = [f for f in source_figures(base, entry.file.source) if start <= f.start and f.end <= end]
        base.readings[key] = read_quote(entry, units, in_source)
    reading: QuoteReading | None = base.readings[key]
    return reading
