"""Benchmark the full rescore on the large journal, and the new day that ages stored sums.

    python bench/rescore.py [--runs 9] [--case full|new-day]

``full`` times, on one warm connection and interleaved, ``compute_depth`` (every interaction
into Python: the full rescore before issue 14's sums) and ``score_everyone`` (the full rescore
``cached_depth`` runs when it has no sums to age). ``new-day`` times, on a copy of the journal
whose cache holds a day's scores and sums, ``score_everyone`` against ``advance`` (those sums
aged by a day, the people whose entries crossed a boundary read again; not stored) and against
``cached_depth`` on the next day (the same, plus storing everyone's rows; each run a day
later). Both print medians, p95 and the ratio of medians: the machine is shared, so only a
ratio from the same loop means much.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from core_loop import build_large
from sqlite_utils import Database

from netdash.domain.scoring import DepthSettings
from netdash.store.db import open_db
from netdash.store.depth import _gather, cached_depth, compute_depth
from netdash.store.depth_step import advance
from netdash.store.depth_sums import score_everyone

TODAY = date(2026, 11, 26)
Case = dict[str, Callable[[int], object]]


def _p95(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def full_case(db: Database, settings: DepthSettings) -> Case:
    return {
        "reference": lambda _: compute_depth(db, TODAY, settings),
        "sums": lambda _: score_everyone(db, TODAY, settings),
    }


def new_day_case(db: Database, settings: DepthSettings) -> Case:
    """The cache primed on TODAY; ``stored`` runs each a day later than the last."""
    cached_depth(db, TODAY, settings)
    key = db.execute("SELECT key FROM depth_cache_key WHERE id = 1").fetchone()[0]
    tomorrow = TODAY + timedelta(days=1)

    def step(_: int) -> object:
        done = advance(db, tomorrow, settings, 1, key, lambda ids: _gather(db, tomorrow, ids))
        assert done is not None, "the new day fell back to a full rescore"
        return done

    return {
        "sums": lambda _: score_everyone(db, tomorrow, settings),
        "step": step,
        "stored": lambda run: cached_depth(db, TODAY + timedelta(days=run + 1), settings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--case", choices=("full", "new-day"), default="full")
    args = parser.parse_args()
    settings = DepthSettings()
    with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parent / ".cache") as folder:
        journal = Path(folder) / "rescore.db"
        shutil.copyfile(build_large(), journal)  # migrated and written: never the shared file
        db = open_db(journal)
        case = (full_case if args.case == "full" else new_day_case)(db, settings)
        timings: dict[str, list[float]] = {name: [] for name in case}
        for run in range(args.runs):
            for name, score in case.items():
                started = time.perf_counter()
                score(run)
                timings[name].append(time.perf_counter() - started)
        db.close()
    for name, values in timings.items():
        print(
            f"{args.case}  {name:9} median {statistics.median(values) * 1000:.0f} ms,"
            f" p95 {_p95(values) * 1000:.0f} ms"
        )
    first = next(iter(timings))
    for name in list(timings)[1:]:
        ratio = statistics.median(timings[name]) / statistics.median(timings[first])
        print(f"{args.case}  {name} / {first}: {ratio:.2f}")


if __name__ == "__main__":
    main()
