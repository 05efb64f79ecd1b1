"""An import is undone like a delete: the journal as it was before it, every table's rows
(the imports row too, so the same file can come again); a follower list too large to keep is
written but not kept, and the result says so."""

from __future__ import annotations

from datetime import date

import pytest
from sqlite_utils import Database

from netdash.domain.models import ContactPoint, Handle
from netdash.store import imports
from netdash.store.audience import record_follower_count
from netdash.store.contact import Contact
from netdash.store.contact_import import import_contacts
from netdash.store.imports import import_snapshot
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.store.snapshot import Follower, Snapshot
from netdash.store.trash import CannotUndo, list_trash, undo
from tests.conftest import TODAY, kept_rows


def snap(followers: list[tuple[str, str | None]], at: str) -> Snapshot:
    return Snapshot(
        platform="twitter",
        observed_at=at,
        source="twitter archive",
        account="ada_example",
        followers=len(followers),
        following=3,
        follower_list=[Follower(remote_id, handle) for remote_id, handle in followers],
    )


def followers(db: Database) -> list[tuple[object, ...]]:
    return db.execute(
        "SELECT remote_id, handle, first_seen, last_seen FROM follower_accounts ORDER BY remote_id"
    ).fetchall()


def other_rows(db: Database) -> None:
    """What the journal holds besides the import: a person and another account's count."""
    add_person(db, "Ana Souza", handles=[Handle("twitter", "ana")])
    record_follower_count(
        db, platform="mastodon", account="me@x.social", followers=10, at="2025-01-01T00:00:00Z",
        source="typed",
    )  # fmt: skip


def test_a_follower_import_then_undo_leaves_every_table_as_before(db: Database) -> None:
    other_rows(db)
    before = kept_rows(db)
    result = import_snapshot(
        db, snap([("1", None), ("2", "bo"), ("3", None)], "2025-03-01T00:00:00Z"),
        file_name="a.zip", sha256="aaa",
    )  # fmt: skip
    assert result.undoable
    assert [item.description for item in list_trash(db)] == [
        "twitter a.zip: 3 followers of ada_example"
    ]
    undo(db)
    assert kept_rows(db) == before  # the account it created went too
    again = import_snapshot(
        db, snap([("1", None)], "2025-03-01T00:00:00Z"), file_name="a.zip", sha256="aaa"
    )
    assert not again.already_imported and again.listed == 1


def test_undoing_a_newer_list_gives_back_the_first_one_exactly(db: Database) -> None:
    import_snapshot(
        db, snap([("1", None), ("2", None), ("3", "cy")], "2025-03-01T00:00:00Z"),
        file_name="a.zip", sha256="a",
    )  # fmt: skip
    first = kept_rows(db)
    newer = import_snapshot(
        db, snap([("2", "bo"), ("3", "cy2"), ("4", None)], "2025-04-01T00:00:00Z"),
        file_name="b.zip", sha256="b",
    )  # fmt: skip
    assert (newer.gained, newer.lost, newer.undoable) == (1, 1, True)
    # 2 and 3 were seen again (last seen moved, handles changed), 4 is new
    assert followers(db) == [
        ("1", None, "2025-03-01T00:00:00Z", "2025-03-01T00:00:00Z"),
        ("2", "bo", "2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z"),
        ("3", "cy2", "2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z"),
        ("4", None, "2025-04-01T00:00:00Z", "2025-04-01T00:00:00Z"),
    ]
    undo(db)
    assert kept_rows(db) == first
    assert followers(db) == [
        ("1", None, "2025-03-01T00:00:00Z", "2025-03-01T00:00:00Z"),
        ("2", None, "2025-03-01T00:00:00Z", "2025-03-01T00:00:00Z"),
        ("3", "cy", "2025-03-01T00:00:00Z", "2025-03-01T00:00:00Z"),
    ]


