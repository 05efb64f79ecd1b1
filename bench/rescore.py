"""Benchmark the full rescore on the large journal, and the new day that ages stored sums.

    python bench/rescore.py [--runs 9] [--case full|new-day|split] [--people 10000|50000]
    python bench/rescore.py --base OTHER_TREE [--runs 15] [--people 10000|50000] [--cold]
        [--halves auto|on|off ...]

``full`` times, on one warm connection and interleaved, ``compute_depth`` (every interaction
into Python: the full rescore before issue 14's sums) and ``score_all`` (the full rescore
``cached_depth`` runs when it has no sums to age). ``new-day`` times, on a copy of the journal
whose cache holds a day's scores and sums, ``score_all`` against ``advance`` (those sums
aged by a day, the people whose entries crossed a boundary read again; not stored) and against
``cached_depth`` on the next day (the same, plus storing everyone's rows; each run a day
later). ``split`` gives, on a loaded machine where two threads only take turns, what the
two halves would take on two idle cores: each thread's own CPU time (the critical path: the
longer of this thread until it waits and the other thread, then this thread after), against
one pass's CPU time, in the same loop; an estimate, printed as such.

``--base`` times ``score_all`` of this tree against another's (a tree with ``src/``: a ``git
worktree`` or ``git archive`` of an older commit), each in a process of its own kept warm on
its own upgraded copy, the two asked in turn; ``--cold`` drops each copy's pages from the OS
page cache before every run (a first start's rescore), and ``--halves`` makes this tree's
rescore sum the people in two halves on two cores (``on``), in one pass (``off``) or as it
chooses by the load (``auto``, what netdash does); several choices each get a worker of this
tree, all in the same loop. Each figure is the wall time (what the user waits for) and the
worker's CPU time beside it (two threads can lower the one and raise the other). All print
medians, p95 and the ratio of medians, and the load before and after: the machine is shared,
so only a ratio from the same loop means much.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench.frames, for 50,000

from core_loop import build_large
from harness import compile_bytecode, evict, interleave, median, p95, tree_copy, tree_env
from sqlite_utils import Database

from netdash.domain.scoring import DepthSettings
from netdash.store.db import open_db
from netdash.store.depth import _gather, cached_depth, compute_depth
from netdash.store.depth_step import advance
from netdash.store.depth_sums import score_all

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 26)
Case = dict[str, Callable[[int], object]]


WORKER = """
import inspect, sys, time
from datetime import date
from netdash.domain.scoring import DepthSettings
from netdash.store.db import open_db
from netdash.store.depth_sums import score_all
db, settings, today = open_db(sys.argv[1]), DepthSettings(), date.fromisoformat(sys.argv[2])
how = {"on": {"halves": True}, "off": {"halves": False}}.get(sys.argv[3], {})
if "halves" not in inspect.signature(score_all).parameters:
    how = {}  # a tree from before the halves: its one pass
score_all(db, today, settings, **how)  # warm: the modules imported, the pages read once
for _ in sys.stdin:
    started, cpu = time.perf_counter(), time.process_time()  # CPU of every thread
    score_all(db, today, settings, **how)
    print(time.perf_counter() - started, time.process_time() - cpu, flush=True)
