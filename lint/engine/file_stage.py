"""The file stage: load claims files and run the rules that need one file and its source.

Each claims file becomes a ``FileResult`` (see ``facts``). The sources those
files cite are scanned here too, with the coverage the files give them; the
engine keeps that scan when no other file cites the same source. Work is
plain data in and out, so a large batch of files can be spread over worker
processes.
"""

from __future__ import annotations

import datetime as _dt
import gc
import hashlib
import json
import os
import re
import stat
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cachefolder import key_of
from ..checks.base import CrossRule, Rule, SourceRule
from ..checks.facts import FileResult, ResolutionRecord, SourceState, dump_finding
from ..figures.intervals import source_figures
from ..figures.measures import measures
from ..figures.text import TextDocument
from ..reading.claims import MAX_YAML_FILE_BYTES, ClaimsBase, load_claims_file, relative
from ..reading.config import Config
from ..reading.findings import Finding, Location
from ..reading.sources import (
    MAX_SOURCE_BYTES,
    TEXT_FACTS_KEPT,
    SourceText,
    is_inside,
    read_source,
    real_folder,
    realpath,
    resolve_source,
)
from ..reading.textfiles import publication_date

if TYPE_CHECKING:
    from ..domain.vocabulary import Domain
    from ..figures.reader import Figure


@dataclass
class Stage:
    """What every batch of work needs: the project, its rules and the rules to run."""

    config: Config
    domain: Domain
    file_rules: Sequence[Rule]
    source_rules: Sequence[SourceRule]
    cross_rules: Sequence[CrossRule]
    known_source_keys: frozenset[str] = frozenset()


# A relative path of plain names ("seeds/001_x.txt"): no "." or ".." part, nothing absolute or odd.
_PLAIN_SOURCE_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.\-]*)*")


class Hasher:
    """sha256 of files, once per run, skipping files whose ``stat`` is unchanged since they were hashed.

    ``known`` holds, per root-relative path, the record of the last hashing:
    size, mtime, ctime, inode, device, when it was hashed, digest (ctime
    changes when ``touch -r`` or ``cp -p`` puts an old mtime back). A file
    modified within RACY_NS of its hashing is hashed again (a coarse clock
    could hide an edit), as git does with its index.
    """

    RACY_NS = 2_000_000_000

    def __init__(self, root: Path, known: dict[str, list[Any]] | None = None) -> None:
        self.root = root
        self.root_real = os.path.realpath(root)
        self.known = known if known is not None else {}
        self.learnt: dict[str, list[Any]] = {}
        self.folders: dict[str, str] = {}  # real paths of folders, for this run
        self._digests: dict[str, str | None] = {}

    def digest(self, shown: str, real: str, limit: int) -> str | None:
        if real not in self._digests:
            self._digests[real] = self._hash(shown, real, limit)
        return self._digests[real]

    def _hash(self, shown: str, real: str, limit: int) -> str | None:
        try:
            info = os.stat(real)
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]
            known = self.known.get(shown)
            if (isinstance(known, list) and len(known) == 7 and known[:5] == stamp
                    and isinstance(known[5], int) and isinstance(known[6], str)
                    and info.st_mtime_ns < known[5] - self.RACY_NS):
                return known[6]
            taken = time.time_ns()  # before reading: a later edit gets a later mtime
            digest = hashlib.sha256(Path(real).read_bytes()).hexdigest()
        except (OSError, ValueError):
            return None
        self.learnt[shown] = [*stamp, taken, digest]
        return digest

    def claims_file(self, path: Path) -> str | None:
        """The digest of a claims file; None when it is not a plain readable file inside the root."""
        try:
            real = realpath(path, self.folders)
        except (OSError, ValueError):
            return None
        if not is_inside(real, self.root_real):
            return None
        return self.digest(relative(self.root, path), real, MAX_YAML_FILE_BYTES)

    def source_state(self, config: Config, raw: str) -> SourceState:
        """Where ``source.path`` leads now and a hash of what is there: a file's result is reused only
        while this is unchanged (a source added, edited, moved or made unsafe invalidates it)."""
        if _PLAIN_SOURCE_PATH.fullmatch(raw):  # the usual "seeds/x.txt": string work only, no pathlib
            real_text = realpath(os.path.join(self.root, raw), self.folders)
            seeds = real_folder(config.seeds_dir, self.folders).rstrip(os.sep) + os.sep
            root = self.root_real.rstrip(os.sep) + os.sep
            if real_text.startswith(seeds) and real_text.startswith(root):
                shown = real_text[len(root):].replace(os.sep, "/")
                return (raw, shown, self.digest(shown, real_text, MAX_SOURCE_BYTES), None)
        real, problem = resolve_source(config.root, config.seeds_dir, raw, self.folders)
        if problem is not None or real is None:
            return (raw, None, None, problem.code if problem is not None else "S109")
        shown = relative(Path(self.root_real), real)
        return (raw, shown, self.digest(shown, str(real), MAX_SOURCE_BYTES), None)


