"""Issue 14: the stored scores a command prints (the layer counts, the overdue) and what a
write's refresh reads (who had a layer, who is pinned) are found by m026's partial indexes,
not by walking all 10,000 rows of the slot or every person; an older journal gains them."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database

from netdash.store.db import open_db
from netdash.store.depth import cached_depth
from netdash.store.depth_reads import layers_and_overdue, overdue_depths
from netdash.store.journal import log_interaction
from netdash.store.migrations import migrations
from netdash.store.people import update_person
from tests.conftest import TODAY, table_rows
from tests.store.test_depth_reads import LOW, check_against, journal, reference

INDEXES = {
    "AND layer IS NOT NULL": "depth_cache_layered",
    "AND overdue": "depth_cache_overdue",
    "pinned_layer IS NOT NULL": "people_pinned",
}
"""What a statement asks for, and the index that must find it."""


def statements_of(db: Database, read: object) -> list[str]:
    """The SQL a read ran, its values in place (as SQLite expands them for a trace)."""
    ran: list[str] = []
    db.conn.set_trace_callback(ran.append)
    try:
        assert callable(read)
        read()
    finally:
        db.conn.set_trace_callback(None)
    return ran


def test_after_a_write_the_refresh_and_the_printed_reads_use_the_partial_indexes(
    db: Database,
) -> None:
    everyone = journal(db)
    update_person(db, everyone[5], pinned_layer=5)
    cached_depth(db, TODAY, LOW)
    log_interaction(db, people=everyone[:2], occurred_on=TODAY, today=TODAY, kind="call")

    def read() -> None:
        layers_and_overdue(db, TODAY, LOW)
        overdue_depths(db, TODAY, LOW)

    ran = statements_of(db, read)
    found = {
        index: [sql for sql in ran if asked in sql and sql.startswith("SELECT")]
        for asked, index in INDEXES.items()
    }
    assert all(found.values()), found  # each kind of read ran: a real test
    for index, statements in found.items():
        for sql in statements:
            plan = " / ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}"))
            assert index in plan and "SCAN" not in plan, (sql, plan)
    # two marked people of 40: the share that would call for a full rescore is not counted
    assert "SELECT COUNT(*) FROM depth_cache WHERE slot = 1" not in ran
    check_against(db, reference(db))


def test_a_journal_from_before_m026_gains_the_indexes_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    older = Database(path)
    migrations.apply(older, stop_before="m026_depth_reads")
    everyone = journal(older)
    cached_depth(older, TODAY, LOW)
    log_interaction(
        older, people=everyone[3:5], occurred_on=TODAY - timedelta(days=2), today=TODAY, kind="call"
    )
    printed = layers_and_overdue(older, TODAY, LOW), overdue_depths(older, TODAY, LOW)
    older.close()
    before = table_rows(path)
    upgraded = open_db(path)
    assert (layers_and_overdue(upgraded, TODAY, LOW), overdue_depths(upgraded, TODAY, LOW)) == (
        printed
    )
    upgraded.close()
    after = table_rows(path)
    # every table it had, as it was (a later step's new tables aside)
    kept = {table: rows for table, rows in after.items() if table in before}
    assert {table: rows for table, rows in kept.items() if table != "_sqlite_migrations"} == {
        table: rows for table, rows in before.items() if table != "_sqlite_migrations"
    }
    names = {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert set(INDEXES.values()) <= names
