"""Benchmark export and restore of the large journal against the plainest way to do the same.

    python bench/export_restore.py

Uses the large journal bench/core_loop.py builds (bench/.cache/large.db: 10,000 people,
200,000 interactions, 1,000,000 followers). In the same run, and each in a fresh process:

- export: ``netdash export`` against a baseline that reads every table with ``SELECT *`` and
  writes each row with ``json.dumps`` (the least any JSON export must do);
- restore: ``netdash restore`` against a baseline that ``json.load``s the whole export and
  ``executemany``s each table into a fresh journal (no checks, all of it in memory).

Prints seconds, peak memory and the ratio of each; restore's point is bounded memory, so its
ratio of time is expected above 1 and its ratio of memory far below.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from core_loop import build_large

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


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident megabytes of one child process (``os.wait4`` gives that
    child's own peak, not the most any child reached)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(
            f"{command[:4]} failed: {child.stderr.read().decode() if child.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    journal = build_large()
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        export = folder / "export.json"
        ours = timed([python, "-m", "netdash", "--db", str(journal), "export", "-o", str(export)])
        base = timed([python, "-c", BASELINE_EXPORT, str(journal), str(folder / "rows.jsonl")])
        report("export", ours, base)
        ours = timed(
            [python, "-m", "netdash", "--db", str(folder / "a.db"), "restore", str(export)]
        )
        base = timed([python, "-c", BASELINE_RESTORE, str(export), str(folder / "b.db")])
        report("restore", ours, base)


def report(what: str, ours: tuple[float, float], base: tuple[float, float]) -> None:
    print(
        f"{what:<8} netdash {ours[0]:5.1f} s {ours[1]:5.0f} MB · baseline {base[0]:5.1f} s"
        f" {base[1]:5.0f} MB · ratio {ours[0] / base[0]:.2f} of time,"
        f" {ours[1] / base[1]:.2f} of memory"
    )


if __name__ == "__main__":
    main()