def source_key(shown: str, digest: str | None, published: str | None, covered: Iterable[Sequence[int]]) -> str:
    return key_of(shown, digest or "", published or "", json.dumps(_spans(covered)))


def _spans(covered: Iterable[Sequence[int]]) -> list[tuple[int, int]]:
    return sorted({(span[0], span[1]) for span in covered})


def check_files(stage: Stage, batch: Sequence[tuple[Path, str | None]]) -> tuple[list[FileResult], ClaimsBase]:
    """Load the files, run the file rules, reduce each file to its result."""
    config = stage.config
    base = ClaimsBase(config)
    base.domain = stage.domain
    entries = [(load_claims_file(base, path), digest) for path, digest in batch]
    base.files = [entry for entry, _ in entries]
    found: list[Finding] = list(base.findings)
    for rule in stage.file_rules:
        found.extend(rule.check(base))
    by_path: dict[str, list[Finding]] = {}
    for finding in found:
        by_path.setdefault(finding.path, []).append(finding)
    measured: dict[str, list[Any]] = {}
    for measure in measures(base):
        measured.setdefault(measure.path, []).append(measure)
    hasher = Hasher(config.root)
    results = []
    for entry, digest in entries:
        info = entry.source_info
        result = FileResult(entry.path, digest or "")
        if info is not None:
            result.source = hasher.source_state(config, info.path)
            result.published = info.published.isoformat() if info.published is not None else None
        result.findings = by_path.pop(entry.path, [])
        result.measures = measured.get(entry.path, [])
        result.claim_ids = [(claim.claim.id, *_line_column(claim.location("id"))) for claim in entry.claims]
        result.written_ids = _written_ids(entry.yaml.data)
        result.covered = [(m.start, m.end) for claim in entry.claims for m in base.quote_matches(claim) or []]
        result.resolutions = [
            ResolutionRecord(r.resolution, r.location(), r.location("expires"),
                             entry.source.path if entry.source is not None else None)
            for r in entry.resolutions
        ]
        results.append(result)
    # A file rule reports on the file it checks; anything else would be lost from the cache, so keep it visible.
    for findings in by_path.values():
        results[0].findings.extend(findings)
    return results, base


def _line_column(where: Location) -> tuple[int, int]:
    return where.line, where.column


def _written_ids(data: Any) -> list[str]:
    claims = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(claims, list):
        return []
    return [item["id"] for item in claims if isinstance(item, dict) and isinstance(item.get("id"), str)]


