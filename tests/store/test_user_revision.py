"""Migration m011: the user's writes move ``user_revision``, the app's cache writes do not."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlite_utils import Database

from netdash.domain.scoring import DepthSettings
from netdash.store.db import open_db, user_revision
from netdash.store.depth import cached_depth
from netdash.store.history import layer_history
from netdash.store.journal import log_interaction
from netdash.store.migration_user_revision import NOT_COUNTED, USER_TABLES
from netdash.store.people import add_person
from tests.conftest import TODAY

DATA = Path(__file__).resolve().parent.parent / "data"


def tables(db: Database) -> set[str]:
    return {
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    }


def counted(db: Database) -> set[str]:
    """The tables with all three of the counter's triggers."""
    rows = db.execute(
        "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'"
        " AND name LIKE '%\\_user\\_revision' ESCAPE '\\'"
    ).fetchall()
    names = [row[0] for row in rows]
    return {name for name in names if names.count(name) == 3}


def test_every_table_is_counted_or_said_why_not(db: Database) -> None:
    """A table a later migration adds must join one list or the other: an uncounted table of
    the user's would leave another process's writes to it unseen by the TUI."""
    assert tables(db) == set(USER_TABLES) | set(NOT_COUNTED)
    assert counted(db) == set(USER_TABLES)


def test_the_kept_m008_journal_upgrades_and_counts_from_zero(tmp_path: Path) -> None:
    journal = tmp_path / "journal-m008_layer_history.db"
    shutil.copyfile(DATA / journal.name, journal)
    db = open_db(journal)
    try:
        assert user_revision(db) == 0
        assert counted(db) == set(USER_TABLES)
        ada = db.execute("SELECT id FROM people WHERE name = 'Ada Lovelace'").fetchone()[0]
        log_interaction(db, people=[ada], occurred_on=TODAY, today=TODAY, kind="call")
        assert user_revision(db) > 0
    finally:
        db.close()


def test_user_writes_move_it_and_cache_writes_do_not(db: Database) -> None:
    ada = add_person(db, "Ada Lovelace")
    log_interaction(db, people=[ada], occurred_on=TODAY, today=TODAY, kind="call")
    before = user_revision(db)
    cached_depth(db, TODAY, DepthSettings())  # a miss: writes the score cache
    layer_history(db, TODAY, DepthSettings())  # builds and keeps 24 months
    assert db.execute("SELECT COUNT(*) FROM depth_cache").fetchone() == (1,)
    assert db.execute("SELECT COUNT(*) FROM layer_history").fetchone() == (24,)
    assert user_revision(db) == before
    db.execute("UPDATE people SET notes = 'likes engines' WHERE id = ?", [ada])
    assert user_revision(db) == before + 1
