"""CPU time of each text rule (families G, P2xx, T2xx) over the sources of a base, best of four runs.

    python bench/grow.py /tmp/base-10k 10000 && python bench/rules_cost.py /tmp/base-10k [--top N]

The figures, sentences and clauses of each text are read once before the rules are timed, so each
rule's own cost is what is shown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from claimlint.checks import TEXT_RULES
from claimlint.domain.vocabulary import load_domain
from claimlint.figures.text import TextDocument
from claimlint.reading.sources import SourceText


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path, help="a project (claims base) whose seeds/ are timed")
    parser.add_argument("--top", type=int, default=12, help="how many of the costliest rules to list")
    args = parser.parse_args()
    domain = load_domain(args.root, None, [])
    texts = [path.read_text(encoding="utf-8") for path in sorted((args.root / "seeds").glob("*.txt"))]
    documents = [TextDocument(SourceText("x", text, "0" * 64), dt.date(2023, 5, 1), domain) for text in texts]
    for document in documents:
        _ = document.figures, document.sentences, getattr(document, "clauses", None)
    costs = {}
    for rule in TEXT_RULES:
        checker, best = rule(), float("inf")
        for _ in range(4):
            start = time.process_time()
            for document in documents:
                list(checker.check_text(document))
            best = min(best, time.process_time() - start)
        costs[rule.code] = best
    print(f"{len(texts)} texts, {sum(map(len, texts)) / 1000:.0f} kB; text rules {sum(costs.values()):.3f} s CPU")
    for code, cost in sorted(costs.items(), key=lambda item: -item[1])[: args.top]:
        print(f"  {code}  {cost:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
