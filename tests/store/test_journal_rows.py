"""One person's timeline, read without the journal's write module, is the Journal's list of them."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.store.db import memory_db
from netdash.store.journal import list_interactions, log_interaction
from netdash.store.journal_rows import person_timeline
from netdash.store.people import add_person

TODAY = date(2026, 11, 26)

ENTRIES = st.lists(
    st.tuples(
        st.sets(st.integers(0, 3), min_size=1, max_size=3),  # who (of four people)
        st.integers(0, 40),  # days ago: several entries share a day, so the id breaks ties
        st.sampled_from(["call", "in_person", "message"]),
        st.lists(st.sampled_from(["work", "Family", "book"]), max_size=2, unique=True),
    ),
    max_size=25,
)


def fill(db: Database, entries: list[tuple[set[int], int, str, list[str]]]) -> list[int]:
    people = [add_person(db, name) for name in ("Ana", "bea", "Cy", "Dee")]
    for who, ago, kind, tags in entries:
        log_interaction(
            db,
            people=[people[index] for index in sorted(who)],
            occurred_on=TODAY - timedelta(days=ago),
            today=TODAY,
            kind=kind,
            tags=tags,
        )
    return people


@settings(max_examples=40, deadline=None)
@given(entries=ENTRIES)
def test_a_timeline_is_the_journals_list_of_that_person(
    entries: list[tuple[set[int], int, str, list[str]]],
) -> None:
    db = memory_db()
    try:
        people = fill(db, entries)
        for person_id in people:
            listed = list_interactions(db, person_id=person_id, limit=1000)
            assert person_timeline(db, person_id) == listed
            assert len(listed) == sum(1 for who, *_ in entries if people.index(person_id) in who)
    finally:
        db.close()


def test_a_timeline_is_newest_first_then_the_later_entry_first() -> None:
    db = memory_db()
    try:
        ana, bea, *_ = fill(db, [({0}, 3, "call", []), ({0, 1}, 1, "call", ["work"])])
        log_interaction(
            db, people=[ana], occurred_on=TODAY - timedelta(days=1), today=TODAY, kind="message"
        )
        timeline = person_timeline(db, ana)
        assert [(e.occurred_on.day, e.kind) for e in timeline] == [
            (25, "message"),
            (25, "call"),
            (23, "call"),
        ]
        assert [r.name for r in timeline[1].people] == ["Ana", "bea"]
        assert timeline[1].tags == ("work",)
        assert person_timeline(db, bea) == [timeline[1]]
    finally:
        db.close()
