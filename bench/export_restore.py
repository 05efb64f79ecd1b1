"""Benchmark export and restore of the large journal against the plainest way to do the same.

    python bench/export_restore.py

Uses the large journal bench/core_loop.py builds (bench/.cache/large.db: 10,000 people,
200,000 interactions, 1,000,000 followers). In the same run, and each in a fresh process:

- export: ``netdash export`` against a baseline that reads every table with ``SELECT *`` and
  writes each row with ``json.dumps`` (the least any JSON export must do);
- restore: ``netdash restore`` against a baseline that ``json.load``s the whole export and
  ``executemany``s each table into a fresh journal (no checks, all of it in memory).

Runs interleave (harness.interleave); prints medians and p95s of seconds, peak memory, and the
ratio paired by round (restore's target: at most 1.5); ``--before SRC`` adds netdash's restore
from another source tree to the same loop, for an A/B. Restore also keeps its memory bounded
(rows streamed), so its ratio of memory is far below 1.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.core_loop import build_large
from bench.harness import compile_bytecode, interleave, median, p95

BASELINE_EXPORT = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
tables = [r[0] for r in conn.execute(
    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
with open(sys.argv[2], "w") as out:
    for table in tables:
        cursor = conn.execute(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        for row in cursor:
            out.write(json.dumps(dict(zip(names, row))) + "\\n")
"""

BASELINE_RESTORE = """
import json, sqlite3, sys
from netdash.store.db import open_db
document = json.load(open(sys.argv[1]))
db = open_db(sys.argv[2])
with db.conn:
    db.conn.execute("PRAGMA defer_foreign_keys = ON")
    for table, rows in document["tables"].items():
        if rows:
            names = list(rows[0])
            marks = ", ".join("?" * len(names))
            db.conn.executemany(
                f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({marks})',
                [[row.get(n) for n in names] for row in rows])
"""


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident megabytes of one child process (``os.wait4`` gives that
    child's own peak, not the most any child reached)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(
            f"{command[:4]} failed: {child.stderr.read().decode() if child.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--before", metavar="SRC", help="also time netdash from this src folder (an A/B)"
    )
    parser.add_argument("--restore-only", action="store_true", help="time restore alone")
    args = parser.parse_args()
    compile_bytecode()
    journal = build_large()
    python = sys.executable
    ours = [python, "-m", "netdash", "--db"]
    results: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        export = folder / "export.json"
        timed([*ours, str(journal), "export", "-o", str(export)])  # migrates the journal once
        commands = {
            "export": [*ours, str(journal), "export", "--force", "-o", str(folder / "e.json")],
            "export baseline": [python, "-c", BASELINE_EXPORT, str(journal), str(folder / "r")],
            "restore": [*ours, "{db}", "restore", str(export)],
            "restore baseline": [python, "-c", BASELINE_RESTORE, str(export), "{db}"],
        }
        if args.before:
            commands["restore before"] = commands["restore"]
        if args.restore_only:
            del commands["export"], commands["export baseline"]
        for index, kind in enumerate(interleave(list(commands), args.runs)):
            db = folder / f"{index}.db"
            command = [str(db) if part == "{db}" else part for part in commands[kind]]
            env = {**os.environ}
            if kind == "restore before":
                env["PYTHONPATH"] = str(args.before)
            results.setdefault(kind, []).append(timed(command, env))
            for leftover in folder.glob(f"{index}.db*"):
                leftover.unlink()
    if not args.restore_only:
        report("export", results["export"], results["export baseline"])
    report("restore", results["restore"], results["restore baseline"])
    if args.before:
        report("before", results["restore before"], results["restore baseline"])


def report(what: str, ours: list[tuple[float, float]], base: list[tuple[float, float]]) -> None:
    """Medians and p95s of seconds, the most memory, and the ratio paired by round."""
    ratios = [mine[0] / theirs[0] for mine, theirs in zip(ours, base, strict=True)]
    seconds, base_seconds = [run[0] for run in ours], [run[0] for run in base]
    peak, base_peak = max(run[1] for run in ours), max(run[1] for run in base)
    print(
        f"{what:<8} netdash median {median(seconds):5.1f} s p95 {p95(seconds):5.1f} s"
        f" {peak:5.0f} MB · baseline median {median(base_seconds):5.1f} s {base_peak:5.0f} MB"
        f" · ratio median {median(ratios):.2f} p95 {p95(ratios):.2f} of time,"
        f" {peak / base_peak:.2f} of memory ({len(ratios)} interleaved runs)"
    )


if __name__ == "__main__":
    main()
