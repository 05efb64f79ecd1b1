"""Issue 14: the number of entries `stats` and the dashboard print is kept by triggers (m027),
not counted by walking an index of every entry (81 ms on the large journal when its file has
left the page cache); it stays the rows' count whichever way entries come and go, and an older
journal gains it without loss."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from sqlite_utils import Database

from netdash.domain.models import Handle
from netdash.export.dump import restore, write_json
from netdash.store.db import entry_count, open_db
from netdash.store.duplicates import merge_people
from netdash.store.journal import count_interactions, delete_interaction, log_interaction
from netdash.store.migrations import migrations
from netdash.store.people import add_person, delete_person
from netdash.store.stats import depth_numbers, summary
from netdash.store.trash import undo
from tests.conftest import TODAY, table_rows
from tests.store.backfilled import add_backfilled


def rows_counted(db: Database) -> int:
    return int(db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0])


def assert_kept(db: Database, expected: int) -> None:
    assert rows_counted(db) == expected  # the step did what it should: a real test
    assert entry_count(db) == expected


def test_the_count_follows_every_way_entries_come_and_go(db: Database, tmp_path: Path) -> None:
    ana = add_person(db, "Ana Souza", handles=[Handle("mastodon", "ana@example.social")])
    bo, cy = add_person(db, "Bo Lind"), add_person(db, "Cy Park")
    assert_kept(db, 0)
    first = log_interaction(db, people=[ana], occurred_on=TODAY, today=TODAY, kind="call")
    log_interaction(
        db, people=[ana, bo], occurred_on=TODAY - timedelta(days=3), today=TODAY, kind="call"
    )
    log_interaction(
        db, people=[cy], occurred_on=TODAY - timedelta(days=9), today=TODAY, kind="call"
    )
    add_backfilled(db, [bo], TODAY - timedelta(days=40))  # as an import writes one
    assert_kept(db, 4)
    delete_interaction(db, first.interaction_id)
    assert_kept(db, 3)
    undo(db)
    assert_kept(db, 4)
    delete_person(db, cy)  # her sole entry goes with her
    assert_kept(db, 3)
    undo(db)
    assert_kept(db, 4)
    merge_people(db, ana, bo)
    assert_kept(db, 4)
    undo(db)
    assert_kept(db, 4)
    export = tmp_path / "export.json"
    with export.open("w", encoding="utf-8") as out:
        write_json(db, out)
    restored = open_db(tmp_path / "restored.db")
    restore(restored, export)
    assert_kept(restored, 4)
    restored.close()
    # a REPLACE deletes the row it replaces: sqlite-utils' recursive triggers count that too
    db.execute(
        "INSERT OR REPLACE INTO interactions(id, occurred_on, kind, initiated_by, depth, note,"
        " created_at) SELECT id, occurred_on, kind, initiated_by, depth, 'again', created_at"
        " FROM interactions ORDER BY id LIMIT 1"
    )
    assert_kept(db, 4)


def test_stats_and_the_first_frame_read_the_count_without_walking_the_entries(
    db: Database,
) -> None:
    ana = add_person(db, "Ana Souza")
    for days in (0, 20, 60, 200):
        log_interaction(
            db, people=[ana], occurred_on=TODAY - timedelta(days=days), today=TODAY, kind="call"
        )
    ran: list[str] = []
    db.conn.set_trace_callback(ran.append)
    try:
        numbers = depth_numbers(db, TODAY)
        document = summary(db, TODAY)
        listed = count_interactions(db)
    finally:
        db.conn.set_trace_callback(None)
    assert (numbers.interactions, numbers.interactions_30d, numbers.interactions_90d) == (4, 2, 3)
    assert document["interactions"] == listed == 4
    plans = [
        row[-1]
        for sql in ran
        if sql.startswith("SELECT") and "interactions" in sql
        for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")
    ]
    assert any("interactions" in plan for plan in plans)  # the reads were looked at
    assert not [plan for plan in plans if plan.startswith("SCAN interactions")], plans


def test_a_journal_from_before_m027_gains_the_count_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    older = Database(path)
    migrations.apply(older, stop_before="m027_entry_count")
    ana, bo = add_person(older, "Ana Souza"), add_person(older, "Bo Lind")
    for days in range(5):
        people = [ana, bo] if days % 2 else [ana]
        log_interaction(
            older, people=people, occurred_on=date(2026, 11, 1), today=TODAY, kind="call"
        )
    older.close()
    before = table_rows(path)
    upgraded = open_db(path)
    assert entry_count(upgraded) == 5
    upgraded.close()
    after = table_rows(path)
    assert after.pop("journal_counts") == [(1, 5)]
    assert {table: rows for table, rows in after.items() if table != "_sqlite_migrations"} == {
        table: rows for table, rows in before.items() if table != "_sqlite_migrations"
    }
    upgraded = open_db(path)
    log_interaction(upgraded, people=[bo], occurred_on=TODAY, today=TODAY, kind="call")
    assert_kept(upgraded, 6)
    upgraded.close()
    names = {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert {"journal_counts", "interactions_counted_in", "interactions_counted_out"} <= names
