"""The in-app figures of bench/frames.py: one scripted session under Pilot on a copy of the
journal, each figure stopped at the first frame whose widgets show what is measured.

A frame is the compositor's update handed to the display (App._display with a renderable, not
inside a batch) and turned into its terminal sequence (to_terminal: what _display does before
driver.write, which the headless driver skips). Run by the netdash on sys.path: frames.py runs
another tree's session in a process of its own.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.harness import interleave, settled_copy, to_terminal

LAUNCH_TIMEOUT = 30.0
HISTORY_TIMEOUT = 120.0
APP_CASES = ("enter", "burst", "layers", "end", "review")


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
    source: Path, logs: int, scratch: Path, samples: int, cases: Sequence[str] = APP_CASES
) -> dict[str, list[float]]:
    """One scripted session on a copy of ``source``: the rows of ``cases`` among APP_CASES."""
    from netdash.store.db import open_db
    from netdash.tui.app import NetdashApp
    from netdash.tui.screens.dashboard import DashboardScreen

    copy = settled_copy(source, scratch / "session.db")
    db = open_db(copy)
    app = NetdashApp(db, db_path=copy, watch_interval=1.0)
    out: dict[str, list[float]] = {"log": [], "burst": [], "depth": []}
    shown: dict[str, Any] = {}
    show_depth, show_history = DashboardScreen.show_depth, DashboardScreen._show_history

    def noted(self: DashboardScreen) -> None:
        show_depth(self)
        shown["depths"] = self.app.depths  # type: ignore[attr-defined]

    def charted(self: DashboardScreen, history: Any) -> None:
        show_history(self, history)
        shown["history"] = time.perf_counter()

    DashboardScreen.show_depth = noted  # type: ignore[method-assign]
    DashboardScreen._show_history = charted  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            frames = Frames(app)
            await frames.until(lambda: app.depths is not None and shown.get("depths") is app.depths)
            if {"enter", "layers"} & set(cases):
                await one_by_one(app, pilot, frames, out, shown, logs)
                await pilot.pause(1.5)
            if "burst" in cases:
                await burst(app, pilot, frames, out)
                await pilot.pause(2.0)
            await settled(pilot, shown)
            frames.tick_from(app)
            kinds = [kind for kind in ("end", "review") if kind in cases]
            await journal_and_review(app, pilot, frames, out, samples, kinds)
    finally:
        DashboardScreen.show_depth = show_depth  # type: ignore[method-assign]
        DashboardScreen._show_history = show_history  # type: ignore[method-assign]
        db.close()
    return out


async def settled(pilot: Any, shown: dict[str, Any]) -> None:
    """Wait for the dashboard's charts: a copy of the master has no layer history kept, and its
    start rebuilds 24 months of it (14 s of a worker's Python on the large journal), which the
    End and review samples of a session with no entries before them otherwise ran beside."""
    started = time.perf_counter()
    while "history" not in shown and time.perf_counter() - started < HISTORY_TIMEOUT:
        await pilot.pause(0.1)
    waited = time.perf_counter() - started
    print(f"  the dashboard's charts were filled after {waited:.1f} s more", flush=True)


async def one_by_one(
    app: Any,
    pilot: Any,
    frames: Frames,
    out: dict[str, list[float]],
    shown: dict[str, Any],
    logs: int,
) -> None:
    """``logs`` entries, each naming a new person, one at a time: from the Enter that saves the
    form to the first frame with the entry in "Latest" (the form gone, so the row is
    committed and read back), and to the first frame after the layers and reach-out were shown
    from scores that include the new person (the dashboard's show_depth, hooked in ``shown``)."""
    for index in range(logs):
        name = f"Bench Person {index}"
        await pilot.press("n", *name)
        await pilot.pause()
        before = len(app.depths or {})

        def scored(b: int = before) -> bool:
            return len(app.depths or {}) > b and shown.get("depths") is app.depths

        def listed(n: str = name) -> bool:
            return recent_shows(app, n)

        started = time.perf_counter()
        row = asyncio.ensure_future(frames.until(listed))
        depth = asyncio.ensure_future(frames.until(scored))
        await pilot.press("enter")
        out["log"].append(await row - started)
        out["depth"].append(await depth - started)
        print(
            f"  entry {index}: {out['log'][-1]:.3f} s, layers {out['depth'][-1]:.3f} s", flush=True
        )


async def burst(app: Any, pilot: Any, frames: Frames, out: dict[str, list[float]]) -> None:
    """Eight entries typed back to back, each timed from its own Enter (the form's save, found
    by the name typed) to the first frame with it in "Latest"; an Enter never saved is missed."""
    from textual.widgets import Input

    from netdash.tui.screens.log_form import LogForm

    enters: dict[str, float] = {}
    save = LogForm.action_save

    def timed(self: LogForm) -> None:
        enters.setdefault(self.query_one("#who", Input).value, time.perf_counter())
        save(self)

    LogForm.action_save = timed  # type: ignore[method-assign,assignment]
    try:
        names = [f"Bench Burst {index}" for index in range(8)]

        def listed(n: str) -> Callable[[], bool]:
            return lambda: recent_shows(app, n)

        waits = [asyncio.ensure_future(frames.until(listed(n))) for n in names]
        for name in names:
            await pilot.press("n", *name, "enter")
        for name, wait in zip(names, waits, strict=True):
            framed = await wait
            out["burst"].append(framed - enters[name] if name in enters else math.nan)
            saved = "saved" if name in enters else "never saved"
            print(f"  {name}: {out['burst'][-1]:.3f} s ({saved}; nan: no frame within the time)")
    finally:
        LogForm.action_save = save  # type: ignore[method-assign]


async def journal_and_review(
    app: Any,
    pilot: Any,
    frames: Frames,
    out: dict[str, list[float]],
    samples: int,
    kinds: Sequence[str] = ("end", "review"),
) -> None:
    """Journal End and the review, ``samples`` of each, alternating which goes first each round
    (bench/harness.py's interleave), each with the longest the UI did not answer meanwhile. Each
    End is on a new Journal screen (the mode removed and added again), as the first End of a
    session is: a second End on the same screen finds every row already read."""
    for key in ("end", "end stall", "review", "review stall"):
        out[key] = []
    for kind in interleave(kinds, samples) if kinds else ():
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
