"""The cache folder: warm runs give the same findings, damaged entries are rebuilt, never trusted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

CLAIMS_001 = "claims/001_043d49c40cd12faa.yaml"


def _findings(cli: Any, root: Path) -> list[tuple[str, str, int, int, bool]]:
    data = cli("check", "--format", "json", cwd=root).json
    return [(f["code"], f["path"], f["line"], f["column"], f["resolved"]) for f in data["findings"]]


def test_warm_runs_and_damaged_entries_give_the_same_findings(repo_copy: Path, cli: Any) -> None:
    path = repo_copy / CLAIMS_001
    path.write_text(path.read_text(encoding="utf-8").replace("value: 335000", "value: 33500"), encoding="utf-8")
    cold = _findings(cli, repo_copy)
    entries = sorted((repo_copy / ".claimlint_cache").rglob("*.json"))
    assert entries, "the first run fills the cache"
    assert _findings(cli, repo_copy) == cold
    damage = [b"", b"not json", b"[1, 2]", json.dumps({"data": 1}).encode(), json.dumps({"figures": [{"x": 1}]}).encode(),
              json.dumps({"data": {}, "values": [[["a"], "x", 1]], "keys": [], "raw": [], "problems": [],
                          "claims": []}).encode()]
    for number, entry in enumerate(entries):
        entry.write_bytes(damage[number % len(damage)])
    assert _findings(cli, repo_copy) == cold
    # well-formed JSON whose body no longer matches its digest, as a careless hand edit leaves it
    for entry in sorted((repo_copy / ".claimlint_cache").rglob("results-*/*.json")):
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


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_source_is_checked_again_for_every_file_citing_it(repo_copy: Path, cli: Any) -> None:
    assert cli("check", cwd=repo_copy).status == 0
    _replace(repo_copy / "seeds/001_043d49c40cd12faa.txt", "335,000 tons", "355,000 tons")
    found = _findings(cli, repo_copy)
    assert ("C101", CLAIMS_001) in {(code, path) for code, path, *_ in found if not _[-1]}


def test_a_source_that_appears_later_clears_its_missing_source_finding(repo_copy: Path, cli: Any) -> None:
    seed = repo_copy / "seeds/001_043d49c40cd12faa.txt"
    text = seed.read_bytes()
    seed.unlink()
    assert "S110" in cli("check", cwd=repo_copy).out
    seed.write_bytes(text)
    assert cli("check", cwd=repo_copy).status == 0


def test_a_deleted_claims_file_takes_its_findings_and_claims_with_it(repo_copy: Path, cli: Any) -> None:
    path = repo_copy / CLAIMS_001
    _replace(path, "value: 335000", "value: 33500")
    assert "C104" in cli("check", cwd=repo_copy).out
    path.unlink()
    out = cli("check", "--format", "json", cwd=repo_copy).json
    assert not [f for f in out["findings"] if f["path"] == CLAIMS_001]


def test_an_edit_that_contradicts_an_unchanged_file_is_found(repo_copy: Path, cli: Any) -> None:
    """Cross-file rules see the cached results of the files that did not change."""
    assert cli("check", cwd=repo_copy).status == 0
    extra = repo_copy / "claims/zz_extra.yaml"
    extra.write_text(
        (repo_copy / CLAIMS_001).read_text(encoding="utf-8").split("claims:")[0]
        + "claims:\n  - id: baotou-polysilicon-capacity-again\n    subject: Baotou\n"
        "    metric: polysilicon production capacity\n    value: 500000\n    unit: t\n    period: 2023\n"
        "    quote: \"335,000 tons\"\n", encoding="utf-8")
    warm = cli("check", "--format", "json", cwd=repo_copy).json["findings"]
    codes = {(f["code"], f["path"]) for f in warm if not f["resolved"]}
    assert ("C104", "claims/zz_extra.yaml") in codes
    assert any(code == "X101" for code, _ in codes), codes


def test_workers_give_the_findings_one_process_gives(repo_copy: Path, cli: Any, monkeypatch: Any) -> None:
    _replace(repo_copy / CLAIMS_001, "value: 335000", "value: 33500")

    def findings(jobs: str, cache: bool) -> list[tuple[str, str, int, int, bool]]:
        monkeypatch.setenv("CLAIMLINT_JOBS", jobs)  # the cli fixture undoes it after each run
        if not cache:
            monkeypatch.setenv("CLAIMLINT_NO_CACHE", "1")
        return _findings(cli, repo_copy)

    alone = findings("1", cache=False)
    assert ("C104", CLAIMS_001, False) in {(code, path, resolved) for code, path, _, _, resolved in alone}
    assert findings("2", cache=False) == alone
    assert findings("2", cache=True) == alone  # filling the cache from workers
    assert findings("1", cache=True) == alone
    # a value edited: the cross-file rules run again on measures the workers' JSON left in the cache
    _replace(repo_copy / CLAIMS_001, "value: 33500", "value: 335000")  # the slip mended
    edited = findings("1", cache=True)
    assert ("C104", CLAIMS_001, False) not in {(code, path, resolved) for code, path, _, _, resolved in edited}
    assert edited == findings("1", cache=False)


def test_a_file_is_read_again_only_when_its_stat_changed_or_was_racy(tmp_path: Path, monkeypatch: Any) -> None:
    import os
    import time

    from claimlint.engine.file_stage import Hasher

    claims = tmp_path / "claims.yaml"
    claims.write_text("a: 1\n", encoding="utf-8")
    old = time.time_ns() - 60 * 10**9
    os.utime(claims, ns=(old, old))  # written a minute ago: its stat can be trusted
    first = Hasher(tmp_path)
    digest = first.claims_file(claims)
    assert digest is not None and "claims.yaml" in first.learnt

    reads: list[Path] = []
    real_read = Path.read_bytes

    def counting_read(self: Path) -> bytes:
        reads.append(self)
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", counting_read)
    assert Hasher(tmp_path, dict(first.learnt)).claims_file(claims) == digest
    assert reads == []  # unchanged stat: not read

    claims.write_text("a: 2\n", encoding="utf-8")  # same size, new time
    changed = Hasher(tmp_path, dict(first.learnt)).claims_file(claims)
    assert changed != digest and len(reads) == 1

    recent = Hasher(tmp_path)
    recent.claims_file(claims)  # modified just now: racy
    reads.clear()
    assert Hasher(tmp_path, dict(recent.learnt)).claims_file(claims) == changed
    assert len(reads) == 1  # hashed again, as its edit may hide behind a coarse clock


def test_cross_file_findings_are_reused_only_while_no_measure_changed(repo_copy: Path, cli: Any) -> None:
    """A comment edit reuses the last cross-file findings; a value edit, or lost measures, runs the rules."""
    path = repo_copy / CLAIMS_001
    cold = _findings(cli, repo_copy)
    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert _findings(cli, repo_copy) == cold
    for shard in (repo_copy / ".claimlint_cache").rglob("m[0-9][0-9].json"):
        shard.unlink()  # measures lost: they are rebuilt from the files when needed
    extra = repo_copy / "claims/zz_extra.yaml"
    extra.write_text(
        path.read_text(encoding="utf-8").split("claims:")[0]
        + "claims:\n  - id: baotou-polysilicon-capacity-again\n    subject: Baotou\n"
        "    metric: polysilicon production capacity\n    value: 500000\n    unit: t\n    period: 2023\n"
        "    quote: \"335,000 tons\"\n", encoding="utf-8")
    found = {code for code, *_ in _findings(cli, repo_copy)}
    assert "X101" in found  # the cross-file rules ran on measures rebuilt from the unchanged files
    extra.unlink()
    assert _findings(cli, repo_copy) == cold


def _rewrite(entry: Path, change: Any) -> None:
    """Change a cache entry's body and give it a matching digest, as a careful hand edit would."""
    import hashlib

    body = json.loads(entry.read_bytes().partition(b"\n")[2])
    change(body)
    text = json.dumps(body).encode()
    entry.write_bytes(hashlib.sha256(text).hexdigest().encode() + b"\n" + text)


