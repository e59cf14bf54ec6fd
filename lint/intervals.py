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

from .figures import Figure, read_figures
from .load import ClaimEntry
from .model import ValueRange

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
        if other.low == self.high and (other.low_open or self.high_open):
            return False
        return True

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
    return f"{value:,.6g}"


def claim_values(entry: ClaimEntry) -> tuple[float, float]:
    value = entry.claim.value
    if isinstance(value, ValueRange):
        return float(value.min), float(value.max)
    return float(value), float(value)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def matching_figure(
    entry: ClaimEntry, factor_to_claim: dict[str | None, float | None]
) -> tuple[Figure | None, list[Figure]]:
    """The figure of the quote that states the claim's value, and all the quote's figures.

    ``factor_to_claim`` gives, per figure unit, the factor that converts it to
    the claim's unit (None: not convertible; the key None: a bare number,
    taken in the claim's unit).
    """
    figures = read_figures(entry.claim.quote)
    low, high = claim_values(entry)
    for figure in figures:
        factor = factor_to_claim.get(figure.unit, None if figure.unit is not None else 1.0)
        if factor is None:
            continue
        half = figure.step * factor / 2
        fig_low = figure.value * factor
        fig_high = (figure.high if figure.high is not None else figure.value) * factor
        if abs(low - fig_low) <= half + abs(fig_low) * 1e-9 and abs(high - fig_high) <= half + abs(fig_high) * 1e-9:
            return figure, figures
    return None, figures


def interval(
    entry: ClaimEntry, step: float, approx_tolerance: float, nearly_tolerance: float
) -> Interval:
    """The claim's interval in its own unit. ``step``: printed precision, in the claim's unit."""
    low, high = claim_values(entry)
    half = step / 2
    qualifier = entry.claim.qualifier
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
