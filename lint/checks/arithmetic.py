"""Family P: plausibility and arithmetic. Shares, parts and wholes must add up; values must be possible."""

from __future__ import annotations

import operator
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..figures.intervals import INF, Interval
from ..figures.measures import Measure
from ..reading.findings import Finding
from .base import CrossRule, Example

if TYPE_CHECKING:
    from ..domain.vocabulary import Domain
    from .facts import Facts

PERCENT = 100.0
_low = operator.attrgetter("low")
_high = operator.attrgetter("high")


def _file(*claims: str, source: str = "seeds/example.txt") -> str:
    return f"source:\n  path: {source}\n  published: 2023-05-24\nclaims:\n" + "".join(claims)


def _claim(claim_id: str, subject: str, value: float, unit: str, quote: str,
           share_of: str | None = None, metric: str = "polysilicon production capacity") -> str:
    share = f"    share_of: {share_of}\n" if share_of else ""
    return (f"  - id: {claim_id}\n    subject: {subject}\n    metric: {metric}\n    value: {value}\n"
            f"    unit: {unit}\n    period: 2025\n    kind: target\n{share}    quote: \"{quote}\"\n")


_SHARES = ("By 2025 Baotou will hold half of the country and 45% of the world, "
           "and China 60% of the world; China 1,000,000 tons, Baotou 500,000 tons, Baotou 2,000,000 tons.\n")


def _ratio(part: Interval, whole: Interval) -> Interval:
    """part / whole, in percent, for non-negative intervals."""
    low = part.low / whole.high * PERCENT if whole.high not in (0, INF) else 0.0
    high = part.high / whole.low * PERCENT if whole.low > 0 else INF
    return Interval(max(low, 0.0), high)


def _shares(facts: Facts) -> list[Measure]:
    return [m for m in facts.measures if m.share_of is not None and m.unit == "percent"]


def _absolute(facts: Facts) -> dict[tuple[str, str, str, str, str], list[Measure]]:
    """Absolute (non-share) measures by (subject, metric, period, kind, unit)."""
    return {(subject, metric, period, kind, unit): group
            for (subject, metric, period, kind, share_of, unit), group in facts.groups.items() if share_of is None}


def _alike(measures: list[Measure]) -> list[list[Measure]]:
    """The measures in classes that say the same (whole, interval, wording), in order of first appearance:
    the arithmetic of a pair depends only on its classes, so it is worked out once per pair of classes,
    however often a figure is repeated."""
    classes: dict[tuple[object, ...], list[Measure]] = {}
    for m in measures:
        classes.setdefault((m.share_of, m.low, m.high, m.low_open, m.high_open, m.value_shown), []).append(m)
    return list(classes.values())


def _is_share(domain: Domain, measure: Measure) -> bool:
    definition = domain.metrics.get(measure.metric)
    return measure.share_of is not None or (definition is not None and definition.share)


class ShareOutOfRange(CrossRule):
    """
    ## What it does
    Reports a share (a claim with `share_of`, or a metric the vocabulary
    marks as a share) that lies outside 0-100 %, or any percent interval
    that cannot reach into that range.

    ## Why is this bad?
    No part is more than the whole: a share over 100 % is a misread figure
    (a growth rate taken for a share, a decimal lost).
    """

    code = "P101"
    name = "share-out-of-range"
    summary = "share outside 0-100 %"
    failing = Example(_file(_claim("baotou-share", "Baotou", 450, "percent", "45% of the world", "world")), _SHARES)
    passing = Example(_file(_claim("baotou-share", "Baotou", 45, "percent", "45% of the world", "world")), _SHARES)

    def check_facts(self, facts: Facts) -> Iterator[Finding]:
        domain = facts.domain
        if domain is None:
            return
        for m in facts.measures:
            if m.unit != "percent" or not _is_share(domain, m):
                continue
            if m.interval.low > PERCENT or m.interval.high < 0:
                yield self.finding(f"a share of {m.shown()} is outside 0-100 %", m.location,
                                   claim=m.claim_id)


