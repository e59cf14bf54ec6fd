"""Claims as comparable measures: canonical subject, metric, period, kind and interval.

Built once per run from the claims base and shared by the contradiction (X)
and arithmetic (P) checks. Claims that cannot be compared (unknown unit or
metric, a unit refused) are left out; other rules report why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .intervals import Interval, interval
from .periods import label

if TYPE_CHECKING:
    from .domain import Domain
    from .load import ClaimEntry, ClaimsBase

# (subject, metric, period, kind, share_of, unit) -- all canonical
Key = tuple[str, str, str, str, str | None, str]


@dataclass(frozen=True)
class Measure:
    entry: ClaimEntry
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

    @property
    def claim_id(self) -> str:
        return self.entry.claim.id

    def shown(self) -> str:
        return self.entry.claim.shown_value()


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
    return Measure(entry, domain.entity(claim.subject), metric, period, claim.kind, share_of, unit, span, factor)


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
