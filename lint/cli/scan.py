"""``claimlint scan`` and ``claimlint draft``: work on raw text files, no claims needed."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from ..atomic import OutputExists, write_atomically
from ..checks import RULES_BY_CODE, TEXT_CLAIM_RULES, TEXT_RULES
from ..checks.base import scan_document
from ..checks.text_claims import check_text_claims
from ..domain.units import UnitsFileError, UnitWords, load_unit_words
from ..domain.vocabulary import Domain, load_domain
from ..engine.base_stage import Selection, unknown_codes
from ..figures.reader import Figure, read_figures
from ..figures.text import TextDocument
from ..reading.claims import written_ids
from ..reading.config import ConfigError, default_rules_dir, find_root, load_config
from ..reading.findings import Finding, Severity
from ..reading.sources import SourceText
from ..reading.textfiles import TextFile, publication_date, read_text_file, shown_path
from ..reports.output import write_findings
from ..reports.text import use_colour, visible, write_json, write_text
from .draft import IntoError, draft, draft_into

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
    except UnitsFileError as error:
        error.where = shown_path(str(rules / "units.yaml"), cwd, root)
        raise ConfigError(f"cannot read the unit words: {error}") from None
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read the unit words in {rules / 'units.yaml'}: {error}") from None


def _existing(raw: str, cwd: Path) -> str:
    """A file named on the command line must exist: a missing one is a usage error, not a finding."""
    if not (cwd / raw).exists():
        raise ConfigError(f"file '{raw}' does not exist")
    return raw


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
    root, words = _context(args.root, cwd)
    texts = []
    problems: list[Finding] = []
    for raw in [_existing(raw, cwd) for raw in args.files]:
        text_file, problem = read_text_file(raw, cwd, root)
        if problem is not None:
            problems.append(problem)
        elif text_file is not None:
            texts.append(text_file)
    if args.figures:
        return _list_figures(args, texts, problems, words, stdout)
    config = load_config(str(root), cwd) if root is not None else None
    selection = Selection(args.select if args.select is not None else (config.select if config else []),
                          args.ignore if args.ignore is not None else (config.ignore if config else []))
    unknown = unknown_codes([*selection.select, *selection.ignore])
    if unknown:
        raise ConfigError(f"unknown finding code(s) or prefix(es): {', '.join(unknown)}")
    domain_findings: list[Finding] = []
    domain = load_domain(root or cwd, config.rules_dir if config else None, domain_findings, conversions=False)
    rules = [rule() for rule in TEXT_RULES if rule.code in selection]
    claim_rules = [rule() for rule in TEXT_CLAIM_RULES if rule.code in selection]
    findings = problems + domain_findings
    for text_file in texts:
        published = args.published or publication_date(text_file.source.text)
        document = TextDocument(text_file.source, published, domain)
        findings.extend(scan_document(document, rules))
        findings.extend(check_text_claims(document, text_file.shown, claim_rules))
    for finding in findings:
        rule = RULES_BY_CODE.get(finding.code)
        finding.severity = rule.severity if rule is not None else Severity.ERROR
    findings.sort(key=Finding.sort_key)
    write_findings(findings, args.format, stdout)
    fail_on = args.fail_on or (config.fail_on if config else "warning")
    threshold = Severity(fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= threshold for f in findings) else EXIT_CLEAN


def _draft_into(args: argparse.Namespace, text_file: TextFile, domain: Domain, taken: set[str], cwd: Path,
                root: Path | None, stdout: TextIO) -> int:
    target = cwd / args.into
    shown = shown_path(args.into, cwd, root)
    try:
        existing = target.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"no claims file '{shown}' to add to (write a new one with -o)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read '{shown}': {getattr(error, 'strerror', None) or error}") from None
    try:
        text, added = draft_into(text_file.source, Path(args.file).stem, domain, shown, existing, taken=taken,
                                 published=args.published)
    except IntoError as error:
        raise ConfigError(str(error)) from None
    if added:
        try:
            write_atomically(target, text, overwrite=True)
        except OSError as error:
            raise ConfigError(f"cannot write '{shown}': {error.strerror}") from None
    stdout.write(f"{shown}: {added} claim{'s' if added != 1 else ''} added\n")
    return EXIT_CLEAN


def _list_figures(args: argparse.Namespace, texts: list[TextFile], problems: list[Finding], words: UnitWords,
                  stdout: TextIO) -> int:
    records = [figure_record(t.shown, t.source, f) for t in texts for f in read_figures(t.source.text, words)]
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
        stdout.write(f"{visible(str(record['path']))}:{record['line']}:{record['column']}: "
                     f"{visible(str(record['text']))}  "
                     f"= {shown}{span} {record['unit'] or '(no unit)'}, {record['qualifier']}\n")
    if problems:
        write_text(problems, stdout, colour=use_colour(stdout))
        return EXIT_FINDINGS
    return EXIT_CLEAN


def command_draft(args: argparse.Namespace, stdout: TextIO) -> int:
    cwd = Path.cwd()
    root, _ = _context(args.root, cwd)
    text_file, problem = read_text_file(_existing(args.file, cwd), cwd, root)
    if problem is not None or text_file is None:
        write_text([problem] if problem else [], stdout, colour=use_colour(stdout))
        return EXIT_FINDINGS
    config = load_config(str(root), cwd) if root is not None else None
    domain = load_domain(root or cwd, config.rules_dir if config else None, [], conversions=False)
    taken = written_ids(config) if config is not None else set()
    if args.into:
        return _draft_into(args, text_file, domain, taken, cwd, root, stdout)
    text = draft(text_file.source, Path(args.file).stem, domain, taken=taken, published=args.published)
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
