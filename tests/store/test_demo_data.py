from __future__ import annotations

import sqlite3
from dataclasses import fields

import pytest
from sqlite_utils import Database

from netdash.demo import SCALES, demo_rows
from netdash.store.demo_data import INSERTS, DemoRows, write_demo_rows
from tests.conftest import TODAY


def test_every_field_has_its_statement_in_field_order() -> None:
    assert list(INSERTS) == [item.name for item in fields(DemoRows)]


def test_the_rows_written_are_the_rows_generated(db: Database) -> None:
    rows = demo_rows(SCALES["normal"], seed=3, today=TODAY)
    write_demo_rows(db, rows)
    assert db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == len(rows.people)
    assert db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == len(rows.interactions)
    assert db.execute("SELECT COUNT(*) FROM follower_accounts").fetchone()[0] == len(
        rows.follower_accounts
    )
    details = db.execute(
        "SELECT birthday, company, job_title, id FROM people ORDER BY id"
    ).fetchall()
    assert details == [tuple(row) for row in rows.people_details]


def test_a_refused_row_leaves_no_demo_behind(db: Database) -> None:
    rows = demo_rows(SCALES["normal"], seed=3, today=TODAY)
    rows.interaction_people.append((10**9, 1))  # points at no interaction
    with pytest.raises(sqlite3.IntegrityError):
        write_demo_rows(db, rows)
    assert db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0
