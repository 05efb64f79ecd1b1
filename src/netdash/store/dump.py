"""Every table of the journal as rows, and back: the SQL behind export and restore.

The export code (:mod:`netdash.export.dump`) owns the file formats and the checks on what a
file may hold; this module owns the schema introspection (which tables, in which order, with
which columns), the streaming reads inside one snapshot, and the bulk writes of a restore.
Table names here come from ``sqlite_master``, never from a file, before they reach SQL text.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from netdash.store.migration_entry_count import recount_entries
from netdash.store.migrations import migrations

REBUILT = frozenset(
    {
        "depth_cache",
        "depth_cache_key",
        "depth_dirty",
        "journal_counts",
        "journal_revision",
        "known_followers",
        "layer_history",
        "user_revision",
    }
)
"""Tables the journal fills by itself; exporting them would only restore stale caches (and the
layer history's months would be deleted again by its triggers as the rows they depend on are
restored). A restore skips them in files written before they were left out."""


def data_tables(db: Database) -> list[str]:
    """The journal's own tables, each after every table it refers to, so a restore in this
    order never inserts a row before the row it points at."""
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name"
        ).fetchall()
        if row[0] not in REBUILT
    ]
    parents = {
        name: {
            row[2]
            for row in db.execute(f"PRAGMA foreign_key_list('{name}')").fetchall()
            if row[2] != name
        }
        for name in names
    }
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
        if not ready:  # a cycle between tables: cannot happen with today's schema
            ready = [n for n in names if n not in ordered]
        ordered.extend(ready)
    return ordered


def columns_of(db: Database, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info('{table}')").fetchall()]


def column_types(db: Database, table: str) -> dict[str, str]:
    """Each column of a table and its declared type (INTEGER, TEXT, REAL…), upper case."""
    return {
        row[1]: str(row[2]).upper()
        for row in db.execute(f"PRAGMA table_info('{table}')").fetchall()
    }


@contextmanager
def read_snapshot(db: Database) -> Iterator[None]:
    """Hold one read transaction, so every table comes from the same moment even while the TUI
    or `netdash log` writes (WAL keeps the snapshot)."""
    db.conn.execute("BEGIN")
    try:
        db.execute("SELECT 1 FROM people LIMIT 1").fetchall()  # the snapshot starts here
        yield
    finally:
        db.conn.execute("COMMIT")


def _has_rowid(db: Database, table: str) -> bool:
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    return "WITHOUT ROWID" not in sql.upper()


def table_rows(db: Database, table: str, *, in_order: bool = False) -> Iterator[tuple[Any, ...]]:
    """A table's rows, streamed (a cursor, never a list): in the order they were written
    (rowid) with ``in_order``, so an export reads back the same, else in SQLite's own order."""
    if in_order and _has_rowid(db, table):
        return iter(db.execute(f'SELECT * FROM "{table}" ORDER BY rowid'))
    return iter(db.execute(f'SELECT * FROM "{table}"'))


def is_empty(db: Database) -> bool:
    return all(
        db.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is None
        for table in data_tables(db)
    )


def journal_folder(db: Database) -> str | None:
    """The journal file's folder; None (the system's temporary folder) for one in memory."""
    for _, name, file_name in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and file_name:
            return str(Path(file_name).parent)
    return None


# ------------------------------------------------------------------------------------ restore


def create_scratch(path: Path) -> Database:
    """A new, empty journal file at ``path`` (0600: it holds the same private rows), made fast
    to fill: thrown away on any failure, it need not survive a power cut. (A larger page cache
    made loading twice as slow when measured, unlike the follower import.)"""
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    scratch = Database(sqlite3.connect(str(path)), execute_plugins=False)
    try:
        scratch.execute("PRAGMA foreign_keys = ON")
        scratch.execute("PRAGMA journal_mode = MEMORY")
        scratch.execute("PRAGMA synchronous = OFF")
    except BaseException:
        scratch.close()
        raise
    return scratch


def defer_foreign_keys(db: Database) -> None:
    """Check links at commit, not per row: an export's rows may come in any table order."""
    db.execute("PRAGMA defer_foreign_keys = ON")


def broken_link(db: Database) -> tuple[str, int | None, str] | None:
    """The first row pointing at a missing row, as (table, rowid, parent table), or None.
    (The rowid is None in a table WITHOUT ROWID.)"""
    problem = db.execute("PRAGMA foreign_key_check").fetchone()
    return None if problem is None else (problem[0], problem[1], problem[2])


class RowRefused(Exception):
    """SQLite refused a row of a batch; ``position`` is its place in the batch, or None when
    every row went in on its own and only the batch as a whole was refused."""

    def __init__(self, position: int | None, reason: str) -> None:
        super().__init__(reason)
        self.position = position
        self.reason = reason


def insert_batch(db: Database, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Rows of one table, all with the same columns, in one statement; on a refusal, row by row
    to find the row refused (:class:`RowRefused`). The caller's transaction is then to be
    rolled back: rows before the refused one are left in."""
    first = rows[0]
    names = ", ".join(f'"{column}"' for column in first)
    sql = (
        f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in first)})'
        if first
        else f'INSERT INTO "{table}" DEFAULT VALUES'
    )
    try:
        with db.atomic():
            if first:
                db.conn.executemany(sql, [list(row.values()) for row in rows])
            else:
                for _ in rows:
                    db.conn.execute(sql)
    except (sqlite3.DatabaseError, OverflowError, UnicodeError):
        for position, row in enumerate(rows):
            try:
                db.conn.execute(sql, list(row.values()))
            except (sqlite3.DatabaseError, OverflowError, UnicodeError) as error:
                raise RowRefused(position, str(error)) from None
        raise RowRefused(None, "refused as a batch, not row by row") from None


def dated_values(db: Database, table: str, column: str) -> Iterator[tuple[int, Any]]:
    """(id, value) of every row whose ``column`` is set, to check it is a day."""
    return iter(db.execute(f'SELECT id, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'))


@contextmanager
def attached_scratch(db: Database, path: Path) -> Iterator[None]:
    """The scratch journal at ``path`` readable as ``scratch.`` while the block runs."""
    db.execute("ATTACH DATABASE ? AS scratch", [str(path)])
    try:
        yield
    finally:
        db.execute("DETACH DATABASE scratch")


def copy_from_scratch(db: Database) -> None:
    """Every data table's rows from the attached scratch journal into this one, in link order;
    run inside the caller's write transaction."""
    for table in data_tables(db):
        names = ", ".join(f'"{column}"' for column in columns_of(db, table))
        db.execute(f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM scratch."{table}"')


def recount_kept_counts(db: Database) -> None:
    """Recompute the counts triggers keep (last contact and entries per person, the journal's
    entries) from the rows, so restored rows cannot leave them wrong."""
    recount_entries(db)
    db.execute(
        "UPDATE people SET"
        " interaction_count = (SELECT COUNT(*) FROM interaction_people ip"
        "  WHERE ip.person_id = people.id),"
        " last_contact_on = (SELECT max(i.occurred_on) FROM interaction_people ip"
        "  JOIN interactions i ON i.id = ip.interaction_id WHERE ip.person_id = people.id)"
    )


def upgrade_scratch(db: Database) -> str | None:
    """Bring a restored scratch journal to this netdash's schema; the reason it could not be
    (an export whose rows the migrations cannot carry), or None when it was."""
    try:
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        return str(error)
    return None