"""


def source(people: int) -> Path:
    """The benchmark journal of ``people`` (50,000: bench/frames.py builds it once)."""
    if people == 10_000:
        return Path(build_large())
    from bench.frames import journal

    return Path(journal(people))


def against_base(
    base: Path, people: int, runs: int, cold: bool = False, halves: tuple[str, ...] = ("auto",)
) -> dict[str, list[float]]:
    """``score_all`` of ``base`` and of this tree, each warm in its own process on a copy its
    own migrations upgraded, asked in turn (the order rotated each round): the wall time, and
    the process's CPU time, which other people's load on a shared machine disturbs less.
    ``cold``: each copy's pages dropped from the OS page cache before each of its runs (its
    SQLite cache, 2 MB, holds next to nothing of the 268,000 pairs); each of ``halves`` is
    passed to a worker of this tree's."""
    trees = {"base": (base / "src", "auto")}
    for choice in halves:
        trees["this" if len(halves) == 1 else f"this-{choice}"] = (HERE.parent / "src", choice)
    timings: dict[str, list[float]] = {
        f"{name}{kind}": [] for kind in ("", " cpu") for name in trees
    }
    with tempfile.TemporaryDirectory(dir=HERE / ".cache") as folder:
        workers, copies = {}, {}
        for name, (src, choice) in trees.items():
            compile_bytecode(src)
            copies[name] = copy = tree_copy(source(people), src, Path(folder) / f"{name}.db")
            workers[name] = subprocess.Popen(
                [sys.executable, "-c", WORKER, str(copy), TODAY.isoformat(), choice],
                env=tree_env(src),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        try:
            for name in interleave(list(trees), runs):
                worker = workers[name]
                assert worker.stdin is not None and worker.stdout is not None
                if cold:
                    evict(copies[name])
                worker.stdin.write("go\n")
                worker.stdin.flush()
                wall, cpu = worker.stdout.readline().split()
                timings[name].append(float(wall))
                timings[f"{name} cpu"].append(float(cpu))
        finally:
            for worker in workers.values():
                worker.kill()
                worker.wait()
    return timings


def full_case(db: Database, settings: DepthSettings) -> Case:
    return {
        "reference": lambda _: compute_depth(db, TODAY, settings),
        "sums": lambda _: score_all(db, TODAY, settings),
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
        "sums": lambda _: score_all(db, tomorrow, settings),
        "step": step,
        "stored": lambda run: cached_depth(db, TODAY + timedelta(days=run + 1), settings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--case", choices=("full", "new-day", "split"), default="full")
    parser.add_argument("--people", type=int, choices=(10_000, 50_000), default=10_000)
    parser.add_argument("--base", type=Path, help="another tree: its score_all against this")
    parser.add_argument("--cold", action="store_true", help="with --base: OS page cache dropped")
    parser.add_argument("--halves", choices=("auto", "on", "off"), nargs="+", default=["auto"])
    args = parser.parse_args()
    print(f"load before: {' '.join(f'{n:.2f}' for n in os.getloadavg())}", flush=True)
    if args.base is not None:
        timings = against_base(
            args.base.resolve(), args.people, args.runs, args.cold, tuple(args.halves)
        )
        label = f"{args.people} full {'cold' if args.cold else 'warm'}"
    elif args.case == "split":
        timings = split_paths(args.people, args.runs)
        label = f"{args.people} split (CPU per thread: an estimate of two idle cores)"
    else:
        timings = in_process(args.case, args.people, args.runs)
        label = args.case
    for name, values in timings.items():
        print(
            f"{label}  {name:13} median {median(values) * 1000:.0f} ms,"
            f" p95 {p95(values) * 1000:.0f} ms"
        )
    first = next(iter(timings))
    for name in list(timings)[1:]:
        base = f"{first} cpu" if name.endswith(" cpu") else first
        if name != base:
            ratio = median(timings[name]) / median(timings[base])
            print(f"{label}  {name} / {base}: {ratio:.2f}")
    print(f"load after: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")


def in_process(case_name: str, people: int, runs: int) -> dict[str, list[float]]:
    """The cases of one tree (this one) on one warm connection, interleaved."""
    settings = DepthSettings()
    with tempfile.TemporaryDirectory(dir=HERE / ".cache") as folder:
        journal = Path(folder) / "rescore.db"
        shutil.copyfile(source(people), journal)  # migrated and written: never the shared file
        db = open_db(journal)
        case = (full_case if case_name == "full" else new_day_case)(db, settings)
        timings: dict[str, list[float]] = {name: [] for name in case}
        for run in range(runs):
            for name, score in case.items():
                started = time.perf_counter()
                score(run)
                timings[name].append(time.perf_counter() - started)
        db.close()
    return timings


def split_paths(people: int, runs: int) -> dict[str, list[float]]:
    """One pass's CPU time and, for the two halves, each thread's (see the module's doc),
    interleaved on one warm connection of this tree."""
    import threading

    from netdash.store import depth_sums

    settings = DepthSettings()
    marks: dict[str, float] = {}
    odd, join = depth_sums._sum_odd, threading.Thread.join

    def timed_odd(*args: Any) -> None:
        started = time.thread_time()
        odd(*args)
        marks["other"] = time.thread_time() - started

    def timed_join(thread: threading.Thread, timeout: float | None = None) -> None:
        marks["waits"] = time.thread_time() - marks["start"]
        join(thread, timeout)

    timings: dict[str, list[float]] = {
        name: [] for name in ("one pass cpu", "critical path", "this thread", "other thread")
    }
    with tempfile.TemporaryDirectory(dir=HERE / ".cache") as folder:
        journal = Path(folder) / "rescore.db"
        shutil.copyfile(source(people), journal)
        db = open_db(journal)
        score_all(db, TODAY, settings)  # warm
        depth_sums._sum_odd = timed_odd  # type: ignore[assignment]
        threading.Thread.join = timed_join  # type: ignore[method-assign,assignment]
        try:
            for run in range(runs):
                for split in (run % 2 == 0, run % 2 == 1):
                    marks.clear()
                    marks["start"] = started = time.thread_time()
                    score_all(db, TODAY, settings, halves=split)
                    mine = time.thread_time() - started
                    if not split:
                        timings["one pass cpu"].append(mine)
                        continue
                    after = mine - marks["waits"]
                    critical = max(marks["waits"], marks["other"]) + after
                    timings["critical path"].append(critical)
                    timings["this thread"].append(mine)
                    timings["other thread"].append(marks["other"])
        finally:
            depth_sums._sum_odd, threading.Thread.join = odd, join  # type: ignore[method-assign]
        db.close()
    return timings


if __name__ == "__main__":
    main()