class PartLargerThanWhole(CrossRule):
    """
    ## What it does
    For metrics that add up (capacities, outputs, values), reports a claim
    on a part that is larger than a claim on its whole for the same metric,
    period and kind: a city above its province, a province above its
    country (hierarchy in `rules/entities.yaml`). Shares of one whole are
    compared the same way: a city's share of the country cannot pass its
    province's.

    ## Why is this bad?
    A part cannot exceed its whole: one of the figures has a scale or unit
    slip, or names the wrong subject.
    """

    code = "P102"
    name = "part-larger-than-whole"
    summary = "a part's value exceeds its whole's"
    failing = Example(_file(_claim("china-poly", "China", 1000000, "t", "China 1,000,000 tons"),
                            _claim("baotou-poly", "Baotou", 2000000, "t", "Baotou 2,000,000 tons")), _SHARES)
    passing = Example(_file(_claim("china-poly", "China", 1000000, "t", "China 1,000,000 tons"),
                            _claim("baotou-poly", "Baotou", 500000, "t", "Baotou 500,000 tons")), _SHARES)

    def check_facts(self, facts: Facts) -> Iterator[Finding]:
        domain = facts.domain
        if domain is None:
            return
        groups = facts.groups
        for (subject, metric, period, kind, share_of, unit), parts in groups.items():
            definition = domain.metrics.get(metric)
            if definition is None or not definition.additive:
                continue
            # shares of one whole add up as the values do: Kunming's share of China is within Yunnan's
            of = f" as a share of {share_of}" if share_of is not None else ""
            for whole_subject in domain.ancestors(subject):
                wholes = groups.get((whole_subject, metric, period, kind, share_of, unit))
                if not wholes:
                    continue
                smallest_whole = min(wholes, key=lambda m: m.high)
                for part in parts:
                    if part.low > smallest_whole.high:
                        yield self.finding(
                            f"{subject} is part of {whole_subject}, but {part.shown()}{of} ({part.interval} {unit}) "
                            f"exceeds {whole_subject}'s {smallest_whole.shown()} ({smallest_whole.interval} {unit}, "
                            f"claim '{smallest_whole.claim_id}') for {metric}, {period}, {kind}",
                            part.location, claim=part.claim_id,
                            source_location=smallest_whole.location,  # the whole's claim: its file sees it too
                        )


