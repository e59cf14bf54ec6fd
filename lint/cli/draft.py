"""``claimlint draft``: a claims-file skeleton for a source, one claim per figure found.

Quote, value, unit and qualifier are filled from the figure reader; subject
and metric are left as the placeholder ``TODO`` (rule S113 flags it until a
person fills them in). Each quote is the shortest run of whole words around
the figure that occurs only once in the source, so it cites one passage.
"""

from __future__ import annotations

import json
import re

from ..checks.structure import PLACEHOLDER
from ..domain.units import UnitWords
from ..figures.reader import read_figures
from ..reading.sources import SourceText, normalise_quote
from ..reading.textfiles import publication_date


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", stem.lower()).strip("-._")
    return slug or "source"


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e18 else repr(float(value))


def draft(source: SourceText, stem: str, vocabulary: UnitWords | None = None) -> str:
    """The text of a claims file for ``source``."""
    figures = read_figures(source.text, vocabulary)
    published = publication_date(source.text)
    lines = [
        "# yaml-language-server: $schema=../schema/claims.schema.json",
        f"# Drafted by claimlint from {source.path}: fill in every {PLACEHOLDER}, check each figure,",
        "# add period and kind, and delete claims for figures that are not worth keeping.",
        "source:",
        f"  path: {_yaml_string(source.path)}",
    ]
    if published is not None:
        lines.append(f"  published: {published.isoformat()}")
    lines.append(f"  sha256: {source.sha256}")
    lines.append("claims:" if figures else "claims: []")
    prefix = _slug(stem)
    seen: set[str] = set()
    for number, figure in enumerate(figures, start=1):
        quote = source.unique_context(figure.start, figure.end)
        value = (
            f"{{min: {_number(figure.value)}, max: {_number(figure.high)}}}"
            if figure.high is not None
            else _number(figure.value)
        )
        repeated = normalise_quote(quote) in seen
        seen.add(normalise_quote(quote))
        lines += [
            f"  - id: {prefix}-{number:03d}",
            f"    subject: {PLACEHOLDER}",
            f"    metric: {PLACEHOLDER}",
            f"    value: {value}",
            f"    unit: {_yaml_string(figure.unit) if figure.unit else PLACEHOLDER}",
            f"    qualifier: {figure.qualifier}",
            f"    quote: {_yaml_string(quote)}",
        ]
        if repeated:
            lines.append("    note: the same words cite another figure above; lengthen the quote")
    return "\n".join(lines) + "\n"
