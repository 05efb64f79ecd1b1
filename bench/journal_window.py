"""The Journal on a long list, key to rendered frame: End, PageUp/PageDown at the end, a search
keystroke; this tree's netdash against another's source, interleaved run by run.

    python bench/journal_window.py BASELINE_SRC JOURNAL [--runs N]

Each run is a fresh process (one per side, alternating) with the app under Pilot at 120x40 on
its side's copy of JOURNAL; a frame is App._display handed a renderable, as in bench/frames.py,
and a figure stops at the first frame showing the result (the last entry under the cursor; the
cursor moved; the filter's status). Medians and p95 of every press over all runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import interleave, p95
from bench.in_app import Frames

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


async def session(journal: Path) -> dict[str, list[float]]:  # long: one scripted session
    from textual.widgets import DataTable, Static

    from netdash.store.db import open_db
    from netdash.tui.app import NetdashApp

    db = open_db(journal)
    last_id = str(
        db.execute("SELECT id FROM interactions ORDER BY occurred_on, id LIMIT 1").fetchone()[0]
    )
    app = NetdashApp(db, db_path=journal, watch_interval=0)
    out: dict[str, list[float]] = {"end": [], "page up": [], "page down": [], "search": []}
    async with app.run_test(size=(120, 40)) as pilot:
        frames = Frames(app)

        async def timed(keys: list[str], check: Any) -> float:
            framed = asyncio.ensure_future(frames.until(check, 120))
            started = time.perf_counter()
            await pilot.press(*keys)
            return await framed - started

        def table() -> Any:
            return app.screen.query_one("#journal-table", DataTable)

        await pilot.press("j")
        while not (app.screen.query("#journal-table") and table().row_count):
            await pilot.pause(0.05)
        await pilot.pause(0.5)

        def selected() -> str | None:
            t = table()
            return str(t.coordinate_to_cell_key(t.cursor_coordinate)[0].value)

        out["end"].append(await timed(["end"], lambda: selected() == last_id))
        for name, key in (("page up", "pageup"), ("page down", "pagedown")):
            for _ in range(10):
                before = selected()
                out[name].append(await timed([key], lambda b=before: selected() != b))
        status = app.screen.query_one("#journal-status", Static)
        await pilot.press("slash")
        await pilot.pause(0.2)
        for letter in "an":
            before = str(status.content)
            out["search"].append(await timed([letter], lambda b=before: str(status.content) != b))
        await pilot.pause(0.2)
    db.close()
    return out


def one_run(src: Path, journal: Path) -> dict[str, list[float]]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, __file__, "--session", str(journal)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("baseline", type=Path, nargs="?")
    parser.add_argument("journal", type=Path, nargs="?")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--session", type=Path)
    args = parser.parse_args()
    if args.session:
        print(json.dumps(asyncio.run(session(args.session))))
        return
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(SRC), str(args.baseline)])
    scratch = Path(tempfile.mkdtemp(prefix="journal-window-"))
    sides = {"before": args.baseline, "after": SRC}
    copies = {side: scratch / f"{side}.db" for side in sides}
    for copy in copies.values():
        shutil.copyfile(args.journal, copy)
    results: dict[str, dict[str, list[float]]] = {side: {} for side in sides}
    try:
        for number, side in enumerate(interleave(list(sides), args.runs)):
            for name, values in one_run(sides[side], copies[side]).items():
                results[side].setdefault(name, []).extend(values)
            print(f"run {number // 2 + 1} {side} done", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(scratch)
    print(f"{'figure':<10} {'before med':>10} {'p95':>8} {'after med':>10} {'p95':>8} {'ratio':>7}")
    for name in results["after"]:
        b, a = results["before"][name], results["after"][name]
        mb, ma = statistics.median(b), statistics.median(a)
        print(
            f"{name:<10} {mb * 1000:>8.0f}ms {p95(b) * 1000:>6.0f}ms"
            f" {ma * 1000:>8.0f}ms {p95(a) * 1000:>6.0f}ms {mb / ma:>6.1f}x"
        )


if __name__ == "__main__":
    main()
