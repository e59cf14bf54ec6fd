"""Family U: units. Every unit must be known, unambiguous, and fit what is measured."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..reading.findings import Finding, Severity
from .base import Example, Rule
from .structure import GOOD_FILE

if TYPE_CHECKING:
    from ..reading.claims import ClaimsBase

_BATTERY_SOURCE = "The plan builds 50GWh of power batteries.\n"
_BATTERY = """\
source:
  path: seeds/example.txt
claims:
  - id: battery-capacity
    subject: Yunnan
    metric: battery production capacity
    value: 50
    unit: {unit}
    quote: "50GWh of power batteries"
"""


class UnknownUnit(Rule):
    """
    ## What it does
    Reports a claim unit that the unit registry (`rules/units.yaml`) does
    not know, naming the nearest known unit. A unit is names such as `t`,
    `GW` or `m**2` joined by `*` or `/`, with small whole exponents; any
    other string (`t;`, `a b`, `t ** 99999`, a trailing space) is reported
    with what is wrong in it.

    ## Why is this bad?
    A unit the engine cannot read cannot be converted or compared: the claim
    drops out of every consistency check without a word.
    """

    code = "U101"
    name = "unknown-unit"
    summary = "unit is not in the unit registry"
    failing = Example(GOOD_FILE.replace("unit: t\n", "unit: tonnage\n"))
    passing = Example(GOOD_FILE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        units = base.domain.units if base.domain else None
        if units is None:
            return
        names = list(units.names())
        for entry in base.claims:
            unit = entry.claim.unit
            if units.knows(unit):
                continue
            # an English word for a unit ("square meters") points at the unit's name
            close = [named] if (named := units.unit_for_word(unit)) else difflib.get_close_matches(
                unit, names, n=1, cutoff=0.5)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problem = units.syntax_problem(unit)
            message = (f"unknown unit '{unit}': not a unit expression: {problem}" if problem is not None
                       else f"unknown unit '{unit}'")
            yield self.finding(message + hint, entry.location("unit"), claim=entry.claim.id)


class UnitDoesNotFitMetric(Rule):
    """
    ## What it does
    Checks that a claim's unit measures what its metric measures, using the
    dimensions the metric vocabulary (`rules/metrics.yaml`) allows: energy
    for battery capacity, power for module capacity, currency for output
    value. A share (`share_of`) must be a percent.

    ## Why is this bad?
    GW for a battery capacity or GWh for a module line is the commonest unit
    slip in translated sources; a claim that copies it compares wrongly with
    every other claim on the metric.
    """

    code = "U102"
    name = "unit-does-not-fit-metric"
    summary = "unit's dimension does not fit the metric"
    failing = Example(_BATTERY.format(unit="GW"), _BATTERY_SOURCE)
    passing = Example(_BATTERY.format(unit="GWh"), _BATTERY_SOURCE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        domain = base.domain
        if domain is None or domain.units is None:
            return
        units = domain.units
        for entry in base.claims:
            claim = entry.claim
            metric = domain.metric(claim.metric)
            if metric is None or not units.knows(claim.unit) or units.is_ambiguous(claim.unit):
                continue
            if claim.share_of is not None:
                if units.factor(claim.unit, "percent") is None:
                    yield self.finding(
                        f"a share of {claim.share_of} is a percent, but the unit is '{claim.unit}'",
                        entry.location("unit"), claim=claim.id,
                    )
                continue
            if domain.fits(claim.unit, metric):
                continue
            definition = domain.metrics[metric]
            allowed = [f"{name} ({domain.dimensions.get(name, '?')})" for name in definition.dimensions]
            allowed += [f"'{unit}'" for unit in definition.units]
            measures = units.dimension(claim.unit) or "an unknown dimension"
            yield self.finding(
                f"'{claim.unit}' measures {measures}, but '{metric}' is measured in {' or '.join(allowed)}",
                entry.location("unit"), claim=claim.id,
            )


class AmbiguousUnit(Rule):
    """
    ## What it does
    Reports a unit the registry refuses because it would convert wrongly:
    `ton` (pint's US short ton, 907 kg), `long_ton`, `kt` (the knot), `pct`.

    ## Why is this bad?
    In this domain tons are metric tonnes. A claim written `unit: ton` would
    silently be read as 907.18 kg and be off by 10 % against every other claim.
    """

    code = "U103"
    name = "ambiguous-unit"
    summary = "unit that would silently convert wrongly (short ton)"
    failing = Example(GOOD_FILE.replace("unit: t\n", "unit: ton\n"))
    passing = Example(GOOD_FILE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        units = base.domain.units if base.domain else None
        if units is None:
            return
        for entry in base.claims:
            message = units.is_ambiguous(entry.claim.unit)
            if message is not None:
                yield self.finding(f"unit '{entry.claim.unit}': {message}", entry.location("unit"),
                                   claim=entry.claim.id)


class UnknownMetric(Rule):
    """
    ## What it does
    Warns when a claim's metric (or an alias of it) is not in the metric
    vocabulary (`rules/metrics.yaml`), naming the nearest known metric.

    ## Why is this bad?
    Claims are compared by metric: "polysilicon capacity" and "polysilicon
    production capacity" written for the same thing never meet, and a
    contradiction between them goes unseen. Add the metric (or an alias) to
    the vocabulary, or use the known name.
    """

    code = "U104"
    name = "unknown-metric"
    severity = Severity.WARNING
    summary = "metric is not in the vocabulary"
    failing = Example(GOOD_FILE.replace("metric: polysilicon production capacity", "metric: polysilicon capacty"))
    passing = Example(GOOD_FILE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        domain = base.domain
        if domain is None or not domain.metrics:
            return
        for entry in base.claims:
            if domain.metric(entry.claim.metric) is not None:
                continue
            nearest = domain.nearest_metric(entry.claim.metric)
            hint = f"; nearest known: '{nearest}'" if nearest else ""
            yield self.finding(f"unknown metric '{entry.claim.metric}'{hint} (vocabulary: rules/metrics.yaml)",
                               entry.location("metric"), claim=entry.claim.id)
