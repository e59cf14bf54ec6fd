"""`claimlint errata`: the report of source defects, in Markdown, HTML and JSON."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .conftest import REPO


def test_committed_errata_is_current(cli: Any) -> None:
    run = cli("errata", cwd=REPO)
    assert run.status == 0
    committed = (REPO / "ERRATA.md").read_text(encoding="utf-8")
    assert committed == run.out, "ERRATA.md is stale: run `claimlint errata -o ERRATA.md`"


def test_seed_defects_with_their_corrections(cli: Any) -> None:
    data = json.loads(cli("errata", "--format", "json", cwd=REPO).out)
    assert data["version"] == 1
    found = {(s["path"][6:9], d["quote"]): d for s in data["sources"] for d in s["defects"]}
    expected = {
        ("000", "41 GW. Slicing production capacity"): "41 GW of slicing production capacity",
        ("000", "five percent of the country’s total electrolytic aluminum production capacity. One,"):
            "nearly one fifth",
        ("001", "25GW of components. 8GW."): "25.8GW of components",
        ("001", "In 2022, the output value of Baotou’s photovoltaic industry will exceed"): "exceeded",
        ("003", "1 million tons of cathode materials, 500,000 tons of cathode materials"): "anode materials",
        ("003", "The output value of the whole industry chain of new energy batteries exceeded"): "will exceed",
        ("004", "In 2022, Baotou will become"): "Baotou became",
        ("004", "“”"): "green electricity",
    }
    for key, correction in expected.items():
        assert key in found, key
        defect = found[key]
        assert defect["status"] == "confirmed" and correction in defect["correction"]
        assert defect["reason"]
    for source in data["sources"]:
        text = (REPO / source["path"]).read_text(encoding="utf-8")
        lines = text.splitlines()
        assert source["published"] in (None, "2023-05-22", "2022-06-14", "2023-05-24")
        for defect in source["defects"]:
            line = lines[defect["line"] - 1]
            assert line[defect["column"] - 1 :].startswith(defect["quote"].splitlines()[0]), defect
            if defect["correction"] and defect["status"] == "confirmed":
                assert defect["correctionComment"]["@type"] == "CorrectionComment"
    reviews = [d for s in data["sources"] for d in s["defects"] if "claimReview" in d]
    assert reviews and all(r["claimReview"]["reviewRating"]["alternateName"] == "False" for r in reviews)


HOSTILE = """<script>alert('x')</script> The plant made 25GW of modules. 8GW. <img src=x onerror=alert(1)>
Another line with “” and & ampersands.
"""


def _hostile_project(project: Any) -> Path:
    claims = 'source:\n  path: seeds/a.txt\n  title: "<b>Bold</b> & title"\nclaims: []\n'
    return project({"seeds/a.txt": HOSTILE, "claims/a.yaml": claims})  # type: ignore[no-any-return]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)


def test_html_escapes_every_piece_of_source_text(project: Any, cli: Any) -> None:
    root = _hostile_project(project)
    run = cli("errata", "--format", "html", cwd=root)
    assert run.status == 0
    page = _Collector()
    page.feed(run.out)
    assert "script" not in page.tags and "img" not in page.tags and "b" not in page.tags
    assert not any(name.startswith("on") for name, _ in page.attributes)
    assert "&lt;script&gt;" in run.out and "&lt;b&gt;Bold&lt;/b&gt; &amp; title" in run.out
    # self-contained: nothing fetched from elsewhere
    assert not re.search(r"<(link|script|img|iframe)\b", run.out)
    assert 'name="viewport"' in run.out
    # each quote links to its place in the page's copy of the source
    for target in re.findall(r'<a href="#(s\d+-l\d+)"', run.out):
        assert f'id="{target}"' in run.out


def test_open_defects_and_unresolved_findings(project: Any, cli: Any) -> None:
    root = _hostile_project(project)
    data = json.loads(cli("errata", "--format", "json", cwd=root).out)
    (source,) = data["sources"]
    assert {d["code"] for d in source["defects"]} == {"G101", "G105"}
    assert all(d["status"] == "open" for d in source["defects"])
    markdown = cli("errata", cwd=root).out
    assert "G101 (garbled text), open" in markdown
    assert "\\<script\\>" in markdown  # source text is inert in Markdown too


def test_output_file_is_written_atomically_and_never_over_a_foreign_file(project: Any, cli: Any) -> None:
    root = _hostile_project(project)
    (root / "notes.md").write_text("my notes", encoding="utf-8")
    run = cli("errata", "-o", "notes.md", cwd=root)
    assert run.status == 2 and (root / "notes.md").read_text(encoding="utf-8") == "my notes"
    assert cli("errata", "-o", "ERRATA.md", cwd=root).status == 0
    first = (root / "ERRATA.md").read_text(encoding="utf-8")
    assert cli("errata", "-o", "ERRATA.md", cwd=root).status == 0  # its own file: replaced
    assert (root / "ERRATA.md").read_text(encoding="utf-8") == first
    assert cli("errata", "--format", "json", "-o", "e.json", cwd=root).status == 0
    assert json.loads((root / "e.json").read_text(encoding="utf-8"))["version"] == 1
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]


def test_html_in_a_real_browser_runs_no_source_script(project: Any, cli: Any, tmp_path: Path) -> None:
    import shutil
    import subprocess

    import pytest

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no Chromium on this machine")
    claims = 'source:\n  path: seeds/a.txt\nclaims: []\n'
    text = "<script>document.title='pwned'</script> It made 25GW of modules. 8GW. “”\n"
    root = project({"seeds/a.txt": text, "claims/a.yaml": claims})
    page = tmp_path / "errata.html"
    assert cli("errata", "--format", "html", "-o", str(page), cwd=root).status == 0
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]
    done = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                          timeout=90, check=False)
    assert "<title>Errata</title>" in done.stdout and "pwned" not in done.stdout.split("<body>")[0]
    assert "&lt;script&gt;document.title" in done.stdout