def test_undoing_a_same_day_list_puts_back_the_one_it_replaced(db: Database) -> None:
    day = "2025-03-01T00:00:00Z"
    import_snapshot(
        db, snap([("1", None), ("2", None), ("3", None)], day), file_name="a", sha256="a"
    )
    first = kept_rows(db)
    import_snapshot(
        db, snap([("1", None), ("2", None), ("4", None)], day), file_name="b", sha256="b"
    )
    # the second export of the day replaced the first: 3 is no longer listed, 4 is
    assert [row[0] for row in followers(db)] == ["1", "2", "4"]
    undo(db)
    assert kept_rows(db) == first


def address_book() -> list[Contact]:
    """Ana, already in the journal, gains a company, a phone, a handle and a new tag; Bo is new,
    with a tag the journal does not know yet."""
    return [
        Contact(
            "Ana Souza", "contacts.vcf: card 1",
            points=[ContactPoint("email", "ana@example.org"), ContactPoint("phone", "+351 1")],
            handles=[Handle("mastodon", "ana@x.social")], company="Acme", tags=["climbing"],
            uid="uid-ana",
        ),
        Contact(
            "Bo Lind", "contacts.vcf: card 2", points=[ContactPoint("email", "bo@example.org")],
            tags=["friends"], birthday="1990-02-03",
        ),
    ]  # fmt: skip


def test_a_contact_import_then_undo_gives_back_the_people_as_they_were(db: Database) -> None:
    ana = add_person(
        db, "Ana Souza", points=[ContactPoint("email", "ana@example.org", "work")], tags=["x"]
    )
    before = kept_rows(db)
    result = import_contacts(
        db, address_book(), source="vcard", file_name="contacts.vcf", sha256="c"
    )
    assert (result.created, result.undoable) == (["Bo Lind"], True)
    assert [item.description for item in list_trash(db)] == [
        "contacts.vcf: 1 person added, 1 enriched"
    ]
    assert db.execute("SELECT company FROM people WHERE id = ?", [ana]).fetchone() == ("Acme",)
    assert db.execute("SELECT count(*) FROM tags").fetchone() == (3,)  # x, climbing, friends
    undo(db)
    assert kept_rows(db) == before  # ids, fields, handles, tags, contact points, aliases
    again = import_contacts(
        db, address_book(), source="vcard", file_name="contacts.vcf", sha256="c"
    )
    assert not again.already_imported and again.created == ["Bo Lind"]


def test_a_dry_run_keeps_nothing_in_the_trash(db: Database) -> None:
    result = import_contacts(
        db, address_book(), source="vcard", file_name="c.vcf", sha256="c", dry_run=True
    )
    assert (len(result.created), result.undoable) == (2, False)
    assert list_trash(db) == []


def test_undo_refuses_once_someone_the_import_created_was_logged_with(db: Database) -> None:
    import_contacts(db, address_book(), source="vcard", file_name="contacts.vcf", sha256="c")
    (bo,) = db.execute("SELECT id FROM people WHERE name = 'Bo Lind'").fetchone()
    log_interaction(db, people=[bo], occurred_on=date(2026, 11, 1), today=TODAY, kind="call")
    logged = kept_rows(db)
    with pytest.raises(CannotUndo, match=r"contacts\.vcf"):
        undo(db)
    assert kept_rows(db) == logged  # nothing changed


def test_a_list_over_the_limit_is_written_but_not_kept(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "KEEP_LIST_UP_TO", 2)
    kept = import_snapshot(
        db, snap([("1", None), ("2", None)], "2025-03-01T00:00:00Z"), file_name="a", sha256="a"
    )
    assert kept.undoable and len(list_trash(db)) == 1
    # after: three listed, over two, so the import is written and not kept
    over = import_snapshot(
        db, snap([("1", None), ("2", None), ("3", None)], "2025-04-01T00:00:00Z"),
        file_name="b", sha256="b",
    )  # fmt: skip
    assert (over.listed, over.undoable) == (3, False)
    assert len(list_trash(db)) == 1 and len(followers(db)) == 3
    # before: the list already holds three, so nothing is read for the trash
    small = import_snapshot(
        db, snap([("1", None)], "2025-05-01T00:00:00Z"), file_name="c", sha256="c"
    )
    assert (small.listed, small.undoable) == (1, False)
    assert len(list_trash(db)) == 1
    assert db.execute("SELECT count(*) FROM imports").fetchone() == (3,)
