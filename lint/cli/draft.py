"""``claimlint draft``: a claims file for a source, one claim per figure, every field filled where the text says.

Each figure is read as ``scan`` reads it (``claimlint.figures.readings``): the subject is the place
of ``rules/entities.yaml`` named nearest before it (in its sentence or the one before), the metric
comes from the metric words around it with its unit's dimension as a constraint, the period from a
year, month or range in its clause (else the publication year, for a figure stated as done), and
the kind from the wording ("will", "plans to", "is expected"). A field the text does not settle is
written ``TODO`` with a comment saying why (rule S113 flags it until a person fills it in). Each
quote is the shortest run of whole words around the figure that occurs only once in the source, so
it cites one passage; ids are readable (``baotou-polysilicon-production-capacity-2023``) and never
one the base already has.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
from collections.abc import Iterable
from typing import Any

from ..checks.structure import PLACEHOLDER
from ..domain.periods import span
from ..domain.vocabulary import Domain
from ..figures.reader import Figure, read_figures
from ..figures.readings import DocumentReading, Reading
from ..figures.text import TextDocument
from ..reading.sources import SourceText, normalise_quote
from ..reading.textfiles import publication_date
from ..reading.yamlload import load_yaml

MAX_ID_LENGTH = 80


def slug(text: str) -> str:
    """Lower-case words joined by hyphens: what an id is made of."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e18 else repr(float(value))


def _period(label: str) -> str:
    """A reading's period label as a claim writes it: ``2023``, ``2023-05``, ``{from: 2022, to: 2024}``."""
    if " to " in label:
        first, last = label.split(" to ", 1)
        return f"{{from: {first}, to: {last}}}"
    return label


def _period_end(label: str) -> _dt.date | None:
    """The last day of a reading's period label ("2022", "2023-05", "2022 to 2024", "... to 2023-06-30")."""
    last = label.split(" to ")[-1]
    try:
        point: int | str | _dt.date = int(last) if last.isdigit() else (
            last if len(last) == 7 else _dt.date.fromisoformat(last))
        found = span(point)
    except ValueError:
        return None
    return found[1] if found is not None else None


def _is_duration(domain: Domain | None, unit: str | None) -> bool:
    if domain is None or domain.units is None or unit is None or "time" not in domain.dimensions:
        return False
    return domain.units.knows(unit) and domain.units.factor(unit, domain.dimensions["time"]) is not None


def _is_place(domain: Domain | None, subject: str | None) -> bool:
    """A place of ``rules/entities.yaml`` (not a project, a company or nothing)."""
    entity = domain.entities.get(subject) if domain is not None and subject is not None else None
    return entity is not None and entity.level != "company"


def _claimed(reading: Reading, published: _dt.date | None, domain: Domain | None) -> tuple[str | None, str, str | None]:
    """The period and kind a claim of this reading takes, and a note on what was decided.

    * A duration ("took only 50 days"), a figure with no subject among the rules' places (a project's,
      a company's) and a target with no year are dated by their clause or not at all: the publication
      year would date the article, not them.
    * Future wording about a period already over at publication is a past result written in the future
      tense (T102 reports the quote): the claim is of what happened, ``actual``."""
    period, kind, note = reading.period, reading.kind, None
    if period is not None and reading.dated_by_publication and (
            _is_duration(domain, reading.figure.unit) or not _is_place(domain, reading.subject) or kind != "actual"):
        period = None
    end = _period_end(period) if period is not None else None
    if kind != "actual" and end is not None and published is not None and end < published:
        kind, note = "actual", f"the text says it in the future tense, but {period} was over at publication"
    return period, kind, note


def _note(why: str | None) -> str:
    return f"  # {why}" if why else ""


def _todo(why: str | None) -> str:
    return f"{PLACEHOLDER}  # {why}" if why else PLACEHOLDER


class _Ids:
    """Readable claim ids, unique in the draft and against the base's own."""

    def __init__(self, stem: str, taken: Iterable[str]) -> None:
        self.stem = slug(stem) or "source"
        self.taken = set(taken)

    def new(self, parts: list[str | None], number: int) -> str:
        words = [slug(part) for part in parts if part]
        base = "-".join(w for w in words if w)[:MAX_ID_LENGTH].strip("-")
        if len(words) < 2:  # a subject or a metric alone says too little: the source names the id
            base = f"{self.stem}-{base}" if base else f"{self.stem}-{number:03d}"
        candidate, suffix = base, 2
        while candidate in self.taken:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        self.taken.add(candidate)
        return candidate


def _readings(source: SourceText, published: _dt.date | None, domain: Domain | None) -> list[Reading] | None:
    if domain is None or domain.units is None:
        return None
    return DocumentReading(TextDocument(source, published, domain)).readings