class ShareDisagrees(CrossRule):
    """
    ## What it does
    Checks a share claim (A is p % of B, `share_of: B`) against the absolute
    claims it relates: A's value divided by B's must fall in p's interval.
    When only A's value is known, the whole it implies (A / p) must be
    plausible (`plausible:` in `rules/metrics.yaml`). The message shows the
    arithmetic.

    ## Why is this bad?
    A share and two absolute figures that do not agree mean one of the three
    is wrong; a share that implies an impossible whole (8 million tonnes as
    "nearly five percent" of China's aluminium capacity makes China's 160
    million tonnes, over twice the world's) is a mistranslated fraction.
    """

    code = "P103"
    name = "share-disagrees"
    summary = "a share disagrees with the absolute figures it relates"
    failing = Example(_file(_claim("baotou-share", "Baotou", 50, "percent", "half of the country", "China"),
                            _claim("china-poly", "China", 1000000, "t", "China 1,000,000 tons"),
                            _claim("baotou-poly", "Baotou", 2000000, "t", "Baotou 2,000,000 tons")), _SHARES)
    passing = Example(_file(_claim("baotou-share", "Baotou", 50, "percent", "half of the country", "China"),
                            _claim("china-poly", "China", 1000000, "t", "China 1,000,000 tons"),
                            _claim("baotou-poly", "Baotou", 500000, "t", "Baotou 500,000 tons")), _SHARES)

    def check_facts(self, facts: Facts) -> Iterator[Finding]:
        domain = facts.domain
        if domain is None or domain.units is None:
            return
        index = _absolute(facts)
        units_of: dict[str, set[str]] = {}
        for subject, metric, _period, _kind, unit in index:
            units_of.setdefault(metric, set()).add(unit)
        for share in _shares(facts):
            assert share.share_of is not None
            for unit in sorted(units_of.get(share.metric, ())):
                parts = index.get((share.subject, share.metric, share.period, share.kind, unit), [])
                wholes = index.get((share.share_of, share.metric, share.period, share.kind, unit), [])
                finding = self._compare(domain, share, parts, wholes, unit)
                if finding is not None:
                    yield finding
                    break

    def _compare(self, domain: Domain, share: Measure, parts: list[Measure], wholes: list[Measure],
                 unit: str) -> Finding | None:
        percent = share.interval
        # the first failing pair is that of the first claims of two classes (see _alike)
        whole_classes = [alike[0] for alike in _alike(wholes)]
        for part in (alike[0] for alike in _alike(parts)):
            for whole in whole_classes:
                implied = _ratio(part.interval, whole.interval)
                if not implied.overlaps(percent):
                    return self.finding(
                        f"{share.subject} {share.shown()} of {share.share_of}, but '{part.claim_id}' / "
                        f"'{whole.claim_id}' = {part.interval} / {whole.interval} {unit} = {implied} percent",
                        share.location, claim=share.claim_id,
                    )
            if wholes:
                continue
            plausible = domain.metrics[share.metric].plausible if share.metric in domain.metrics else None
            if plausible is None or plausible.max is None or percent.high <= 0:
                continue
            factor = domain.units.factor(plausible.unit, unit) if domain.units else None
            if factor is None:
                continue
            implied_low = part.interval.low / (percent.high / PERCENT)
            limit = plausible.max * factor
            if implied_low > limit:
                return self.finding(
                    f"{share.subject} {share.shown()} of {share.share_of} with '{part.claim_id}' "
                    f"({part.interval} {unit}) makes {share.share_of}'s {share.metric} at least "
                    f"{part.interval.low:,.0f} / {percent.high / PERCENT:g} = {implied_low:,.0f} {unit}, over the "
                    f"plausible maximum {limit:,.0f} {unit} for any subject: a misread fraction?",
                    share.location, claim=share.claim_id,
                )
        return None


class SharesDoNotChain(CrossRule):
    """
    ## What it does
    Two shares of one subject in two nested wholes imply a third: Baotou at
    50 % of China and 45 % of the world puts China at 45 / 50 = 90 % of the
    world. Reports the pair when the implied share is over 100 %, and a
    claim on the third share that disagrees with it.

    ## Why is this bad?
    Shares that do not chain cannot all be true; usually one of them belongs
    to another metric or year, or a fraction was mistranslated.
    """

    code = "P104"
    name = "shares-do-not-chain"
    summary = "two shares imply an impossible third"
    failing = Example(_file(_claim("baotou-of-china", "Baotou", 50, "percent", "half of the country", "China"),
                            _claim("baotou-of-world", "Baotou", 45, "percent", "45% of the world", "world"),
                            _claim("china-of-world", "China", 60, "percent", "China 60% of the world", "world")),
                      _SHARES)
    passing = Example(_file(_claim("baotou-of-china", "Baotou", 50, "percent", "half of the country", "China"),
                            _claim("baotou-of-world", "Baotou", 45, "percent", "45% of the world", "world")),
                      _SHARES)

    def check_facts(self, facts: Facts) -> Iterator[Finding]:
        domain = facts.domain
        if domain is None:
            return
        shares = _shares(facts)
        by_subject: dict[tuple[str, str, str, str], list[Measure]] = {}
        explicit: dict[tuple[str, str | None, str, str, str], list[Measure]] = {}
        for m in shares:
            by_subject.setdefault((m.subject, m.metric, m.period, m.kind), []).append(m)
            explicit.setdefault((m.subject, m.share_of, m.metric, m.period, m.kind), []).append(m)
        for (_subject, metric, period, kind), group in by_subject.items():
            classes = _alike(group)  # repeated figures: the arithmetic once per pair of classes, not of claims
            for inners in classes:  # subject is `inner` % of B
                inner = inners[0]
                if inner.share_of is None:
                    continue
                within = domain.ancestors(inner.share_of)
                for outers in classes:  # subject is `outer` % of C, with B within C
                    outer = outers[0]
                    if outer.share_of not in within:
                        continue
                    implied = _ratio(outer.interval, inner.interval)
                    arithmetic = (f"{outer.shown()} of {outer.share_of} / {inner.shown()} of {inner.share_of} "
                                  f"puts {inner.share_of} at {implied} percent of {outer.share_of}")
                    if implied.low > PERCENT:
                        for each in outers:
                            yield self.finding(f"{arithmetic}: over 100 %", each.location, claim=each.claim_id)
                        continue
                    stated = explicit.get((inner.share_of, outer.share_of, metric, period, kind), [])
                    for third in stated:
                        if not third.interval.overlaps(implied):
                            yield self.finding(f"{arithmetic}, but '{third.claim_id}' says {third.shown()}",
                                               third.location, claim=third.claim_id)


