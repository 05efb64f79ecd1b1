"""Enter in the log form → the dashboard frame showing the new row, on the large journal.

    python bench/write_path.py [--src DIR ...] [--rounds N] [--logs N] [--trace] [--profile]

Each round runs one process per source tree (``--src``, default this tree's src; give the
code before as an exported tree to compare), in a rotated order, each on its own copy of
bench/.cache/large.db under Pilot, scores cached first. Per process: ``--logs`` entries one
at a time (Enter → first frame handed to the display with the new row in "Latest"; Enter →
first frame after the layers and reach-out were shown with scores that include the new
person), then eight back to back (each from its own Enter to its own row's frame). A frame
is bench/frames.py's: App._display with a renderable, outside a batch. ``--trace`` lists the
SQL the UI thread ran between Enter and the row's frame, with each statement's time;
``--profile`` prints the UI thread's cProfile over the same spans.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import interleave, p95
from bench.in_app import Frames

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-26"


async def session(copy: Path, logs: int, trace: bool, profile: bool) -> dict[str, Any]:
    # long: one scripted session
    import cProfile
    import pstats
    import threading

    from textual.widgets import Input

    import netdash.store.depth as depth_module
    from netdash.store.db import open_db
    from netdash.tui.app import NetdashApp
    from netdash.tui.screens.dashboard import DashboardScreen
    from netdash.tui.screens.log_form import LogForm

    phases: list[tuple[str, float, float]] = []

    def timing(name: str, function: Any) -> Any:
        def timed_call(*args: Any, **kwargs: Any) -> Any:
            begun = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                phases.append((name, begun, time.perf_counter()))

        return timed_call

    for phase in ("cached_depth", "time_budget"):
        setattr(depth_module, phase, timing(phase, getattr(depth_module, phase)))
    try:
        import netdash.store.time_budget as budget_module
    except ImportError:  # the code before this branch
        pass
    else:
        budget_module.time_budget = timing("time_budget", budget_module.time_budget)
    if os.environ.get("WRITE_PATH_PHASES"):
        from textual._compositor import Compositor
        from textual.css.stylesheet import Stylesheet
        from textual.screen import Screen

        from netdash.tui.app import NetdashApp as App_
        from netdash.tui.screens.dashboard import DashboardScreen as Dash_
        from netdash.tui.screens.log_form import LogForm as Form_

        for owner, name in [
            (Screen, "_refresh_layout"),
            (Compositor, "render_update"),
            (Stylesheet, "update_nodes"),
            (Form_, "save"),
            (App_, "_logged"),
            (Dash_, "reload"),
            (Dash_, "entry_logged"),
            (Screen, "_on_screen_resume"),
        ]:
            if hasattr(owner, name):
                setattr(owner, name, timing(name, getattr(owner, name)))
    db = open_db(copy)
    ui = threading.get_ident()
    statements: list[tuple[float, str]] = []
    tracing = [False]
    last = [time.perf_counter()]

    def traced(sql: str) -> None:
        if tracing[0] and threading.get_ident() == ui:
            now = time.perf_counter()
            statements.append((now, " ".join(sql.split())[:160]))
            last[0] = now

    if trace:
        db.conn.set_trace_callback(traced)
    profiler = cProfile.Profile() if profile else None
    app = NetdashApp(db, db_path=copy, watch_interval=1.0)
    out: dict[str, Any] = {"log": [], "depth": [], "burst": [], "sql": []}
    shown: dict[str, Any] = {}
    show_depth = DashboardScreen.show_depth

    def noted(self: DashboardScreen) -> None:
        show_depth(self)
        shown["depths"] = self.app.depths  # type: ignore[attr-defined]

    DashboardScreen.show_depth = noted  # type: ignore[method-assign]

    def recent_shows(name: str) -> bool:
        from textual.widgets import DataTable

        if not isinstance(app.screen, DashboardScreen):
            return False
        recent = app.screen.query_one("#recent-table", DataTable)
        rows = (recent.get_row_at(index) for index in range(min(recent.row_count, 12)))
        return any(name in " ".join(str(cell) for cell in row) for row in rows)

    async with app.run_test(size=(120, 40)) as pilot:
        until = Frames(app).until

        def depth_shown(before: int) -> bool:
            return len(app.depths or {}) > before and shown.get("depths") is app.depths

        await until(lambda: app.depths is not None and shown.get("depths") is app.depths)
        await pilot.pause(1.5)
        for index in range(logs):
            name = f"Bench Person {index}"
            await pilot.press("n", *name)
            await pilot.pause(0.3)
            before = len(app.depths or {})
            row = asyncio.ensure_future(until(partial(recent_shows, name)))
            depth = asyncio.ensure_future(until(partial(depth_shown, before)))
            statements.clear()
            phases.clear()
            tracing[0] = True
            if profiler:
                profiler.enable()
            started = time.perf_counter()
            await pilot.press("enter")
            framed = await row
            if profiler:
                profiler.disable()
            tracing[0] = False
            out["log"].append(framed - started)
            out["sql"].append([(round((t - started) * 1000, 1), s) for t, s in statements])
            out["depth"].append(await depth - started)
            out.setdefault("phases", []).append(
                [
                    (n, round((a - started) * 1000), round((b - started) * 1000))
                    for n, a, b in phases
                ]
            )
            await pilot.pause(1.2)  # the watcher's second passes
        enters: dict[str, float] = {}
        save = LogForm.action_save

        def timed(self: LogForm) -> None:
            enters.setdefault(self.query_one("#who", Input).value, time.perf_counter())
            save(self)

        LogForm.action_save = timed  # type: ignore[method-assign,assignment]
        names = [f"Bench Burst {index}" for index in range(8)]
        waits = [asyncio.ensure_future(until(partial(recent_shows, n))) for n in names]
        for name in names:
            await pilot.press("n", *name, "enter")
        for name, wait in zip(names, waits, strict=True):
            framed = await wait
            out["burst"].append(framed - enters[name] if name in enters else math.nan)
        LogForm.action_save = save  # type: ignore[method-assign]
        await pilot.pause(2.0)
    db.close()
    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(45)
    return out


def child(args: argparse.Namespace) -> None:
    os.environ["NETDASH_TODAY"] = TODAY
    out = asyncio.run(session(Path(args.copy), args.logs, args.trace, args.profile))
    print("RESULT " + json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--src", action="append", default=[])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--logs", type=int, default=6)
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--copy")
    args = parser.parse_args()
    if args.copy:
        child(args)
        return
    sources = args.src or [str(HERE.parent / "src")]
    for source in sources:
        subprocess.run([sys.executable, "-m", "compileall", "-q", source], check=True)
    results: dict[str, dict[str, list[float]]] = {
        s: {"log": [], "depth": [], "burst": []} for s in sources
    }
    with tempfile.TemporaryDirectory() as scratch:
        for source in interleave(sources, args.rounds):
            copy = Path(scratch) / "session.db"
            shutil.copyfile(HERE / ".cache" / "large.db", copy)
            command = [sys.executable, __file__, "--copy", str(copy), "--logs", str(args.logs)]
            command += ["--trace"] * args.trace + ["--profile"] * args.profile
            env = {**os.environ, "PYTHONPATH": source, "HOME": scratch}
            done = subprocess.run(command, env=env, capture_output=True, text=True)
            if args.profile:
                print(done.stderr[-12000:])
            line = [x for x in done.stdout.splitlines() if x.startswith("RESULT ")]
            if not line:
                print(done.stdout[-3000:], done.stderr[-3000:])
                continue
            out = json.loads(line[0][7:])
            for key in ("log", "depth", "burst"):
                results[source][key] += out[key]
            print(
                source,
                {
                    k: [v if math.isnan(v) else round(v * 1000) for v in out[k]]
                    for k in ("log", "depth", "burst")
                },
                flush=True,
            )
            print("   phases", out.get("phases"))
            if args.trace:
                for spans in out["sql"][:2]:
                    for entry in spans:
                        print("   ", entry)
                    print("   --")
    for source, figures in results.items():
        print(source)
        for key, values in figures.items():
            good = [v for v in values if not math.isnan(v)]
            if good:
                print(
                    f"  {key}: median {statistics.median(good) * 1000:.0f} ms,"
                    f" p95 {p95(good) * 1000:.0f} ms, max {max(good) * 1000:.0f} ms, n={len(good)}"
                    f" (missed {len(values) - len(good)})"
                )


if __name__ == "__main__":
    main()
