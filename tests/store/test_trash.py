"""The trash: a deleted person, a deleted entry, a merge or "not the same person" is put back
exactly by undo (every table's rows as they were), or undo refuses and changes nothing."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.domain.errors import NotFound
from netdash.domain.models import ContactPoint, Handle
from netdash.store.community import add_contribution
from netdash.store.db import open_db
from netdash.store.duplicates import dismiss_duplicate, merge_people
from netdash.store.journal import delete_interaction, log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person, delete_person
from netdash.store.person_delete import person_deletion
from netdash.store.trash import CannotUndo, list_trash, purge_trash, undo
from netdash.store.vouches import add_vouch
from tests.conftest import CACHES, TODAY, kept_rows, table_rows


def journal(db: Database) -> dict[str, int]:
    """Ana has two entries of her own and one shared with Bo; Cy was introduced by her; she
    has a handle, a tag, an e-mail, a vouch, a contribution, a credit, and a pair with Bo."""
    ana = add_person(
        db,
        "Ana Souza",
        handles=[Handle("mastodon", "ana@example.social")],
        tags=["climbing"],
        points=[ContactPoint("email", "ana@example.org", "work", True)],
        notes="met at the wall",
    )
    bo = add_person(db, "Bo Lind", tags=["climbing"])
    cy = add_person(db, "Cy Park", introduced_by=ana)
    for day in (date(2026, 1, 5), date(2026, 3, 7)):
        log_interaction(db, people=[ana], occurred_on=day, today=TODAY, kind="call", tags=["x"])
    shared = log_interaction(
        db, people=[ana, bo], occurred_on=date(2026, 5, 1), today=TODAY, kind="in_person"
    ).interaction_id
    log_interaction(db, people=[bo], occurred_on=date(2026, 2, 1), today=TODAY, kind="call")
    add_vouch(db, ana, direction="given", topic="rust", occurred_on=date(2026, 4, 1))
    add_contribution(
        db, organisation="Food Bank", occurred_on=date(2026, 2, 1), today=TODAY, minutes=60,
        people=[ana, bo],
    )  # fmt: skip
    add_outcome(
        db, title="A job offer", occurred_on=date(2026, 3, 1), today=TODAY,
        people=[(ana, "introduced")],
    )  # fmt: skip
    dismiss_duplicate(db, ana, bo)
    db.execute("DELETE FROM trash")  # the dismissal above is setup, not under test
    return {"ana": ana, "bo": bo, "cy": cy, "shared": shared}


def test_delete_a_person_then_undo_puts_every_row_back(db: Database) -> None:
    ids = journal(db)
    before = kept_rows(db)
    gone = delete_person(db, ids["ana"])
    # Ana had 3 entries: 2 with only her go with her, the one shared with Bo stays
    assert (len(gone.sole), gone.shared) == (2, 1)
    assert gone.words() == (
        "Ana Souza and 2 entries that had only them; 1 shared entry keep the others"
    )
    assert db.execute("SELECT count(*) FROM interactions").fetchone()[0] == 4 - 2
    assert db.execute("SELECT introduced_by FROM people WHERE id = ?", [ids["cy"]]).fetchone() == (
        None,
    )
    # Bo keeps the shared entry and his own: 2 entries, the last on 2026-05-01
    assert db.execute(
        "SELECT interaction_count, last_contact_on FROM people WHERE id = ?", [ids["bo"]]
    ).fetchone() == (2, "2026-05-01")
    item = undo(db)
    assert item.kind == "delete person"
    assert kept_rows(db) == before
    assert list_trash(db) == []


def test_delete_an_entry_then_undo(db: Database) -> None:
    ids = journal(db)
    before = kept_rows(db)
    delete_interaction(db, ids["shared"])
    # Ana's last contact falls back to 2026-03-07, her count from 3 to 2
    assert db.execute(
        "SELECT interaction_count, last_contact_on FROM people WHERE id = ?", [ids["ana"]]
    ).fetchone() == (2, "2026-03-07")
    assert "Ana Souza, Bo Lind on 2026-05-01" in list_trash(db)[0].description
    undo(db)
    assert kept_rows(db) == before


def test_merge_then_undo(db: Database) -> None:
    ids = journal(db)
    before = kept_rows(db)
    merge_people(db, ids["bo"], ids["ana"])
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] == 3 - 1
    assert list_trash(db)[0].description == "merge Ana Souza into Bo Lind"
    undo(db)
    assert kept_rows(db) == before


def test_not_the_same_person_then_undo(db: Database) -> None:
    ana = add_person(db, "Ana Souza")
    other = add_person(db, "Ana S.")
    before = kept_rows(db)
    dismiss_duplicate(db, other, ana)
    assert db.execute("SELECT count(*) FROM not_duplicates").fetchone()[0] == 1
    assert undo(db).kind == "not the same"
    assert kept_rows(db) == before


def test_undo_takes_the_newest_first(db: Database) -> None:
    ids = journal(db)
    delete_interaction(db, ids["shared"])
    after_first = kept_rows(db)
    delete_person(db, ids["cy"])
    assert [item.kind for item in list_trash(db)] == ["delete person", "delete entry"]
    undo(db)
    assert kept_rows(db) == after_first


def test_undo_refuses_when_the_id_is_taken_again(db: Database) -> None:
    ids = journal(db)
    delete_person(db, ids["cy"])
    db.execute("INSERT INTO people(id, name, created_at, updated_at) VALUES (?, 'X', '', '')",
               [ids["cy"]])  # fmt: skip
    taken = kept_rows(db)
    with pytest.raises(CannotUndo, match="same id is in people again"):
        undo(db)
    assert kept_rows(db) == taken
    assert len(list_trash(db)) == 1


def test_undo_refuses_when_a_row_it_wrote_changed(db: Database) -> None:
    ids = journal(db)
    merge_people(db, ids["bo"], ids["ana"])
    db.execute("UPDATE people SET notes = 'edited after' WHERE id = ?", [ids["bo"]])
    with pytest.raises(CannotUndo, match="changed since"):
        undo(db)


def test_nothing_to_undo(db: Database) -> None:
    with pytest.raises(NotFound, match="nothing to undo"):
        undo(db)


def test_items_older_than_the_configured_days_are_purged(db: Database) -> None:
    ids = journal(db)
    delete_person(db, ids["cy"])
    delete_interaction(db, ids["shared"])
    old = (datetime.now(UTC) - timedelta(days=31)).strftime("%Y-%m-%dT%H:%M:%SZ")
    db.execute("UPDATE trash SET trashed_at = ? WHERE kind = 'delete person'", [old])
    # 31 days old is kept for 40 days and purged at 30; the entry of today stays either way
    assert purge_trash(db, 40) == 0
    assert purge_trash(db, 30) == 1
    assert [item.kind for item in list_trash(db)] == ["delete entry"]


def test_a_write_purges_with_the_configured_days(db: Database) -> None:
    from netdash.store import trash

    ids = journal(db)
    delete_person(db, ids["cy"])
    old = (datetime.now(UTC) - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    db.execute("UPDATE trash SET trashed_at = ?", [old])
    trash.keep_trash_for(2)
    try:
        delete_interaction(db, ids["shared"])  # 3 days old > 2 kept: the first item goes
    finally:
        trash.keep_trash_for(trash.DEFAULT_KEEP_DAYS)
    assert [item.kind for item in list_trash(db)] == ["delete entry"]


def test_preview_counts(db: Database) -> None:
    ids = journal(db)
    assert person_deletion(db, ids["cy"]).words() == "Cy Park"
    assert person_deletion(db, ids["bo"]).words() == (
        "Bo Lind and 1 entry that had only them; 1 shared entry keep the others"
    )


def test_the_m008_journal_upgrades_and_its_deletions_undo(tmp_path: Path) -> None:
    kept = Path(__file__).resolve().parent.parent / "data" / "journal-m008_layer_history.db"
    journal_file = tmp_path / kept.name
    shutil.copyfile(kept, journal_file)
    before = table_rows(journal_file)
    db = open_db(journal_file)
    try:
        assert db["trash"].count == 0
        ada = db.execute("SELECT id FROM people WHERE name = 'Ada Lovelace'").fetchone()[0]
        upgraded = kept_rows(db)
        delete_person(db, ada)
        undo(db)
        assert kept_rows(db) == upgraded
    finally:
        db.close()
    after = table_rows(journal_file)
    for table, old in before.items():
        if table not in CACHES | {"_sqlite_migrations"}:
            rows = after[table]
            if table == "follower_lists":  # m015's counts: none until an import stores them
                assert all(tuple(row[2:]) == (None, None, None) for row in rows)
                rows = [row[:2] for row in rows]
            # m017's parts, m021's maximum; m023's sources
            if table in ("people", "contact_points", "interactions", "imports"):
                width = len(old[0]) if old else 0
                assert all(set(row[width:]) <= {None} for row in rows), table
                rows = [row[:width] for row in rows]
            assert rows == old, table
