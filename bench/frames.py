"""Issue 14's figures, each timed to the rendered frame that shows the data, in one table.

    python bench/frames.py [--quick] [--people 10000|150|50000] [--runs N] [--logs N] [--samples N]

1-2. Start: a fresh `netdash` process in a real pseudo-terminal (120x40), timed from launch to
   the output that shows the numbers ("People in your journal"), then to the output that shows
   every panel filled (layers "Inner 5", a reach-out line or "Nobody is overdue", both charts'
   legends), its peak memory (VmHWM) read then, and killed; its baseline is a bare Textual app
   (Header, Static, Footer) launched, detected ("Hello" on the screen), measured and killed the
   same way, so neither pays the interpreter's teardown. Kinds are interleaved round by round:
   the bare app; netdash with scores cached, page cache warm; the same on a copy whose pages were
   dropped from the page cache (posix_fadvise, this file only: dropping every cache needs root
   and would slow the machine's other users); netdash with scores invalid (an entry logged into
   its copy by `netdash log` before each launch, as a write does).
3. The CLI after a write (bench/cli_after_write.py): `stats --json`, `reach-out`, `people show`
   ÷ `python -c "import sqlite_utils"`, scores invalid and cached, interleaved, launch to exit.
4-6. In one app under Pilot on a copy of the journal, a frame is the compositor's update handed to
   the display (App._display with a renderable, not inside a batch) and turned into its terminal
   sequence (to_terminal: what _display does before driver.write, skipped by the headless
   driver); a figure stops at the first such frame whose widgets show what is measured: Enter in
   the log form → the new row in the dashboard's "Latest" table (the form gone); the same for
   eight entries back to back (each timed from its own Enter); after a write until the layers and
   reach-out were shown with scores that include the new person; then, ``--samples`` of each,
   alternating which goes first: Journal End on every entry until the table's cursor is on the
   last row with it scrolled into view, and `v` until the built review is shown. The longest the
   UI did not answer meanwhile is the largest lateness of a 20 ms timer.
Bytecode is compiled first. Medians and inclusive p95s; ratios are of medians. 50,000 people is
`netdash demo --scale huge` (bench/.cache/huge.db, built on first use).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cli_after_write import bench_cli, cli_rows
from harness import (
    Row,
    Terminal,
    cold_copy,
    compile_bytecode,
    evict,
    interleave,
    table,
    to_terminal,
)

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-26"
LAUNCH_TIMEOUT = 30.0
BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

Bare().run()
"""
FIRST = {"first": r"People in your journal"}
FILLED = {
    **FIRST,
    "layers": r"Inner 5",
    "reach-out": r"\d+ days? past a|Nobody is overdue",
    "layer chart": r" 5: [\d,]+→",
    "follower chart": r"[a-z]+: [\d,]+→[\d,]+",
}


SCALES = {150: "normal", 10_000: "large", 50_000: "huge"}


def journal(people: int) -> Path:
    """The demo journal of ``people`` (10,000: the large one bench/core_loop.py builds; 50,000:
    ``--scale huge``, the same proportions), built once into bench/.cache and reused."""
    scale = SCALES[people]
    path = HERE / ".cache" / f"{scale}.db"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        print(f"building the {scale} demo journal once...", flush=True)
        started = time.perf_counter()
        netdash("demo", "--scale", scale, "--build-only", "--path", str(path))
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def netdash(*args: str) -> None:
    env = {**os.environ, "NETDASH_TODAY": TODAY}
    command = [sys.executable, "-m", "netdash", *args]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)


def launch(kind: str, path: Path) -> dict[str, float]:
    os.environ["NETDASH_TODAY"] = TODAY
    if kind == "bare":
        terminal = Terminal([sys.executable, "-c", BARE_APP])
        patterns = {"first": r"Hello"}
    else:
        terminal = Terminal([sys.executable, "-m", "netdash", "--db", str(path)])
        patterns = FILLED
    try:
        marks = terminal.wait_for(patterns, LAUNCH_TIMEOUT)
        marks["peak MB"] = terminal.peak_rss()  # at the last frame waited for, before the kill
        return marks
    finally:
        terminal.kill()


