from __future__ import annotations

import sqlite3
from dataclasses import fields, replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from netdash.cli import cli
from netdash.demo import SCALES, Scale, demo_rows, large_for
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


def test_the_large_proportions_give_each_size_its_people_and_entries() -> None:
    assert large_for(10_000) == SCALES["large"]  # the benchmark journal, unchanged
    assert (SCALES["huge"].people, SCALES["huge"].interactions) == (50_000, 1_000_000)
    # a small stand-in for huge, with a small audience so the test stays quick
    scale = replace(large_for(300), follower_accounts=600)
    rows = demo_rows(scale, seed=11, today=TODAY)
    assert len(rows.people) == 300
    assert len(rows.interactions) == 6_000
    assert len(rows.follower_accounts) == 600
    assert {person for _, person in rows.interaction_people} <= set(range(1, 301))
    assert demo_rows(scale, seed=11, today=TODAY) == rows  # reproducible for a seed
    assert demo_rows(scale, seed=12, today=TODAY).interactions != rows.interactions


def test_demo_people_builds_that_many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import netdash.demo

    def small_audience(people: int) -> Scale:
        return replace(large_for(people), follower_accounts=600)

    monkeypatch.setattr(netdash.demo, "large_for", small_audience)
    path = tmp_path / "demo.db"
    result = CliRunner().invoke(
        cli, ["demo", "--people", "250", "--build-only", "--path", str(path)]
    )
    assert result.exit_code == 0, result.output
    db = Database(path)
    assert db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 250
    assert db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == 5_000
    db.close()
