from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from netdash.store.db import open_db
from netdash.store.errors import JournalError, SchemaTooNewError
from netdash.store.migrations import known_migration_names
from netdash.store.people import add_person


def test_new_journal_is_private_wal_with_foreign_keys(journal_path: Path) -> None:
    db = open_db(journal_path)
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal_path.parent.stat().st_mode) == 0o700
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = set(db.table_names())
    for table in ("people", "interactions", "contributions", "outcomes", "follower_counts"):
        assert table in tables
    db.close()


def test_existing_journal_readable_by_others_is_made_private(journal_path: Path) -> None:
    open_db(journal_path).close()
    journal_path.chmod(0o644)
    open_db(journal_path).close()
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600


def test_reopening_keeps_every_row_and_applies_nothing_twice(journal_path: Path) -> None:
    db = open_db(journal_path)
    add_person(db, "Ada Lovelace")
    db.close()
    db = open_db(journal_path)
    assert [row["name"] for row in db.table("people").rows] == ["Ada Lovelace"]
    applied = db.execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert [row[0] for row in applied] == known_migration_names()
    db.close()


def test_newer_schema_is_refused_and_left_untouched(journal_path: Path) -> None:
    db = open_db(journal_path)
    db.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
        " VALUES ('netdash', 'm999_from_the_future', '2030-01-01')"
    )
    db.close()
    before = hashlib.sha256(journal_path.read_bytes()).hexdigest()
    with pytest.raises(SchemaTooNewError, match="newer netdash"):
        open_db(journal_path)
    assert hashlib.sha256(journal_path.read_bytes()).hexdigest() == before


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 100)
    before = bogus.read_bytes()
    with pytest.raises(JournalError, match="not a netdash journal"):
        open_db(bogus)
    assert bogus.read_bytes() == before


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="is a folder"):
        open_db(tmp_path)


def test_an_unrelated_sqlite_file_gains_the_schema_without_losing_its_tables(
    tmp_path: Path,
) -> None:
    """Opening a plain SQLite file upgrades it in place: its own tables survive."""
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE mine (x)")
    conn.execute("INSERT INTO mine VALUES (42)")
    conn.commit()
    conn.close()
    db = open_db(path)
    assert db.execute("SELECT x FROM mine").fetchall() == [(42,)]
    assert "people" in db.table_names()
    db.close()
