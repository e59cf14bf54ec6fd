"""``check --since REV``: which unresolved findings a change introduced.

The claims base as it was at REV (from git) is checked with the same rules;
a finding is new when no finding with its fingerprint (code, file, claim or
quoted text; never line numbers) was unresolved there.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..engine.base_stage import Selection, run
from ..reading.config import Config, ConfigError
from ..reports.ci import fingerprint


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ConfigError(f"--since needs git: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(f"--since: git {' '.join(args[:2])} failed: {message[-1] if message else 'error'}")
    return done.stdout


def unresolved_at(config: Config, revision: str, selection: Selection) -> set[str]:
    """Fingerprints of the findings unresolved at ``revision``."""
    if revision.startswith("-"):
        raise ConfigError(f"--since: not a revision: {revision!r}")
    commit = _git(config.root, "rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    prefix = _git(config.root, "rev-parse", "--show-prefix").decode().strip()
    archive = _git(config.root, "archive", "--format=tar", commit, *([prefix] if prefix else []))
    with tempfile.TemporaryDirectory(prefix="claimlint-since-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        old_root = Path(folder) / prefix
        old = Config(
            root=old_root,
            claims_dir=old_root / config.claims_dir.relative_to(config.root),
            seeds_dir=old_root / config.seeds_dir.relative_to(config.root),
            rules_dir=old_root / config.rules_dir.relative_to(config.root),
            select=config.select, ignore=config.ignore, fail_on=config.fail_on,
        )
        findings = run(old, selection).findings
    return {fingerprint(f) for f in findings if not f.resolved}
