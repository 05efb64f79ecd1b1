"""Benchmark what the log form does per keystroke (completion + the Who preview) on a
50,000-person journal, this checkout against another, interleaved.

    python bench/lookups.py [--base SRC_DIR] [--rounds 7]

The 50,000-person journal is the large benchmark journal plus 40,000 people (with handles),
built once into bench/.cache/ and copied for each tree, upgraded by that tree's migrations. Each
round runs one fresh process per source tree, in an order rotated each round, each typing the
same names a character at a time; the figures are bench/harness.py's medians and inclusive p95
over every keystroke of every round, with the ratio of medians against the base.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Row, interleave, table, tree_copy

HERE = Path(__file__).resolve().parent
LARGE = HERE / ".cache" / "large.db"
BIG = HERE / ".cache" / "people50k.db"

TYPED = ["Ada B. Bianchi", "bianchi", "Zoltan Newperson", "@samirossi", "Ana Souza, Mateo"]

KEYSTROKES = """
import asyncio, json, sys, time
from sqlite_utils import Database
import sqlite3
from netdash.domain.quicklog import mentions_from_names
from netdash.tui.screens.log_form import PeopleSuggester, people_preview
db = Database(sqlite3.connect(sys.argv[1]))
suggester = PeopleSuggester(db)
times = []
async def main():
    for name in json.loads(sys.argv[2]):
        for end in range(1, len(name) + 1):
            value = name[:end]
            start = time.perf_counter()
            await suggester.get_suggestion(value)
            people_preview(db, mentions_from_names(value))
            times.append(time.perf_counter() - start)
asyncio.run(main())
print(json.dumps(times))
"""


def build() -> None:
    """Copy the large journal and add 40,000 people, each with a handle."""
    if BIG.exists():
        return
    shutil.copy(LARGE, BIG)
    db = sqlite3.connect(BIG)
    names = [row[0] for row in db.execute("SELECT name FROM people")]
    firsts = sorted({name.split()[0] for name in names})
    lasts = sorted({name.split()[-1] for name in names})
    rng = random.Random(14)
    now = "2026-01-01T00:00:00Z"
    with db:
        for number in range(40_000):
            initials = f"{chr(65 + number % 26)}{chr(65 + number // 26 % 26)}."
            name = f"{rng.choice(firsts)} {initials} {rng.choice(lasts)}"
            cursor = db.execute(
                "INSERT INTO people(name, created_at, updated_at) VALUES (?, ?, ?)",
                [name, now, now],
            )
            db.execute(
                "INSERT INTO handles(person_id, platform, handle) VALUES (?, 'mastodon', ?)",
                [cursor.lastrowid, f"{name.replace(' ', '').replace('.', '').lower()}{number}"],
            )
    db.close()


def run(src: Path, db: Path) -> list[float]:
    """Seconds of each keystroke, in a fresh process running ``src``'s netdash."""
    out = subprocess.run(
        [sys.executable, "-c", KEYSTROKES, str(db), json.dumps(TYPED)],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [float(t) for t in json.loads(out)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=Path, help="a source tree to compare with (its src/)")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    build()
    trees = {"this": HERE.parent / "src"}
    if args.base:
        trees["base"] = args.base.resolve()
    # each tree on its own copy, upgraded once by its own migrations
    copies = {
        name: tree_copy(BIG, src, HERE / ".cache" / f"people50k-{name}.db")
        for name, src in trees.items()
    }
    times: dict[str, list[float]] = {name: [] for name in trees}
    for name in interleave(list(trees), args.rounds):
        times[name].extend(run(trees[name], copies[name]))
    base = times.get("base", ())
    print(table([Row(f"{name}: per keystroke", values, base) for name, values in times.items()]))


if __name__ == "__main__":
    main()
