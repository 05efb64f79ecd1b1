"""Benchmark the depth model on the large journal: every score and layer, from cold.

    python bench/depth.py [--runs 3]

Uses a copy of the large journal bench/core_loop.py builds (bench/.cache/large.db, which no
benchmark opens in place: opening upgrades it, and other trees' benchmarks copy it). Prints the
time to score and layer all 10,000 people over 200,000 interactions from scratch, the same read from
the cache (target: well under a second), and one person's explanation with its journal rows.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.core_loop import build_large
from netdash.domain.scoring import DepthSettings, reach_out_queue
from netdash.store.db import open_db
from netdash.store.depth import cached_depth, compute_depth, explain_person


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parent / ".cache") as scratch:
        journal = Path(scratch) / "large.db"  # never large.db itself: other trees share it
        shutil.copyfile(build_large(), journal)
        measure(journal, args.runs)


def measure(journal: Path, runs: int) -> None:
    """Prints the full rescore, the cached read and one explanation, ``runs`` times each."""
    today, settings = date(2026, 11, 26), DepthSettings()
    timings = []
    for _ in range(runs):
        db = open_db(journal)  # a fresh connection each run: a cold page cache
        started = time.perf_counter()
        depths = compute_depth(db, today, settings)
        timings.append(time.perf_counter() - started)
        db.close()
    queue = reach_out_queue(depths)
    db = open_db(journal)
    cached_depth(db, today, settings)  # fill the cache (a miss)
    db.close()
    cached = []
    for _ in range(runs):
        db = open_db(journal)
        started = time.perf_counter()
        cached_depth(db, today, settings)
        cached.append(time.perf_counter() - started)
        db.close()
    db = open_db(journal)
    person = max(depths.values(), key=lambda depth: depth.score).person_id
    started = time.perf_counter()
    explain_person(db, person, today, settings, depths[person].layer)
    explain = time.perf_counter() - started
    db.close()
    print(
        f"depth     all {len(depths):,} scores and layers: median"
        f" {statistics.median(timings) * 1000:.0f} ms, best {min(timings) * 1000:.0f} ms"
        f" over {runs} (a full rescore: once a day or after a write, in the background);"
        f" {len(queue)} overdue"
    )
    print(
        f"depth     the same from the cache (what the dashboard and stats read until the"
        f" journal or the day changes): median {statistics.median(cached) * 1000:.0f} ms"
        f" (target well under 1,000 ms)  {'ok' if min(cached) < 1.0 else 'OVER'}"
    )
    print(f"depth     one person's explanation with journal rows: {explain * 1000:.0f} ms")


if __name__ == "__main__":
    main()
