"""Views of findings for CI: SARIF 2.1.0 for code scanning, GitHub workflow commands for annotations.

Both carry a fingerprint per finding that does not depend on line numbers,
so a finding keeps its identity across unrelated edits (``--since`` compares
by it too).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from typing import TextIO

from .. import __version__
from ..checks import ALL_RULES, RULES_BY_CODE
from ..checks.base import rule_documentation
from ..reading.findings import Finding, Severity
from ..reading.sources import normalise_quote
from .text import visible

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_DIGITS = re.compile(r"\d+")
GITHUB_LIMIT = 10  # annotations GitHub shows per level and step


def fingerprint(finding: Finding) -> str:
    """A stable identity: code, file, and the claim or quoted text (never line numbers)."""
    if finding.claim is not None:
        anchor = f"claim:{finding.claim}"
    elif finding.quote is not None:
        anchor = f"quote:{normalise_quote(finding.quote)}"
    else:
        anchor = f"message:{_DIGITS.sub('#', finding.message)}"
    return hashlib.sha256(f"{finding.code}\0{finding.path}\0{anchor}".encode()).hexdigest()[:32]


def _rule_descriptor(rule: type) -> dict[str, object]:
    doc = rule.documentation()  # type: ignore[attr-defined]
    first = doc.split("## Why is this bad?")[0].replace("## What it does", "").strip()
    return {
        "id": rule.code,  # type: ignore[attr-defined]
        "name": rule.name,  # type: ignore[attr-defined]
        "shortDescription": {"text": rule.summary},  # type: ignore[attr-defined]
        "fullDescription": {"text": " ".join(first.split())},
        "help": {"text": doc, "markdown": rule_documentation(rule)},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},  # type: ignore[attr-defined]
        "properties": {"tags": [rule.code[0]]},  # type: ignore[attr-defined]
    }


def _location(path: str, line: int, column: int) -> dict[str, object]:
    return {"physicalLocation": {
        "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": line, "startColumn": column},
    }}


def to_sarif(findings: Sequence[Finding]) -> dict[str, object]:
    index = {rule.code: i for i, rule in enumerate(ALL_RULES)}
    results = []
    for finding in findings:
        result: dict[str, object] = {
            "ruleId": finding.code,
            "level": _LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [_location(finding.path, finding.location.line, finding.location.column)],
            "partialFingerprints": {"claimlintFinding/v1": fingerprint(finding)},
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        related = finding.source_location
        if related is not None and related != finding.location:
            result["relatedLocations"] = [
                {"id": 1, **_location(related.path, related.line, related.column),
                 "message": {"text": "the passage of the source"}}
            ]
        if finding.claim is not None:
            result["properties"] = {"claim": finding.claim}
        if finding.resolved and finding.resolution is not None:
            result["suppressions"] = [{
                "kind": "inSource",
                "status": "accepted",
                "justification": f"{finding.resolution.verdict}: {finding.resolution.reason}",
            }]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "claimlint",
                "version": __version__,
                "informationUri": "https://claimlint.invalid/",
                "rules": [_rule_descriptor(rule) for rule in ALL_RULES],
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the project root"}}},
            "results": results,
        }],
    }


def write_sarif(findings: Sequence[Finding], stream: TextIO) -> None:
    json.dump(to_sarif(findings), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _escape_data(text: str) -> str:
    # GitHub's own escapes first; other control characters (a terminal escape in a quote) then shown visibly
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def write_github(findings: Sequence[Finding], stream: TextIO) -> None:
    """Workflow commands, at most GITHUB_LIMIT per level, then a summary line."""
    shown = {level: 0 for level in Severity}
    hidden = {level: 0 for level in Severity}
    for finding in findings:
        if finding.resolved:
            continue
        if shown[finding.severity] >= GITHUB_LIMIT:
            hidden[finding.severity] += 1
            continue
        shown[finding.severity] += 1
        rule = RULES_BY_CODE.get(finding.code)
        title = f"{finding.code} {rule.name}" if rule else finding.code
        properties = ",".join([
            f"file={_escape_property(finding.path)}",
            f"line={finding.location.line}",
            f"col={finding.location.column}",
            f"title={_escape_property(title)}",
        ])
        stream.write(f"::{_GITHUB_LEVELS[finding.severity]} {properties}::{_escape_data(finding.message)}\n")
    total = {level: shown[level] + hidden[level] for level in Severity}
    resolved = sum(f.resolved for f in findings)
    summary = (f"claimlint: {total[Severity.ERROR]} errors, {total[Severity.WARNING]} warnings, "
               f"{total[Severity.INFO]} infos unresolved; {resolved} resolved")
    if any(hidden.values()):
        summary += (f"; GitHub shows {GITHUB_LIMIT} annotations per level, so "
                    f"{sum(hidden.values())} more are only in the SARIF report (claimlint check --format sarif)")
    stream.write(summary + "\n")
