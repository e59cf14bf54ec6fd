"""The pipeline: file stage -> base stage -> source stage -> resolutions (report: done by the caller).

The file stage (``filestage``) turns each claims file into a result; results
of files whose bytes and source are unchanged come from the cache, and a
large batch of changed files is spread over worker processes. The base stage
runs the rules that compare claims across files on every file's result. The
source stage scans each cited source once, with the coverage every claims
file citing it gives.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import hashlib
import os
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cachefolder import key_of
from ..checks import ALL_RULES, RULES_BY_CODE
from ..checks.base import CrossRule, SourceRule
from ..checks.facts import Facts, FileResult, dump_finding, restore_finding
from ..domain.vocabulary import keep_answers, load_domain
from ..reading.claims import CLAIMS_SUFFIXES, ClaimsBase, discover_claims_files, load_base, relative
from ..reading.config import Config
from ..reading.findings import Finding, Severity
from . import cache
from .file_stage import (
    Hasher,
    Stage,
    check_batch,
    check_source,
    cited_sources,
    read_cited,
    set_worker_stage,
    source_key,
    worker_batch,
)
from .resolve import apply_resolutions

PARALLEL_MIN_FILES = 48  # below this, starting workers costs more than it saves
BATCH_FILES = 100


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
    config: Config
    findings: list[Finding]
    cites: dict[str, str] = field(default_factory=dict)  # claims file -> the source it cites
    _base: ClaimsBase | None = None
    _facts: Facts | None = field(default=None, repr=False)  # freed with the result, not inside the run

    @property
    def base(self) -> ClaimsBase:
        """The whole base, loaded (the check itself works from results; reports such as errata need claims)."""
        if self._base is None:
            base = load_base(self.config)
            base.domain = load_domain(self.config.root, self.config.rules_dir, [])
            self._base = base
        return self._base


def run(config: Config, selection: Selection, today: _dt.date | None = None) -> Result:
    with collector_paused():
        return _run(config, selection, today)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for a run: its millions of small objects live until it ends, and the
    collector would walk them over and over to find little to free. Saves a third of a re-check at
    100,000 claims (0.9-1.0 s instead of 1.37-1.40 s, measured in one process, best of 4)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _run(config: Config, selection: Selection, today: _dt.date | None) -> Result:
    findings: list[Finding] = []
    domain = load_domain(config.root, config.rules_dir, findings)
    rules = [rule() for rule in ALL_RULES if rule.code in selection]
    stage = Stage(config, domain,
                  file_rules=[r for r in rules if not isinstance(r, (CrossRule, SourceRule))],
                  source_rules=[r for r in rules if isinstance(r, SourceRule)],
                  cross_rules=[r for r in rules if isinstance(r, CrossRule)])
    store = cache.ResultStore(config.root, key_of(domain.stamp, ",".join(r.code for r in rules)))
    stage.known_source_keys = frozenset(store.source_keys())

    results, scanned = _file_stage(stage, store)
    for result in results:
        findings.extend(result.findings)
    cross, facts = _cross_stage(stage, store, results)
    findings.extend(cross)
    findings.extend(_source_stage(stage, store, results, scanned))
    store.save({r.path for r in results}, {r.source_path for r in results if r.source_path is not None})

    findings = [f for f in findings if f.code in selection]
    claims = {claim_id for result in results for claim_id, *_ in result.claim_ids}
    written = {claim_id for result in results for claim_id in result.written_ids}
    records = [record for result in results for record in result.resolutions]
    findings.extend(f for f in apply_resolutions(records, claims, written, findings, today or _dt.date.today(),
                                                 selection) if f.code in selection)
    for finding in findings:
        rule = RULES_BY_CODE.get(finding.code)
        finding.severity = rule.severity if rule is not None else Severity.ERROR
    findings.sort(key=Finding.sort_key)
    keep_answers(domain, config.root)
    cites = {r.path: r.source_path for r in results if r.source_path is not None}
    return Result(config, findings, cites, _facts=facts)


def _file_stage(stage: Stage, store: cache.ResultStore) -> tuple[list[FileResult], dict[str, Any]]:
    """Every claims file's result, in path order: from the cache where nothing it depends on changed."""
    config = stage.config
    hasher = Hasher(config.root, store.hashes())
    results: dict[str, FileResult] = {}
    changed: list[tuple[Path, str | None]] = []
    order = []
    for path in _claims_files(config):
        shown = relative(config.root, path)
        order.append(shown)
        typed = config.unsaved.get(shown)
        digest = hasher.claims_file(path) if typed is None else hashlib.sha256(typed).hexdigest()
        stored = store.file(shown, digest) if digest is not None else None
        result = _restored(shown, stored) if stored is not None else None
        if result is not None and (result.source is None or hasher.source_state(config, result.source[0])
                                   == result.source):
            results[shown] = result
        else:
            changed.append((path, digest))
    store.learn_hashes(hasher.learnt)
    fresh, scanned = check_changed(stage, changed)
    for result in fresh:
        results[result.path] = result
        _keep(store, result)
    return [results[p] for p in order if p in results], scanned


