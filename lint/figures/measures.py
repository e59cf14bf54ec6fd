"""Claims as comparable measures: canonical subject, metric, period, kind and interval.

Built by the file stage for each claims file it checks, cached with the
file's result, and compared across files by the contradiction (X) and
arithmetic (P) checks. Claims that cannot be compared (unknown unit or
metric, a unit refused) are left out; other rules report why.
"""

from __future__ import annotations

import itertools
import operator
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from ..domain.periods import label
from ..reading.findings import Location
from .intervals import Interval, interval, quote_reading

if TYPE_CHECKING:
    from ..domain.vocabulary import Domain
    from ..reading.claims import ClaimEntry, ClaimsBase

# (subject, metric, period, kind, share_of, unit) -- all canonical
Key = tuple[str, str, str, str, str | None, str]


class Measure(NamedTuple):
    """A claim reduced to what cross-claim rules compare: a plain tuple, cheap to cache and restore."""

    path: str  # the claims file
    claim_id: str
    line: int  # where the claim's value is written
    column: int
    position: int  # the claim's index in its file
    value_shown: str  # the value as the claim writes it, with its qualifier
    subject: str
    metric: str
    period: str  # a label; claims with no period are only compared within one file
    kind: str
    share_of: str | None
    unit: str  # canonical unit of the dimension
    low: float  # the interval, in ``unit``
    high: float
    low_open: bool
    high_open: bool
    factor: float  # claim unit -> canonical unit

    @property
    def key(self) -> Key:
        return _key_of(self)

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    @property
    def order(self) -> tuple[str, int]:
        return (self.path, self.position)

    @property
    def interval(self) -> Interval:
        return Interval(self.low, self.high, self.low_open, self.high_open)

    def shown(self) -> str:
        return self.value_shown

    def dump(self) -> list[Any]:
        return list(self[1:])

    @classmethod
    def restore(cls, path: str, data: list[Any], *, shared: bool = False) -> Measure:
        """A measure from ``dump()``; ``shared``: subject, metric, period, kind, share_of and unit, which
        repeat across the base, become one copy each (decoded JSON gives every measure strings of its
        own): 29 MB less at the peak of a cold check at 100,000 claims (211 MB instead of 240 MB), in
        no more time."""
        if type(data) is not list or tuple(map(type, data)) not in _SHAPES:
            raise TypeError("cached measure of an unexpected shape")
        if shared:
            data[5:11] = [_intern(item) if item is not None else None for item in data[5:11]]
        return cls(path, *data)


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
    reading = quote_reading(base, entry)
    step = 0.0
    if reading is not None and reading.match is not None and reading.factor is not None:
        step = reading.match.step * reading.factor
    tolerances = domain.tolerances
    span = interval(entry, step, tolerances.approx, tolerances.nearly, tolerances.rounding).scaled(factor)
    period = label(claim.period) if claim.period is not None else f"undated in {entry.file.path}"
    share_of = domain.entity(claim.share_of) if claim.share_of is not None else None
    where = entry.location("value")
    return Measure(entry.file.path, claim.id, where.line, where.column, entry.index, claim.shown_value(),
                   domain.entity(claim.subject), metric, period, claim.kind, share_of, unit,
                   span.low, span.high, span.low_open, span.high_open, factor)


def measures(base: ClaimsBase) -> list[Measure]:
    """Every comparable claim of a loaded base (a batch of files) as a measure, computed once."""
    if base.measures is not None:
        return base.measures
    domain = base.domain
    result: list[Measure] = []
    if domain is not None:
        for entry in base.claims:
            measure = _measure(base, domain, entry)
            if measure is not None:
                result.append(measure)
    base.measures = result
    return result


def grouped(items: list[Measure]) -> dict[Key, list[Measure]]:
    groups: dict[Key, list[Measure]] = {}
    for item in items:
        groups.setdefault(_key_of(item), []).append(item)
    return groups


_intern = sys.intern
_NUMBER = (int, float)
# The types a dumped measure's fields (all but the path) may have, for checking what the cache gives
# back: every combination, so a check is one set lookup (0.07 s per 100,000 measures restored, against
# 0.23 s for isinstance field by field: an eighth of a re-check after a value edit at 100,000 claims).
_SHAPES: frozenset[tuple[type, ...]] = frozenset(itertools.product(
    (str,), (int,), (int,), (int,), (str,), (str,), (str,), (str,), (str,), (str, type(None)), (str,),
    _NUMBER, _NUMBER, (bool,), (bool,), _NUMBER,
))

# subject, metric, period, kind, share_of, unit: fields 6 to 11 of a Measure
_key_of = operator.itemgetter(*range(Measure._fields.index("subject"), Measure._fields.index("unit") + 1))
