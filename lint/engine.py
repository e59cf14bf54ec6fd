"""The pipeline: load -> run rules -> apply resolutions -> (report, done by the caller)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from . import cache
from .checks import ALL_RULES, RULES_BY_CODE, TEXT_RULES
from .checks.base import TextRule
from .config import Config
from .domain import keep_answers, load_domain
from .findings import Finding, Location, Severity
from .load import ClaimsBase, load_base
from .resolve import apply_resolutions
from .textfiles import publication_date
from .textscan import TextDocument, scan_document


@dataclass
class Selection(Container[str]):
    """Which codes to report: ``select`` and ``ignore`` take codes or prefixes (``C``, ``C1``, ``C101``)."""

    select: Sequence[str] = ()
    ignore: Sequence[str] = ()

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        selected = not self.select or any(_matches(code, p) for p in self.select)
        return selected and not any(_matches(code, p) for p in self.ignore)


def _matches(code: str, prefix: str) -> bool:
    return prefix == "ALL" or code.startswith(prefix)


def unknown_codes(prefixes: Iterable[str]) -> list[str]:
    """Prefixes that name no rule at all (most likely typos)."""
    return [p for p in prefixes if p != "ALL" and not any(code.startswith(p) for code in RULES_BY_CODE)]


@dataclass
class Result:
    base: ClaimsBase
    findings: list[Finding]


def run(config: Config, selection: Selection, today: _dt.date | None = None) -> Result:
    base = load_base(config)
    base.domain = load_domain(config.root, config.rules_dir, base.findings)
    findings = list(base.findings)
    for rule_class in ALL_RULES:
        if rule_class.code in selection:
            findings.extend(rule_class().check(base))
    text_rules = [rule() for rule in TEXT_RULES if rule.code in selection]
    if text_rules:
        for document in source_documents(base):
            findings.extend(_scanned(base, document, text_rules))
    findings = [f for f in findings if f.code in selection]
    findings.extend(f for f in apply_resolutions(base, findings, today or _dt.date.today(), selection)
                    if f.code in selection)
    for finding in findings:
        rule = RULES_BY_CODE.get(finding.code)
        finding.severity = rule.severity if rule is not None else Severity.ERROR
    findings.sort(key=Finding.sort_key)
    keep_answers(base.domain, config.root)
    return Result(base, findings)


def _scanned(base: ClaimsBase, document: TextDocument, rules: list[TextRule]) -> list[Finding]:
    """The text findings of one source, from the cache when its text, date, rules and engine are unchanged."""
    source = document.source
    name = "scan-" + cache.key_of(source.path, source.sha256, str(document.published),
                                  base.domain.stamp if base.domain else "", ",".join(r.code for r in rules)) + ".json"
    stored = cache.read_json(base.config.root, name)
    if stored is not None:
        try:
            restored = []
            for code, message, line, column, quote, correction in stored["findings"]:
                where = Location(source.path, int(line), int(column))
                finding = Finding(str(code), str(message), where, quote=str(quote), source_location=where)
                if correction is not None:
                    finding.extra["correction"] = str(correction)
                restored.append(finding)
            return restored
        except (KeyError, TypeError, ValueError):
            pass
    found = list(scan_document(document, rules))
    cache.write_json(base.config.root, name, {"findings": [
        [f.code, f.message, f.location.line, f.location.column, f.quote, f.extra.get("correction")] for f in found
    ]})
    return found


def source_documents(base: ClaimsBase) -> list[TextDocument]:
    """Each cited source once, dated by its claims file (``source.published``) or its own date line."""
    published: dict[str, _dt.date] = {}
    for file in base.files:
        if file.source is not None and file.source_info is not None and file.source_info.published is not None:
            published.setdefault(file.source.path, file.source_info.published)
    return [
        TextDocument(source, published.get(path) or publication_date(source.text), base.domain,
                     base.source_figures(source))
        for path, source in sorted(base.sources.items())
    ]
