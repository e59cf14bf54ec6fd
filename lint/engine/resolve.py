"""Resolve stage: mark the findings that a ``resolutions`` entry deals with.

A finding is resolved by an entry with its code and its claim (``claim:``) or,
for a finding on source text, the exact text (``quote:``) in the source that
the entry's claims file cites. An entry without a reason, a ``source-error``
without its correction, or an expired entry resolves nothing; each of those,
and an entry that matches no finding, is itself an R finding.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Container

from ..checks.facts import ResolutionRecord
from ..reading.findings import Finding
from ..reading.sources import normalise_quote

Key = tuple[str, str, str]  # (code, "claim" or source path, claim id or normalised quote)


def _keys_of(finding: Finding) -> list[Key]:
    keys: list[Key] = []
    if finding.claim is not None:
        keys.append((finding.code, "claim", finding.claim))
    if finding.quote is not None:
        source = finding.source_location.path if finding.source_location else finding.path
        keys.append((finding.code, source, normalise_quote(finding.quote)))
    return keys


def _key_of(entry: ResolutionRecord) -> Key | None:
    resolution = entry.resolution
    if resolution.claim is not None:
        return (resolution.code, "claim", resolution.claim)
    if resolution.quote is not None and entry.source_path is not None:
        return (resolution.code, entry.source_path, normalise_quote(resolution.quote))
    return None


def _invalid(entry: ResolutionRecord, today: _dt.date) -> Finding | None:
    resolution = entry.resolution
    if not (resolution.reason or "").strip():
        return Finding("R102", f"resolution of {resolution.code} gives no reason: say why in `reason:`",
                       entry.location, claim=resolution.claim)
    if resolution.verdict == "source-error" and not (resolution.correction or "").strip():
        return Finding("R103", f"resolution of {resolution.code} as a source error gives no correction: "
                               "say what the source should read in `correction:`",
                       entry.location, claim=resolution.claim)
    if resolution.expires is not None and resolution.expires < today:
        return Finding("R104", f"resolution of {resolution.code} expired on {resolution.expires.isoformat()}; "
                               "review the finding and renew or remove the resolution",
                       entry.expires_location, claim=resolution.claim)
    return None


def apply_resolutions(
    entries: list[ResolutionRecord], claims: Container[str], written: Container[str], findings: list[Finding],
    today: _dt.date, selected: Container[str],
) -> list[Finding]:
    """Mark resolved findings in place; return the R findings about the resolutions themselves.

    ``claims``: the ids of the valid claims; ``written``: of every claim written, valid or not."""
    problems: list[Finding] = []
    valid: dict[Key, ResolutionRecord] = {}
    for entry in entries:
        invalid = _invalid(entry, today)
        if invalid is not None:
            problems.append(invalid)
            continue
        key = _key_of(entry)
        if key is not None:
            valid.setdefault(key, entry)
    used: set[int] = set()
    for finding in findings:
        for key in _keys_of(finding):
            match = valid.get(key)
            if match is not None:
                finding.resolved = True
                finding.resolution = match.resolution
                used.add(id(match))
                break
    for key, entry in valid.items():
        if id(entry) in used or key[0] not in selected:
            continue
        resolution = entry.resolution
        if resolution.claim is not None and resolution.claim not in written:
            why = f"names claim '{resolution.claim}', which does not exist"
        elif resolution.claim is not None and resolution.claim not in claims:
            why = f"names claim '{resolution.claim}', which is invalid (see its S findings), so it has no other findings"
        elif resolution.claim is not None:
            why = f"matches no {resolution.code} finding on claim '{resolution.claim}'"
        else:
            why = f"matches no {resolution.code} finding on that text of the source"
        problems.append(Finding("R101", f"unused resolution: it {why}; remove it or fix its code",
                                entry.location, claim=resolution.claim))
    return problems
