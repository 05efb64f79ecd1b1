"""Eight entries logged back to back through the log form on the large journal: how many
rescores they start, how many at once, how many reloads the change watcher adds, and how long
until the dashboard shows the last entry and scores that count it.

    python bench/depth_burst.py [--runs 5] [--before COMMIT]

Each repetition runs in a fresh process on a fresh copy of bench/.cache/large.db (upgraded by the
tree that runs it), the app headless under Textual's Pilot with the change watcher at its default
second. With ``--before``, the same run of that commit's source (extracted with ``git archive``)
is interleaved with this tree's in an order rotated each round, and the figures (medians and
inclusive p95s, bench/harness.py's) are printed side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import interleave, median, p95

HERE = Path(__file__).resolve().parent
LARGE = HERE / ".cache" / "large.db"
QUIET = 4.0
"""Seconds with no scoring run and no worker before a run counts as settled: longer than the
2.8 s after which the old watcher reloaded on the rescore's own cache write."""


async def burst(journal: Path) -> dict[str, Any]:  # long: one scenario, step by step
    from netdash.store import depth as store_depth
    from netdash.store.db import open_db
    from netdash.tui.app import NetdashApp
    from netdash.tui.screens.log_form import LogForm

    db = open_db(journal)
    person = db.execute("SELECT min(id) FROM people").fetchone()[0]
    real = store_depth.depth_standing
    compute = store_depth.compute_depth
    lock = threading.Lock()
    state: dict[str, Any] = {"started": 0, "full": 0, "running": 0, "most": 0, "last": 0.0}
    covers: dict[int, int] = {}

    def counted(conn: Any, today: Any, settings: Any, known: Any = None) -> Any:
        newest = conn.execute("SELECT max(id) FROM interactions").fetchone()[0]
        with lock:
            state["started"] += 1
            state["running"] += 1
            state["most"] = max(state["most"], state["running"])
            state["last"] = time.perf_counter()
        try:
            result = real(conn, today, settings, known)
            covers[id(result)] = newest
            return result
        finally:
            with lock:
                state["running"] -= 1
                state["last"] = time.perf_counter()

    def full(*args: Any, **kwargs: Any) -> Any:
        with lock:
            state["full"] += 1
        return compute(*args, **kwargs)

    store_depth.depth_standing = counted  # type: ignore[assignment]
    store_depth.compute_depth = full
    app = NetdashApp(db, db_path=journal)
    reloads = {"watcher": 0}
    shown: dict[str, float] = {}
    check, ready = app._check_external_writes, app._depth_ready

    def watched() -> None:
        before = app.journal_version
        check()
        reloads["watcher"] += app.journal_version - before

    def depth_ready(result: Any) -> None:
        ready(result)
        if covers.get(id(result.standing), 0) >= shown.get("target", 1 << 62):
            shown.setdefault("scores", time.perf_counter())

    app._check_external_writes = watched  # type: ignore[method-assign]
    app._depth_ready = depth_ready  # type: ignore[method-assign,assignment]

    async def settle(pilot: Any) -> None:
        while True:
            await pilot.pause(0.1)
            busy = state["running"] or any(not w.is_finished for w in app.workers)
            if not busy and time.perf_counter() - state["last"] > QUIET:
                return

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("started", "full", "most"):
            state[key] = 0
        reloads["watcher"] = 0
        saves: list[float] = []
        first = time.perf_counter()
        for _ in range(8):
            app.action_log(person_id=person)
            while not isinstance(app.screen, LogForm):
                await pilot.pause(0.005)
            await pilot.press("enter")
            while isinstance(app.screen, LogForm):
                await pilot.pause(0.005)
            saves.append(time.perf_counter())
        shown["target"] = db.execute("SELECT max(id) FROM interactions").fetchone()[0]
        last = saves[-1]
        await settle(pilot)
    db.close()
    return {
        "rescores started": state["started"],
        "full rescores": state["full"],
        "most at once": state["most"],
        "watcher reloads": reloads["watcher"],
        "burst s": last - first,
        "last entry scored s": shown.get("scores", float("nan")) - last,
    }


def once(source: Path) -> None:
    import asyncio

    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "large.db"
        shutil.copyfile(LARGE, journal)
        os.environ["HOME"] = folder  # a config of its own, never the real one
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        os.environ["XDG_DATA_HOME"] = str(Path(folder) / "data")
        print(json.dumps(asyncio.run(burst(journal))))


def run(source: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run(
        [sys.executable, __file__, "--once", str(source)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", help="a commit to compare with, interleaved")
    parser.add_argument("--once", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        once(Path(args.once))
        return
    sources = {"after": HERE.parent / "src"}
    with tempfile.TemporaryDirectory() as folder:
        if args.before:
            tree = Path(folder) / "before"
            tree.mkdir()
            archive = subprocess.run(
                ["git", "archive", args.before, "src"], cwd=HERE.parent, capture_output=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "src")])
            sources = {"before": tree / "src", **sources}
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(sources["after"])])
        results: dict[str, list[dict[str, float]]] = {name: [] for name in sources}
        for name in interleave(list(sources), args.runs):  # rotated: neither always goes first
            results[name].append(run(sources[name]))
            print(name, results[name][-1], flush=True)
    for name, rows in results.items():
        print(f"\n{name} ({len(rows)} runs): median / inclusive p95 / all")
        for key in rows[0]:
            values = sorted(row[key] for row in rows)
            print(f"  {key}: {median(values):.3g} / {p95(values):.3g} / {values}")


if __name__ == "__main__":
    main()
