"""How closely `claimlint draft` agrees with the hand-made claims of this project.

    python bench/draft_agreement.py            # per field and all six together, over the seeds
    python bench/draft_agreement.py --details  # every hand claim that a draft gets wrong, and how
    python bench/draft_agreement.py --corpus   # draft each article of bench/corpus/texts; check the drafts

For each claims file of `claims/`, the source it cites is drafted (`claimlint draft SOURCE`, as a
user runs it) and each hand-made claim is paired with the drafted claim of the same figure: the
drafted claim whose quote lies in the same place of the source as the hand claim's quote, with the
same value where there are several, and of those the one whose quote covers most nearly the same words. A hand claim with no drafted claim there disagrees on every
field. Fields compared: value, unit, subject, metric, period and kind (kind ``actual`` where a
claim leaves it out, as the claims model does).
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
FIELDS = ("value", "unit", "subject", "metric", "period", "kind")


def _spans(source: Any, quote: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in source.find_quote(quote)]


def _comparable(claim: dict[str, Any], name: str) -> Any:
    value = claim.get(name)
    if name == "kind" and value is None:
        return "actual"
    if name == "value" and isinstance(value, dict):
        return (float(value.get("min")), float(value.get("max")))
    if name == "value" and isinstance(value, (int, float)):
        return float(value)
    if name == "period" and isinstance(value, dict):
        return (str(value.get("from")), str(value.get("to")))
    if name in ("subject", "metric") and isinstance(value, str):
        return value.strip().lower()
    return None if value is None else str(value)


def drafted(source_path: str) -> list[dict[str, Any]]:
    done = subprocess.run([sys.executable, "-m", "claimlint", "draft", source_path], cwd=REPO,
                          capture_output=True, text=True, check=True)
    return list(yaml.safe_load(done.stdout).get("claims") or [])


def pair(source: Any, hand: dict[str, Any], drafts: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The drafted claim of the hand claim's figure, or None."""
    where = _spans(source, hand["quote"])
    if not where:
        return None
    start, end = where[0]
    near = []
    for claim in drafts:
        spans = _spans(source, claim["quote"])
        if spans and spans[0][0] < end and start < spans[0][1]:
            near.append(claim)
    same_value = [c for c in near if _comparable(c, "value") == _comparable(hand, "value")]
    candidates = same_value or near
    if not candidates:
        return None

    def overlap(claim: dict[str, Any]) -> float:  # two drafted claims of one figure: the one citing the same words
        low, high = _spans(source, claim["quote"])[0]
        return (min(end, high) - max(start, low)) / (max(end, high) - min(start, low))

    return max(candidates, key=overlap)


def corpus() -> None:
    """Draft every article of the local corpus copy into a scratch project and check the drafts: every
    drafted quote must be found, once, in its article (C101, C102 and C103 count against the draft)."""
    import shutil
    import tempfile

    texts = sorted((REPO / "bench" / "corpus" / "texts").glob("*.txt"))
    if not texts:
        sys.exit("no local copy of the corpus texts in bench/corpus/texts (see bench/corpus/README.md)")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "pyproject.toml").write_text("[tool.claimlint]\n", encoding="utf-8")
        (root / "seeds").mkdir()
        (root / "claims").mkdir()
        drafted = 0
        for text in texts:
            shutil.copy(text, root / "seeds" / text.name)
            done = subprocess.run([sys.executable, "-m", "claimlint", "draft", f"seeds/{text.name}", "-o",
                                   f"claims/{text.stem}.yaml"], cwd=root, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(f"{text.name}: draft failed: {done.stderr.strip()}")
                continue
            claims = yaml.safe_load((root / "claims" / f"{text.stem}.yaml").read_text(encoding="utf-8"))["claims"]
            drafted += len(claims or [])
        done = subprocess.run([sys.executable, "-m", "claimlint", "check", "--format", "json", "--select", "C"],
                              cwd=root, capture_output=True, text=True, check=False)
        import json

        findings = json.loads(done.stdout)["findings"]
        quotes = [f for f in findings if f["code"] in ("C101", "C102", "C103")]
        by_code = {code: sum(f["code"] == code for f in findings) for code in sorted({f["code"] for f in findings})}
        print(f"{len(texts)} articles, {drafted} drafted claims: {len(quotes)} with a quote not found or not "
              f"unique (C101-C103); C findings by code: {by_code}")
        # a quote not found or not unique, and a drafted field its own quote contradicts (C104-C106)
        shown = [f for f in findings if f["code"] in ("C101", "C103", "C104", "C105", "C106")] + quotes
        for finding in shown[:20]:
            print(f"  {finding['path']}:{finding['line']}: {finding['code']} {finding['message'][:100]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--corpus", action="store_true")
    args = parser.parse_args()
    if args.corpus:
        corpus()
        return
    from claimlint.reading.sources import SourceText

    agree = dict.fromkeys(FIELDS, 0)
    whole = total = 0
    for claims_file in sorted((REPO / "claims").glob("*.yaml")):
        data = yaml.safe_load(claims_file.read_text(encoding="utf-8"))
        source_path = data["source"]["path"]
        raw = (REPO / source_path).read_bytes()
        source = SourceText(source_path, raw.decode("utf-8"), hashlib.sha256(raw).hexdigest())
        drafts = drafted(source_path)
        for hand in data.get("claims") or []:
            total += 1
            draft = pair(source, hand, drafts)
            wrong = [f for f in FIELDS if draft is None or _comparable(draft, f) != _comparable(hand, f)]
            for name in FIELDS:
                agree[name] += name not in wrong
            whole += not wrong
            if args.details and wrong:
                shown = "no drafted claim" if draft is None else ", ".join(
                    f"{f}: {draft.get(f)!r} for {hand.get(f)!r}" for f in wrong)
                print(f"{claims_file.name} {hand['id']}: {shown}")
    print(f"{total} hand claims: all six fields equal in {whole} ({whole / total:.2f})")
    for name in FIELDS:
        print(f"  {name:8} {agree[name]:3}/{total} ({agree[name] / total:.2f})")


if __name__ == "__main__":
    main()
