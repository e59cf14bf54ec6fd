"""The claim rules run over a text's own figures: ``claimlint scan`` reports a contradiction or a bad
share between two figures of one article as ``check`` does between two claims."""

from __future__ import annotations

from collections.abc import Sequence

from ..figures.readings import text_measures
from ..figures.text import TextDocument
from ..reading.findings import Finding
from .base import CrossRule
from .facts import Facts, FileResult


def check_text_claims(document: TextDocument, path: str, rules: Sequence[CrossRule]) -> list[Finding]:
    """The claim rules' findings on a text's figures, located on the figures (no claim ids: a text has none)."""
    measures = text_measures(document, path)
    if not measures or not rules:
        return []
    facts = Facts(document.domain, [FileResult(path, document.source.sha256, measures=measures)])
    by_place = {(m.line, m.column): m for m in measures}
    findings = []
    for rule in rules:
        for finding in rule.check_facts(facts):
            measure = by_place.get((finding.location.line, finding.location.column))
            finding.claim = None
            if measure is not None:
                finding.quote = measure.value_shown
            findings.append(finding)
    return findings
