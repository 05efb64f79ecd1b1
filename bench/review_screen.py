"""Benchmark the year in review (``v``) on the large journal: time from the key to the review
shown (and rendered), and the longest the UI went without answering meanwhile (a 5 ms timer's
largest gap), this checkout against another, interleaved.

    python bench/review_screen.py [--base SRC_DIR] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LARGE = HERE / ".cache" / "large.db"

OPEN_REVIEW = """
import asyncio, json, sys, time
from pathlib import Path
from netdash.store.db import open_db
from netdash.tui.app import NetdashApp

async def main():
    path = Path(sys.argv[1])
    app = NetdashApp(open_db(path), db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        ticks = []
        app.set_interval(0.005, lambda: ticks.append(time.perf_counter()))
        await pilot.pause(0.1)
        start = time.perf_counter()
        ticks.append(start)
        await pilot.press("v")
        while True:
            screen = app.screen
            if type(screen).__name__ == "ReviewScreen" and (
                getattr(screen, "source", None) or not hasattr(screen, "source")
            ):
                break
            await asyncio.sleep(0.002)
        await pilot.pause()
        shown = time.perf_counter() - start
        stall = max(b - a for a, b in zip(ticks, ticks[1:]))
        print(json.dumps([shown * 1000, stall * 1000]))

asyncio.run(main())
"""


def run(src: Path, db: Path) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", OPEN_REVIEW, str(db)],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "HOME": str(db.parent)},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [float(value) for value in json.loads(out.strip().splitlines()[-1])]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=Path, help="a source tree to compare with (its src/)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    trees = {"this": HERE.parent / "src"}
    if args.base:
        trees["base"] = args.base
    copies = {name: HERE / ".cache" / f"review-{name}.db" for name in trees}
    for copy in copies.values():
        if not copy.exists():
            shutil.copy(LARGE, copy)  # each tree upgrades only its own copy
    results: dict[str, list[list[float]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, src in trees.items():
            results[name].append(run(src, copies[name]))
    for name, runs in results.items():
        shown = sorted(r[0] for r in runs)
        stall = sorted(r[1] for r in runs)
        print(
            f"{name}: shown median {statistics.median(shown):.0f} ms (max {shown[-1]:.0f}),"
            f" longest UI stall median {statistics.median(stall):.0f} ms (max {stall[-1]:.0f})"
        )


if __name__ == "__main__":
    main()
