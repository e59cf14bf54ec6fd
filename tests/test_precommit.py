"""The pre-commit hook for real: a throw-away repository installs it from this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PYPROJECT, REPO

SOURCE = "The plant has a capacity of 335,000 tons of polysilicon and 41 GW of wafers.\n"
GOOD = """\
source:
  path: seeds/plant.txt
claims:
  - id: plant-polysilicon
    subject: Baotou
    metric: polysilicon production capacity
    value: 335000
    unit: t
    quote: "a capacity of 335,000 tons of polysilicon"
  - id: plant-wafers
    subject: Baotou
    metric: wafer production capacity
    value: 41
    unit: GW
    quote: "41 GW of wafers"
"""


def _git(root: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env,
                          timeout=600, check=False)


@pytest.fixture
def hooked_repository(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    beside = Path(sys.executable).parent / "pre-commit"  # the test extra's, without an activated environment
    pre_commit = str(beside) if beside.is_file() else shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (it is in the test extra)")
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    if head.returncode != 0:
        pytest.skip("this checkout is not a git repository")
    root = tmp_path / "analysts"
    (root / "seeds").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "seeds" / "plant.txt").write_text(SOURCE, encoding="utf-8")
    (root / "claims" / "plant.yaml").write_text(GOOD, encoding="utf-8")
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: claimlint\n",
        encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    assert _git(root, "init", "-q", env=env).returncode == 0
    installed = subprocess.run([pre_commit, "install"], cwd=root, capture_output=True, text=True, env=env,
                               timeout=120, check=False)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return root, env


def test_hook_accepts_a_good_edit_and_blocks_a_bad_one(hooked_repository: tuple[Path, dict[str, str]]) -> None:
    root, env = hooked_repository
    _git(root, "add", "-A", env=env)
    first = _git(root, "commit", "-qm", "claims base", env=env)
    assert first.returncode == 0, first.stdout + first.stderr

    claims = root / "claims" / "plant.yaml"
    claims.write_text(GOOD.replace("value: 41\n", "value: 14\n"), encoding="utf-8")  # a bad edit
    _git(root, "add", "-A", env=env)
    blocked = _git(root, "commit", "-qm", "typo", env=env)
    assert blocked.returncode != 0
    assert "C104" in blocked.stdout + blocked.stderr and "claims/plant.yaml" in blocked.stdout + blocked.stderr
    assert "typo" not in _git(root, "log", "--format=%s", env=env).stdout

    claims.write_text(GOOD.replace("    unit: GW\n", "    unit: GW\n    period: 2023\n"), encoding="utf-8")
    _git(root, "add", "-A", env=env)
    accepted = _git(root, "commit", "-qm", "add a period", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "add a period" in _git(root, "log", "--format=%s", env=env).stdout
