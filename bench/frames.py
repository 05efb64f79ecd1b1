"""Issue 14's figures, each timed to the rendered frame that shows the data, in one table.

    python bench/frames.py [--quick] [--people 10000|150|50000] [--runs N] [--logs N] [--samples N]
        [--cases start,filled,memory,enter,burst,layers,end,review,cli] [--base OTHER_TREE]

1-2. Start: a fresh `netdash` process in a real pseudo-terminal (120x40), timed from launch to
   the output that shows the numbers ("People in your journal"), then to the output that shows
   every panel filled (layers "Inner 5", a reach-out line or "Nobody is overdue", both charts'
   legends), its peak memory (VmHWM) read once it has stood still for a second after that
   (netdash reads everyone's depth after the filled frame: read at the frame, the figure would
   leave it out), and killed; its baseline is a bare Textual app (Header, Static, Footer)
   launched, detected ("Hello" on the screen), measured and killed the same way, so neither
   pays the interpreter's teardown. Kinds are interleaved round by round:
   the bare app; netdash with scores cached, page cache warm; the same on a copy whose pages were
   dropped from the page cache (posix_fadvise, this file only: dropping every cache needs root
   and would slow the machine's other users); netdash after a write (an entry logged into its
   copy by `netdash log` before each launch: the people it touched are rescored) and on a new
   day (scores cached the day before, nothing dated since: the day read, then stored).
   bench/start.py checks each copy's
   score cache is in its case before each launch.
3. The CLI after a write (bench/cli_after_write.py): `stats --json`, `reach-out`, `people show`
   ÷ `python -c "import sqlite_utils"`, scores invalid and cached, interleaved, launch to exit.
4-6. In one app under Pilot on a copy of the journal (bench/in_app.py), a figure stops at the
   first frame whose widgets show what is measured: Enter in
   the log form → the new row in the dashboard's "Latest" table (the form gone); the same for
   eight entries back to back (each timed from its own Enter); after a write until the layers and
   reach-out were shown with scores that include the new person; then, ``--samples`` of each,
   alternating which goes first: Journal End on every entry until the table's cursor is on the
   last row with it scrolled into view, and `v` until the built review is shown. The longest the
   UI did not answer meanwhile is the largest lateness of a 20 ms timer.
--cases runs only some rows. --base times another source tree (a `git worktree` of an older
commit) in the same loop: launches interleaved, in-app sessions alternating in their own
processes, a before column for each row (the CLI rows are this tree's only). Each tree runs on
copies of bench/.cache's journal upgraded once by that tree (harness.tree_master). Bytecode is
compiled first. Medians and inclusive p95s; ratios are of medians. 50,000 people is
`netdash demo --scale huge` (bench/.cache/huge.db, built on first use).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cli_after_write import bench_cli, cli_rows
from bench.harness import (
    ROOT,
    Row,
    compile_bytecode,
    evict,
    interleave,
    table,
    tree_env,
    tree_master,
)
from bench.in_app import APP_CASES, bench_in_app
from bench.start import FILLED, TODAY, bench_start, netdash

HERE = Path(__file__).resolve().parent
SCALES = {150: "normal", 10_000: "large", 50_000: "huge"}
START_CASES = ("start", "filled", "memory")
CASES = (*START_CASES, *APP_CASES, "cli")


def journal(people: int) -> Path:
    """The demo journal of ``people`` (10,000: the large one bench/core_loop.py builds; 50,000:
    ``--scale huge``, the same proportions), built once into bench/.cache and reused."""
    scale = SCALES[people]
    path = HERE / ".cache" / f"{scale}.db"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        print(f"building the {scale} demo journal once...", flush=True)
        started = time.perf_counter()
        netdash(ROOT / "src", TODAY, "demo", "--scale", scale, "--build-only", "--path", str(path))
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return path


STATES = {
    "cached": "scores cached, warm",
    "cached-cold": "scores cached, cold file",
    "write": "after a write (`netdash log`)",
    "newday": "a new day (scores cached the day before)",
}
START_ROWS = (  # case, mark, figure, kinds with their targets
    ("start", "first", "first frame ÷ bare app", {k: 1.3 for k in STATES}),
    (
        "filled",
        "filled",
        "every panel filled ÷ bare app",
        dict(zip(STATES, (1.6, 1.6, 1.8, 1.8), strict=True)),
    ),
    (
        "memory",
        "peak MB",
        "peak memory at start (settled) ÷ bare app",
        {"cached": 1.5, "write": 2.0, "newday": 2.0},
    ),
)
MEDIAN_TARGETS = {"log": 0.030}  # the rows whose median is bounded too (s)
APP_ROWS = (  # case, key, figure, target (s), its text, judged by
    (
        "enter",
        "log",
        "Enter → row committed → dashboard frame with it",
        0.060,
        "median < 30 ms, p95 < 60 ms",
        "p95",
    ),
    (
        "burst",
        "burst",
        "eight entries back to back, each Enter → its frame",
        0.060,
        "every one < 60 ms",
        "max",
    ),
    (
        "layers",
        "depth",
        "after a write, until layers and reach-out reflect it",
        0.100,
        "< 100 ms",
        "p95",
    ),
    (
        "end",
        "end",
        "Journal: End on every entry, until the last row is on screen",
        0.300,
        "< 300 ms (p95)",
        "p95",
    ),
    (
        "end",
        "end stall",
        "… longest the UI did not answer meanwhile",
        0.050,
        "never frozen (< 50 ms)",
        "max",
    ),
    (
        "review",
        "review",
        "year in review (v), until the built review is shown",
        0.500,
        "< 500 ms (p95)",
        "p95",
    ),
    (
        "review",
        "review stall",
        "… longest the UI did not answer meanwhile",
        0.050,
        "never frozen (< 50 ms)",
        "max",
    ),
)


def rows(
    start: dict[str, list[dict[str, float]]],
    app: dict[str, list[float]],
    cases: Sequence[str] = CASES,
    label: str = "",
) -> list[Row]:
    """The table's rows for ``cases``, from the launches of kinds ending in ``label`` (" before":
    the base tree's) and the in-app figures. A frame that never came counts as infinitely late:
    dropped, a missed launch or entry would leave the rest to pass the row."""
    out: list[Row] = []
    bare = [marks["first"] for marks in start.get("bare", []) if "first" in marks]
    bare_peak = [marks["peak MB"] for marks in start.get("bare", [])]

    def times(kind: str, mark: str) -> list[float]:
        if mark == "filled":
            return [
                max(m[name] for name in FILLED) if FILLED.keys() <= m.keys() else math.inf
                for m in start[kind]
            ]
        return [m.get(mark, math.inf) for m in start[kind]]

    for case, mark, figure, targets in START_ROWS:
        for kind, target in targets.items() if case in cases else ():
            baseline, unit = (bare_peak, "MB") if mark == "peak MB" else (bare, "s")
            values = times(f"{kind}{label}", mark)
            text = f"≤ {target:g}x"
            out.append(Row(f"{figure}, {STATES[kind]}", values, baseline, target, text, unit=unit))
    finite = {key: [v if v == v else math.inf for v in values] for key, values in app.items()}
    for case, key, figure, target, text, judge in APP_ROWS:
        if case in cases:
            values = finite.get(key, [])
            bound = MEDIAN_TARGETS.get(key)
            out.append(Row(figure, values, (), target, text, judge, median_target=bound))
    return out


def in_app_subprocess(
    src: Path, source: Path, logs: int, samples: int, cases: Sequence[str], scratch: Path
) -> dict[str, list[float]]:
    """bench_in_app run by the netdash in ``src``, in a process of its own (one process imports
    one tree), its figures read back from a JSON file."""
    result = scratch / "in-app.json"
    command = [sys.executable, __file__, "--in-app-json", str(result), "--source", str(source)]
    command += ["--logs", str(logs), "--samples", str(samples), "--cases", ",".join(cases)]
    subprocess.run(command, env={**tree_env(src), "NETDASH_TODAY": TODAY}, check=True)
    loaded: dict[str, list[float]] = json.loads(result.read_text())
    return loaded


def in_app_trees(
    source: Path,
    trees: dict[str, Path],
    logs: int,
    samples: int,
    cases: Sequence[str],
    scratch: Path,
) -> dict[str, dict[str, list[float]]]:
    """The in-app figures of each tree: in this process for this tree alone; with a base tree,
    two sessions each, interleaved, each half the entries and samples, on its own master."""
    if len(trees) == 1:
        return {
            "": asyncio.run(
                bench_in_app(tree_master(source, trees[""]), logs, scratch, samples, cases)
            )
        }
    out: dict[str, dict[str, list[float]]] = {label: {} for label in trees}
    for label in interleave(list(trees), 2):
        master = tree_master(source, trees[label])
        print(f"  session of {label.strip() or 'this tree'}:", flush=True)
        got = in_app_subprocess(
            trees[label], master, max(logs // 2, 1), max(samples // 2, 1), cases, scratch
        )
        for key, values in got.items():
            out[label].setdefault(key, []).extend(values)
    return out


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions (5 launches, 20 logs)"
    )
    parser.add_argument("--people", type=int, default=10_000, choices=sorted(SCALES))
    parser.add_argument("--runs", type=int, help="launches of each kind (default 11; quick 5)")
    parser.add_argument("--logs", type=int, help="entries logged one by one (default 40; quick 20)")
    parser.add_argument("--samples", type=int, help="Journal Ends and reviews (default 7; quick 3)")
    parser.add_argument(
        "--cases",
        default=",".join(CASES),
        help=f"the rows to run, comma-separated (default all: {','.join(CASES)})",
    )
    parser.add_argument(
        "--base",
        type=Path,
        help="another source tree (e.g. a git worktree of an older commit), timed in the same loop",
    )
    parser.add_argument("--in-app-json", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.cases = [case.strip() for case in args.cases.split(",") if case.strip()]
    unknown = set(args.cases) - set(CASES)
    if unknown:
        parser.error(f"unknown cases {sorted(unknown)}; known: {','.join(CASES)}")
    return args


def main() -> None:
    args = arguments()
    runs = args.runs or (5 if args.quick else 11)
    logs = args.logs or (20 if args.quick else 40)
    samples = args.samples or (3 if args.quick else 7)
    cases: list[str] = args.cases
    os.environ["NETDASH_TODAY"] = TODAY
    if args.in_app_json:  # one tree's session, for in_app_subprocess
        with tempfile.TemporaryDirectory(dir=HERE / ".cache") as folder:
            got = asyncio.run(bench_in_app(args.source, logs, Path(folder), samples, cases))
        args.in_app_json.write_text(json.dumps(got))
        return
    trees = {"": ROOT / "src"} | ({" before": args.base.resolve() / "src"} if args.base else {})
    for src in trees.values():
        compile_bytecode(src)
    source = journal(args.people)
    start: dict[str, list[dict[str, float]]] = {}
    in_app: dict[str, dict[str, list[float]]] = {label: {} for label in trees}
    with tempfile.TemporaryDirectory(dir=HERE / ".cache") as folder:
        scratch = Path(folder)
        if set(START_CASES) & set(cases):
            print(f"start: {runs} interleaved launches of each kind...", flush=True)
            start = bench_start(source, trees, runs, scratch)
            evict(scratch / "now" / "cached-cold.db")
        if set(APP_CASES) & set(cases):
            print(f"in the app: {logs} entries, a burst of 8, Journal End, review...", flush=True)
            in_app = in_app_trees(source, trees, logs, samples, cases, scratch)
        cli = []
        if "cli" in cases:
            print(f"the CLI after a write: {runs} interleaved runs of each kind...", flush=True)
            cli = cli_rows(bench_cli(tree_master(source, ROOT / "src"), runs, scratch))
    found = rows(start, in_app[""], cases)
    if args.base:
        before = rows(start, in_app[" before"], cases, " before")
        found = [replace(row, before=old.values) for row, old in zip(found, before, strict=True)]
    print(f"\n{args.people:,} people, page cache warm unless said; {os.cpu_count()} cores")
    print(f"before: {args.base}\n" if args.base else "")
    print(table([*found, *cli]))


if __name__ == "__main__":
    main()