def draft(source: SourceText, stem: str, domain: Domain | None, *, taken: Iterable[str] = (),
          published: _dt.date | None = None, claimed: list[tuple[int, int]] | None = None) -> str:
    """The text of a claims file for ``source``; ``taken``: claim ids the base already has; ``claimed``:
    the spans of the source that claims quote already, whose figures get no claim."""
    published = published or publication_date(source.text)
    readings = _readings(source, published, domain)
    figures: list[Figure] = [r.figure for r in readings] if readings is not None else read_figures(source.text)
    lines = [
        "# yaml-language-server: $schema=../schema/claims.schema.json",
        f"# Drafted by claimlint from {source.path}: check every field against the text, fill in each",
        f"# {PLACEHOLDER} (its comment says why it was left), and delete claims not worth keeping.",
        "source:",
        f"  path: {_yaml_string(source.path)}",
    ]
    if published is not None:
        lines.append(f"  published: {published.isoformat()}")
    lines.append(f"  sha256: {source.sha256}")
    lines.append("claims:")
    ids = _Ids(stem, taken)
    seen: set[str] = set()
    for number, figure in enumerate(figures, start=1):
        if claimed is not None and any(start <= figure.start and figure.end <= end for start, end in claimed):
            continue
        reading = readings[number - 1] if readings is not None else None
        quote = source.unique_context(figure.start, reading.quote_end if reading and reading.quote_end else figure.end)
        value = (
            f"{{min: {_number(figure.value)}, max: {_number(figure.high)}}}"
            if figure.high is not None
            else _number(figure.value)
        )
        repeated = normalise_quote(quote) in seen
        seen.add(normalise_quote(quote))
        why = reading.why if reading is not None else {}
        subject = reading.subject if reading is not None else None
        metric = reading.metric if reading is not None else None
        period, kind, note = _claimed(reading, published, domain) if reading is not None else (None, "", None)
        lines += [
            f"  - id: {ids.new([subject, metric, period and period.replace(' to ', '-')], number)}",
            f"    subject: {_yaml_string(subject) + _note(why.get('subject')) if subject else _todo(why.get('subject'))}",
            f"    metric: {_yaml_string(metric) if metric else _todo(why.get('metric'))}",
            f"    value: {value}",
            f"    unit: {_yaml_string(figure.unit) if figure.unit else _todo('the figure has no unit')}",
            f"    qualifier: {figure.qualifier}",
        ]
        if period is not None:
            lines.append(f"    period: {_period(period)}")
        elif reading is not None:
            lines.append(f"    # period: {why.get('period', 'none of its own')}")
        if reading is not None:
            lines.append(f"    kind: {kind}" + (f"  # {note}" if note else ""))
            if reading.share_of is not None:
                lines.append(f"    share_of: {_yaml_string(reading.share_of)}")
        lines.append(f"    quote: {_yaml_string(quote)}")
        if repeated:
            lines.append("    note: the same words cite another figure above; lengthen the quote")
    if lines[-1] == "claims:":
        lines[-1] = "claims: []"
    return "\n".join(lines) + "\n"


class IntoError(Exception):
    """The claims file given to ``--into`` cannot take drafted claims; the message says where and why."""


def _quote_spans(source: SourceText, claims: list[Any]) -> list[tuple[int, int]]:
    spans = []
    for claim in claims:
        quote = claim.get("quote") if isinstance(claim, dict) else None
        if isinstance(quote, str) and quote.strip():
            spans += [(m.start, m.end) for m in source.find_quote(quote)]
    return spans


def draft_into(source: SourceText, stem: str, domain: Domain | None, shown: str, existing: str, *,
               taken: Iterable[str] = (), published: _dt.date | None = None) -> tuple[str, int]:
    """``existing`` (a claims file's text, citing ``source``) with a drafted claim added for every figure no
    claim of it quotes yet, its comments, order and claims untouched; and the number of claims added.

    The file is read with the strict loader (its problems are refused with their line and column) and
    written back with a round-trip YAML library, which keeps what a person wrote as they wrote it."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedSeq

    loaded = load_yaml(existing)
    if loaded.problems:
        problem = loaded.problems[0]
        raise IntoError(f"{shown}:{problem.line}:{problem.column}: {problem.message}")
    data = loaded.data
    if not isinstance(data, dict) or not isinstance(data.get("source"), dict):
        raise IntoError(f"{shown}: not a claims file (no 'source:' mapping)")
    cited = data["source"].get("path")
    if cited != source.path:
        raise IntoError(f"{shown}: cites {cited!r}, not {source.path!r}")
    claims = data.get("claims") or []
    if not isinstance(claims, list):
        raise IntoError(f"{shown}: 'claims' is not a list")
    covered = _quote_spans(source, claims)
    ids = {c["id"] for c in claims if isinstance(c, dict) and isinstance(c.get("id"), str)}
    drafted_text = draft(source, stem, domain, taken={*taken, *ids}, published=published, claimed=covered)
    round_trip = YAML()  # round-trip mode: comments, order and quoting kept
    round_trip.preserve_quotes = True
    round_trip.width = 4096  # never fold a long quote
    round_trip.indent(mapping=2, sequence=4, offset=2)
    document = round_trip.load(existing)
    drafted = round_trip.load(drafted_text)
    new = list(drafted.get("claims") or [])
    if not new:
        return existing, 0
    if not isinstance(document.get("claims"), CommentedSeq):
        document["claims"] = CommentedSeq()
    document["claims"].extend(new)
    out = io.StringIO()
    round_trip.dump(document, out)
    return out.getvalue(), len(new)
