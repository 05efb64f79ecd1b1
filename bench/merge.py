"""Benchmark `people merge` of two people with 100,000 journal entries each against one UPDATE.

    python bench/merge.py [--entries 100000] [--runs 5]

A journal with 10,000 people is built once into bench/.cache/; two of them, "Ana Souza" and
"Ana S.", have --entries interactions each (no entry shared, so every one moves). Each run
works on a fresh copy of that file, opened with ``open_db`` (WAL, foreign keys, every trigger):

- baseline: one plain ``UPDATE interaction_people SET person_id = keep WHERE person_id = other``
  in one transaction: the least any merge must do to re-point the same rows;
- netdash: ``merge_people`` — the same rows moved, plus handles, tags, contact points,
  contributions, credits, vouches, aliases, fields and notes merged and the other deleted.

The two alternate run by run so machine noise hits both alike; the medians are printed, with
their ratio. Merge was quadratic before (16,000 + 16,000 entries took 12 s, 100,000 + 100,000
several minutes): every entry deleted from the merged person rescanned all of their others.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from netdash.store.db import open_db
from netdash.store.duplicates import merge_people

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
PEOPLE = 10_000


def build_journal(entries: int) -> Path:
    """Two people with ``entries`` interactions each among 10,000; built once and reused."""
    path = CACHE / f"merge-{entries}.db"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    print(f"building a journal with {entries:,} + {entries:,} entries once...", flush=True)
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    db = open_db(partial)
    stamp = "2026-01-01T00:00:00Z"
    with db.conn:
        db.conn.executemany(
            "INSERT INTO people(id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
            [(i, f"Person {i}", stamp, stamp) for i in range(3, PEOPLE + 1)]
            + [(1, "Ana Souza", stamp, stamp), (2, "Ana S.", stamp, stamp)],
        )
        db.conn.executemany(
            "INSERT INTO handles(person_id, platform, handle) VALUES (?, ?, ?)",
            [(1, "github", "anasouza"), (2, "mastodon", "ana@example.social")],
        )
        db.conn.executemany(
            "INSERT INTO interactions(id, occurred_on, kind, created_at) VALUES (?, ?, 'call', ?)",
            (
                (i, f"20{10 + i % 16}-{1 + i % 12:02d}-{1 + i % 28:02d}", stamp)
                for i in range(1, 2 * entries + 1)
            ),
        )
        db.conn.executemany(
            "INSERT INTO interaction_people(interaction_id, person_id) VALUES (?, ?)",
            ((i, 1 if i <= entries else 2) for i in range(1, 2 * entries + 1)),
        )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    partial.rename(path)
    return path


def fresh_copy(journal: Path, scratch: Path, name: str) -> Path:
    copy = scratch / name
    for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(journal, copy)
    return copy


def time_baseline(path: Path, entries: int) -> float:
    db = open_db(path)
    started = time.perf_counter()
    db.conn.execute("BEGIN IMMEDIATE")
    moved = db.execute(
        "UPDATE interaction_people SET person_id = ? WHERE person_id = ?", [1, 2]
    ).rowcount
    db.conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    assert moved == entries, moved
    db.close()
    return elapsed


def time_merge(path: Path, entries: int) -> float:
    db = open_db(path)
    started = time.perf_counter()
    summary = merge_people(db, 1, 2)
    elapsed = time.perf_counter() - started
    assert summary.interactions == entries, summary
    kept = db.execute("SELECT interaction_count FROM people WHERE id = 1").fetchone()[0]
    assert kept == 2 * entries, kept
    db.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000, help="interactions per person")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    journal = build_journal(args.entries)
    baseline, merge = [], []
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        for _ in range(args.runs):
            baseline.append(time_baseline(fresh_copy(journal, scratch, "base.db"), args.entries))
            merge.append(time_merge(fresh_copy(journal, scratch, "merge.db"), args.entries))
    base, ours = statistics.median(baseline), statistics.median(merge)
    print(
        f"merge     baseline: one UPDATE re-pointing {args.entries:,} entries:"
        f" median {base * 1000:.0f} ms"
    )
    print(
        f"merge     netdash people merge of {args.entries:,} + {args.entries:,} entries:"
        f" median {ours * 1000:.0f} ms (best {min(merge) * 1000:.0f} ms)"
    )
    print(f"merge     ratio: {ours / base:.2f} against the plain UPDATE (median of {args.runs})")


if __name__ == "__main__":
    main()
