"""The Journal's filters: days, part of a name, and the people list's pages by id."""

from __future__ import annotations

from datetime import timedelta

from sqlite_utils import Database

from netdash.domain.models import Handle
from netdash.store.journal import (
    EntryFilter,
    count_interactions,
    list_interactions,
    log_interaction,
    people_named,
)
from netdash.store.people import add_person, people_by_ids, people_ids
from tests.conftest import TODAY


def small_journal(db: Database) -> dict[str, int]:
    """e1 Ana 40 days ago, e2 Ana+Bo 20 days ago, e3 Anna 10 days ago, e4 Bo today."""
    ids = {
        "ana": add_person(db, "Ana Souza", handles=[Handle("github", "asouza")]),
        "anna": add_person(db, "Anna Berg"),
        "bo": add_person(db, "Bo Chen"),
    }
    for days, who in [(40, ["ana"]), (20, ["ana", "bo"]), (10, ["anna"]), (0, ["bo"])]:
        log_interaction(
            db,
            people=[ids[w] for w in who],
            occurred_on=TODAY - timedelta(days=days),
            today=TODAY,
            kind="call",
        )
    return ids


def test_date_range_counts_both_ends(db: Database) -> None:
    small_journal(db)
    # days 30 ago to 10 ago, both included: e2 (20) and e3 (10) = 2
    which = EntryFilter(since=TODAY - timedelta(days=30), until=TODAY - timedelta(days=10))
    assert count_interactions(db, which=which) == 2
    assert [e.occurred_on for e in list_interactions(db, which=which)] == [
        TODAY - timedelta(days=10),
        TODAY - timedelta(days=20),
    ]
    # since alone: 20 ago onwards = e2, e3, e4 = 3; until alone: up to 20 ago = e1, e2 = 2
    assert count_interactions(db, which=EntryFilter(since=TODAY - timedelta(days=20))) == 3
    assert count_interactions(db, which=EntryFilter(until=TODAY - timedelta(days=20))) == 2


def test_part_of_a_name_matches_several_people(db: Database) -> None:
    ids = small_journal(db)
    # "an" is in "Ana Souza" and "Anna Berg", not in "Bo Chen"
    assert people_named(db, "an") == sorted([ids["ana"], ids["anna"]])
    assert people_named(db, "AN") == sorted([ids["ana"], ids["anna"]])
    assert people_named(db, "souz") == [ids["ana"]]
    assert people_named(db, "@asou") == [ids["ana"]]  # part of a handle
    assert people_named(db, "zz") == []
    # an exact full name picks that one person, though it is part of no one else's
    assert people_named(db, "ana souza") == [ids["ana"]]
    assert people_named(db, "@asouza") == [ids["ana"]]


def test_entries_of_many_people_count_each_entry_once(db: Database) -> None:
    ids = small_journal(db)
    both = tuple(people_named(db, "an"))
    # Ana: e1, e2; Anna: e3; so e1, e2, e3 = 3 (e2 names Bo too, and counts once).
    # 3 of the 5 people-entries are theirs, so the count takes "all 4, less e4 (Bo only)".
    assert count_interactions(db, which=EntryFilter(people=both)) == 3
    assert len(list_interactions(db, which=EntryFilter(people=both))) == 3
    # with days 25 ago to today: e2, e3 = 2
    recent = EntryFilter(people=both, since=TODAY - timedelta(days=25), until=TODAY)
    assert count_interactions(db, which=recent) == 2
    # one person, by the old keyword: Bo has e2 and e4
    assert count_interactions(db, person_id=ids["bo"]) == 2
    assert count_interactions(db, which=EntryFilter(people=())) == 0


def test_people_by_ids_keeps_the_order_given(db: Database) -> None:
    ids = small_journal(db)
    order = [ids["bo"], ids["ana"], 999, ids["anna"]]
    assert [row.name for row in people_by_ids(db, order)] == ["Bo Chen", "Ana Souza", "Anna Berg"]
    assert people_ids(db) == [ids["ana"], ids["anna"], ids["bo"]]  # name order
    assert people_ids(db, search="chen") == [ids["bo"]]
