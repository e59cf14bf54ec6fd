"""Score `claimlint scan` on the corpus of real articles annotated by hand (bench/corpus/).

    python bench/score_scan.py                    # recall and precision per split, findings on controls
    python bench/score_scan.py --details tune     # every defect of the tuning part: found or missed
    python bench/score_scan.py --details control  # every finding on the well-edited controls

The articles' text is not in the repository: `bench/corpus/annotations/<id>.yaml` holds each one's URL,
date, sha256 and hand-made defects (family, a few locating words, the correction); the texts are a
local copy in `bench/corpus/texts/<id>.txt` (or `--texts DIR`), checked against the sha256. See
bench/corpus/README.md for how the corpus was made and how to rebuild the copy.

A defect is found when a finding in its family, or in family G, lies within a sentence of the damage
(the sentence holding the locating words, or the one before or after). A finding is near a defect when
it lies within a sentence of any annotated defect. The held-out part is scored, never listed defect by
defect, unless `--details heldout` is asked for on purpose.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
# A plain splitter of the scorer's own, so that what counts as "a sentence" does not depend on claimlint.
_SENTENCE_END = re.compile(r"[.!?。！？]+(?=\s|$)|\n\s*\n")


@dataclass
class Defect:
    family: str
    tag: str
    locator: str
    severity: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # the zone of each occurrence
    found_by: list[str] = field(default_factory=list)


@dataclass
class Article:
    id: str
    split: str
    published: str | None
    published_from: str
    text: str
    defects: list[Defect]
    batch: str | None = None  # the collection an article came in ("v6"), for scoring one alone
    findings: list[dict[str, Any]] = field(default_factory=list)
    near: list[bool] = field(default_factory=list)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for found in _SENTENCE_END.finditer(text):
        if text[start : found.end()].strip(" \t\r\n.!?。！？"):  # a blank line after a full stop is no sentence
            bounds.append((start, found.end()))
            start = found.end()
    bounds.append((start, len(text)))
    return bounds


def zone(bounds: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """From the start of the sentence before the damage to the end of the sentence after it."""
    first = next(i for i, (s, e) in enumerate(bounds) if e > start or i == len(bounds) - 1)
    last = next(i for i, (s, e) in enumerate(bounds) if e >= end or i == len(bounds) - 1)
    return bounds[max(0, first - 1)][0], bounds[min(len(bounds) - 1, last + 1)][1]


def offset(text: str, line: int, column: int) -> int:
    """The code-point offset of a 1-based line and column (\\r\\n is one break, as claimlint counts)."""
    position = 0
    for number, content in enumerate(text.splitlines(keepends=True), start=1):
        if number == line:
            return position + column - 1
        position += len(content)
    return position


def load(texts: Path, skip_missing: bool = False) -> list[Article]:
    articles = []
    skipped = []
    for path in sorted((CORPUS / "annotations").glob("*.yaml")):
        try:
            note = yaml.safe_load(path.read_text(encoding="utf-8"))
            note["id"], note["sha256"], note["split"]
        except (yaml.YAMLError, KeyError, TypeError) as error:
            print(f"{path}: skipped, not a complete annotation ({error})", file=sys.stderr)
            continue
        text_path = texts / f"{note['id']}.txt"
        problem = None
        if not text_path.is_file():
            problem = f"{text_path}: missing; see bench/corpus/README.md to rebuild the local copy"
        elif hashlib.sha256(text_path.read_bytes()).hexdigest() != note["sha256"]:
            problem = f"{text_path}: its sha256 is not the annotated one; the copy differs from the one annotated"
        if problem is not None:
            if not skip_missing:
                sys.exit(problem)
            skipped.append(note["id"])
            continue
        data = text_path.read_bytes()
        text = data.decode("utf-8")
        bounds = sentence_bounds(text)
        defects = []
        for item in note.get("defects") or []:
            defect = Defect(item["family"], item["tag"], item["locator"], item.get("severity", "medium"))
            at = text.find(defect.locator)
            if at < 0:
                sys.exit(f"{path}: locator {defect.locator!r} is not in the text")
            while at >= 0:
                defect.spans.append(zone(bounds, at, at + len(defect.locator)))
                at = text.find(defect.locator, at + 1)
            defects.append(defect)
        published = note.get("published")
        articles.append(Article(note["id"], note["split"], str(published) if published else None,
                                note.get("published_from", "none"), text, defects, note.get("batch")))
    if skipped:
        print(f"skipped {len(skipped)} articles with no matching local copy: {' '.join(skipped)}", file=sys.stderr)
    return articles


def scan(article: Article, texts: Path, claimlint: list[str], with_dates: bool) -> list[dict[str, Any]]:
    command = [*claimlint, "scan", "--format", "json", "--fail-on", "error"]
    if with_dates and article.published and article.published_from == "url":
        command += ["--published", article.published]  # the page shows its date; a user would give it
    command.append(str(texts / f"{article.id}.txt"))
    done = subprocess.run(command, capture_output=True, text=True, cwd=HERE.parent, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return list(json.loads(done.stdout)["findings"])


def score(article: Article) -> None:
    for finding in article.findings:
        at = offset(article.text, finding["line"], finding["column"])
        family = finding["code"][0]
        near = False
        for defect in article.defects:
            inside = any(start <= at < end for start, end in defect.spans)
            near = near or inside
            if inside and family in (defect.family, "G"):
                defect.found_by.append(finding["code"])
        article.near.append(near)


def summary(articles: list[Article], split: str) -> dict[str, Any]:
    chosen = [a for a in articles if a.split == split]
    defects = [d for a in chosen for d in a.defects]
    found = [d for d in defects if d.found_by]
    findings = sum(len(a.findings) for a in chosen)
    near = sum(sum(a.near) for a in chosen)
    serious = [d for d in defects if d.severity in ("high", "medium")]
    return {
        "split": split, "articles": len(chosen), "defects": len(defects), "found": len(found),
        "recall": round(len(found) / len(defects), 3) if defects else None,
        "recall_medium_high": round(sum(1 for d in serious if d.found_by) / len(serious), 3) if serious else None,
        "findings": findings, "near_defect": near,
        "precision": round(near / findings, 3) if findings else None,
        "articles_with_findings": sum(1 for a in chosen if a.findings),
    }


def details(articles: list[Article], split: str) -> None:
    for article in (a for a in articles if a.split == split):
        print(f"== {article.id} (published {article.published}, from {article.published_from})")
        for defect in article.defects:
            mark = "found " + ",".join(sorted(set(defect.found_by))) if defect.found_by else "MISSED"
            print(f"   {defect.family} {defect.tag:<28} {mark:<18} {defect.locator!r}")
        for finding, near in zip(article.findings, article.near):
            if not near:
                print(f"   FALSE {finding['code']} {finding['line']}:{finding['column']} {finding['message'][:150]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=CORPUS / "texts", help="the local copy of the texts")
    parser.add_argument("--claimlint", default=f"{sys.executable} -m claimlint", help="how to run claimlint")
    parser.add_argument("--details", choices=["tune", "heldout", "control"], action="append", default=[])
    parser.add_argument("--no-dates", action="store_true", help="never pass --published (texts' own dates only)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--blind", action="store_true",
                        help="leave the held-out part out of the summary (while rules are being written)")
    parser.add_argument("--skip-missing", action="store_true",
                        help="score without the articles whose local copy is missing or differs (and name them)")
    parser.add_argument("--batch", help="score only the articles of one collection (their `batch:`, e.g. v6)")
    args = parser.parse_args()
    articles = load(args.texts, args.skip_missing)
    if args.batch:
        articles = [a for a in articles if a.batch == args.batch]
    for article in articles:
        article.findings = scan(article, args.texts, args.claimlint.split(), not args.no_dates)
        score(article)
    rows = [summary(articles, split) for split in ("tune", "heldout", "control") if not (args.blind and split == "heldout")]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            print(f"{row['split']:<8} {row['articles']:>3} articles  {row['found']:>3}/{row['defects']:<3} defects found "
                  f"(recall {row['recall']}, medium/high {row['recall_medium_high']})  {row['near_defect']:>3}/"
                  f"{row['findings']:<3} findings near a defect (precision {row['precision']})  "
                  f"{row['articles_with_findings']} articles with findings")
    for split in args.details:
        details(articles, split)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
