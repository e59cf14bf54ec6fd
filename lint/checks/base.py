"""What every rule is: a code, a name, a default severity, documentation and one check."""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ..reading.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from ..figures.text import TextDocument, TextProblem
    from ..reading.claims import ClaimsBase
    from .facts import Facts


@dataclass(frozen=True)
class Example:
    """A tiny project for a rule's documentation: claims file text and the source it cites.

    The source is written to ``seeds/example.txt``; the claims file to
    ``claims/example.yaml``. Tests run every documented example.
    """

    claims: str
    source: str | bytes = "The plant has a capacity of 335,000 tons of polysilicon.\n"


class Rule:
    """Base of all rules. Subclasses document themselves in their docstring.

    The docstring has the sections *What it does*, *Why is this bad?* and the
    examples are the class attributes ``failing`` and ``passing``.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str]
    failing: ClassVar[Example | None] = None
    passing: ClassVar[Example | None] = None

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        """Yield findings. Rules found while loading (family S) yield nothing here."""
        return iter(())

    def finding(self, message: str, *args: object, **kwargs: object) -> Finding:
        return Finding(self.code, message, *args, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")


class CrossRule(Rule):
    """A rule that compares claims across files. It sees every file's result, cached or fresh."""

    def check_facts(self, facts: Facts) -> Iterator[Finding]:
        return iter(())


class SourceRule(Rule):
    """A rule over one cited source, knowing which spans of it the claims' quotes cover
    (``covered``: (start, end) offsets, sorted, no duplicates)."""

    def check_source(self, document: TextDocument, covered: list[tuple[int, int]]) -> Iterator[Finding]:
        return iter(())


class TextRule(SourceRule):
    """A rule over source text alone. It runs on every cited source
    (``claimlint check``) and on files given to ``claimlint scan``."""

    def check_source(self, document: TextDocument, covered: list[tuple[int, int]]) -> Iterator[Finding]:
        return scan_document(document, [self])

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        return iter(())


def _example_text(title: str, example: object) -> str:
    assert isinstance(example, Example)
    source = example.source if isinstance(example.source, str) else example.source.decode("utf-8", "replace")
    claims = "\n".join("    " + line for line in example.claims.splitlines())
    text = "\n".join("    " + line for line in source.splitlines())
    return f"## {title}\n\nclaims/example.yaml:\n\n{claims}\n\nseeds/example.txt:\n\n{text}\n"


def rule_documentation(rule: type[Rule]) -> str:
    parts = [f"# {rule.code} {rule.name} ({rule.severity.value})", "", rule.summary + ".", "", rule.documentation(), ""]
    if rule.failing is not None:
        parts.append(_example_text("Example: fails", rule.failing))
    if rule.passing is not None:
        parts.append(_example_text("Example: passes", rule.passing))
    return "\n".join(parts)


def scan_document(document: TextDocument, rules: Sequence[TextRule]) -> Iterator[Finding]:
    for rule in rules:
        for problem in rule.check_text(document):
            line, column = document.source.lines.position(problem.start)
            location = Location(document.source.path, line, column)
            quote = document.text[problem.start : problem.end]
            message = f"'{_flat(quote)}': {problem.message}"
            correction = _flat(problem.correction) if problem.correction else None  # a wrapped line is one
            if correction:
                message += f"; probably: '{correction}'"
            finding = Finding(rule.code, message, location, quote=quote, source_location=location)
            if correction:
                finding.extra["correction"] = correction
            yield finding


def _flat(text: str) -> str:
    return " ".join(text.split())