def _first(mapping: dict[str, Any]) -> Any:
    return mapping[sorted(mapping)[0]]


@pytest.mark.parametrize("damage", [
    lambda b: [f.update(covered=5) for f in b["files"].values()],
    lambda b: [f.update(covered=[["a", "b"]]) for f in b["files"].values()],
    lambda b: [f["findings"].append(["C104", "m", "claims/x.yaml", "x", 1, None, None, None, None])
               for f in b["files"].values()],
    lambda b: [f.update(resolutions=[[[], 1, 1, 1, 1, None]]) for f in b["files"].values()],
    lambda b: [entry.__setitem__(1, [[1]]) for entry in b["sources"].values()],
    lambda b: [record.__setitem__(5, "x") for record in b["hashed"].values()],
    lambda b: [f.update(ids="x") for f in b["files"].values()],
])
def test_cache_entries_of_the_wrong_shape_are_never_trusted(repo_copy: Path, cli: Any, damage: Any) -> None:
    cold = _findings(cli, repo_copy)
    for entry in sorted((repo_copy / ".claimlint_cache").rglob("results-*/[0-9][0-9].json")):
        _rewrite(entry, damage)
    assert _findings(cli, repo_copy) == cold
    assert _findings(cli, repo_copy) == cold


def test_measures_and_unit_answers_of_the_wrong_shape_are_never_trusted(repo_copy: Path, cli: Any) -> None:
    cold = _findings(cli, repo_copy)
    for entry in sorted((repo_copy / ".claimlint_cache").rglob("results-*/m[0-9][0-9].json")):
        _rewrite(entry, lambda b: [[m.__setitem__(i, None) for i in range(len(m))] for ms in b.values() for m in ms])
    for entry in sorted((repo_copy / ".claimlint_cache").glob("units-*.json")):
        _rewrite(entry, lambda b: [b.__setitem__(k, "zz") for k in list(b)[: len(b) // 2]]
                 + [b.__setitem__(k, {"error": 5}) for k in list(b)[len(b) // 2:]])
    path = repo_copy / CLAIMS_001
    path.write_text(path.read_text(encoding="utf-8").replace("# yaml", "#  yaml", 1) + "\n", encoding="utf-8")
    (repo_copy / "claims/zz.yaml").write_text("source:\n  path: seeds/001_043d49c40cd12faa.txt\nclaims: []\n",
                                              encoding="utf-8")  # new ids: the cross-file rules run again
    assert _findings(cli, repo_copy) == cold


def test_an_edit_that_puts_the_old_mtime_back_is_still_seen(tmp_path: Path) -> None:
    """``touch -r`` or ``cp -p`` can restore an mtime; the ctime still moves, and so the file is read again."""
    import os
    import time

    from claimlint.engine.file_stage import Hasher

    claims = tmp_path / "claims.yaml"
    claims.write_text("a: 1\n", encoding="utf-8")
    old = time.time_ns() - 60 * 10**9
    os.utime(claims, ns=(old, old))
    first = Hasher(tmp_path)
    digest = first.claims_file(claims)
    time.sleep(0.01)
    with open(claims, "r+b") as stream:  # same size, same inode
        stream.write(b"a: 2\n")
    os.utime(claims, ns=(old, old))
    assert Hasher(tmp_path, dict(first.learnt)).claims_file(claims) not in (None, digest)


def test_a_planted_cache_is_never_followed_out_of_the_tree(repo_copy: Path, cli: Any, tmp_path: Path) -> None:
    """A checkout may carry a .claimlint_cache: a link out of the tree, or a pipe for an entry, is ignored."""
    import os

    cold = _findings(cli, repo_copy)
    outside = tmp_path / "outside"
    outside.mkdir()
    cache = repo_copy / ".claimlint_cache"
    shards = sorted(p for p in cache.iterdir() if p.name.startswith("results-"))
    for shard in shards:
        for entry in shard.iterdir():
            entry.unlink()
            os.mkfifo(entry)  # reading one would block
    assert _findings(cli, repo_copy) == cold
    import shutil

    shutil.rmtree(cache)
    (outside / "results-0123").mkdir()  # looks like a stale store of ours
    (outside / "scan-old.json").write_text("{}", encoding="utf-8")
    cache.symlink_to(outside, target_is_directory=True)
    assert _findings(cli, repo_copy) == cold
    assert sorted(p.name for p in outside.iterdir()) == ["results-0123", "scan-old.json"]  # nothing written
    # or removed through the link
