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
import stat
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


def _plain_folders(root: Path, name: str) -> bool:
    """Whether the cache folder and the entry's own folder are real folders, not links: a cache
    planted in a checkout must not lead claimlint to write (or wait on reads) outside the tree."""
    where = folder(root)
    for directory in (where, (where / name).parent):
        if os.path.islink(directory) or (os.path.lexists(directory) and not os.path.isdir(directory)):
            return False
    return True


def read_json(root: Path, name: str) -> dict[str, Any] | None:
    """A cached JSON object, or None when absent, damaged or the cache is off."""
    if not enabled() or not _plain_folders(root, name):
        return None
    try:
        entry = folder(root) / name
        if not stat.S_ISREG(entry.lstat().st_mode):  # a link, a pipe, a folder: not an entry of ours
            return None
        stored = entry.read_bytes()
        digest, _, body = stored.partition(b"\n")
        if hashlib.sha256(body).hexdigest().encode() != digest:
            return None  # torn, damaged or edited by hand: rebuild, never trust
        data = json.loads(body)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _compact(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"))


def write_json(root: Path, name: str, data: dict[str, Any]) -> None:
    """Store an entry; a cache that cannot be written is simply not kept."""
    write_json_text(root, name, _compact(data))


def write_json_text(root: Path, name: str, body: str) -> None:
    """Store an entry already in JSON; a cache that cannot be written is simply not kept."""
    if not enabled() or not _plain_folders(root, name):
        return
    where = folder(root)
    try:
        if not where.is_dir():
            where.mkdir(parents=True, exist_ok=True)
            (where / ".gitignore").write_text("# created by claimlint\n*\n", encoding="utf-8")
            (where / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                                                "# claimlint cache\n", encoding="utf-8")
        (where / name).parent.mkdir(exist_ok=True)
        digest = hashlib.sha256(body.encode()).hexdigest()
        write_atomically(where / name, f"{digest}\n{body}", overwrite=True, durable=False)
    except OSError:
        pass
