"""Family C: citations. Each claim's quote must be found, once, in its unchanged source."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..findings import Finding, Location, Severity
from .base import Example, Rule
from .structure import GOOD_FILE

if TYPE_CHECKING:
    from ..load import ClaimsBase

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
            yield self.finding(message, entry.location("quote"), claim=entry.claim.id,
                               source_location=related)


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
