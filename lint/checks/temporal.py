"""Family T: time. A claim's period, kind and tense must agree with the publication date."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..domain.periods import label, span
from ..reading.findings import Finding, Severity
from .base import Example, Rule

if TYPE_CHECKING:
    from ..reading.claims import ClaimEntry, ClaimsBase

_SOURCE = "In 2022, the city's output value exceeded 100 billion yuan. By 2025 it will reach 300 billion yuan.\n"


def _file(published: str | None, *claims: str) -> str:
    head = "source:\n  path: seeds/example.txt\n" + (f"  published: {published}\n" if published else "")
    return head + "claims:\n" + "".join(claims)


def _claim(claim_id: str, value: int, period: str, kind: str, quote: str, qualifier: str = "more_than") -> str:
    return (f"  - id: {claim_id}\n    subject: Baotou\n    metric: photovoltaic industry output value\n"
            f"    value: {value}\n    unit: yuan\n    qualifier: {qualifier}\n    period: {period}\n"
            f"    kind: {kind}\n    quote: \"{quote}\"\n")


def _dated_claims(base: ClaimsBase) -> Iterator[tuple[ClaimEntry, tuple[_dt.date, _dt.date], _dt.date]]:
    """Claims with a period, in sources with a publication date: (claim, period span, published)."""
    for entry in base.claims:
        info = entry.file.source_info
        period = span(entry.claim.period)
        if info is None or info.published is None or period is None:
            continue
        yield entry, period, info.published


class ActualAfterPublication(Rule):
    """
    ## What it does
    Reports a claim of kind `actual` whose period starts after the source
    was published.

    ## Why is this bad?
    A source cannot report as done what has not happened yet: the figure is
    a target or a forecast (set `kind:`), or the period is wrong.
    """

    code = "T101"
    name = "actual-after-publication"
    summary = "actual figure for a period after publication"
    failing = Example(_file("2023-05-22", _claim("out-2025", 300_000_000_000, "2025", "actual",
                                                 "By 2025 it will reach 300 billion yuan", "exact")), _SOURCE)
    passing = Example(_file("2023-05-22", _claim("out-2025", 300_000_000_000, "2025", "target",
                                                 "By 2025 it will reach 300 billion yuan", "exact")), _SOURCE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        for entry, (start, _end), published in _dated_claims(base):
            if entry.claim.kind == "actual" and start > published:
                yield self.finding(
                    f"kind is actual, but the period {label(entry.claim.period)} starts after the source was "
                    f"published ({published.isoformat()}): a target or forecast?",
                    entry.written_location("kind", "period"),
                    claim=entry.claim.id,
                )


class FutureTenseForPast(Rule):
    """
    ## What it does
    Reports a claim whose period ended before the source was published while
    its quote speaks in the future tense ("In 2022 ... will exceed" in a 2023
    article).

    ## Why is this bad?
    Machine translation often renders a past result in the future tense. The
    reader cannot tell whether the figure is a result or an old forecast: the
    kind of the claim, and possibly the source, need checking.
    """

    code = "T102"
    name = "future-tense-for-past"
    severity = Severity.WARNING
    summary = "quote speaks in the future about a period already over"
    failing = Example(_file("2023-05-22", _claim("out-2025", 300_000_000_000, "2022", "actual",
                                                 "By 2025 it will reach 300 billion yuan", "exact")), _SOURCE)
    passing = Example(_file("2023-05-22", _claim("out-2022", 100_000_000_000, "2022", "actual",
                                                 "exceeded 100 billion yuan")), _SOURCE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        future = base.domain.future_tense if base.domain else None
        if future is None:
            return
        for entry, (_start, end), published in _dated_claims(base):
            if end < published and (found := future.search(entry.claim.quote)):
                yield self.finding(
                    f"the period {label(entry.claim.period)} ended before publication ({published.isoformat()}) "
                    f"but the quote says '{found.group(0)}': a past result in the future tense?",
                    entry.location("quote"),
                    claim=entry.claim.id,
                )


class PastTenseForFuture(Rule):
    """
    ## What it does
    Reports a target or forecast for a period that ends after publication
    whose quote speaks in the past tense ("by 2024 ... exceeded" in a 2022
    plan).

    ## Why is this bad?
    A plan's goal reported as achieved reads as a result; the translation has
    probably lost the future tense, and a reader may cite it as a fact.
    """

    code = "T103"
    name = "past-tense-for-future"
    severity = Severity.WARNING
    summary = "quote speaks in the past about a target still to come"
    failing = Example(_file("2021-05-22", _claim("out-2022", 100_000_000_000, "2022", "target",
                                                 "exceeded 100 billion yuan")), _SOURCE)
    passing = Example(_file("2023-05-22", _claim("out-2022", 100_000_000_000, "2022", "actual",
                                                 "exceeded 100 billion yuan")), _SOURCE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        past = base.domain.past_tense if base.domain else None
        future = base.domain.future_tense if base.domain else None
        if past is None:
            return
        for entry, (_start, end), published in _dated_claims(base):
            quote = entry.claim.quote
            if entry.claim.kind == "actual" or end <= published:
                continue
            if (found := past.search(quote)) and not (future and future.search(quote)):
                yield self.finding(
                    f"a {entry.claim.kind} for {label(entry.claim.period)}, after publication "
                    f"({published.isoformat()}), but the quote says '{found.group(0)}': "
                    "a goal reported as achieved?",
                    entry.location("quote"),
                    claim=entry.claim.id,
                )


class RelativePeriodUndated(Rule):
    """
    ## What it does
    Reports a claim whose quote dates it relatively ("this year", "the first
    10 months of this year") in a source with no publication date.

    ## Why is this bad?
    Without the publication date, "this year" names no year: the claim's
    period cannot be known, checked, or compared with other claims.
    """

    code = "T104"
    name = "relative-period-undated"
    severity = Severity.WARNING
    summary = "relative date in a source with no publication date"
    failing = Example(_file(None, _claim("out-this-year", 100_000_000_000, "2022", "actual",
                                         "This year, output exceeded 100 billion yuan")),
                      "This year, output exceeded 100 billion yuan.\n")
    passing = Example(_file("2022-12-01", _claim("out-this-year", 100_000_000_000, "2022", "actual",
                                                 "This year, output exceeded 100 billion yuan")),
                      "This year, output exceeded 100 billion yuan.\n")

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        relative = base.domain.relative_time if base.domain else None
        if relative is None:
            return
        for entry in base.claims:
            info = entry.file.source_info
            if info is None or info.published is not None:
                continue
            if found := relative.search(entry.claim.quote):
                yield self.finding(
                    f"the quote dates the figure by '{found.group(0)}' but the source has no publication "
                    "date: add `published:` to the source, or resolve with the reason the date is unknown",
                    entry.location("quote"),
                    claim=entry.claim.id,
                )