def check_source(stage: Stage, source: SourceText, published: str | None, covered: Iterable[Sequence[int]],
                 figures: list[Figure] | None = None) -> list[Finding]:
    """The findings on one cited source's text: damage in it, and figures no claim quotes. A text
    checked before in this process with the same date and coverage (a copy under another name) gives
    the same findings, with its own path."""
    spans = _spans(covered)
    rules = (stage.domain.stamp if stage.domain is not None else "", *(rule.code for rule in stage.source_rules))
    key = (source.sha256, published, tuple(spans), rules)
    earlier = _SOURCE_FINDINGS.get(key)
    if earlier is not None and earlier[0] == source.text:
        _SOURCE_FINDINGS.move_to_end(key)
        return [_moved(finding, earlier[1], source.path) for finding in earlier[2]]
    date = _dt.date.fromisoformat(published) if published else publication_date(source.text)
    document = TextDocument(source, date, stage.domain, figures)
    found: list[Finding] = []
    for rule in stage.source_rules:
        found.extend(rule.check_source(document, spans))
    _SOURCE_FINDINGS[key] = (source.text, source.path, [_moved(f, source.path, source.path) for f in found])
    if len(_SOURCE_FINDINGS) > TEXT_FACTS_KEPT:
        _SOURCE_FINDINGS.popitem(last=False)
    return found


# (sha256, published, spans, rules) -> (text, path, findings), the most recently used last
_SOURCE_FINDINGS: OrderedDict[tuple[Any, ...], tuple[str, str, list[Finding]]] = OrderedDict()


def _moved(finding: Finding, old: str, new: str) -> Finding:
    """A copy of a finding on a text at ``old``, for the same text at ``new``."""
    def where(location: Location | None) -> Location | None:
        if location is None or location.path != old:
            return location
        return Location(new, location.line, location.column)

    return replace(finding, location=where(finding.location), source_location=where(finding.source_location),
                   extra=dict(finding.extra))


def read_cited(config: Config, shown: str) -> SourceText | None:
    source, _ = read_source(Path(os.path.realpath(config.root)) / shown, shown)
    return source


def cited_sources(results: Iterable[FileResult]) -> dict[str, tuple[str | None, str | None, list[Sequence[int]]]]:
    """Each cited source: its digest, its publication date (from the first file that gives one) and
    the spans the quotes of all files citing it cover."""
    cited: dict[str, tuple[str | None, str | None, list[Sequence[int]]]] = {}
    for result in results:
        shown = result.source_path
        if shown is None or result.source is None:
            continue
        digest, published, spans = cited.get(shown, (result.source[2], None, []))
        spans.extend(result.covered)
        cited[shown] = (digest, published or result.published, spans)
    return cited


def check_batch(stage: Stage, batch: Sequence[tuple[Path, str | None]]) -> tuple[list[FileResult], dict[str, Any]]:
    """A batch of files, and the scan of each source they cite, keyed by the coverage they give it."""
    results, base = check_files(stage, batch)
    scanned: dict[str, Any] = {}
    for shown, (digest, published, spans) in cited_sources(results).items():
        key = source_key(shown, digest, published, spans)
        source = base.sources.get(shown)
        if key in stage.known_source_keys or source is None:
            continue
        found = check_source(stage, source, published, spans, source_figures(base, source))
        scanned[shown] = [key, [dump_finding(f) for f in found]]
    base.release()
    return results, scanned


# Worker processes inherit the stage when they are forked; see engine.check_changed.
_WORKER_STAGE: Stage | None = None


def worker_batch(batch: Sequence[tuple[Path, str | None]]) -> tuple[list[tuple[str, tuple[str, str]]], dict[str, Any]]:
    """A batch checked in a worker process; each result comes back as the JSON the cache keeps, so the
    main process, which decodes it, never has to encode it again."""
    assert _WORKER_STAGE is not None
    results, scanned = check_batch(_WORKER_STAGE, batch)
    from ..domain.vocabulary import keep_answers

    keep_answers(_WORKER_STAGE.domain, _WORKER_STAGE.config.root)
    dumped = [(r.path, r.encode()) for r in results]
    del results
    gc.collect(0)  # cheap: check_batch broke the batch's cycles; this frees any a rule may have made
    return dumped, scanned  # type: ignore[return-value]


def set_worker_stage(stage: Stage | None) -> None:
    global _WORKER_STAGE
    _WORKER_STAGE = stage
