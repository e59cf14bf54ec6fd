"""Resolve stage: mark findings that a ``resolutions`` entry deals with."""

from __future__ import annotations

import datetime as _dt

from .findings import Finding
from .load import ClaimsBase
from .sources import normalise_quote


def apply_resolutions(base: ClaimsBase, findings: list[Finding], today: _dt.date) -> None:
    """A finding is resolved by an unexpired entry with its code and its claim (or quote)."""
    by_claim: dict[tuple[str, str], str] = {}
    by_quote: dict[tuple[str, str], str] = {}
    for file in base.files:
        for entry in file.resolutions:
            resolution = entry.resolution
            if resolution.expires is not None and resolution.expires < today:
                continue
            why = resolution.reason or ""
            if resolution.claim is not None:
                by_claim[(resolution.code, resolution.claim)] = why
            if resolution.quote is not None:
                by_quote[(resolution.code, normalise_quote(resolution.quote))] = why
    if not by_claim and not by_quote:
        return
    for finding in findings:
        reason: str | None = None
        if finding.claim is not None:
            reason = by_claim.get((finding.code, finding.claim))
        if reason is None and finding.quote is not None:
            reason = by_quote.get((finding.code, normalise_quote(finding.quote)))
        if reason is not None:
            finding.resolved = True
            finding.resolution_reason = reason
