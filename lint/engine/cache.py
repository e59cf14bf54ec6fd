"""The results store of the engine: each claims file's and each source's findings and facts from the last run.

Kept in the cache folder (see ``claimlint.cachefolder``), keyed by the
engine's version and the configuration; a re-check reads it and checks only
the files whose bytes changed.
"""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path
from typing import Any

from ..cachefolder import (
    _compact,
    _plain_folders,
    enabled,
    folder,
    read_json,
    write_json,
    write_json_text,
)

_AS_JSON = object()  # an entry kept as its JSON text (see ResultStore.put_file_json)


def _encoded(entries: dict[str, Any], known: dict[str, str]) -> str:
    """The JSON of a mapping of path -> entry, taking each entry's JSON from ``known`` where it is."""
    return "{" + ",".join(f"{_compact(path)}:{known[path] if entry is _AS_JSON else _compact(entry)}"
                          for path, entry in entries.items()) + "}"


class ResultStore:
    """The results of the last run, per claims file and per cited source.

    One store per configuration (engine, rules files, selected codes): a
    re-check reads it, takes the result of every file whose bytes (and whose
    source's bytes) are unchanged, and checks only the others. Entries are
    spread over shards by path, so a re-check after one edit rewrites one
    shard, not the whole store.
    """

    SHARDS = 64
    KEEP = 4  # stores of other configurations kept beside the current one

    def __init__(self, root: Path, key: str) -> None:
        self.root = root
        self.name = f"results-{key}"
        self.files: list[dict[str, Any]] = [{} for _ in range(self.SHARDS)]
        self.sources: list[dict[str, Any]] = [{} for _ in range(self.SHARDS)]
        self.hashed: list[dict[str, Any]] = [{} for _ in range(self.SHARDS)]
        self.dirty: set[int] = set()
        # entries whose JSON a worker already wrote, by path: written as they are (see _encoded)
        self._file_json: dict[str, str] = {}
        self._measures_json: dict[str, str] = {}
        # Measures live in shards of their own, each read only when first needed.
        self._measures: list[dict[str, Any] | None] = [None] * self.SHARDS
        self._measures_dirty: set[int] = set()
        self._cross: list[Any] | None = None
        self._cross_dirty = False
        if enabled():
            self._read()

    def _shard(self, path: str) -> int:
        return zlib.crc32(path.encode("utf-8", "surrogatepass")) % self.SHARDS

    def _read(self) -> None:
        for number in range(self.SHARDS):
            stored = read_json(self.root, f"{self.name}/{number:02d}.json")
            if stored is None:
                continue
            files, sources, hashed = stored.get("files"), stored.get("sources"), stored.get("hashed")
            if isinstance(files, dict) and isinstance(sources, dict) and isinstance(hashed, dict):
                self.files[number], self.sources[number], self.hashed[number] = files, sources, hashed

    def file(self, path: str, digest: str) -> dict[str, Any] | None:
        entry = self.files[self._shard(path)].get(path)
        if entry is _AS_JSON:
            entry = json.loads(self._file_json[path])
        return entry if isinstance(entry, dict) and entry.get("digest") == digest else None

    def put_file(self, path: str, data: dict[str, Any]) -> None:
        number = self._shard(path)
        self.files[number][path] = data
        self._file_json.pop(path, None)
        self.dirty.add(number)

    def put_file_json(self, path: str, encoded: str) -> None:
        """Keep a file's result given as the JSON of its entry (it is written as it is)."""
        number = self._shard(path)
        self.files[number][path] = _AS_JSON
        self._file_json[path] = encoded
        self.dirty.add(number)

    def _measure_shard(self, number: int) -> dict[str, Any]:
        shard = self._measures[number]
        if shard is None:
            stored = read_json(self.root, f"{self.name}/m{number:02d}.json") if enabled() else None
            shard = stored if stored is not None else {}
            self._measures[number] = shard
        return shard

    def measures(self, path: str) -> list[Any] | None:
        entry = self._measure_shard(self._shard(path)).get(path)
        if entry is _AS_JSON:
            entry = json.loads(self._measures_json[path])
        return entry if isinstance(entry, list) else None

    def put_measures(self, path: str, measures: list[Any]) -> None:
        number = self._shard(path)
        self._measure_shard(number)[path] = measures
        self._measures_json.pop(path, None)
        self._measures_dirty.add(number)

    def put_measures_json(self, path: str, encoded: str) -> None:
        number = self._shard(path)
        self._measure_shard(number)[path] = _AS_JSON
        self._measures_json[path] = encoded
        self._measures_dirty.add(number)

    def cross(self, fingerprint: str) -> list[Any] | None:
        """The cross-file findings of the last run, if its cross-file inputs had this fingerprint."""
        if self._cross is None:
            stored = read_json(self.root, f"{self.name}/cross.json") if enabled() else None
            entry = stored.get("cross") if stored is not None else None
            self._cross = entry if isinstance(entry, list) and len(entry) == 2 else ["", []]
        found = self._cross[1] if self._cross[0] == fingerprint else None
        return found if isinstance(found, list) else None

    def put_cross(self, fingerprint: str, findings: list[Any]) -> None:
        self._cross = [fingerprint, findings]
        self._cross_dirty = True

    def hashes(self) -> dict[str, Any]:
        """When each file was last hashed, and its digest (see filestage.Hasher)."""
        return {path: record for shard in self.hashed for path, record in shard.items()}

    def learn_hashes(self, learnt: dict[str, Any]) -> None:
        for path, record in learnt.items():
            number = self._shard(path)
            self.hashed[number][path] = record
            self.dirty.add(number)

    def source_keys(self) -> set[str]:
        return {entry[0] for shard in self.sources for entry in shard.values()
                if isinstance(entry, list) and entry and isinstance(entry[0], str)}

    def source(self, path: str, key: str) -> list[Any] | None:
        entry = self.sources[self._shard(path)].get(path)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == key and isinstance(entry[1], list):
            return entry[1]
        return None

    def put_source(self, path: str, key: str, findings: list[Any]) -> None:
        number = self._shard(path)
        self.sources[number][path] = [key, findings]
        self.dirty.add(number)

    def save(self, files: set[str], sources: set[str]) -> None:
        """Keep the entries of this run's files and sources (a deleted file's entry goes); write changed shards."""
        if not enabled() or not _plain_folders(self.root, f"{self.name}/00.json"):
            return  # never write, nor prune, through a link
        for number in range(self.SHARDS):
            kept_files = {p: e for p, e in self.files[number].items() if p in files}
            kept_sources = {p: e for p, e in self.sources[number].items() if p in sources}
            kept_hashed = {p: e for p, e in self.hashed[number].items() if p in files or p in sources}
            if (len(kept_files), len(kept_sources), len(kept_hashed)) != (
                    len(self.files[number]), len(self.sources[number]), len(self.hashed[number])):
                self.files[number], self.sources[number], self.hashed[number] = kept_files, kept_sources, kept_hashed
                self.dirty.add(number)
        for number in sorted(self.dirty):
            write_json_text(self.root, f"{self.name}/{number:02d}.json",
                            '{"files":' + _encoded(self.files[number], self._file_json)
                            + ',"sources":' + _compact(self.sources[number])
                            + ',"hashed":' + _compact(self.hashed[number]) + "}")
        for number in sorted(self._measures_dirty):
            shard = {p: m for p, m in self._measure_shard(number).items() if p in files}
            write_json_text(self.root, f"{self.name}/m{number:02d}.json", _encoded(shard, self._measures_json))
        if self._cross_dirty and self._cross is not None:
            write_json(self.root, f"{self.name}/cross.json", {"cross": self._cross})
        self.dirty.clear()
        self._measures_dirty.clear()
        self._cross_dirty = False
        self._prune()

    def _prune(self) -> None:
        try:
            others = [p for p in folder(self.root).glob("results-*") if p.is_dir() and p.name != self.name]
            others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in others[self.KEEP:]:
                shutil.rmtree(stale, ignore_errors=True)
            for pattern in ("yaml-*.json", "figures-*.json", "scan-*.json", "results-*.json"):
                for leftover in folder(self.root).glob(pattern):  # entries of earlier claimlint versions
                    leftover.unlink()
        except OSError:
            pass
