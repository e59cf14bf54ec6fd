"""Writing output files safely: all or nothing, and never over a file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputExists(Exception):
    pass


def _mode_for(path: Path) -> int:
    """The mode of the file replaced, or what a new file gets under the umask (not mkstemp's 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: Path, text: str, *, overwrite: bool = False, durable: bool = True) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename.

    An interrupted run leaves the old file (or none), never half a file.
    Raises OutputExists when ``path`` exists and ``overwrite`` is false.
    """
    if path.exists() and not overwrite:
        raise OutputExists(f"'{path}' exists; pass --force to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            if durable:  # a cache entry may skip it: a torn entry is detected and rebuilt
                os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if the file appeared meanwhile: no silent overwrite
            os.unlink(temporary)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
