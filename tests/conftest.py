"""Shared fixtures: a throw-away claims project and a way to run the CLI as a user would."""

from __future__ import annotations

import io
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from claimlint.cli.main import main

REPO = Path(__file__).resolve().parent.parent

PYPROJECT = '[project]\nname = "example-claims"\n\n[tool.claimlint]\n'


@dataclass
class Run:
    status: int
    out: str
    err: str

    @property
    def json(self) -> dict:  # type: ignore[type-arg]
        return json.loads(self.out)

    def codes(self) -> list[str]:
        return [f["code"] for f in self.json["findings"] if not f["resolved"]]


def run_cli(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    try:
        status = main(args)
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    finally:
        monkeypatch.undo()
    return Run(status, out.getvalue(), err.getvalue())


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    def invoke(*args: str, cwd: Path) -> Run:
        return run_cli(list(args), cwd, monkeypatch)

    return invoke


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """Make a small project: files maps relative paths to text (or bytes)."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
        (root / "seeds").mkdir(exist_ok=True)
        (root / "claims").mkdir(exist_ok=True)
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        return root

    return make


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of this repository's claims base, seeds and configuration, to damage."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    for folder in ("claims", "seeds", "rules"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    return root
