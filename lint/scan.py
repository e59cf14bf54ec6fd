"""``claimlint scan`` and ``claimlint draft``: work on raw text files, no claims needed."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from .atomic import OutputExists, write_atomically
from .config import ConfigError, default_rules_dir, find_root, load_config
from .draft import draft
from .figures import Figure, read_figures
from .findings import Finding
from .report import use_colour, write_json, write_text
from .sources import SourceText
from .textfiles import read_text_file
from .units import UnitWords, load_unit_words

EXIT_CLEAN, EXIT_FINDINGS = 0, 1


def _context(root_option: str | None, cwd: Path) -> tuple[Path | None, UnitWords]:
    """The project root (if any) and the unit words of its rules (or the shipped ones)."""
    root: Path | None
    if root_option is not None:
        root = load_config(root_option, cwd).root
    else:
        root = find_root(cwd)
    rules = default_rules_dir()
    if root is not None:
        rules_dir = load_config(str(root), cwd).rules_dir
        if (rules_dir / "units.yaml").is_file():
            rules = rules_dir
    try:
        return root, load_unit_words(rules / "units.yaml")
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read the unit words in {rules / 'units.yaml'}: {error}") from None


def figure_record(path: str, source: SourceText, figure: Figure) -> dict[str, object]:
    line, column = source.lines.position(figure.start)
    record: dict[str, object] = {
        "path": path, "line": line, "column": column, "text": figure.text,
        "value": figure.value, "unit": figure.unit, "qualifier": figure.qualifier,
    }
    if figure.high is not None:
        record["high"] = figure.high
    return record


def command_scan(args: argparse.Namespace, stdout: TextIO) -> int:
    cwd = Path.cwd()
    if not args.figures:
        raise ConfigError("give --figures to list the figures of the files")
    root, words = _context(args.root, cwd)
    records: list[dict[str, object]] = []
    problems: list[Finding] = []
    for raw in args.files:
        text_file, problem = read_text_file(raw, cwd, root)
        if problem is not None:
            problems.append(problem)
            continue
        assert text_file is not None
        records += [figure_record(text_file.shown, text_file.source, f)
                    for f in read_figures(text_file.source.text, words)]
    if args.format == "json":
        if problems:
            write_json(problems, stdout)
            return EXIT_FINDINGS
        json.dump({"version": 1, "figures": records}, stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
        return EXIT_CLEAN
    for record in records:
        span = f" to {record['high']:,}" if "high" in record else ""
        value = record["value"]
        shown = f"{value:,}" if isinstance(value, (int, float)) else str(value)
        stdout.write(f"{record['path']}:{record['line']}:{record['column']}: {record['text']}  "
                     f"= {shown}{span} {record['unit'] or '(no unit)'}, {record['qualifier']}\n")
    if problems:
        write_text(problems, stdout, colour=use_colour(stdout))
        return EXIT_FINDINGS
    return EXIT_CLEAN


def command_draft(args: argparse.Namespace, stdout: TextIO) -> int:
    cwd = Path.cwd()
    root, words = _context(args.root, cwd)
    text_file, problem = read_text_file(args.file, cwd, root)
    if problem is not None or text_file is None:
        write_text([problem] if problem else [], stdout, colour=use_colour(stdout))
        return EXIT_FINDINGS
    text = draft(text_file.source, Path(args.file).stem, words)
    if args.output:
        try:
            write_atomically(cwd / args.output, text, overwrite=args.force)
        except OutputExists as error:
            raise ConfigError(str(error)) from None
        except OSError as error:
            raise ConfigError(f"cannot write '{args.output}': {error.strerror}") from None
        return EXIT_CLEAN
    stdout.write(text)
    return EXIT_CLEAN
