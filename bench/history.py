"""Benchmark the dashboard's depth-over-time on the large journal: first paint, and the history.

    python bench/history.py [--runs 9] [--baseline REV]

1. First paint: wall time from the probe's first line, in a fresh process on the large journal
   (before netdash's imports; the interpreter's own start-up is not counted), to the first
   rendered dashboard frame, this tree against the tree at REV (default: the commit before
   issue 12 added the charts), each on a large journal its own code built, launches
   interleaved, bytecode compiled first. Medians and p95 of the runs (p95 by inclusive
   quantiles: interpolated between the runs, never beyond the slowest); the ratio is of the
   medians. Target: not slower.
2. History in the background: in the same launches of this tree, the time until the layer
   history and followers per platform are drawn on the dashboard, with the two-year history
   cold (every kept month dropped, as after importing a journal) and warm (months kept), and the
   longest the interface did not answer meanwhile (the lateness of a 20 ms timer: a build on the
   UI thread would show as a stall as long as the build). A history not drawn within
   HISTORY_WAIT seconds of the first frame is counted as missing and said so; every launch is
   killed after LAUNCH_TIMEOUT seconds, so a broken tree fails the benchmark, never hangs it.

The OS page cache is warm for both trees (each journal is read once before the runs); netdash's
own caches are as a user finds them on a second start of the day (scores cached).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from netdash.store.db import backup, open_db

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TODAY = "2026-11-26"
HISTORY_WAIT = 60
LAUNCH_TIMEOUT = 120

#: Launched as a fresh process: prints {"paint": s, "history": s, "stall": s} and exits once the
#: history is drawn (or right after the first frame where the tree has no history), or with
#: "history": null when it is not drawn within HISTORY_WAIT seconds of the first frame.
PROBE = """
import json, sys, time
started = time.perf_counter()
HISTORY_WAIT = float(sys.argv[2])
from netdash.tui.app import NetdashApp
from netdash.tui.screens import dashboard

marks = {"stall": 0.0}
screen = dashboard.DashboardScreen
loaded = screen.on_mount
def on_mount(self):
    loaded(self)
    def painted():
        marks["paint"] = time.perf_counter() - started
        if not hasattr(screen, "_show_history"):
            self.app.exit()
            return
        last = [time.perf_counter()]
        def tick():
            now = time.perf_counter()
            marks["stall"] = max(marks["stall"], now - last[0] - 0.02)
            last[0] = now
        self.set_interval(0.02, tick)
        def given_up():
            marks["history"] = None
            self.app.exit()
        self.set_timer(HISTORY_WAIT, given_up)
    self.call_after_refresh(painted)
screen.on_mount = on_mount
if hasattr(screen, "_show_history"):
    shown = screen._show_history
    def show_history(self, history):
        shown(self, history)
        def drawn():
            marks["history"] = time.perf_counter() - started
            self.app.exit()
        self.call_after_refresh(drawn)
    screen._show_history = show_history
run = NetdashApp.run
NetdashApp.run = lambda self, **options: run(self, headless=True)
from netdash.cli import main
sys.argv = ["netdash", "--db", sys.argv[1]]
try:
    main()
finally:
    print(json.dumps(marks))
"""


def tree_at(revision: str, scratch: Path) -> Path:
    """A checkout of ``revision`` (its src/ is put first on the path of its launches)."""
    tree = scratch / "baseline"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), revision],
        check=True,
    )
    return tree


def run(tree: Path, code: str, *args: str) -> str:
    env = {**os.environ, "NETDASH_TODAY": TODAY, "PYTHONPATH": str(tree / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        env=env,
        capture_output=True,
        text=True,
        timeout=LAUNCH_TIMEOUT,
    )
    return done.stdout


def build_journal(tree: Path, path: Path) -> None:
    """The large demo journal as ``tree``'s code builds it, scores cached by one first start."""
    build = "import sys; from netdash.cli import main; sys.argv[0] = 'netdash'; main()"
    run(tree, build, "demo", "--scale", "large", "--build-only", "--path", str(path))
    run(tree, PROBE, str(path), str(HISTORY_WAIT))


def cold_copy(journal: Path, copy: Path) -> None:
    """``journal`` with no kept month, as after an import. The copy is netdash's own backup
    (whole, with what the write-ahead log holds; the last copy and its side files replaced).
    Dropping every kept month is the benchmark's set-up, not something netdash does in one
    step (an import drops the months from its first changed day on, by a trigger), so the
    store has no function for it and the one statement is written here."""
    source = open_db(journal)
    try:
        backup(source, copy, replace=True)
    finally:
        source.close()
    with sqlite3.connect(copy) as target:
        target.execute("DELETE FROM layer_history")
    target.close()


def probe(tree: Path, journal: Path) -> dict[str, float | None]:
    output = run(tree, PROBE, str(journal), str(HISTORY_WAIT))
    marks: dict[str, float | None] = json.loads(output.strip().splitlines()[-1])
    return marks


def summary(values: list[float | None]) -> str:
    """Median and p95 in ms. The p95 is by inclusive quantiles: with fewer than 20 runs it is
    interpolated between the slowest two, never extrapolated past the slowest run."""
    measured = [value for value in values if value is not None]
    missing = len(values) - len(measured)
    if not measured:
        return f"never ({missing} of {len(values)} runs)"
    median = statistics.median(measured) * 1000
    p95 = (
        statistics.quantiles(measured, n=20, method="inclusive")[-1] * 1000
        if len(measured) > 1
        else median
    )
    text = f"median {median:5.0f} ms, p95 {p95:5.0f} ms"
    return f"{text}; not drawn in {missing} of {len(values)} runs" if missing else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="launches of each kind")
    parser.add_argument("--baseline", default="23830c9", help="the tree to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        baseline = tree_at(args.baseline, scratch)
        try:
            for tree in (ROOT, baseline):
                subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "src")])
            print("building the large journal with each tree (about a minute)...", flush=True)
            ours, theirs = scratch / "ours.db", scratch / "theirs.db"
            build_journal(ROOT, ours)
            build_journal(baseline, theirs)
            cold = scratch / "cold.db"
            paint: dict[str, list[float | None]] = {"before": [], "warm": [], "cold": []}
            history: dict[str, list[float | None]] = {"warm": [], "cold": []}
            stall: dict[str, list[float | None]] = {"warm": [], "cold": []}
            for _ in range(args.runs):
                paint["before"].append(probe(baseline, theirs)["paint"])
                marks = probe(ROOT, ours)
                paint["warm"].append(marks["paint"])
                history["warm"].append(marks["history"])
                stall["warm"].append(marks["stall"])
                cold_copy(ours, cold)
                marks = probe(ROOT, cold)
                paint["cold"].append(marks["paint"])
                history["cold"].append(marks["history"])
                stall["cold"].append(marks["stall"])
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(baseline)],
                check=False,
            )
    print(f"first paint, before the charts ({args.baseline}): {summary(paint['before'])}")
    for kind in ("warm", "cold"):
        print(f"first paint, with the charts, history {kind}:  {summary(paint[kind])}")
    warm, before = ([v for v in paint[k] if v is not None] for k in ("warm", "before"))
    ratio = statistics.median(warm) / statistics.median(before)
    print(f"first paint ratio (history warm ÷ before): {ratio:.2f}  (target <= 1.00 + noise)")
    for kind in ("warm", "cold"):
        print(
            f"history {kind}: charts drawn after launch: {summary(history[kind])};"
            f" longest stall meanwhile: {summary(stall[kind])}"
        )
    print(f"({args.runs} interleaved launches of each; page cache warm)")


if __name__ == "__main__":
    main()
