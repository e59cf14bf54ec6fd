"""Grow a realistic claims base of N claims, for benchmarks.

Two ways: generated (the default, described below) or ``--from-claims``: the
project's own claims files copied until there are N claims, each copy with
its own claim ids (resolutions follow them) and its own copy of the seed it
cites, so the base keeps the real seeds' length, figures, notes and findings.

Each generated source is a short article of sentences such as "In 2021,
Qujing had a polysilicon production capacity of 335,000 tons." and its claims
file quotes those sentences exactly. Subjects, metrics and periods are drawn
from small pools so that many claims share a key (the contradiction check
has groups to work through); about one claim in 200 contradicts another and
one in 300 has a mistyped value, so the base has findings, as real ones do.

    python bench/grow.py OUT_DIR N [--seed S] [--from-claims]

OUT_DIR becomes a claimlint project (pyproject.toml, rules/, seeds/, claims/).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CLAIMS_PER_SOURCE = 25

NAMED = ["Baotou", "Yunnan", "Kunming", "Qujing", "Luoyang", "Henan"]


def _subjects(total: int) -> list[str]:
    """Named places and industrial parks; a larger base covers more parks, so the claims per
    subject, metric and year stay about the same at every size, as they do in a real base."""
    parks = max(60, total // 160)
    return NAMED + [f"Park {n // 26 ** 2 % 26 + 1 if n >= 676 else ''}{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}"
                    for n in range(parks)]
CITIES = {"Kunming", "Qujing", "Luoyang"}  # within Yunnan and Henan in rules/entities.yaml
# metric, unit as claimed, unit word as written, value range, decimals
METRICS = [
    ("polysilicon production capacity", "t", "tons", (1_000, 900_000), 0),
    ("monocrystalline silicon production capacity", "GW", "GW", (1, 200), 1),
    ("wafer production capacity", "GW", "GW", (1, 150), 1),
    ("module production capacity", "GW", "GW", (1, 120), 1),
    ("battery production capacity", "GWh", "GWh", (1, 300), 0),
    ("electrolytic aluminium production capacity", "t", "tons", (10_000, 5_000_000), 0),
    ("photovoltaic industry output value", "yuan", "billion yuan", (1, 900), 0),
    ("battery separator production capacity", "m**2", "million square meters", (10, 3000), 0),
]
QUALIFIERS = [("exact", ""), ("exact", ""), ("exact", ""), ("more_than", "more than "), ("nearly", "nearly ")]


def _printed(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}" if decimals else f"{int(value):,}"


def _claim_value(value: float, word: str) -> tuple[float, str]:
    if word == "billion yuan":
        return value * 1e9, "yuan"
    if word == "million square meters":
        return value * 1e6, "m**2"
    return value, ""


def _new_project(out: Path) -> None:
    """An empty claimlint project at ``out`` (replacing what was there) with this project's rules."""
    if out.exists():
        shutil.rmtree(out)
    (out / "seeds").mkdir(parents=True)
    (out / "claims").mkdir()
    shutil.copytree(REPO / "rules", out / "rules")
    (out / "pyproject.toml").write_text('[project]\nname = "bench"\n\n[tool.claimlint]\n', encoding="utf-8")


def grow(out: Path, total: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    _new_project(out)
    canonical: dict[tuple[str, str, int], float] = {}
    subjects = _subjects(total)
    made = 0
    source_number = 0
    while made < total:
        source_number += 1
        name = f"{source_number:06d}"
        count = min(CLAIMS_PER_SOURCE, total - made)
        sentences, claims = [], []
        published = rng.randint(2019, 2025)
        for index in range(count):
            subject = rng.choice(subjects)
            metric, unit, word, (low, high), decimals = rng.choice(METRICS)
            year = rng.randint(2015, published - 1)
            key = (subject, metric, year)
            if key in canonical and rng.random() > 0.005:
                value = canonical[key]  # the same figure reported again: no contradiction
                qualifier, words = "exact", ""
            else:
                # A city's figure stays below its province's, as in real reports: part-whole (P102)
                # findings then come from the seeded slips, not from chance.
                low, high = (low, low + (high - low) / 4) if subject in CITIES else (low + (high - low) / 2, high)
                value = round(rng.uniform(low, high), decimals)
                qualifier, words = rng.choice(QUALIFIERS) if key not in canonical else ("exact", "")
                canonical.setdefault(key, value)
            printed = _printed(value, decimals)
            sentence = (f"In {year}, {subject} reported a {metric} of {words}{printed} {word} "
                        f"(item {source_number}-{index}).")
            sentences.append(sentence)
            claimed, claimed_unit = _claim_value(value, word)
            if rng.random() < 1 / 300:
                claimed *= 10  # a mistyped value: C104
            quote = f"{words}{printed} {word} (item {source_number}-{index})"
            claims.append(
                f"  - id: bench-{name}-{index:02d}\n    subject: {subject}\n    metric: {metric}\n"
                f"    value: {int(claimed) if float(claimed).is_integer() else claimed}\n"
                f"    unit: {claimed_unit or unit}\n    qualifier: {qualifier}\n    period: {year}\n"
                f"    kind: actual\n    quote: \"{quote}\"\n"
            )
        made += count
        (out / "seeds" / f"{name}.txt").write_text(
            f"{published}-06-01\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
        (out / "claims" / f"{name}.yaml").write_text(
            f"source:\n  path: seeds/{name}.txt\n  published: {published}-06-01\nclaims:\n" + "".join(claims),
            encoding="utf-8")


_ID_LINE = re.compile(r"^(\s*(?:- )?(?:id|claim): )([a-z0-9][a-z0-9._-]*)[ \t]*$", re.MULTILINE)


def grow_from_claims(out: Path, total: int) -> None:
    """The project's own claims files (and their seeds) copied until there are ``total`` claims."""
    _new_project(out)
    files = [(path, path.read_text(encoding="utf-8")) for path in sorted((REPO / "claims").glob("*.yaml"))]
    made, copy = 0, 0
    while made < total:
        for path, text in files:
            if made >= total:
                break
            seed = re.search(r"^  path: seeds/(\S+)$", text, re.MULTILINE)
            assert seed is not None, path
            name = f"{Path(seed.group(1)).stem}-{copy}"
            copied = _ID_LINE.sub(lambda found: f"{found.group(1)}{found.group(2)}-{copy}", text)
            copied = copied.replace(f"path: seeds/{seed.group(1)}", f"path: seeds/{name}.txt", 1)
            shutil.copyfile(REPO / "seeds" / seed.group(1), out / "seeds" / f"{name}.txt")
            (out / "claims" / f"{name}.yaml").write_text(copied, encoding="utf-8")
            made += len(re.findall(r"^  - id: ", text, re.MULTILINE))
        copy += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("claims", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--from-claims", action="store_true", help="copy the project's own claims and seeds")
    args = parser.parse_args()
    if args.from_claims:
        grow_from_claims(args.out, args.claims)
    else:
        grow(args.out, args.claims, args.seed)


if __name__ == "__main__":
    main()
