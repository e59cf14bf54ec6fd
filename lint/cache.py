"""The cache folder (``.claimlint_cache`` under the root, like ruff's): answers worth keeping between runs.

Entries are keyed by the content hash of what they depend on and by the
claimlint version, and carry the hash of their own body: a damaged,
truncated or hand-edited entry is ignored and rebuilt, never trusted; entries are written atomically, so an interrupted run leaves
none half-written. ``CLAIMLINT_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import write_atomically

FOLDER = ".claimlint_cache"


def enabled() -> bool:
    return os.environ.get("CLAIMLINT_NO_CACHE", "") in ("", "0")


@functools.cache
def _code_version() -> str:
    """The version plus a stamp of the engine's own files, so an edited engine never reads old entries."""
    package = Path(__file__).resolve().parent
    stamp = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        stamp.update(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}".encode())
    return stamp.hexdigest()


def key_of(*parts: bytes | str) -> str:
    digest = hashlib.sha256(_code_version().encode())
    for part in parts:
        digest.update(b"\0" + (part.encode() if isinstance(part, str) else part))
    return digest.hexdigest()[:24]


def folder(root: Path) -> Path:
    return root / FOLDER


def read_json(root: Path, name: str) -> dict[str, Any] | None:
    """A cached JSON object, or None when absent, damaged or the cache is off."""
    if not enabled():
        return None
    try:
        stored = (folder(root) / name).read_bytes()
        digest, _, body = stored.partition(b"\n")
        if hashlib.sha256(body).hexdigest().encode() != digest:
            return None  # torn, damaged or edited by hand: rebuild, never trust
        data = json.loads(body)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_json(root: Path, name: str, data: dict[str, Any]) -> None:
    """Store an entry; a cache that cannot be written is simply not kept."""
    if not enabled():
        return
    where = folder(root)
    try:
        if not where.is_dir():
            where.mkdir(parents=True, exist_ok=True)
            (where / ".gitignore").write_text("# created by claimlint\n*\n", encoding="utf-8")
            (where / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                                                "# claimlint cache\n", encoding="utf-8")
        body = json.dumps(data, separators=(",", ":"))
        digest = hashlib.sha256(body.encode()).hexdigest()
        write_atomically(where / name, f"{digest}\n{body}", overwrite=True, durable=False)
    except OSError:
        pass


class ResultStore:
    """The results of the last run, per claims file and per cited source, in one entry.

    One entry per configuration (engine, rules files, selected codes): a
    re-check reads it once, takes the result of every file whose bytes (and
    whose source's bytes) are unchanged, and checks only the others.
    """

    KEEP = 4  # stores of other configurations kept beside the current one

    def __init__(self, root: Path, key: str) -> None:
        self.root = root
        self.name = f"results-{key}.json"
        self.files: dict[str, dict[str, Any]] = {}
        self.sources: dict[str, list[Any]] = {}
        self.changed = False
        stored = self._read()
        if stored is not None:
            files, sources = stored.get("files"), stored.get("sources")
            if isinstance(files, dict) and isinstance(sources, dict):
                self.files, self.sources = files, sources

    def _read(self) -> dict[str, Any] | None:
        import gc

        # Parsing builds a million small objects at 100k claims; the collector would walk them all repeatedly.
        paused = gc.isenabled()
        gc.disable()
        try:
            return read_json(self.root, self.name)
        finally:
            if paused:
                gc.enable()

    def file(self, path: str, digest: str) -> dict[str, Any] | None:
        entry = self.files.get(path)
        return entry if isinstance(entry, dict) and entry.get("digest") == digest else None

    def put_file(self, path: str, data: dict[str, Any]) -> None:
        self.files[path] = data
        self.changed = True

    def source(self, path: str, key: str) -> list[Any] | None:
        entry = self.sources.get(path)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == key and isinstance(entry[1], list):
            return entry[1]
        return None

    def put_source(self, path: str, key: str, findings: list[Any]) -> None:
        self.sources[path] = [key, findings]
        self.changed = True

    def save(self, files: set[str], sources: set[str]) -> None:
        """Keep the entries of this run's files and sources (a deleted file's entry goes) and write once."""
        if set(self.files) - files or set(self.sources) - sources:
            self.files = {p: e for p, e in self.files.items() if p in files}
            self.sources = {p: e for p, e in self.sources.items() if p in sources}
            self.changed = True
        if not self.changed or not enabled():
            return
        write_json(self.root, self.name, {"files": self.files, "sources": self.sources})
        self.changed = False
        self._prune()

    def _prune(self) -> None:
        try:
            others = [p for p in folder(self.root).glob("results-*.json") if p.name != self.name]
            others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in others[self.KEEP:]:
                stale.unlink()
        except OSError:
            pass