class Implausible(CrossRule):
    """
    ## What it does
    Reports a value outside the plausible range that `rules/metrics.yaml`
    gives its metric (`plausible: {min, max, unit}`), for any subject.

    ## Why is this bad?
    A polysilicon capacity of 300 million tonnes is not a bold forecast but
    a scale slip ("300,000 tons" read as "300 million"), or a unit mix-up.
    """

    code = "P105"
    name = "implausible-value"
    summary = "value outside the metric's plausible range"
    failing = Example(_file(_claim("china-poly", "China", 1000000000, "t", "China 1,000,000 tons")), _SHARES)
    passing = Example(_file(_claim("china-poly", "China", 1000000, "t", "China 1,000,000 tons")), _SHARES)

    def check_facts(self, facts: Facts) -> Iterator[Finding]:
        domain = facts.domain
        if domain is None or domain.units is None:
            return
        bounds: dict[tuple[str, str], tuple[float, float] | None] = {}  # worked out once per metric and unit
        for (_, metric, _, _, share_of, unit), group in facts.groups.items():
            if share_of is not None:
                continue
            if (metric, unit) not in bounds:
                bounds[(metric, unit)] = self._bounds(domain, metric, unit)
            known = bounds[(metric, unit)]
            if known is None:
                continue
            low, high = known
            if max(group, key=_low).low <= high and min(group, key=_high).high >= low:
                continue  # the whole group within bounds (nearly always): no claim to look at
            plausible = domain.metrics[metric].plausible
            assert plausible is not None
            for m in group:
                if m.low > high:
                    yield self.finding(f"{m.shown()} is over the plausible maximum for {m.metric} "
                                       f"({plausible.max:,} {plausible.unit}, any subject)", m.location,
                                       claim=m.claim_id)
                elif m.high < low:
                    yield self.finding(f"{m.shown()} is under the plausible minimum for {m.metric} "
                                       f"({plausible.min:,} {plausible.unit})", m.location,
                                       claim=m.claim_id)

    @staticmethod
    def _bounds(domain: Domain, metric: str, unit: str) -> tuple[float, float] | None:
        """The metric's plausible (low, high) in ``unit``; None when it has none or they cannot convert."""
        definition = domain.metrics.get(metric)
        if definition is None or definition.plausible is None or domain.units is None:
            return None
        plausible = definition.plausible
        factor = domain.units.factor(plausible.unit, unit)
        if factor is None:
            return None
        return (plausible.min * factor if plausible.min is not None else -INF,
                plausible.max * factor if plausible.max is not None else INF)
