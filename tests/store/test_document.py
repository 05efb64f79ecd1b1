from __future__ import annotations

from sqlite_utils import Database

from netdash.domain.models import ContactPoint, Handle
from netdash.store import document
from netdash.store.people import add_alias, add_person


def test_contact_details_group_by_person_preferred_first_within_a_kind(db: Database) -> None:
    ada = add_person(
        db,
        "Ada",
        points=[
            ContactPoint("phone", "+1 555 0100"),
            ContactPoint("email", "old@example.com"),
            ContactPoint("email", "ada@example.com", preferred=True),
        ],
    )
    bo = add_person(db, "Bo", tags=["b-tag", "A-tag"])
    points = document.points_by_person(db)
    assert [p.value for p in points[ada]] == ["ada@example.com", "old@example.com", "+1 555 0100"]
    assert bo not in points
    assert document.tags_by_person(db) == {bo: ["A-tag", "b-tag"]}


def test_handles_and_uids_by_person(db: Database) -> None:
    ada = add_person(db, "Ada", handles=[Handle("mastodon", "ada@example.social")])
    add_alias(db, ada, "uid", "b-uid")
    add_alias(db, ada, "uid", "a-uid")
    assert document.handles_by_person(db) == {ada: [Handle("mastodon", "ada@example.social")]}
    assert document.uids_by_person(db) == {ada: "a-uid"}
    assert [row[1] for row in document.card_rows(db)] == ["Ada"]
