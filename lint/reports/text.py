"""Views of findings: text for people and editors, JSON for tools."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from typing import TextIO

from ..reading.findings import Finding, Severity

_COLOURS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


# Characters that must not reach a terminal as they are: C0 and C1 controls (escape
# sequences can rewrite the screen, set the window title or hide text), DEL, line and
# paragraph separators, and the bidirectional overrides that reorder what is shown.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def visible(text: str) -> str:
    """Text safe to print on a terminal: control characters shown as escapes ("\\x1b")."""
    return _INVISIBLE.sub(_escape, text)


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def summary_counts(findings: Sequence[Finding]) -> dict[str, int]:
    counts = {"errors": 0, "warnings": 0, "infos": 0, "resolved": 0}
    for finding in findings:
        if finding.resolved:
            counts["resolved"] += 1
        else:
            counts[finding.severity.value + "s"] += 1
    return counts


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def write_text(findings: Sequence[Finding], stream: TextIO, *, colour: bool, show_resolved: bool = False,
               since: str | None = None) -> None:
    for finding in findings:
        if finding.resolved and not show_resolved:
            continue
        where = f"{visible(finding.path)}:{finding.location.line}:{finding.location.column}:"
        code = finding.code
        if colour:
            where = f"{_BOLD}{where}{_RESET}"
            code = f"{_COLOURS[finding.severity]}{code}{_RESET}"
        tag = " [resolved]" if finding.resolved else (" [new]" if finding.extra.get("new") else "")
        level = "" if finding.severity is Severity.ERROR else f" ({finding.severity.value})"
        stream.write(f"{where} {code}{level}{tag} {visible(finding.message)}\n")
    counts = summary_counts(findings)
    parts = [
        _plural(counts[key], word)
        for key, word in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
        if counts[key]
    ]
    resolved = f" ({counts['resolved']} resolved)" if counts["resolved"] else ""
    if since is not None:
        new = sum(1 for f in findings if f.extra.get("new"))
        resolved += f"; {new} new since {visible(since)}"
    if parts:
        stream.write(f"Found {', '.join(parts)}{resolved}.\n")
    else:
        stream.write(f"All checks passed{resolved}.\n")


def write_json(findings: Sequence[Finding], stream: TextIO) -> None:
    document = {
        "version": 1,
        "findings": [finding.to_json() for finding in findings],
        "summary": summary_counts(findings),
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
