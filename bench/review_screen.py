"""Benchmark the year in review on the large journal, this checkout against another source
tree, interleaved in rotating order, medians and p95s:

- in the app: ``v`` until the first frame that shows the built review (the compositor's frame
  hook, its terminal sequence built, as ``bench/frames.py``), and the UI's longest stall
  meanwhile (the largest gap of a 5 ms timer, less its period);
- ``netdash review`` for this year and for last year (the year's scores from the depth
  cache's second slot), whole processes.

    python bench/review_screen.py --base SRC_DIR [--rounds 7] [--cli-rounds 5]

Each tree runs in a fresh process on its own copy of the journal, upgraded by its own
migrations; the copies are reused across rounds, so both are measured warm after the first.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.harness import compile_bytecode, interleave, median, p95, timed_run, tree_copy  # noqa: E402

LARGE = HERE / ".cache" / "large.db"
TODAY = "2026-11-26"

OPEN_REVIEW = """
import asyncio, json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from bench.harness import to_terminal
from netdash.store.db import open_db
from netdash.tui.app import NetdashApp

async def main():
    path = Path(sys.argv[1])
    app = NetdashApp(open_db(path), db_path=path, watch_interval=0)
    shown = []
    display = app._display

    def hooked(screen, renderable):
        display(screen, renderable)
        if renderable is None or app._batch_count or shown:
            return
        to_terminal(app, renderable)
        current = app.screen
        if type(current).__name__ == "ReviewScreen" and getattr(current, "source", ""):
            shown.append(time.perf_counter())

    app._display = hooked
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()  # the dashboard's scores, cached for today
        await pilot.pause(0.5)
        ticks = []
        app.set_interval(0.005, lambda: ticks.append(time.perf_counter()))
        await pilot.pause(0.1)
        start = time.perf_counter()
        ticks.append(start)
        await pilot.press("v")
        while not shown and time.perf_counter() - start < 60:
            await asyncio.sleep(0.002)
        gaps = [b - a for a, b in zip(ticks, ticks[1:]) if b <= shown[0]]
        print(json.dumps([(shown[0] - start) * 1000, max(gaps) * 1000 - 5]))

asyncio.run(main())
"""


def in_app(src: Path, db: Path) -> list[float]:
    env = {
        "PYTHONPATH": str(src),
        "PATH": "/usr/bin:/bin",
        "HOME": str(db.parent),
        "NETDASH_TODAY": TODAY,
    }
    out = subprocess.run(
        [sys.executable, "-c", OPEN_REVIEW, str(db), str(HERE.parent)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    return [float(value) for value in json.loads(out.strip().splitlines()[-1])]


def cli(src: Path, db: Path, year: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(src), "NETDASH_TODAY": TODAY, "HOME": str(db.parent)}
    argv = [sys.executable, "-m", "netdash", "--db", str(db), "review", "--year", str(year)]
    return timed_run(argv, env)[0] * 1000


def line(name: str, values: list[float], base: list[float] | None) -> str:
    text = f"  {name}: median {median(values):,.0f} ms, p95 {p95(values):,.0f} ms"
    if base:
        ratios = [a / b for a, b in zip(values, base, strict=True)]
        text += f", ratio to base by round: median {median(ratios):.2f}x"
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=Path, help="a source tree to compare with (its src/)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cli-rounds", type=int, default=5)
    args = parser.parse_args()
    compile_bytecode()
    trees = {"this": HERE.parent / "src"}
    if args.base:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(args.base)], check=False)
        trees["base"] = args.base.resolve()
    copies = {
        name: tree_copy(LARGE, src, HERE / ".cache" / f"review-{name}.db")
        for name, src in trees.items()
    }
    year = int(TODAY[:4])
    results: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    for name in trees:  # the past year's scores into the cache's second slot, both trees
        cli(trees[name], copies[name], year - 1)
    for name in interleave(list(trees), args.cli_rounds):
        for what, y in (("cli this year", year), ("cli last year", year - 1)):
            results[name].setdefault(what, []).append(cli(trees[name], copies[name], y))
        print(f"  {name} cli: {[v[-1] for v in results[name].values()]}", flush=True)
    for name in interleave(list(trees), args.rounds):
        shown, stall = in_app(trees[name], copies[name])
        results[name].setdefault("v until the built review's frame", []).append(shown)
        results[name].setdefault("longest UI stall meanwhile", []).append(stall)
        print(f"  {name} v: {shown:.0f} ms, stall {stall:.0f} ms", flush=True)
    for name, figures in results.items():
        print(f"{name}:")
        for what, values in figures.items():
            base = results["base"][what] if name != "base" and "base" in results else None
            print(line(what, values, base))


if __name__ == "__main__":
    main()
