"""Benchmark the one search (issue 16) on the large journal: what building its index costs an
upgrade, and what a search costs as the user types, against a plain ``LIKE '%term%'`` scan of
the same columns measured in the same run.

    python bench/search.py [--journal PATH] [--rounds 7]

The journal (default: the large benchmark journal bench/core_loop.py builds, 10,000 people and
200,000 entries, bench/.cache/large.db) is copied and upgraded by this tree's migrations; the
original is never opened for writing. Figures are bench/harness.py's medians and inclusive p95s:

- **upgrade**: m020 building the index and its triggers from every row already there (the index
  dropped from an upgraded copy, then built again, each round on a fresh copy);
- **store query**: per keystroke of a few typed queries, what the search screen's worker does
  (``open_db``, ``netdash.store.search.search``, close), each interleaved with the LIKE scan of
  the same text on a journal opened and closed the same way;
- **CLI**: ``netdash search TEXT`` end to end, a process per run, interleaved with a Python
  process running the LIKE scan through the sqlite3 module.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, Row, interleave, table, timed_run, tree_copy, tree_env

HERE = Path(__file__).resolve().parent
LARGE = HERE / ".cache" / "large.db"
SRC = ROOT / "src"

TYPED = ["s", "so", "sou", "souz", "souza", "ana sou", "food bank", "talked about", "zzyzx"]
"""Keystrokes as the search box sends them: a name typed, two words, a phrase, a miss."""

CLI_QUERIES = ["souza", "food bank"]

LIKE = """
SELECT id FROM people p WHERE name LIKE :t OR company LIKE :t OR job_title LIKE :t
    OR how_met LIKE :t OR notes LIKE :t
    OR EXISTS (SELECT 1 FROM handles h WHERE h.person_id = p.id AND h.handle LIKE :t)
    OR EXISTS (SELECT 1 FROM contact_points c WHERE c.person_id = p.id AND c.value LIKE :t)
    OR EXISTS (SELECT 1 FROM person_aliases a WHERE a.person_id = p.id AND a.value LIKE :t)
    OR EXISTS (SELECT 1 FROM person_tags pt JOIN tags t ON t.id = pt.tag_id
               WHERE pt.person_id = p.id AND t.name LIKE :t)
    ORDER BY name LIMIT 11;
SELECT id FROM interactions WHERE note LIKE :t ORDER BY occurred_on DESC, id DESC LIMIT 11;
SELECT c.id FROM contributions c JOIN organisations o ON o.id = c.organisation_id
    WHERE o.name LIKE :t OR c.role LIKE :t OR c.note LIKE :t
    ORDER BY c.occurred_on DESC LIMIT 11;
SELECT id FROM outcomes WHERE title LIKE :t OR note LIKE :t ORDER BY occurred_on DESC LIMIT 11
"""
"""The baseline: what a search without the index would run, the same kinds, columns and
limits (a whole phrase as one ``%text%``, which is kinder to it than word by word)."""

STORE = """
import json, sys, time
from contextlib import closing
from netdash.store.db import open_db
from netdash.store.search import search
like = sys.argv[3].split(";")
typed = json.loads(sys.argv[2])
times = {"search": [], "like": []}
for text in typed:
    for kind in (("search", "like") if len(times["search"]) % 2 == 0 else ("like", "search")):
        start = time.perf_counter()
        with closing(open_db(sys.argv[1])) as db:  # as read_in_worker does, per keystroke
            if kind == "search":
                search(db, text)
            else:
                for sql in like:
                    db.execute(sql, {"t": "%" + text + "%"}).fetchall()
        times[kind].append(time.perf_counter() - start)
print(json.dumps(times))
"""
"""Each keystroke as the search screen runs it: a worker opens the journal (``open_db``: the
probe, the pragmas, the migration check), searches and closes; the LIKE scan the same way."""

LIKE_PROCESS = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for sql in sys.argv[3].split(";"):
    db.execute(sql, {"t": "%" + sys.argv[2] + "%"}).fetchall()
"""

REBUILD = """
import sqlite3, sys, time
from sqlite_utils import Database
from netdash.store.migration_search import TRIGGERS, m020_search
db = Database(sqlite3.connect(sys.argv[1]))
for name, *_ in TRIGGERS:
    db.execute(f"DROP TRIGGER {name}")
db.execute("DROP TABLE _search")
db.conn.commit()
start = time.perf_counter()
with db.atomic():
    m020_search(db)
print(time.perf_counter() - start)
"""


def upgrade_times(master: Path, folder: Path, rounds: int) -> list[float]:
    """Seconds m020 takes to build the index on a copy of ``master``, once per round."""
    times = []
    for number in range(rounds):
        copy = folder / f"upgrade-{number}.db"
        shutil.copyfile(master, copy)
        out = subprocess.run(
            [sys.executable, "-c", REBUILD, str(copy)],
            env=tree_env(SRC),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        times.append(float(out))
        copy.unlink()
    return times


def store_times(journal: Path, rounds: int) -> tuple[list[float], list[float]]:
    """Per keystroke: seconds of ``search`` and of the LIKE scan, over every round."""
    searched: list[float] = []
    scanned: list[float] = []
    for _ in range(rounds):
        out = subprocess.run(
            [sys.executable, "-c", STORE, str(journal), json.dumps(TYPED), LIKE],
            env=tree_env(SRC),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        times = json.loads(out)
        searched += times["search"]
        scanned += times["like"]
    return searched, scanned


def cli_times(journal: Path, rounds: int) -> dict[str, list[float]]:
    """Seconds of ``netdash search`` and of a bare LIKE process, interleaved, per query."""
    times: dict[str, list[float]] = {}
    env = tree_env(SRC)
    for text in CLI_QUERIES:
        commands = {
            f"netdash search {text!r}": [
                sys.executable, "-m", "netdash", "--db", str(journal), "search", text
            ],
            f"LIKE scan {text!r} (python + sqlite3)": [
                sys.executable, "-c", LIKE_PROCESS, str(journal), text, LIKE
            ],
        }  # fmt: skip
        for name in interleave(list(commands), rounds):
            times.setdefault(name, []).append(timed_run(commands[name], env)[0])
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journal", type=Path, default=LARGE, help="the journal to copy")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if not args.journal.exists():
        sys.exit(f"{args.journal}: missing; build it with python bench/core_loop.py")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        journal = tree_copy(args.journal, SRC, folder / "search.db")
        upgrade = upgrade_times(journal, folder, min(args.rounds, 3))
        searched, scanned = store_times(journal, args.rounds)
        cli = cli_times(journal, args.rounds)
    rows = [
        Row("upgrade: m020 builds the index", upgrade),
        Row("store query, per keystroke", searched, scanned, 0.1, "p95 < 100 ms", "p95"),
    ]
    names = list(cli)
    for text_row, like_row in zip(names[::2], names[1::2], strict=True):
        rows.append(Row(f"CLI: {text_row}", cli[text_row], cli[like_row]))
    print(table(rows))
    print(f"\nbaseline: a LIKE '%text%' scan of the same columns; keystrokes: {TYPED}")


if __name__ == "__main__":
    main()
