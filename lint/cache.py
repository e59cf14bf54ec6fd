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
