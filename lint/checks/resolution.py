"""Family R: resolutions. Checked in the resolve stage (``claimlint.resolve``);
the classes here document the findings and fix their severity."""

from __future__ import annotations

from ..reading.findings import Severity
from .base import Example, Rule
from .structure import GOOD_FILE

_AMBIGUOUS_SOURCE = "Plant A has a capacity of 335,000 tons; plant B, too, 335,000 tons.\n"
_AMBIGUOUS = GOOD_FILE.replace("a capacity of 335,000 tons of polysilicon", "335,000 tons")


def _resolved(**fields: str) -> str:
    lines = "".join(f"    {key}: {value}\n" for key, value in fields.items())
    return _AMBIGUOUS + "resolutions:\n  - code: C102\n    claim: plant-polysilicon-capacity\n" + lines


class UnusedResolution(Rule):
    """
    ## What it does
    Reports a resolution that matches no finding: its claim does not exist,
    or the finding it resolved is gone (the claim or rule was fixed).

    ## Why is this bad?
    A stale resolution would silently excuse a future, different finding with
    the same code on the same claim; the record of what was resolved and why
    must stay true.
    """

    code = "R101"
    name = "unused-resolution"
    severity = Severity.WARNING
    summary = "resolution matches no finding"
    failing = Example(GOOD_FILE + "resolutions:\n  - code: C101\n    claim: plant-polysilicon-capacity\n"
                      "    verdict: false-positive\n    reason: the quote is fine\n")
    passing = Example(_resolved(verdict="accepted", reason="both plants have the same capacity"),
                      source=_AMBIGUOUS_SOURCE)


class ResolutionWithoutReason(Rule):
    """
    ## What it does
    Reports a resolution with no `reason:`. It resolves nothing.

    ## Why is this bad?
    A resolution is a decision that others must be able to review; without
    its reason it is indistinguishable from silencing the check.
    """

    code = "R102"
    name = "resolution-without-reason"
    summary = "resolution gives no reason"
    failing = Example(_resolved(verdict="accepted"), source=_AMBIGUOUS_SOURCE)
    passing = Example(_resolved(verdict="accepted", reason="both plants have the same capacity"),
                      source=_AMBIGUOUS_SOURCE)


class SourceErrorWithoutCorrection(Rule):
    """
    ## What it does
    Reports a resolution with verdict `source-error` and no `correction:`.
    It resolves nothing.

    ## Why is this bad?
    Source errors become the errata report: an erratum without the corrected
    text tells the reader something is wrong but not what is right.
    """

    code = "R103"
    name = "source-error-without-correction"
    summary = "source-error resolution gives no correction"
    failing = Example(_resolved(verdict="source-error", reason="the second plant is another one"),
                      source=_AMBIGUOUS_SOURCE)
    passing = Example(_resolved(verdict="source-error", reason="the second plant is another one",
                                correction='"plant B, 353,000 tons"'),
                      source=_AMBIGUOUS_SOURCE)


class ExpiredResolution(Rule):
    """
    ## What it does
    Reports a resolution whose `expires:` date has passed; the finding it
    resolved counts as unresolved again.

    ## Why is this bad?
    Temporary acceptances ("until the source is re-translated") must come
    back for review instead of lasting for ever.
    """

    code = "R104"
    name = "expired-resolution"
    severity = Severity.WARNING
    summary = "resolution has expired"
    failing = Example(_resolved(verdict="accepted", reason="until re-translated", expires="2000-01-01"),
                      source=_AMBIGUOUS_SOURCE)
    passing = Example(_resolved(verdict="accepted", reason="until re-translated", expires="2999-01-01"),
                      source=_AMBIGUOUS_SOURCE)
