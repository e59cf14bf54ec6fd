"""The errata report: defects of the source documents, as found and resolved.

A defect is a finding on a source's text (families G and T2xx), or a claim
finding resolved as ``source-error`` (the claim is right about what the source
says, and the source is wrong). Confirmed defects carry the correction and its
reason; unresolved findings on a source are open defects. Defects of one
passage found by several rules are merged (``also`` names the others).
Markdown, HTML and JSON are views of the same records.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import quote as url_quote

from .engine import Result
from .findings import Finding
from .load import ClaimsBase
from .sources import SourceText

FAMILIES = {
    "S": "structure", "C": "citation", "U": "units", "X": "contradiction", "P": "arithmetic",
    "T": "temporal", "G": "garbled text", "R": "resolution",
}
CONTEXT_CHARS = 90


@dataclass
class Defect:
    code: str
    start: int  # offsets in the source text
    end: int
    line: int
    column: int
    quote: str
    problem: str
    status: str  # confirmed | open
    correction: str | None = None
    reason: str | None = None
    claim: str | None = None
    also: list[str] = field(default_factory=list)

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[:1], self.code[:1])


@dataclass
class SourceErrata:
    path: str
    title: str | None
    published: str | None
    url: str | None
    source: SourceText
    defects: list[Defect] = field(default_factory=list)


@dataclass
class Errata:
    sources: list[SourceErrata]
    unresolved: list[Finding]  # unresolved findings that are not defects of a source's text


def _problem(finding: Finding) -> str:
    """The finding's message without the quoted text it starts with (text findings)."""
    if finding.quote is not None:
        prefix = f"'{' '.join(finding.quote.split())}': "
        if finding.message.startswith(prefix):
            return finding.message[len(prefix) :]
    return finding.message


def _is_source_finding(finding: Finding, base: ClaimsBase) -> bool:
    return finding.path in base.sources and finding.quote is not None


def build(result: Result) -> Errata:
    base = result.base
    by_path: dict[str, SourceErrata] = {}
    for file in base.files:
        if file.source is None or file.source.path in by_path:
            continue
        info = file.source_info
        by_path[file.source.path] = SourceErrata(
            file.source.path,
            info.title if info else None,
            info.published.isoformat() if info and info.published else None,
            info.url if info else None,
            file.source,
        )
    claims = {entry.claim.id: entry for entry in base.claims}
    unresolved: list[Finding] = []
    for finding in result.findings:
        verdict = finding.resolution.verdict if finding.resolution else None
        if finding.resolved and verdict != "source-error":
            continue  # accepted or a false positive: not a defect
        status = "confirmed" if finding.resolved else "open"
        correction = finding.resolution.correction if finding.resolution else None
        reason = finding.resolution.reason if finding.resolution else None
        if _is_source_finding(finding, base):
            source = base.sources[finding.path]
            assert finding.quote is not None
            line, column = finding.location.line, finding.location.column
            start = _offset(source, line, column)
            by_path[finding.path].defects.append(Defect(
                finding.code, start, start + len(finding.quote), line, column, finding.quote, _problem(finding),
                status, correction or finding.extra.get("correction"), reason,  # type: ignore[arg-type]
            ))
            continue
        entry = claims.get(finding.claim) if finding.claim else None
        matches = base.quote_matches(entry) if entry is not None else None
        if status == "confirmed" and entry is not None and entry.file.source is not None and matches:
            match = matches[0]
            source = entry.file.source
            by_path[source.path].defects.append(Defect(
                finding.code, match.start, match.end, match.line, match.column, source.text[match.start : match.end],
                finding.message, status, correction, reason, claim=entry.claim.id,
            ))
            continue
        if status == "open":
            unresolved.append(finding)
    sources = [by_path[path] for path in sorted(by_path)]
    for errata in sources:
        errata.defects = _merged(errata.defects)
    return Errata(sources, unresolved)


def _offset(source: SourceText, line: int, column: int) -> int:
    return source.lines.starts[line - 1] + column - 1


def _merged(defects: list[Defect]) -> list[Defect]:
    """One defect per damaged passage: text findings first, others overlapping them noted in ``also``."""
    ordered = sorted(defects, key=lambda d: (d.code[0] not in "GT" or d.code.startswith("T1"), d.start, d.code))
    kept: list[Defect] = []
    for defect in ordered:
        for other in kept:
            if defect.start < other.end and other.start < defect.end and defect.status == other.status:
                other.also.append(defect.code)
                other.correction = other.correction or defect.correction
                other.claim = other.claim or defect.claim
                break
        else:
            kept.append(defect)
    return sorted(kept, key=lambda d: (d.start, d.code))


