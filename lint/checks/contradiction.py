"""Family X: contradictions between claims on the same subject, metric, period and kind."""

from __future__ import annotations

import operator
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..figures.measures import Measure
from ..reading.findings import Finding, Location
from .base import CrossRule, Example

if TYPE_CHECKING:
    from .facts import Facts

_SOURCE = "By 2024: 1 million tons of cathode materials, 500,000 tons of cathode materials, 9 GWh of batteries.\n"


def _claims(second_value: int, second_quote: str, second_metric: str = "cathode material production capacity") -> str:
    return f"""\
source:
  path: seeds/example.txt
  published: 2022-06-14
claims:
  - id: cathode-2024
    subject: Yunnan
    metric: cathode material production capacity
    value: 1000000
    unit: t
    period: 2024
    kind: target
    quote: "1 million tons of cathode materials"
  - id: cathode-2024-again
    subject: Yunnan Province
    metric: {second_metric}
    value: {second_value}
    unit: t
    period: 2024
    kind: target
    quote: "{second_quote}"
"""


class Contradiction(CrossRule):
    """
    ## What it does
    Reports two claims on the same subject (through its aliases), metric,
    period, kind and share whose values cannot both hold: their intervals,
    in one unit, do not overlap. Each claim's interval comes from the
    precision its quote prints and its qualifier ("nearly 3 billion" is just
    under 3 billion; "more than 10" is open upwards). Claims of different
    kinds (a target and an actual) or periods never contradict; claims with
    no period are compared only within one document.

    ## Why is this bad?
    One of the two figures is wrong: often the same list item given twice
    with two values, a unit or scale slip, or a figure attached to the wrong
    subject. Resolve it as a source error with the correct reading.
    """

    code = "X101"
    name = "contradiction"
    summary = "claims on the same subject, metric, period and kind disagree"
    failing = Example(_claims(500000, "500,000 tons of cathode materials"), _SOURCE)
    passing = Example(_claims(500000, "500,000 tons of anode materials", "anode material production capacity"),
                      _SOURCE.replace("500,000 tons of cathode", "500,000 tons of anode"))

    def check_facts(self, facts: Facts) -> Iterator[Finding]:
        for group in facts.groups.values():
            if len(group) < 2:
                continue
            # Linear in the group: a claim that conflicts with any other conflicts with the one
            # whose interval ends lowest or the one that starts highest.
            lowest_end = min(group, key=_high)
            highest_start = max(group, key=_low)
            if highest_start.low < lowest_end.high:
                continue  # every interval reaches past the highest start: all of them overlap (most groups)
            reported: set[tuple[str, str]] = set()
            for measure in group:
                for other in (lowest_end, highest_start):
                    if other is measure or _overlap(measure, other):
                        continue
                    first, second = sorted((measure, other), key=_order)
                    pair = (first.claim_id, second.claim_id)
                    if pair in reported:
                        continue
                    reported.add(pair)
                    yield self._finding(first, second)

    def _finding(self, first: Measure, second: Measure) -> Finding:
        where = first.location
        other_file = "" if first.path == second.path else f" in {first.path}"
        return self.finding(
            f"contradicts '{first.claim_id}'{other_file} ({first.subject}, {first.metric}, {first.period}, "
            f"{first.kind}): {second.shown()} is {second.interval} {second.unit}, "
            f"{first.shown()} is {first.interval} {first.unit}; the intervals cannot overlap",
            second.location,
            claim=second.claim_id,
            source_location=Location(where.path, where.line, where.column),
        )


_low = operator.attrgetter("low")
_high = operator.attrgetter("high")


def _overlap(one: Measure, other: Measure) -> bool:
    if one.low < other.high and other.low < one.high:  # the common case, without building intervals
        return True
    return one.interval.overlaps(other.interval)


def _order(measure: Measure) -> tuple[str, int]:
    return measure.order
