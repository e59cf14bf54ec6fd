"""Hostile and broken input: every case ends in a located finding or a clean error, quickly, with no
traceback, nothing read (or printed) from outside the tree, and nothing run from data."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLAIM = ("  - id: {id}\n    subject: X\n    metric: polysilicon production capacity\n    value: {value}\n"
         "    unit: {unit}\n    quote: \"{quote}\"\n")
HEAD = "source:\n  path: {path}\nclaims:\n"
SECRET = "TOP-SECRET-LINE"


def _claims(path: str = "seeds/a.txt", value: str = "335000", quote: str = "335,000 tons", unit: str = "t") -> str:
    return HEAD.format(path=path) + CLAIM.format(id="c1", value=value, quote=quote, unit=unit)


def _nested(depth: int) -> str:
    return "source: {path: seeds/a.txt}\nclaims: []\nx: " + "[" * depth + "]" * depth + "\n"


def _bomb() -> str:
    text = "source: {path: seeds/a.txt}\nclaims: []\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 12):
        text += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    return text


CASES: dict[str, tuple[bytes | str, str]] = {
    "tabs": ("source:\n\tpath: seeds/a.txt\nclaims: []\n", "S101"),
    "unclosed bracket": ("source: {path: seeds/a.txt\nclaims: []\n", "S101"),
    "bad indentation": ("source:\n  path: seeds/a.txt\n claims: []\n", "S101"),
    "duplicate keys": ("source:\n  path: seeds/a.txt\n  path: seeds/b.txt\nclaims: []\n", "S102"),
    "yaml bomb": (_bomb(), "S112"),
    "deep nesting": (_nested(200_000), "S112"),
    "unsafe tag": ("source: !!python/object/apply:os.system ['echo PWNED > pwned']\nclaims: []\n", "S103"),
    "python name tag": ("source: !!python/name:os.system\nclaims: []\n", "S103"),
    "not utf-8": (b"source:\n  path: seeds/a.txt\nclaims: []\ntitle: \xff\xfe\xfa\n", "S111"),
    "utf-16": (_claims().encode("utf-16"), "S111"),
    "nul byte": (_claims().replace("X\n", "X\x00\n"), "S101"),
    "huge float": (_claims(value="1.0e+400"), "S107"),
    "nan": (_claims(value=".nan"), "S107"),
    "inf": (_claims(value="-.inf"), "S107"),
    "500 digits": (_claims(value="7" * 500), "S107"),
    "empty": ("", "S104"),
    "a list": ("- 1\n- 2\n", "S104"),
    "a scalar": ("just text\n", "S104"),
    "source is a folder": (_claims(path="seeds/folder"), "S111"),
    "source into /etc": (_claims(path="/etc/passwd"), "S109"),
    "source via ..": (_claims(path="seeds/../../../../etc/passwd"), "S109"),
    "source via link": (_claims(path="seeds/link.txt"), "S109"),
    "symlink loop": (_claims(path="seeds/loop1"), "S110"),
    "100,000-char quote": (_claims(quote="x " * 50_000), "C101"),
    # unit strings pint fails on, or would read as something else: the unknown-unit finding
    "unit: a minus": (_claims(unit='"-"'), "U101"),
    "unit: python code": (_claims(unit="'__import__(\"os\")'"), "U101"),
    "unit: huge power": (_claims(unit='"t ** 99999"'), "U101"),
    "unit: many factors": (_claims(unit='"' + "*".join(["GW"] * 60) + '"'), "U102"),
    "unit: statement end": (_claims(unit='"t;"'), "U101"),
    "unit: comment": (_claims(unit='"t # comment"'), "U101"),
    "unit: trailing space": (_claims(unit='"t "'), "U101"),
    "unit: NUL": (_claims(unit='"t\\0"'), "U101"),
    "unit: two names": (_claims(unit='"a b"'), "U101"),
    "reversed period": (_claims().replace("    unit: t\n", "    unit: t\n    period: {from: 2024, to: 2023}\n"),
                        "S107"),
    "50 MB file": ("source: {path: seeds/a.txt}\nclaims: []\n#" + "y" * (50 * 1024 * 1024) + "\n", "S111"),
}


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text(f"{SECRET} 335,000 tons\n", encoding="utf-8")
    (root / "pyproject.toml").write_text("[tool.claimlint]\n", encoding="utf-8")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("It has 335,000 tons.\n", encoding="utf-8")
    (seeds / "folder").mkdir()
    os.symlink(outside, seeds / "link.txt")
    os.symlink(seeds / "loop2", seeds / "loop1")
    os.symlink(seeds / "loop1", seeds / "loop2")
    (root / "claims").mkdir()
    return root


def _run(root: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimlint", *args], cwd=root, capture_output=True, text=True,
                          timeout=60, check=False)
    return done, time.perf_counter() - start


@pytest.mark.parametrize("name", list(CASES))
def test_each_hostile_claims_file_gives_a_located_finding(hostile_root: Path, name: str) -> None:
    content, code = CASES[name]
    claims = hostile_root / "claims"
    for old in claims.iterdir():
        old.unlink()
    path = claims / "case.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    done, elapsed = _run(hostile_root, "check", "--format", "json")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and SECRET not in done.stdout + done.stderr
    assert not (hostile_root / "pwned").exists()
    import json

    findings = json.loads(done.stdout)["findings"]
    hits = [f for f in findings if f["code"] == code and f["path"] == "claims/case.yaml"]
    assert hits, (name, [(f["code"], f["message"]) for f in findings])
    assert all(f["line"] >= 1 and f["column"] >= 1 for f in findings)
    assert elapsed < 10, f"{name} took {elapsed:.1f} s"


def test_hostile_text_files_for_scan_and_draft(hostile_root: Path, tmp_path: Path) -> None:
    cases = {
        "bin.txt": bytes(range(256)) * 10,
        "huge.txt": b"12 tons. " * 200_000,
        "nul.txt": b"It has 5 GW\x00 of modules.",
        "crlf.txt": b"In 2021, output will exceed 5 GW.\r\nIt has 25GW of modules. 8GW.\r\n",
        "bom.txt": "\ufeffIt made 41 GW. Slicing capacity rose, with 300,000 tons of rods and 41 GW.".encode(),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    for args in (["scan"], ["scan", "--figures"], ["scan", "--format", "sarif"]):
        done, elapsed = _run(tmp_path, *args, *cases, "--published", "2022-01-01") if args == ["scan"] else \
            _run(tmp_path, *args, *cases)
        assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
        assert elapsed < 10
    done, _ = _run(tmp_path, "scan", "--format", "json", "--published", "2022-01-01", "crlf.txt")
    import json

    found = {(f["code"], f["line"], f["column"]) for f in json.loads(done.stdout)["findings"]}
    assert ("T201", 1, 1) in found and ("G101", 2, 8) in found  # \r\n is one line break
    for name in cases:
        done, _ = _run(tmp_path, "draft", name)
        assert done.returncode in (0, 1) and "Traceback" not in done.stderr


def test_errata_on_a_hostile_base(hostile_root: Path) -> None:
    claims = hostile_root / "claims"
    for old in claims.iterdir():
        old.unlink()
    (claims / "bad.yaml").write_text(_claims(path="seeds/link.txt"), encoding="utf-8")
    (claims / "worse.yaml").write_text(_bomb(), encoding="utf-8")
    for output_format in ("markdown", "html", "json"):
        done, elapsed = _run(hostile_root, "errata", "--format", output_format)
        assert done.returncode == 0 and "Traceback" not in done.stderr
        assert SECRET not in done.stdout and elapsed < 10


def test_rules_files_are_data_only(hostile_root: Path) -> None:
    rules = hostile_root / "rules"
    rules.mkdir(exist_ok=True)
    (rules / "metrics.yaml").write_text("version: 1\ndimensions: !!python/object/apply:os.system ['echo PWNED > pwned']\n"
                                        "metrics: {}\n", encoding="utf-8")
    (rules / "entities.yaml").write_text("version: 1\nentities: {}\n", encoding="utf-8")
    (rules / "language.yaml").write_text("version: 1\n", encoding="utf-8")
    (rules / "units.yaml").write_text("!!python/object/apply:os.system ['echo PWNED > pwned']\n", encoding="utf-8")
    try:
        done, _ = _run(hostile_root, "check")
        assert "Traceback" not in done.stderr
        assert not (hostile_root / "pwned").exists()
        assert done.returncode in (1, 2)
    finally:
        for path in rules.iterdir():
            path.unlink()
        rules.rmdir()
