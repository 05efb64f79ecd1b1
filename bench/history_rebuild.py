"""The layer history's rebuild on the large journal: its time and the process's peak memory.

    python bench/history_rebuild.py [--runs N] [--before SRC]

Each run is a fresh interpreter on a copy of the large journal with ``layer_history`` emptied (as
on the first start of a month, or after new settings): it imports netdash, opens the journal,
resets VmHWM (``/proc/self/clear_refs``), builds the 24 months and prints the seconds taken and
VmHWM over the build. ``--before`` names another tree's ``src`` (a copy of main's, say), run in
turn with this one, so the two are compared in the same loop.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import interleave, p95

HERE = Path(__file__).resolve().parent
LARGE = HERE / ".cache" / "large.db"
TODAY = date(2026, 11, 26)


def _kb(name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def child(path: Path) -> None:
    from netdash.config import load_config
    from netdash.store.db import open_db
    from netdash.store.history import layer_history

    settings = load_config(None).depth
    db = open_db(path)
    db.execute("DELETE FROM layer_history")
    db.conn.commit()
    before = _kb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")
    start = time.perf_counter()
    points = layer_history(db, TODAY, settings)
    seconds = time.perf_counter() - start
    peak = _kb("VmHWM")
    months = [[p.day.isoformat(), p.counts] for p in points]
    print(
        json.dumps(
            {"s": seconds, "hwm": peak / 1024, "grew": (peak - before) / 1024, "months": months}
        )
    )
    os._exit(0)


def run(src: Path, path: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another tree's src, run in turn")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    trees = {"now": HERE.parent / "src"}
    if args.before:
        trees["before"] = args.before
    figures: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory(prefix="netdash-history-") as scratch:
        path = Path(scratch) / "large.db"
        shutil.copyfile(LARGE, path)
        names = list(trees)
        for round_, name in enumerate(interleave(names, args.runs)):
            result = run(trees[name], path)
            figures[name].append(result)
            if result["months"] != figures[names[0]][0]["months"] if figures[names[0]] else False:
                raise SystemExit(f"{name} built other months than {names[0]}")
            print(
                f"{name:<7} run {round_ + 1}: {result['s']:.2f} s, VmHWM {result['hwm']:.1f}"
                f" MB (+{result['grew']:.1f} MB over the build)",
                flush=True,
            )
    print("\n| tree | time median (p95) | VmHWM median | growth median |\n|---|---|---|---|")
    for name, runs in figures.items():
        times = [r["s"] for r in runs]
        print(
            f"| {name} | {statistics.median(times):.2f} s ({p95(times):.2f} s) "
            f"| {statistics.median(r['hwm'] for r in runs):.1f} MB "
            f"| {statistics.median(r['grew'] for r in runs):.1f} MB |"
        )


if __name__ == "__main__":
    main()