def _claims_files(config: Config) -> list[Path]:
    """The claims files on disk, and those only typed in an editor so far (inside the claims folder)."""
    found = discover_claims_files(config)
    if not config.unsaved:
        return found
    claims = relative(config.root, config.claims_dir).rstrip("/") + "/"
    on_disk = {relative(config.root, path) for path in found}
    typed = [config.root / shown for shown in config.unsaved
             if shown not in on_disk and shown.startswith(claims) and shown.endswith(CLAIMS_SUFFIXES)]
    return sorted([*found, *typed])


def _keep(store: cache.ResultStore, result: FileResult) -> None:
    if result.digest:  # a file that could not be hashed is never cached
        encoded = result.encoded
        if encoded is not None:  # a worker's JSON: the store keeps that alone
            store.put_file_json(result.path, encoded[0])
            store.put_measures_json(result.path, encoded[1])
            result.release_dumps()
        else:
            store.put_file(result.path, result.dump())
            store.put_measures(result.path, result.dump_measures())


def _cross_stage(stage: Stage, store: cache.ResultStore,
                 results: list[FileResult]) -> tuple[list[Finding], Facts | None]:
    """The findings of the rules that compare claims across files; those of the last run when no file's
    measures or claim ids changed since (the measures of unchanged files are then never read)."""
    if not stage.cross_rules:
        return [], None
    fingerprint = key_of(*(f"{r.path}\0{r.cross}" for r in results))
    dumped = store.cross(fingerprint)
    if dumped is not None:
        try:
            return [restore_finding(f) for f in dumped], None
        except (TypeError, ValueError):
            pass  # a damaged entry: run the rules
    lost = []
    for index, result in enumerate(results):
        if result.measures is None:
            stored = store.measures(result.path)
            try:
                result.restore_measures(stored if stored is not None else [])
            except (TypeError, ValueError):
                stored = None
            if stored is None:
                lost.append(index)
    if lost:  # measures missing from the cache: check those files again
        fresh, _ = check_changed(stage, [(stage.config.root / results[i].path, results[i].digest) for i in lost])
        by_path = {r.path: r for r in fresh}
        for index in lost:
            results[index] = by_path.get(results[index].path, results[index])
            _keep(store, results[index])
    facts = Facts(stage.domain, results)
    found = [finding for rule in stage.cross_rules for finding in rule.check_facts(facts)]
    store.put_cross(fingerprint, [dump_finding(f) for f in found])
    return found, facts


def _restored(path: str, stored: dict[str, Any]) -> FileResult | None:
    try:
        return FileResult.restore(path, stored)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None  # an entry of another shape: check the file again


def check_changed(stage: Stage, changed: list[tuple[Path, str | None]]) -> tuple[list[FileResult], dict[str, Any]]:
    """Check the changed files, in worker processes when there are many and more than one CPU."""
    workers = _worker_count(len(changed))
    if workers <= 1:
        results: list[FileResult] = []
        scanned: dict[str, Any] = {}
        for start in range(0, len(changed), BATCH_FILES):
            if start:
                gc.collect(0)  # cheap: each batch broke its own cycles (ClaimsBase.release); a safety net
            batch_results, batch_scanned = check_batch(stage, changed[start : start + BATCH_FILES])
            results.extend(batch_results)
            scanned.update(batch_scanned)
        return results, scanned
    import concurrent.futures
    import multiprocessing

    # Small batches keep each worker's memory bounded and the workers evenly loaded.
    size = max(1, min(BATCH_FILES, -(-len(changed) // (workers * 8))))
    batches = [changed[i : i + size] for i in range(0, len(changed), size)]
    results = []
    scanned = {}
    set_worker_stage(stage)  # forked workers inherit it: nothing is pickled but the file names
    try:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
            for dumped, batch_scanned in pool.map(worker_batch, batches):
                results.extend(FileResult.decode(path, encoded) for path, encoded in dumped)
                scanned.update(batch_scanned)
    finally:
        set_worker_stage(None)
    return results, scanned


def _worker_count(files: int) -> int:
    wanted = os.environ.get("CLAIMLINT_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        jobs = int(wanted)
    else:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        if files < PARALLEL_MIN_FILES:
            return 1
    if not hasattr(os, "fork"):
        return 1
    return max(1, min(jobs, files))


def _source_stage(stage: Stage, store: cache.ResultStore, results: list[FileResult],
                  scanned: dict[str, Any]) -> list[Finding]:
    """Each cited source's findings: cached, scanned with its files in the file stage, or scanned now."""
    if not stage.source_rules:
        return []
    found: list[Finding] = []
    cited = cited_sources(results)
    for shown in sorted(cited):
        digest, published, spans = cited[shown]
        key = source_key(shown, digest, published, spans)
        dumped = store.source(shown, key)
        if dumped is None and shown in scanned and scanned[shown][0] == key:
            dumped = scanned[shown][1]
            store.put_source(shown, key, dumped)
        if dumped is None:
            source = read_cited(stage.config, shown)
            if source is None:
                continue
            dumped = [dump_finding(f) for f in check_source(stage, source, published, spans)]
            store.put_source(shown, key, dumped)
        try:
            found.extend([restore_finding(f) for f in dumped])
        except (TypeError, ValueError):  # an entry of another shape: scan the source again
            source = read_cited(stage.config, shown)
            if source is not None:
                fresh = check_source(stage, source, published, spans)
                store.put_source(shown, key, [dump_finding(f) for f in fresh])
                found.extend(fresh)
    return found
