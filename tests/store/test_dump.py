from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.domain.models import ContactPoint
from netdash.store.dump import (
    REBUILT,
    RowRefused,
    attached_scratch,
    broken_link,
    copy_from_scratch,
    create_scratch,
    data_tables,
    dated_values,
    insert_batch,
    is_empty,
    journal_folder,
    recount_kept_counts,
    table_rows,
)
from netdash.store.journal import log_interaction
from netdash.store.migrations import migrations
from netdash.store.people import add_person
from tests.conftest import TODAY


def test_tables_come_after_the_tables_they_point_at(db: Database) -> None:
    tables = data_tables(db)
    assert not REBUILT & set(tables)
    assert not any(table.startswith(("_", "sqlite_")) for table in tables)
    for table in tables:
        for link in db.execute(f"PRAGMA foreign_key_list('{table}')").fetchall():
            if link[2] != table:
                assert tables.index(link[2]) < tables.index(table), (table, link[2])


def test_rows_stream_in_the_order_they_were_written(db: Database) -> None:
    assert is_empty(db)
    for name in ("Zoe", "Ada", "Mo"):
        add_person(db, name)
    assert not is_empty(db)
    names = [row[1] for row in table_rows(db, "people", in_order=True)]
    assert names == ["Zoe", "Ada", "Mo"]


def test_a_refused_row_is_named_by_its_place_in_the_batch(db: Database) -> None:
    rows = [{"id": 1, "name": "Ada"}, {"id": 1, "name": "Ada again"}]
    with db.atomic(), pytest.raises(RowRefused) as refused:
        insert_batch(db, "tags", rows)
    assert refused.value.position == 1
    assert "UNIQUE" in refused.value.reason


def test_a_batch_of_good_rows_goes_in_whole(db: Database) -> None:
    insert_batch(db, "tags", [{"id": n, "name": f"tag{n}"} for n in range(1, 6)])
    assert db.execute("SELECT COUNT(*) FROM tags").fetchone()[0] == 5


def test_dated_values_skip_the_unset(db: Database) -> None:
    add_person(db, "Ada", met_on=TODAY)
    add_person(db, "Bo")
    assert list(dated_values(db, "people", "met_on")) == [(1, TODAY.isoformat())]


def test_a_scratch_journal_copies_into_an_empty_one_with_counts_recomputed(
    tmp_path: Path, db: Database
) -> None:
    scratch = create_scratch(tmp_path / "scratch.db")
    assert (tmp_path / "scratch.db").stat().st_mode & 0o777 == 0o600
    migrations.apply(scratch)
    person = add_person(scratch, "Ada", points=[ContactPoint("email", "ada@example.com")])
    day = TODAY - timedelta(days=3)
    log_interaction(scratch, people=[person], occurred_on=day, today=TODAY, kind="call")
    scratch.execute("UPDATE people SET interaction_count = 0, last_contact_on = NULL")
    assert broken_link(scratch) is None
    scratch.close()
    with attached_scratch(db, tmp_path / "scratch.db"), db.atomic():
        copy_from_scratch(db)
        recount_kept_counts(db)
    assert db.execute("SELECT interaction_count, last_contact_on FROM people").fetchall() == [
        (1, day.isoformat())
    ]
    assert db.execute("SELECT value FROM contact_points").fetchall() == [("ada@example.com",)]
    assert journal_folder(db) is None


def test_a_row_pointing_at_nothing_is_found(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("INSERT INTO handles(person_id, platform, handle) VALUES (9, 'github', 'ada')")
    assert broken_link(db) == ("handles", 1, "people")