def _context(source: SourceText, defect: Defect) -> tuple[str, str, str]:
    """Text before the damaged part, the part, and the text after it (cut at word boundaries)."""
    text = source.text
    left = max(0, defect.start - CONTEXT_CHARS)
    right = min(len(text), defect.end + CONTEXT_CHARS)
    if left > 0:
        left = text.find(" ", left, defect.start) + 1 or left
    if right < len(text):
        space = text.rfind(" ", defect.end, right)
        right = space if space > 0 else right
    before = ("…" if left > 0 else "") + " ".join(text[left : defect.start].split())
    after = " ".join(text[defect.end : right].split()) + ("…" if right < len(text) else "")
    if text[left : defect.start][-1:].isspace():
        before += " "
    if text[defect.end : right][:1].isspace():
        after = " " + after
    return before, " ".join(text[defect.start : defect.end].split()), after


def _counts(errata: Errata) -> tuple[int, int]:
    defects = [d for s in errata.sources for d in s.defects]
    return sum(d.status == "confirmed" for d in defects), sum(d.status == "open" for d in defects)


# --- Markdown ------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+|!~])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(errata: Errata) -> str:
    confirmed, open_ = _counts(errata)
    out = ["# Errata", "",
           f"Defects in the source documents found by claimlint: {confirmed} confirmed, {open_} open. "
           "A confirmed defect was checked and resolved as a source error, with the correction and its "
           "reasoning; an open one awaits review. The damaged words are in bold.", ""]
    for source in errata.sources:
        if not source.defects:
            continue
        out.append(f"## {_md(source.title or source.path)}")
        out.append("")
        meta = [f"`{source.path}`"]
        if source.published:
            meta.append(f"published {source.published}")
        if source.url:
            meta.append(f"<{source.url}>")
        out.append(" · ".join(meta))
        out.append("")
        for number, defect in enumerate(source.defects, start=1):
            before, damaged, after = _context(source.source, defect)
            out.append(f"### {number}. {defect.code} ({defect.family}), {defect.status}")
            out.append("")
            out.append(f"> {_md(before)}**{_md(damaged)}**{_md(after)}")
            out.append("")
            out.append(f"- **Where:** line {defect.line}, column {defect.column}")
            out.append(f"- **Problem:** {_md(defect.problem)}")
            if defect.correction:
                out.append(f"- **Correction:** {_md(defect.correction)}")
            if defect.reason:
                out.append(f"- **Why:** {_md(defect.reason)}")
            if defect.claim:
                out.append(f"- **Claim:** `{defect.claim}`")
            if defect.also:
                out.append(f"- **Also found by:** {', '.join(sorted(set(defect.also)))}")
            out.append("")
    out.append("## Unresolved findings")
    out.append("")
    if errata.unresolved:
        for finding in errata.unresolved:
            out.append(f"- `{finding.path}:{finding.location.line}:{finding.location.column}` "
                       f"{finding.code} ({finding.severity.value}): {_md(finding.message)}")
    else:
        out.append("None: every finding is fixed or resolved.")
    out.append("")
    return "\n".join(out)


# --- JSON ----------------------------------------------------------------------------


def _schema_org(source: SourceErrata, defect: Defect) -> dict[str, object]:
    work: dict[str, object] = {"@type": "CreativeWork", "name": source.title or source.path}
    if source.url:
        work["url"] = source.url
    if source.published:
        work["datePublished"] = source.published
    markup: dict[str, object] = {
        "correctionComment": {
            "@context": "https://schema.org", "@type": "CorrectionComment",
            "text": f"The source reads \"{' '.join(defect.quote.split())}\"; it should read "
                    f"\"{defect.correction}\". {defect.reason or ''}".strip(),
            "about": work,
        }
    }
    markup["claimReview"] = {
        "@context": "https://schema.org", "@type": "ClaimReview",
        "claimReviewed": " ".join(defect.quote.split()),
        "reviewBody": defect.reason or defect.problem,
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                         "alternateName": "False"},
        "itemReviewed": {"@type": "Claim", "appearance": work},
    }
    return markup