def bench_start(source: Path, runs: int, scratch: Path) -> dict[str, list[dict[str, float]]]:
    warm, cold, invalid = scratch / "warm.db", scratch / "cold.db", scratch / "invalid.db"
    shutil.copyfile(source, warm)
    shutil.copyfile(source, invalid)
    launch("netdash", warm)  # scores cached for today, pages warm for every kind
    launch("bare", warm)
    kinds = ["bare", "cached", "cached-cold", "invalid"]
    results: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    for number, kind in enumerate(interleave(kinds, runs)):
        path = warm
        if kind == "cached-cold":
            cold_copy(warm, cold)
            path = cold
        elif kind == "invalid":
            netdash("--db", str(invalid), "log", f"today: coffee with Bench Start {number}")
            path = invalid
        results[kind].append(launch(kind, path))
        print(f"  {kind}: {results[kind][-1]}", flush=True)
    return results


class Frames:
    """Times of the frames the compositor hands to the display, checked against waiters."""

    def __init__(self, app: Any) -> None:
        self.waiters: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        self.stall = 0.0
        self.measured = math.nan  # the last figure journal_end or review took
        display = app._display

        def hooked(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is None or app._batch_count:  # nothing reaches the terminal
                return
            if app.is_headless:
                to_terminal(app, renderable)
            now = time.perf_counter()
            for check, future in list(self.waiters):
                if not future.done() and check():
                    future.set_result(now)
                    self.waiters.remove((check, future))

        app._display = hooked

    async def until(self, check: Callable[[], bool], timeout: float = LAUNCH_TIMEOUT) -> float:
        """Seconds (perf_counter) of the first frame after which ``check()`` holds; NaN if none
        came within ``timeout``."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiters.append((check, future))
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return float("nan")

    def tick_from(self, app: Any) -> None:
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            self.stall = max(self.stall, now - last[0] - 0.02)
            last[0] = now

        app.set_interval(0.02, tick)


def recent_shows(app: Any, name: str) -> bool:
    from textual.widgets import DataTable

    from netdash.tui.screens.dashboard import DashboardScreen

    if not isinstance(app.screen, DashboardScreen):
        return False
    recent = app.screen.query_one("#recent-table", DataTable)
    rows = (recent.get_row_at(index) for index in range(min(recent.row_count, 12)))
    return any(name in " ".join(str(cell) for cell in row) for row in rows)


async def bench_in_app(
    source: Path, logs: int, scratch: Path, samples: int
) -> dict[str, list[float]]:  # long: one scripted session
    from textual.widgets import Input

    from netdash.store.db import open_db
    from netdash.tui.app import NetdashApp
    from netdash.tui.screens.dashboard import DashboardScreen
    from netdash.tui.screens.log_form import LogForm

    copy = scratch / "session.db"
    shutil.copyfile(source, copy)
    db = open_db(copy)
    app = NetdashApp(db, db_path=copy, watch_interval=1.0)
    out: dict[str, list[float]] = {"log": [], "burst": [], "depth": [], "end": [], "review": []}
    shown: dict[str, Any] = {}
    show_depth = DashboardScreen.show_depth

    def noted(self: DashboardScreen) -> None:
        show_depth(self)
        shown["depths"] = self.app.depths  # type: ignore[attr-defined]

    DashboardScreen.show_depth = noted  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        frames = Frames(app)
        await frames.until(lambda: app.depths is not None and shown.get("depths") is app.depths)
        for index in range(logs):
            name = f"Bench Person {index}"
            await pilot.press("n", *name)
            await pilot.pause()
            before = len(app.depths or {})
            started = time.perf_counter()
            row = asyncio.ensure_future(frames.until(lambda n=name: recent_shows(app, n)))
            depth = asyncio.ensure_future(
                frames.until(
                    lambda b=before: len(app.depths or {}) > b and shown.get("depths") is app.depths
                )
            )
            await pilot.press("enter")
            out["log"].append(await row - started)
            out["depth"].append(await depth - started)
            print(
                f"  entry {index}: {out['log'][-1]:.3f} s, layers {out['depth'][-1]:.3f} s",
                flush=True,
            )
        await pilot.pause(1.5)
        enters: dict[str, float] = {}  # by the name typed, so each entry meets its own frame
        save = LogForm.action_save

        def timed(self: LogForm) -> None:
            enters.setdefault(self.query_one("#who", Input).value, time.perf_counter())
            save(self)

        LogForm.action_save = timed  # type: ignore[method-assign]
        names = [f"Bench Burst {index}" for index in range(8)]
        waits = [
            asyncio.ensure_future(frames.until(lambda n=n: recent_shows(app, n))) for n in names
        ]
        for name in names:
            await pilot.press("n", *name, "enter")
        for name, wait in zip(names, waits, strict=True):  # an Enter never saved: missed
            framed = await wait  # not `shown`: the show_depth hook above still writes to that
            out["burst"].append(framed - enters[name] if name in enters else math.nan)
        LogForm.action_save = save  # type: ignore[method-assign]
        await pilot.pause(2.0)
        frames.tick_from(app)
        await journal_and_review(app, pilot, frames, out, samples)
    DashboardScreen.show_depth = show_depth  # type: ignore[method-assign]
    db.close()
    return out


async def journal_and_review(
    app: Any, pilot: Any, frames: Frames, out: dict[str, list[float]], samples: int
) -> None:
    """Journal End and the review, ``samples`` of each, alternating which goes first each round
    (bench/harness.py's interleave), each with the longest the UI did not answer meanwhile. Each
    End is on a new Journal screen (the mode removed and added again), as the first End of a
    session is: a second End on the same screen finds every row already read."""
    for key in ("end", "end stall", "review", "review stall"):
        out[key] = []
    for kind in interleave(["end", "review"], samples):
        await pilot.pause(0.5)
        await (journal_end(app, pilot, frames) if kind == "end" else review(app, pilot, frames))
        out[kind].append(frames.measured)
        out[f"{kind} stall"].append(frames.stall)
        print(f"  {kind}: {frames.measured:.3f} s, stalled {frames.stall:.3f} s", flush=True)
        if kind == "review":
            await pilot.press("escape")
        else:  # a new Journal screen each time: the old one holds every row read
            await app.switch_mode("dashboard")
            await pilot.pause(0.2)
            factory = app._modes["journal"]
            await app.remove_mode("journal")
            app.add_mode("journal", factory)


async def journal_end(app: Any, pilot: Any, frames: Frames) -> None:
    """Open the Journal (untimed), then time End until the last row is on screen."""
    from textual.widgets import DataTable

    def journal_table() -> Any:
        tables = [t for t in app.screen.query(DataTable) if t.id == "journal-table"]
        return tables[0] if tables else None

    def at_end() -> bool:
        table = journal_table()
        if table is None:
            return False
        total = getattr(table, "total", table.row_count)
        # a windowed table's cursor row counts within its window; `position` is in the list
        position = getattr(table, "position", table.cursor_row)
        return (
            table.row_count > 0
            and position is not None
            and position >= max(table.row_count, total) - 1
            and table.scroll_y >= table.max_scroll_y
        )

    await pilot.press("j")
    await frames.until(lambda: (table := journal_table()) is not None and table.row_count > 0)
    await pilot.pause(0.5)
    frames.stall = 0.0
    started = time.perf_counter()
    end = asyncio.ensure_future(frames.until(at_end))
    await pilot.press("end")
    frames.measured = await end - started


async def review(app: Any, pilot: Any, frames: Frames) -> None:
    """`v` until the frame that shows the built review (its screen's ``source`` set: before,
    the screen shows "Building the year in review…")."""

    def review_shown() -> bool:
        screen = app.screen
        return "Review" in type(screen).__name__ and bool(getattr(screen, "source", ""))

    frames.stall = 0.0
    started = time.perf_counter()
    shown = asyncio.ensure_future(frames.until(review_shown))
    await pilot.press("v")
    frames.measured = await shown - started


def rows(start: dict[str, list[dict[str, float]]], app: dict[str, list[float]]) -> list[Row]:
    bare = [marks["first"] for marks in start["bare"] if "first" in marks]

    # a frame that never came counts as infinitely late: dropped, a missed launch or entry
    # would leave the rest to pass the row
    def times(kind: str, mark: str) -> list[float]:
        if mark == "filled":
            return [
                max(m[name] for name in FILLED) if FILLED.keys() <= m.keys() else math.inf
                for m in start[kind]
            ]
        return [m.get(mark, math.inf) for m in start[kind]]

    bare_peak = [marks["peak MB"] for marks in start["bare"]]

    finite = {key: [v if v == v else math.inf for v in values] for key, values in app.items()}
    return [
        Row(
            "first frame ÷ bare app, scores cached, warm",
            times("cached", "first"),
            bare,
            1.3,
            "≤ 1.3x",
        ),
        Row(
            "first frame ÷ bare app, scores cached, cold file",
            times("cached-cold", "first"),
            bare,
            1.3,
            "≤ 1.3x",
        ),
        Row(
            "every panel filled ÷ bare app, scores cached, warm",
            times("cached", "filled"),
            bare,
            1.6,
            "≤ 1.6x",
        ),
        Row(
            "every panel filled ÷ bare app, scores cached, cold file",
            times("cached-cold", "filled"),
            bare,
            1.6,
            "≤ 1.6x",
        ),
        Row(
            "every panel filled ÷ bare app, scores invalid",
            times("invalid", "filled"),
            bare,
            1.8,
            "≤ 1.8x",
        ),
        Row(
            "peak memory at start ÷ bare app, scores cached",
            times("cached", "peak MB"),
            bare_peak,
            1.5,
            "≤ 1.5x",
            unit="MB",
        ),
        Row(
            "peak memory at start ÷ bare app, scores invalid",
            times("invalid", "peak MB"),
            bare_peak,
            2.0,
            "≤ 2x",
            unit="MB",
        ),
        Row(
            "Enter → row committed → dashboard frame with it",
            finite["log"],
            (),
            0.060,
            "median < 30 ms, p95 < 60 ms",
            "p95",
        ),
        Row(
            "eight entries back to back, each Enter → its frame",
            finite["burst"],
            (),
            0.060,
            "every one < 60 ms",
            "max",
        ),
        Row(
            "after a write, until layers and reach-out reflect it",
            finite["depth"],
            (),
            0.100,
            "< 100 ms",
            "p95",
        ),
        Row(
            "Journal: End on every entry, until the last row is on screen",
            finite["end"],
            (),
            0.300,
            "< 300 ms (p95)",
            "p95",
        ),
        Row(
            "… longest the UI did not answer meanwhile",
            finite["end stall"],
            (),
            0.050,
            "never frozen (< 50 ms)",
            "max",
        ),
        Row(
            "year in review (v), until the built review is shown",
            finite["review"],
            (),
            0.500,
            "< 500 ms (p95)",
            "p95",
        ),
        Row(
            "… longest the UI did not answer meanwhile",
            finite["review stall"],
            (),
            0.050,
            "never frozen (< 50 ms)",
            "max",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions (5 launches, 20 logs)"
    )
    parser.add_argument("--people", type=int, default=10_000, choices=sorted(SCALES))
    parser.add_argument("--runs", type=int, help="launches of each kind (default 11; quick 5)")
    parser.add_argument("--logs", type=int, help="entries logged one by one (default 40; quick 20)")
    parser.add_argument("--samples", type=int, help="Journal Ends and reviews (default 7; quick 3)")
    args = parser.parse_args()
    runs = args.runs or (5 if args.quick else 11)
    logs = args.logs or (20 if args.quick else 40)
    samples = args.samples or (3 if args.quick else 7)
    os.environ["NETDASH_TODAY"] = TODAY
    compile_bytecode()
    source = journal(args.people)
    with tempfile.TemporaryDirectory(dir=HERE / ".cache") as folder:
        scratch = Path(folder)
        print(f"start: {runs} interleaved launches of each kind...", flush=True)
        start = bench_start(source, runs, scratch)
        print(f"the CLI after a write: {runs} interleaved runs of each kind...", flush=True)
        cli = bench_cli(source, runs, scratch)
        print(f"in the app: {logs} entries, a burst of 8, Journal End, review...", flush=True)
        in_app = asyncio.run(bench_in_app(source, logs, scratch, samples))
        evict(scratch / "cold.db")
    print(f"\n{args.people:,} people, page cache warm unless said; {os.cpu_count()} cores\n")
    print(table([*rows(start, in_app), *cli_rows(cli)]))


if __name__ == "__main__":
    main()
