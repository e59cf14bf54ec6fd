"""The cache folder: warm runs give the same findings, damaged entries are rebuilt, never trusted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CLAIMS_001 = "claims/001_043d49c40cd12faa.yaml"


def _findings(cli: Any, root: Path) -> list[tuple[str, str, int, int, bool]]:
    data = cli("check", "--format", "json", cwd=root).json
    return [(f["code"], f["path"], f["line"], f["column"], f["resolved"]) for f in data["findings"]]


def test_warm_runs_and_damaged_entries_give_the_same_findings(repo_copy: Path, cli: Any) -> None:
    path = repo_copy / CLAIMS_001
    path.write_text(path.read_text(encoding="utf-8").replace("value: 335000", "value: 33500"), encoding="utf-8")
    cold = _findings(cli, repo_copy)
    entries = sorted((repo_copy / ".claimlint_cache").glob("*.json"))
    assert entries, "the first run fills the cache"
    assert _findings(cli, repo_copy) == cold
    damage = [b"", b"not json", b"[1, 2]", json.dumps({"data": 1}).encode(), json.dumps({"figures": [{"x": 1}]}).encode(),
              json.dumps({"data": {}, "values": [[["a"], "x", 1]], "keys": [], "raw": [], "problems": [],
                          "claims": []}).encode()]
    for number, entry in enumerate(entries):
        entry.write_bytes(damage[number % len(damage)])
    assert _findings(cli, repo_copy) == cold
    # well-formed JSON whose body no longer matches its digest, as a careless hand edit leaves it
    for entry in sorted((repo_copy / ".claimlint_cache").glob("yaml-*.json")):
        digest, _, body = entry.read_bytes().partition(b"\n")
        entry.write_bytes(digest + b"\n" + body.replace(b"335000", b"1"))
    assert _findings(cli, repo_copy) == cold
    assert _findings(cli, repo_copy) == cold


def test_an_edited_file_is_read_again(repo_copy: Path, cli: Any) -> None:
    assert cli("check", cwd=repo_copy).status == 0
    path = repo_copy / CLAIMS_001
    path.write_text(path.read_text(encoding="utf-8").replace("value: 335000", "value: 33500"), encoding="utf-8")
    assert "C104" in cli("check", cwd=repo_copy).out


def test_cache_can_be_turned_off(repo_copy: Path, cli: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("CLAIMLINT_NO_CACHE", "1")
    assert cli("check", cwd=repo_copy).status == 0
    assert not (repo_copy / ".claimlint_cache").exists()
