"""Benchmark the full rescore on the large journal: the reference against the SQL sums.

    python bench/rescore.py [--runs 9]

Each run times, on one warm connection and interleaved, ``compute_depth`` (every interaction
into Python: the full rescore before issue 14's sums) and ``score_everyone`` (what
``cached_depth`` now runs), and prints medians, p95 and the ratio of their medians: the machine
is shared, so only a ratio from the same loop means much.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from core_loop import build_large

from netdash.domain.scoring import DepthSettings
from netdash.store.db import open_db
from netdash.store.depth import compute_depth
from netdash.store.depth_sums import score_everyone


def _p95(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    db = open_db(build_large())
    today, settings = date(2026, 11, 26), DepthSettings()
    timings: dict[str, list[float]] = {"reference": [], "sums": []}
    for _ in range(args.runs):
        for name, score in (("reference", compute_depth), ("sums", score_everyone)):
            started = time.perf_counter()
            score(db, today, settings)
            timings[name].append(time.perf_counter() - started)
    db.close()
    for name, values in timings.items():
        print(
            f"rescore  {name:9} median {statistics.median(values) * 1000:.0f} ms,"
            f" p95 {_p95(values) * 1000:.0f} ms"
        )
    ratio = statistics.median(timings["sums"]) / statistics.median(timings["reference"])
    print(f"rescore  sums / reference: {ratio:.2f}")


if __name__ == "__main__":
    main()
