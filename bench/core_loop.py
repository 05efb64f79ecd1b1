"""Benchmark the core loop on the large journal, against baselines measured in the same run.

    python bench/core_loop.py [--runs 9] [--logs 30]

1. Startup: wall time for `netdash` to start, paint the dashboard of the large journal and exit,
   divided by the same for a bare Textual app (Header, a Static, Footer). Both run as fresh
   processes, headless, exiting right after their first paint, --runs each, interleaved so
   machine noise hits both alike. The headline ratio compares the fastest run of each (noise
   only ever adds time); the median ratio and the CPU-time ratio are printed beside it.
   Target: at most 1.3.
2. Logging: time from Enter in the log form to the row committed and the dashboard beneath
   refreshed, over --logs entries. Target: under 50 ms (judged on the 95th percentile; the
   maximum is printed too, as a garbage-collection pause can land in any one entry).
3. Lists: time to open the People and Journal screens on the large journal (page-loaded).

The large journal (10,000 people, 200,000 interactions, 2,000 contributions, 1,000 outcomes,
6 accounts with 5 years of daily counts, 1,000,000 follower accounts) is built once into
bench/.cache/ with `netdash demo --scale large` and reused.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
LARGE = CACHE / "large.db"

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True)
"""

NETDASH_APP = """
import sys
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen

loaded = DashboardScreen.on_mount
def on_mount(self):
    loaded(self)  # the dashboard's numbers are read here, before the first paint
    self.call_after_refresh(self.app.exit)
DashboardScreen.on_mount = on_mount
run = NetdashApp.run
NetdashApp.run = lambda self, **options: run(self, headless=True)

from netdash.cli import main
sys.argv = ["netdash", "--db", sys.argv[1]]
main()
"""


def build_large() -> Path:
    if not LARGE.exists():
        CACHE.mkdir(exist_ok=True)
        print("building the large journal once (about 15 s)...", flush=True)
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "netdash",
                "demo",
                "--scale",
                "large",
                "--build-only",
                "--path",
                str(LARGE),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"  built in {time.perf_counter() - started:.1f} s")
    return LARGE


def time_process(code: str, *args: str) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one fresh process."""
    env = {**os.environ, "NETDASH_TODAY": "2026-11-26"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def bench_startup(journal: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    time_process(BARE_APP)  # warm the file cache for both
    time_process(NETDASH_APP, str(journal))
    times: dict[str, list[tuple[float, float]]] = {"bare": [], "netdash": []}
    for _ in range(runs):
        times["bare"].append(time_process(BARE_APP))
        times["netdash"].append(time_process(NETDASH_APP, str(journal)))
    return times


async def bench_logging(journal: Path, logs: int) -> tuple[list[float], float, float]:
    from netdash.store.db import open_db
    from netdash.tui.app import NetdashApp
    from netdash.tui.screens.dashboard import DashboardScreen
    from netdash.tui.screens.log_form import LogForm

    marks: dict[str, float] = {}
    save, reload = LogForm.action_save, DashboardScreen.reload

    def timed_save(self: LogForm) -> None:
        marks["enter"] = time.perf_counter()
        save(self)

    def timed_reload(self: DashboardScreen) -> None:
        reload(self)
        marks["refreshed"] = time.perf_counter()

    LogForm.action_save = timed_save  # type: ignore[method-assign,assignment]
    DashboardScreen.reload = timed_reload  # type: ignore[method-assign]
    db = open_db(journal)
    latencies = []
    app = NetdashApp(db, db_path=journal, watch_interval=0)  # scores rescored in a worker
    async with app.run_test(size=(120, 40)) as pilot:
        for index in range(logs):
            await pilot.press("n", *f"Bench Person {index}")
            await pilot.pause()
            marks.clear()
            await pilot.press("enter")
            await pilot.pause()
            assert "refreshed" in marks, "the dashboard did not refresh"
            latencies.append(marks["refreshed"] - marks["enter"])
        started = time.perf_counter()
        await pilot.press("p")
        await pilot.pause()
        people = time.perf_counter() - started
        started = time.perf_counter()
        await pilot.press("j")
        await pilot.pause()
        journal_screen = time.perf_counter() - started
    written = db.execute("SELECT COUNT(*) FROM people WHERE name LIKE 'Bench Person %'")
    assert written.fetchone()[0] == logs
    db.close()
    return latencies, people, journal_screen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="process launches of each app")
    parser.add_argument("--logs", type=int, default=30, help="connections logged")
    args = parser.parse_args()
    os.environ["NETDASH_TODAY"] = "2026-11-26"
    with tempfile.TemporaryDirectory(dir=CACHE) as scratch:
        journal = Path(scratch) / "large.db"  # never large.db itself: opening upgrades it
        shutil.copyfile(build_large(), journal)
        times = bench_startup(journal, args.runs)
    walls = {name: [wall for wall, _ in runs] for name, runs in times.items()}
    cpus = {name: [cpu for _, cpu in runs] for name, runs in times.items()}
    for name, label in (("bare", "bare Textual app "), ("netdash", "netdash dashboard")):
        print(
            f"startup   {label}: fastest {min(walls[name]) * 1000:4.0f} ms,"
            f" median {statistics.median(walls[name]) * 1000:4.0f} ms,"
            f" CPU {statistics.median(cpus[name]) * 1000:4.0f} ms  ({args.runs} runs)"
        )
    ratio = min(walls["netdash"]) / min(walls["bare"])
    median_ratio = statistics.median(walls["netdash"]) / statistics.median(walls["bare"])
    cpu_ratio = statistics.median(cpus["netdash"]) / statistics.median(cpus["bare"])
    print(
        f"startup   ratio: {ratio:.2f} fastest, {median_ratio:.2f} median, {cpu_ratio:.2f} CPU"
        f"  (target <= 1.30)  {'ok' if ratio <= 1.3 else 'OVER'}"
    )

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "large.db"
        shutil.copyfile(build_large(), copy)
        latencies, people, journal_screen = asyncio.run(bench_logging(copy, args.logs))
    median = statistics.median(latencies) * 1000
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    worst = max(latencies) * 1000
    print(
        f"logging   Enter -> committed + dashboard refreshed: median {median:.1f} ms,"
        f" p95 {p95:.1f} ms, max {worst:.1f} ms over {args.logs}"
        f"  (target < 50)  {'ok' if p95 < 50 else 'OVER'}"
    )
    print(
        f"lists     People screen opened in {people * 1000:.0f} ms,"
        f" Journal in {journal_screen * 1000:.0f} ms (incl. a 50 ms screen switch)"
    )


if __name__ == "__main__":
    main()
