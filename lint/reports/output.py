"""Findings written in the format a reader asked for: text for a terminal, JSON, SARIF, GitHub annotations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from ..reading.findings import Finding
from .text import use_colour, write_json, write_text


def write_findings(findings: Sequence[Finding], output_format: str, stdout: TextIO, *,
                   show_resolved: bool = False, since: str | None = None) -> None:
    if output_format == "json":
        write_json(findings, stdout)
    elif output_format == "sarif":
        from .ci import write_sarif

        write_sarif(findings, stdout)
    elif output_format == "github":
        from .ci import write_github

        write_github(findings, stdout)
    else:
        write_text(findings, stdout, colour=use_colour(stdout), show_resolved=show_resolved, since=since)
