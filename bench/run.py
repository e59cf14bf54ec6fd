"""Time claimlint on grown claims bases against the floor of reading them.

    python bench/run.py [SIZE ...] [--repeat N] [--from-claims]     (default sizes: 1000 10000)

For each size: grow a base (bench/grow.py; with --from-claims, copies of the
project's own claims and seeds) in a temporary folder, then time
(a) the floor: one Python process reading every source and parsing every
claims file with PyYAML's C loader; (b) `claimlint check` cold (empty cache);
(c) `claimlint check` warm, after one claims file changed; (d) the peak
memory of (b); (e) at 10,000 claims, `check-jsonschema` with claimlint's
schema over the same claims files, if installed. Prints a table with the
ratios of (b) and (c) to (a). Each time is the best of --repeat runs; floor and
cold runs take turns.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from grow import REPO, grow, grow_from_claims  # noqa: E402

FLOOR = """
import pathlib, sys, yaml
root = pathlib.Path(sys.argv[1])
for path in sorted((root / "seeds").iterdir()):
    path.read_text(encoding="utf-8")
for path in sorted((root / "claims").iterdir()):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


_MEASURED = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _timed(command: list[str], cwd: Path, repeat: int) -> tuple[float, int]:
    """Best wall time of ``repeat`` runs, and the peak memory (KB) of the largest process any run started
    (a wrapper process measures its own children, so earlier runs never count)."""
    best, peak = float("inf"), 0
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", _MEASURED, *command], cwd=cwd, capture_output=True,
                              text=True, check=True)
        elapsed, rss = done.stdout.split()
        best = min(best, float(elapsed))
        peak = max(peak, int(rss))
    return best, peak


def measure(size: int, repeat: int, from_claims: bool = False) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix=f"claimlint-bench-{size}-"))
    try:
        if from_claims:
            grow_from_claims(folder, size)
        else:
            grow(folder, size)
        os.sync()  # the grown files reach the disk now, not while the first runs are timed
        claimlint = [sys.executable, "-m", "claimlint", "check"]
        # floor and cold runs take turns, so that a slow spell of a shared machine slows both
        floor_times, cold_times = [], []
        peak = 0
        for _ in range(repeat):
            floor_times.append(_timed([sys.executable, "-c", FLOOR, str(folder)], folder, 1)[0])
            shutil.rmtree(folder / ".claimlint_cache", ignore_errors=True)
            elapsed, rss = _timed(claimlint, folder, 1)
            cold_times.append(elapsed)
            peak = max(peak, rss)
        floor, cold = min(floor_times), min(cold_times)
        one = sorted((folder / "claims").iterdir())[0]
        warm_times = []
        for turn in range(repeat):
            one.write_text(one.read_text(encoding="utf-8") + f"# edit {turn}\n", encoding="utf-8")
            warm_times.append(_timed(claimlint, folder, 1)[0])
        warm = min(warm_times)
        row = {"claims": size, "floor": floor, "cold": cold, "warm": warm, "peak_mb": peak / 1024}
        tool = shutil.which("check-jsonschema")
        if tool and size == 10_000:
            files = [str(p) for p in sorted((folder / "claims").iterdir())]
            start = time.perf_counter()
            subprocess.run([tool, "--schemafile", str(REPO / "schema" / "claims.schema.json"), *files],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            row["check_jsonschema"] = time.perf_counter() - start
        return row
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="claimlint benchmark")
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--from-claims", action="store_true",
                        help="grow the bases from copies of the project's own claims and seeds")
    args = parser.parse_args()
    os.environ.pop("CLAIMLINT_NO_CACHE", None)
    print(f"{'claims':>8} {'floor s':>8} {'cold s':>8} {'cold/floor':>10} {'warm s':>8} {'warm/floor':>10} "
          f"{'peak MB':>8} {'check-jsonschema s':>18}")
    rows = []
    for size in args.sizes:
        row = measure(size, args.repeat, args.from_claims)
        rows.append(row)
        jsonschema = f"{row['check_jsonschema']:.2f}" if "check_jsonschema" in row else "-"
        print(f"{row['claims']:>8} {row['floor']:>8.2f} {row['cold']:>8.2f} {row['cold'] / row['floor']:>10.1f} "
              f"{row['warm']:>8.2f} {row['warm'] / row['floor']:>10.1f} {row['peak_mb']:>8.0f} {jsonschema:>18}",
              flush=True)
    for smaller, larger in zip(rows, rows[1:]):
        claims = larger["claims"] / smaller["claims"]
        print(f"growth {smaller['claims']} -> {larger['claims']}: {claims:.1f}x the claims, "
              f"cold {larger['cold'] / smaller['cold']:.2f}x, warm {larger['warm'] / smaller['warm']:.2f}x, "
              f"floor {larger['floor'] / smaller['floor']:.2f}x")


if __name__ == "__main__":
    main()
