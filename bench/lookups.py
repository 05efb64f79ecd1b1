"""Benchmark what the log form does per keystroke (completion + the Who preview) on a
50,000-person journal, this checkout against another, interleaved. Completion is measured as
the forms run it: PeopleCompleter's search of the NameIndex in memory, after the revision
check that says it is current; reading the names, once per journal change, is its own row.

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
import json, sys, time
from sqlite_utils import Database
import sqlite3
from netdash.domain.quicklog import mentions_from_names
from netdash.store.db import user_revision
from netdash.tui.screens.log_form import people_preview
from netdash.tui.widgets.completers import PeopleCompleter
db = Database(sqlite3.connect(sys.argv[1]))
completer = PeopleCompleter()
start = time.perf_counter()
index = completer.load(db)
read = time.perf_counter() - start
times = []
for name in json.loads(sys.argv[2]):
    for end in range(1, len(name) + 1):
        value = name[:end]
        start = time.perf_counter()
        user_revision(db)  # CompletingInput: are the names it holds current?
        part = completer.part(value, len(value))
        if part is not None:
            completer.choices(index, part, value)
        people_preview(db, mentions_from_names(value))
        times.append(time.perf_counter() - start)
print(json.dumps({"keystrokes": times, "read": read}))
"""
"""One process typing: the names read once (as a worker reads them, once per journal change),
then per keystroke what the Who box does: the revision check, the NameIndex search through
PeopleCompleter, and the Who preview."""


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


def run(src: Path, db: Path) -> tuple[list[float], float]:
    """Seconds of each keystroke, and of reading the names, in a fresh process running
    ``src``'s netdash."""
    out = subprocess.run(
        [sys.executable, "-c", KEYSTROKES, str(db), json.dumps(TYPED)],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    times = json.loads(out)
    return [float(t) for t in times["keystrokes"]], float(times["read"])


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
    reads: dict[str, list[float]] = {name: [] for name in trees}
    for name in interleave(list(trees), args.rounds):
        keystrokes, read = run(trees[name], copies[name])
        times[name].extend(keystrokes)
        reads[name].append(read)
    rows = [Row(f"{name}: per keystroke", times[name], times.get("base", ())) for name in trees]
    rows += [
        Row(f"{name}: names read (once per change)", reads[name], reads.get("base", ()))
        for name in trees
    ]
    print(table(rows))


if __name__ == "__main__":
    main()
