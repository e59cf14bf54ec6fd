"""Claims as comparable measures: canonical subject, metric, period, kind and interval.

Built once per run from the claims base and shared by the contradiction (X)
and arithmetic (P) checks. Claims that cannot be compared (unknown unit or
metric, a unit refused) are left out; other rules report why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .findings import Location
from .intervals import Interval, interval
from .periods import label

if TYPE_CHECKING:
    from .domain import Domain
    from .load import ClaimEntry, ClaimsBase

# (subject, metric, period, kind, share_of, unit) -- all canonical
Key = tuple[str, str, str, str, str | None, str]


@dataclass(frozen=True)
class Measure:
    """A claim reduced to what cross-claim rules compare: plain data, so it can be cached per file."""

    claim_id: str
    location: Location  # where the claim's value is written
    order: tuple[str, int]  # (claims file, index): the order claims are written in
    value_shown: str  # the value as the claim writes it, with its qualifier
    subject: str
    metric: str
    period: str  # a label; claims with no period are only compared within one file
    kind: str
    share_of: str | None
    unit: str  # canonical unit of the dimension
    interval: Interval  # in ``unit``
    factor: float  # claim unit -> canonical unit

    @property
    def key(self) -> Key:
        return (self.subject, self.metric, self.period, self.kind, self.share_of, self.unit)

    def shown(self) -> str:
        return self.value_shown

    @property
    def path(self) -> str:
        return self.order[0]

    def dump(self) -> list[object]:
        span = self.interval
        return [self.claim_id, self.location.line, self.location.column, self.order[1], self.value_shown,
                self.subject, self.metric, self.period, self.kind, self.share_of, self.unit,
                span.low, span.high, span.low_open, span.high_open, self.factor]

    @classmethod
    def restore(cls, path: str, data: list[Any]) -> Measure:
        (claim_id, line, column, index, shown, subject, metric, period, kind, share_of, unit,
         low, high, low_open, high_open, factor) = data
        return cls(claim_id, Location(path, line, column), (path, index), shown, subject, metric, period, kind,
                   share_of, unit, Interval(low, high, low_open, high_open), factor)


def _measure(base: ClaimsBase, domain: Domain, entry: ClaimEntry) -> Measure | None:
    units = domain.units
    claim = entry.claim
    metric = domain.metric(claim.metric)
    if units is None or metric is None or not units.knows(claim.unit) or units.is_ambiguous(claim.unit):
        return None
    try:
        unit, factor = units.canonical(claim.unit)
    except ValueError:
        return None
    reading = base.quote_reading(entry)
    step = 0.0
    if reading is not None and reading.match is not None and reading.factor is not None:
        step = reading.match.step * reading.factor
    tolerances = domain.tolerances
    span = interval(entry, step, tolerances.approx, tolerances.nearly, tolerances.rounding).scaled(factor)
    period = label(claim.period) if claim.period is not None else f"undated in {entry.file.path}"
    share_of = domain.entity(claim.share_of) if claim.share_of is not None else None
    return Measure(claim.id, entry.location("value"), (entry.file.path, entry.index), claim.shown_value(),
                   domain.entity(claim.subject), metric, period, claim.kind, share_of, unit, span, factor)


def measures(base: ClaimsBase) -> list[Measure]:
    """Every comparable claim of the base as a measure (computed once per run)."""
    if base._measures is not None:
        return base._measures
    domain = base.domain
    result: list[Measure] = []
    if domain is not None:
        for entry in base.claims:
            measure = _measure(base, domain, entry)
            if measure is not None:
                result.append(measure)
    base._measures = result
    return result


def grouped(items: list[Measure]) -> dict[Key, list[Measure]]:
    groups: dict[Key, list[Measure]] = {}
    for item in items:
        groups.setdefault(item.key, []).append(item)
    return groups
