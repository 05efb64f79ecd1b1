"""Benchmark the dashboard's depth-over-time on the large journal: first paint, and the history.

    python bench/history.py [--runs 9] [--baseline REV]

1. First paint: wall time from launching `netdash` on the large journal to its first rendered
   dashboard frame, this tree against the tree at REV (default: the commit before issue 12 added
   the charts), each on a large journal its own code built, launches interleaved, bytecode
   compiled first. Medians and p95 of the runs; the ratio is of the medians. Target: not slower.
2. History in the background: in the same launches of this tree, the time until the layer
   history and followers per platform are drawn on the dashboard, with the two-year history
   cold (every kept month dropped, as after importing a journal) and warm (months kept), and the
   longest the interface did not answer meanwhile (the lateness of a 20 ms timer: a build on the
   UI thread would show as a stall as long as the build).

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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TODAY = "2026-11-26"

#: Launched as a fresh process: prints {"paint": s, "history": s, "stall": s} and exits once the
#: history is drawn (or right after the first frame where the tree has no history).
PROBE = """
import json, sys, time
started = time.perf_counter()
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
        [sys.executable, "-c", code, *args], check=True, env=env, capture_output=True, text=True
    )
    return done.stdout


def build_journal(tree: Path, path: Path) -> None:
    """The large demo journal as ``tree``'s code builds it, scores cached by one first start."""
    build = "import sys; from netdash.cli import main; sys.argv[0] = 'netdash'; main()"
    run(tree, build, "demo", "--scale", "large", "--build-only", "--path", str(path))
    run(tree, PROBE, str(path))


def cold_copy(journal: Path, copy: Path) -> None:
    """``journal`` with no kept month, as after an import: SQLite's backup copies the journal
    whole (with what its write-ahead log holds), and the last copy's side files go first."""
    for side in ("", "-wal", "-shm"):
        Path(f"{copy}{side}").unlink(missing_ok=True)
    with sqlite3.connect(journal) as source, sqlite3.connect(copy) as target:
        source.backup(target)
        target.execute("DELETE FROM layer_history")


def probe(tree: Path, journal: Path) -> dict[str, float]:
    marks: dict[str, float] = json.loads(run(tree, PROBE, str(journal)).strip().splitlines()[-1])
    return marks


def summary(values: list[float]) -> str:
    median = statistics.median(values) * 1000
    p95 = statistics.quantiles(values, n=20)[-1] * 1000 if len(values) > 1 else median
    return f"median {median:5.0f} ms, p95 {p95:5.0f} ms"


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
            paint: dict[str, list[float]] = {"before": [], "warm": [], "cold": []}
            history: dict[str, list[float]] = {"warm": [], "cold": []}
            stall: dict[str, list[float]] = {"warm": [], "cold": []}
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
    ratio = statistics.median(paint["warm"]) / statistics.median(paint["before"])
    print(f"first paint ratio (history warm ÷ before): {ratio:.2f}  (target <= 1.00 + noise)")
    for kind in ("warm", "cold"):
        print(
            f"history {kind}: charts drawn after launch: {summary(history[kind])};"
            f" longest stall meanwhile: {summary(stall[kind])}"
        )
    print(f"({args.runs} interleaved launches of each; page cache warm)")


if __name__ == "__main__":
    main()
