"""m022: the name-word table nothing reads any more goes, with the triggers that wrote it."""

from __future__ import annotations

import shutil
from pathlib import Path

from netdash.store.db import open_db
from netdash.store.lookup_indexes import name_words_sql
from netdash.store.migration_drop_name_words import NAME_WORD_TRIGGERS
from netdash.store.people import add_person
from tests.conftest import connected, kept_rows

DATA = Path(__file__).resolve().parent.parent / "data"


def users(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The user's tables, not the ones netdash keeps for itself (a leading underscore)."""
    return {name: rows for name, rows in kept_rows(path).items() if not name.startswith("_")}


def leftovers(path: Path) -> list[str]:
    with connected(path) as conn:
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE '%name_words%' ORDER BY name"
        ).fetchall()
    return [row[0] for row in rows]


def test_a_journal_that_had_the_table_loses_it_and_keeps_every_row(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    db = open_db(journal)
    add_person(db, "Ana Souza")
    db.close()
    with connected(journal) as conn:  # as m012 left it: the table, filled, and its triggers
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm022_drop_name_words'")
        conn.execute(
            "CREATE TABLE _name_words (rest TEXT NOT NULL COLLATE NOCASE,"
            " person_id INTEGER NOT NULL, PRIMARY KEY (rest, person_id)) WITHOUT ROWID"
        )
        conn.execute(
            f"CREATE TRIGGER {NAME_WORD_TRIGGERS[0]} AFTER INSERT ON people BEGIN "
            + name_words_sql("NEW.id", "NEW.name")
            + " END"
        )
        conn.execute(
            "INSERT INTO people(name, created_at, updated_at) VALUES ('Bo Chen', 'x', 'x')"
        )
    assert leftovers(journal) == ["_name_words", NAME_WORD_TRIGGERS[0]]
    before = users(journal)
    open_db(journal).close()
    assert leftovers(journal) == []
    assert users(journal) == before


def test_an_old_journal_upgrades_to_none_of_it(tmp_path: Path) -> None:
    journal = tmp_path / "old.db"
    shutil.copyfile(DATA / "journal-m009_trash.db", journal)
    open_db(journal).close()  # (upgrades without loss: tests/store/test_migrations.py)
    assert leftovers(journal) == []
    db = open_db(journal)
    add_person(db, "Zed Quist")  # no trigger is left writing to a table that is gone
    db.close()