def to_json(errata: Errata) -> str:
    sources = []
    for source in errata.sources:
        defects = []
        for defect in source.defects:
            record: dict[str, object] = {
                "code": defect.code, "family": defect.family, "line": defect.line, "column": defect.column,
                "quote": defect.quote, "problem": defect.problem, "correction": defect.correction,
                "reason": defect.reason, "status": defect.status, "claim": defect.claim,
                "also": sorted(set(defect.also)),
            }
            if defect.status == "confirmed" and defect.correction:
                record.update(_schema_org(source, defect))
            defects.append(record)
        sources.append({"path": source.path, "title": source.title, "published": source.published,
                        "url": source.url, "defects": defects})
    document = {"version": 1, "sources": sources,
                "unresolved": [finding.to_json() for finding in errata.unresolved]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- HTML ----------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light dark; --mark: #ffe58f; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 46rem;
       padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
article { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; margin: 1rem 0; }
article h3 { font-size: 1rem; margin: 0 0 .5rem; }
blockquote { margin: .5rem 0; padding-left: .75rem; border-left: 3px solid var(--line); }
mark { background: var(--mark); color: #000; padding: 0 .1em; }
.status { font-size: .8rem; padding: .1rem .45rem; border-radius: 1rem; border: 1px solid currentColor; }
.confirmed { color: #1a7f37; } .open { color: #bf4b00; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; margin: .5rem 0 0; }
dt { font-weight: 600; } dd { margin: 0; }
.meta, .muted { color: var(--muted); font-size: .9rem; }
details pre { white-space: pre-wrap; font-size: .85rem; }
pre span:target { background: var(--mark); color: #000; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } body { padding: .6rem; } }
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _text_fragment(quote: str) -> str:
    words = quote.split()
    if len(words) > 8:
        return url_quote(" ".join(words[:4]), safe="") + "," + url_quote(" ".join(words[-4:]), safe="")
    return url_quote(" ".join(words), safe="")


def to_html(errata: Errata) -> str:
    confirmed, open_ = _counts(errata)
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
             "<title>Errata</title>", f"<style>{_CSS}</style>", "</head>", "<body>", "<h1>Errata</h1>",
             f"<p>Defects in the source documents: {confirmed} confirmed, {open_} open. The damaged words are "
             "highlighted; each quote links to its place in the source.</p>"]
    for index, source in enumerate(errata.sources, start=1):
        if not source.defects:
            continue
        anchor = f"s{index}"
        parts.append(f'<section id="{anchor}"><h2>{_h(source.title or source.path)}</h2>')
        meta = [f"<code>{_h(source.path)}</code>"]
        if source.published:
            meta.append(f"published {_h(source.published)}")
        if source.url:
            meta.append(f'<a href="{_h(source.url)}" rel="noopener noreferrer">original</a>')
        parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
        for number, defect in enumerate(source.defects, start=1):
            before, damaged, after = _context(source.source, defect)
            place = f"#{anchor}-l{defect.line}"
            if source.url:
                place = f"{source.url}#:~:text={_text_fragment(defect.quote)}"
            parts.append(f'<article id="{anchor}-d{number}">')
            parts.append(f"<h3>{number}. {_h(defect.code)} · {_h(defect.family)} "
                         f'<span class="status {defect.status}">{defect.status}</span></h3>')
            parts.append(f'<blockquote><a href="{_h(place)}">{_h(before)}<mark>{_h(damaged)}</mark>'
                         f"{_h(after)}</a></blockquote>")
            rows = [("Where", f"line {defect.line}, column {defect.column}"), ("Problem", defect.problem)]
            if defect.correction:
                rows.append(("Correction", defect.correction))
            if defect.reason:
                rows.append(("Why", defect.reason))
            if defect.claim:
                rows.append(("Claim", defect.claim))
            if defect.also:
                rows.append(("Also found by", ", ".join(sorted(set(defect.also)))))
            parts.append("<dl>" + "".join(f"<dt>{_h(k)}</dt><dd>{_h(v)}</dd>" for k, v in rows) + "</dl>")
            parts.append("</article>")
        lines = source.source.text.splitlines()
        numbered = "\n".join(f'<span id="{anchor}-l{n}">{_h(line)}</span>' for n, line in enumerate(lines, start=1))
        parts.append(f"<details><summary>Source text</summary><pre>{numbered}</pre></details></section>")
    parts.append("<h2>Unresolved findings</h2>")
    if errata.unresolved:
        parts.append("<ul>" + "".join(
            f"<li><code>{_h(f.path)}:{f.location.line}:{f.location.column}</code> {_h(f.code)}: {_h(f.message)}</li>"
            for f in errata.unresolved) + "</ul>")
    else:
        parts.append('<p class="muted">None: every finding is fixed or resolved.</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
