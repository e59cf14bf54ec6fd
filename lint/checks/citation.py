"""Family C: citations. Each claim's quote must be found, once, in its unchanged source."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..figures.intervals import QuoteReading, quote_reading, same_number
from ..figures.reader import Figure
from ..reading.findings import Finding, Location, Severity
from .base import Example, Rule, SourceRule
from .structure import GOOD_FILE

if TYPE_CHECKING:
    from ..figures.text import TextDocument
    from ..reading.claims import ClaimEntry, ClaimsBase

CLOSE_ENOUGH = 60.0  # rapidfuzz score under which no passage is worth suggesting


def _shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class QuoteNotFound(Rule):
    """
    ## What it does
    Checks that each claim's quote occurs in its source document, after
    normalising white space, typographic quotes and dashes and Unicode
    compatibility forms. When it does not, the message names the closest
    passage of the source and where it is, so the quote can be fixed.

    ## Why is this bad?
    A quote that is not in the source cites nothing: the figure may have been
    mistyped, paraphrased, or taken from another document.
    """

    code = "C101"
    name = "quote-not-found"
    summary = "quote does not occur in the source"
    failing = Example(GOOD_FILE.replace("335,000 tons of polysilicon\"", "353,000 tons of polysilicon\""))
    passing = Example(GOOD_FILE.replace("a capacity of", "a  capacity\\tof"))

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        for entry in base.claims:
            matches = base.quote_matches(entry)
            if matches is None or matches:
                continue
            source = entry.file.source
            assert source is not None
            message = f"quote not found in {source.path}"
            related = None
            closest = source.closest_passage(entry.claim.quote)
            if closest is not None and closest[2] >= CLOSE_ENOUGH:
                where, passage, _score = closest
                message += f"; closest passage at line {where.line}, column {where.column}: '{_shorten(passage)}'"
                related = Location(source.path, where.line, where.column)
            found = self.finding(message, entry.location("quote"), claim=entry.claim.id, source_location=related)
            if related is not None:
                found.extra["closest"] = passage  # the whole passage, for an editor's fix
            yield found


class QuoteAmbiguous(Rule):
    """
    ## What it does
    Warns when a claim's quote occurs more than once in its source.

    ## Why is this bad?
    The reader (and the errata report) cannot tell which passage the claim
    cites; a few more words of context make the citation exact.
    """

    code = "C102"
    name = "quote-ambiguous"
    severity = Severity.WARNING
    summary = "quote occurs more than once in the source"
    failing = Example(
        GOOD_FILE.replace("a capacity of 335,000 tons of polysilicon", "335,000 tons"),
        source="Plant A has a capacity of 335,000 tons; plant B, too, 335,000 tons.\n",
    )
    passing = Example(GOOD_FILE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        for entry in base.claims:
            matches = base.quote_matches(entry)
            if not matches or len(matches) < 2:
                continue
            places = ", ".join(f"{m.line}:{m.column}" for m in matches[:5])
            more = " and more" if len(matches) > 5 else ""
            source = entry.file.source
            assert source is not None
            yield self.finding(
                f"quote occurs {len(matches)}{'+' if more else ''} times in {source.path} "
                f"(at {places}{more}); add context so it cites one passage",
                entry.location("quote"),
                claim=entry.claim.id,
                source_location=Location(source.path, matches[0].line, matches[0].column),
            )


class SourceChanged(Rule):
    """
    ## What it does
    When a claims file records ``source.sha256``, checks that the source
    document still has that hash.

    ## Why is this bad?
    Claims were checked against the text as it was; a source edited since
    (re-translated, trimmed) may no longer say what they cite, even where
    the quotes still happen to match.
    """

    code = "C103"
    name = "source-changed"
    summary = "source no longer matches its recorded sha256"
    failing = Example(GOOD_FILE.replace("  path: seeds/example.txt\n",
                                        "  path: seeds/example.txt\n  sha256: " + "0" * 64 + "\n"))
    passing = Example(GOOD_FILE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        for file in base.files:
            info, source = file.source_info, file.source
            if info is None or source is None or info.sha256 is None:
                continue
            if info.sha256.lower() != source.sha256:
                yield self.finding(
                    f"{source.path} has changed since its claims were written: sha256 is "
                    f"{source.sha256}, the claims file records {info.sha256.lower()}; re-check the "
                    "claims against the new text, then update sha256",
                    file.location(("source", "sha256")),
                )


def _unstated(base: ClaimsBase) -> Iterator[tuple[ClaimEntry, QuoteReading]]:
    """Claims whose quote (read with a usable unit) does not state their value."""
    for entry in base.claims:
        reading = quote_reading(base, entry)
        if reading is not None and reading.match is None:
            yield entry, reading


def _figure_text(figure: Figure) -> str:
    qualifier = "" if figure.qualifier == "exact" else f" ({figure.qualifier.replace('_', ' ')})"
    return f"'{figure.text}'{qualifier}"


class FigureMismatch(Rule):
    """
    ## What it does
    Checks that the quote states the claim's value: some figure read from the
    quote, converted to the claim's unit, must equal the value within the
    precision the quote prints ("138.8GW" stands for 138.75-138.85 GW, "100
    billion" for 99.5-100.5 billion).

    ## Why is this bad?
    A dropped or added zero (`335,000 tons` claimed as `33500`) or a figure
    copied from the next clause is the most common transcription error; the
    quote is there to catch it.
    """

    code = "C104"
    name = "figure-mismatch"
    summary = "quote does not state the claim's value"
    failing = Example(GOOD_FILE.replace("value: 335000", "value: 33500"))
    passing = Example(GOOD_FILE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        for entry, reading in _unstated(base):
            if any(same_number(figure, entry) for figure in reading.figures):
                continue  # the number is there with another unit: C105
            if reading.figures:
                said = ", ".join(_figure_text(f) for f in reading.figures)
                message = f"the quote says {said}; the claim says {entry.claim.shown_value(with_qualifier=False)}"
            else:
                message = f"the quote states no figure; the claim says {entry.claim.shown_value(with_qualifier=False)}"
            yield self.finding(message, entry.location("value"), claim=entry.claim.id)


class UnitMismatch(Rule):
    """
    ## What it does
    Reports a claim whose number is in the quote but with a unit that does
    not convert to the claim's unit (`50GWh` claimed as `50 GW`, `41 GW`
    claimed as `41 t`).

    ## Why is this bad?
    The claim then measures something else than its source: compared with
    other claims, it is wrong by a whole dimension.
    """

    code = "C105"
    name = "unit-mismatch"
    summary = "quote states the value in a unit that does not match the claim's"
    failing = Example(GOOD_FILE.replace("unit: t\n", "unit: GW\n"))
    passing = Example(GOOD_FILE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        for entry, reading in _unstated(base):
            for figure in reading.figures:
                if figure.unit is not None and same_number(figure, entry):
                    yield self.finding(
                        f"the quote gives {_figure_text(figure)} in '{figure.unit}', "
                        f"which does not convert to the claim's '{entry.claim.unit}'",
                        entry.location("unit"), claim=entry.claim.id,
                    )
                    break


class QualifierMismatch(Rule):
    """
    ## What it does
    Checks that the claim's qualifier is the one the quote's words give:
    "nearly 3 billion" is `nearly`, "more than 10 months" is `more_than`,
    "about" is `approx`.

    ## Why is this bad?
    The qualifier sets the range of values a claim allows: "nearly 3
    billion" recorded as exact claims 3 billion, which the source never said,
    and hides or invents contradictions.
    """

    code = "C106"
    name = "qualifier-mismatch"
    severity = Severity.WARNING
    summary = "claim's qualifier differs from the quote's"
    failing = Example(GOOD_FILE.replace("a capacity of 335,000", "a capacity of nearly 335,000"),
                      "The plant has a capacity of nearly 335,000 tons of polysilicon.\n")
    passing = Example(GOOD_FILE.replace("a capacity of 335,000", "a capacity of nearly 335,000")
                      .replace("    unit: t\n", "    unit: t\n    qualifier: nearly\n"),
                      "The plant has a capacity of nearly 335,000 tons of polysilicon.\n")

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        for entry in base.claims:
            reading = quote_reading(base, entry)
            if reading is None or reading.match is None:
                continue
            said, claimed = reading.match.qualifier, entry.claim.qualifier
            if said != claimed:
                yield self.finding(
                    f"the quote's words make '{reading.match.text}' {said}; the claim's qualifier is {claimed}",
                    entry.written_location("qualifier", "value"),
                    claim=entry.claim.id,
                )


class UnclaimedFigure(SourceRule):
    """
    ## What it does
    Lists, for information, each figure in a cited source that no claim's
    quote covers, so a claims base can be audited for completeness. A figure
    that is not worth a claim is marked with a resolution naming it by
    `quote:` (the text the finding shows) with the reason.

    ## Why is this bad?
    It is not bad in itself: a source may hold figures nobody relies on. But
    a figure left out silently may be one that contradicts another source.
    """

    code = "C107"
    name = "unclaimed-figure"
    severity = Severity.INFO
    summary = "figure in a cited source that no claim quotes"
    failing = Example(GOOD_FILE, source="The plant has a capacity of 335,000 tons of polysilicon and 41 GW of wafers.\n")
    passing = Example(GOOD_FILE)

    def check_source(self, document: TextDocument, covered: list[tuple[int, int]]) -> Iterator[Finding]:
        source = document.source
        starts = [start for start, _ in covered]  # covered is sorted by start
        reach = list(itertools.accumulate((end for _, end in covered), max))  # furthest end of spans so far
        for figure in document.figures:
            last = bisect.bisect_right(starts, figure.start) - 1  # the spans starting at or before the figure
            if last >= 0 and reach[last] >= figure.end:
                continue
            context = source.unique_context(figure.start, figure.end)
            offset = source.text.find(context, max(0, figure.start - len(context)))
            line, column = source.lines.position(offset if offset >= 0 else figure.start)
            where = Location(source.path, line, column)
            yield self.finding(f"'{context}': no claim quotes the figure '{figure.text}'", where,
                               quote=context, source_location=where)