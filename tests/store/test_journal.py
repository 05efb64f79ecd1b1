from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput, NotFound
from netdash.store.db import memory_db
from netdash.store.journal import (
    NewPerson,
    count_interactions,
    delete_interaction,
    get_interaction,
    list_interactions,
    log_interaction,
    update_interaction,
)
from netdash.store.people import add_person, count_people, get_person
from tests.conftest import MARKUP_NAME, TODAY


def test_log_creates_new_people_and_the_entry_together(db: Database) -> None:
    ada = add_person(db, "Ada Lovelace")
    logged = log_interaction(
        db,
        people=[NewPerson("Grace Hopper"), ada],
        occurred_on=TODAY - timedelta(days=1),
        today=TODAY,
        kind="in_person",
        note="talked about COBOL",
        tags=["navy"],
    )
    assert [ref.name for ref in logged.created] == ["Grace Hopper"]
    entry = get_interaction(db, logged.interaction_id)
    assert [p.name for p in entry.people] == ["Ada Lovelace", "Grace Hopper"]
    assert (entry.kind, entry.initiated_by, entry.depth) == ("in_person", "me", 2)
    assert entry.tags == ("navy",) and entry.note == "talked about COBOL"
    assert get_person(db, ada).last_contact == TODAY - timedelta(days=1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "telepathy"}, "kind"),
        ({"initiated_by": "nobody"}, "initiated"),
        ({"depth": 7}, "depth"),
        ({"occurred_on": TODAY + timedelta(days=1)}, "not happened yet"),
        ({"people": []}, "at least one person"),
        ({"people": [NewPerson("  ")]}, "needs a name"),
        ({"people": [NewPerson("New"), 999]}, "no person"),
    ],
)
def test_bad_entries_write_nothing(db: Database, changes: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {
        "people": [NewPerson("Ada")],
        "occurred_on": TODAY,
        "today": TODAY,
        "kind": "call",
    }
    fields.update(changes)
    with pytest.raises(InvalidInput, match=message):
        log_interaction(db, **fields)  # type: ignore[arg-type]
    assert count_interactions(db) == 0
    assert count_people(db) == 0


def test_update_and_delete(db: Database) -> None:
    ada, bo = add_person(db, "Ada"), add_person(db, "Bo")
    logged = log_interaction(db, people=[ada], occurred_on=TODAY, today=TODAY, kind="call")
    update_interaction(
        db,
        logged.interaction_id,
        people=[bo, NewPerson(MARKUP_NAME)],
        occurred_on=TODAY - timedelta(days=3),
        today=TODAY,
        kind="video",
        initiated_by="them",
        depth=4,
        note="moved",
        tags=["x"],
    )
    entry = get_interaction(db, logged.interaction_id)
    assert sorted(p.name for p in entry.people) == sorted(["Bo", MARKUP_NAME])
    assert (entry.kind, entry.initiated_by, entry.depth, entry.note) == (
        "video",
        "them",
        4,
        "moved",
    )
    assert get_person(db, ada).last_contact is None
    assert get_person(db, ada).interactions == 0
    assert get_person(db, bo).last_contact == TODAY - timedelta(days=3)
    delete_interaction(db, logged.interaction_id)
    assert get_person(db, bo).last_contact is None
    with pytest.raises(NotFound):
        delete_interaction(db, logged.interaction_id)


def test_list_filters_and_newest_first(db: Database) -> None:
    ada, bo = add_person(db, "Ada"), add_person(db, "Bo")
    for days, who, kind, tags in [
        (5, [ada], "call", ["work"]),
        (1, [bo], "message", []),
        (3, [ada, bo], "event", ["work"]),
    ]:
        log_interaction(
            db,
            people=who,
            occurred_on=TODAY - timedelta(days=days),
            today=TODAY,
            kind=kind,
            tags=tags,
        )
    assert [e.kind for e in list_interactions(db)] == ["message", "event", "call"]
    assert [e.kind for e in list_interactions(db, person_id=ada)] == ["event", "call"]
    assert [e.kind for e in list_interactions(db, tag="#work")] == ["event", "call"]
    assert [e.kind for e in list_interactions(db, kind="message")] == ["message"]
    assert count_interactions(db, person_id=bo, tag="work") == 1
    assert [e.kind for e in list_interactions(db, limit=1, offset=1)] == ["event"]


operations = st.lists(
    st.tuples(
        st.sampled_from(["log", "redate", "delete"]),
        st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True),
        st.integers(0, 60),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(operations)
def test_triggers_keep_last_contact_and_counts_true(ops: list[tuple[str, list[int], int]]) -> None:
    """Whatever is logged, re-dated or deleted, the kept columns equal a fresh computation."""
    db = memory_db()
    people = [add_person(db, f"P{index}") for index in range(4)]
    entries: list[int] = []
    for op, who, days in ops:
        if op == "log" or not entries:
            logged = log_interaction(
                db,
                people=[people[i] for i in who],
                occurred_on=TODAY - timedelta(days=days),
                today=TODAY,
                kind="call",
            )
            entries.append(logged.interaction_id)
        elif op == "redate":
            entry = get_interaction(db, entries[days % len(entries)])
            update_interaction(
                db,
                entry.id,
                people=[people[i] for i in who],
                occurred_on=TODAY - timedelta(days=days),
                today=TODAY,
                kind=entry.kind,
                initiated_by=entry.initiated_by,
                depth=entry.depth,
                note=entry.note,
                tags=(),
            )
        else:
            delete_interaction(db, entries.pop(days % len(entries)))
    for person_id in people:
        expected_last, expected_count = db.execute(
            "SELECT MAX(i.occurred_on), COUNT(*) FROM interaction_people ip"
            " JOIN interactions i ON i.id = ip.interaction_id WHERE ip.person_id = ?",
            [person_id],
        ).fetchone()
        person = get_person(db, person_id)
        assert person.interactions == expected_count
        assert person.last_contact == (date.fromisoformat(expected_last) if expected_last else None)
    db.close()
