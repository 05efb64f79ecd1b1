"""Backfilled days in the journal: matching, one entry per day and channel, strangers,
idempotent re-imports, a newer export adding only what is new, and undo by import id."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import pytest
from sqlite_utils import Database

from netdash.domain.evidence import Counterpart, Trace
from netdash.domain.evidence_days import fold
from netdash.domain.models import ContactPoint
from netdash.store.evidence import BackfillResult, ImportMeta, backfill
from netdash.store.import_list import list_imports, undo_import
from netdash.store.people import add_person
from netdash.store.strangers import (
    ignore_stranger,
    link_stranger,
    list_strangers,
    make_person,
)
from netdash.store.trash import undo

ANA = Counterpart("name", "Ana Souza")
ZOE_PHONE = Counterpart("phone", "+44 7700 900123", "Zoe")
BEN_MAIL = Counterpart("email", "ben@example.org", "Ben Okafor")


def chat(day: int, hour: int, *, from_me: bool, who: Counterpart = ANA) -> Trace:
    return Trace(
        channel="whatsapp",
        conversation=f"chat with {who.name or who.value}",
        on=date(2026, 3, day),
        at=datetime(2026, 3, day, hour, 0),
        people=(who,),
        from_me=from_me,
        unit="message",
    )


def said(who: Counterpart, hour: int = 9) -> Trace:
    """A message in the family group chat on 9 March."""
    return Trace(
        "whatsapp", "family", date(2026, 3, 9), datetime(2026, 3, 9, hour), (who,), False,
        "message",
    )  # fmt: skip


def run(db: Database, traces: Iterable[Trace], **meta: object) -> BackfillResult:
    days = fold(traces)
    fields: dict[str, object] = {"source": "whatsapp", "file_name": "chat.txt", "sha256": "x"}
    fields.update(meta)
    return backfill(db, days.values(), ImportMeta(**fields))  # type: ignore[arg-type]


def entries(db: Database) -> list[tuple[object, ...]]:
    return [
        tuple(row)
        for row in db.execute(
            "SELECT i.occurred_on, i.kind, i.initiated_by, i.note, i.minutes,"
            " group_concat(p.name) FROM interactions i"
            " JOIN interaction_people ip ON ip.interaction_id = i.id"
            " JOIN people p ON p.id = ip.person_id GROUP BY i.id ORDER BY i.occurred_on, i.id"
        )
    ]


@pytest.fixture
def ana(db: Database) -> int:
    return add_person(db, "Ana Souza")


def test_one_entry_per_day_with_who_wrote_first(db: Database, ana: int) -> None:
    result = run(
        db,
        [
            chat(2, 21, from_me=False),
            chat(2, 9, from_me=True),  # earlier the same day, read later: I started it
            chat(2, 22, from_me=False),
            chat(3, 8, from_me=False),
        ],
    )
    assert result.entries_added == 2
    assert entries(db) == [
        ("2026-03-02", "message", "me", "WhatsApp: 3 messages", None, "Ana Souza"),
        ("2026-03-03", "message", "them", "WhatsApp: 1 message", None, "Ana Souza"),
    ]
    person = db.execute(
        "SELECT last_contact_on, interaction_count FROM people WHERE id = ?", [ana]
    ).fetchone()
    assert tuple(person) == ("2026-03-03", 2)


def test_same_file_twice_changes_nothing_and_newer_export_adds_only_new(
    db: Database, ana: int
) -> None:
    first = [chat(2, 9, from_me=True), chat(3, 9, from_me=False)]
    run(db, first)
    again = run(db, first)
    assert not again.changed and again.import_id is None
    assert len(list_imports(db)) == 1
    newer = run(db, [*first, chat(4, 10, from_me=True)])
    assert newer.entries_added == 1 and newer.already_there == 2
    assert [row[0] for row in entries(db)] == ["2026-03-02", "2026-03-03", "2026-03-04"]


def test_matching_by_email_phone_and_name_and_strangers_wait(db: Database, ana: int) -> None:
    ben = add_person(db, "Benjamin Okafor", points=[ContactPoint("email", "Ben@Example.org")])
    traces = [
        chat(5, 9, from_me=False, who=BEN_MAIL),
        chat(5, 10, from_me=False, who=ZOE_PHONE),
        chat(6, 10, from_me=True, who=ZOE_PHONE),
    ]
    result = run(db, traces)
    assert result.entries_added == 1 and result.strangers == 1
    assert entries(db)[0][-1] == "Benjamin Okafor"
    assert ben in result.people
    (zoe,) = list_strangers(db)
    assert (zoe.shown, zoe.identity, zoe.days, zoe.last_on) == (
        "Zoe",
        "+44 7700 900123",
        2,
        "2026-03-06",
    )
    assert zoe.files == ("chat.txt",)
    # seen again in the same export: not counted twice, and nothing to record
    again = run(db, traces)
    assert not again.changed and again.strangers == 0
    assert list_strangers(db)[0].days == 2
    assert len(list_imports(db)) == 1


def test_a_stranger_made_a_person_gets_history_from_the_next_import(db: Database) -> None:
    traces = [chat(5, 10, from_me=False, who=ZOE_PHONE), chat(6, 10, from_me=True, who=ZOE_PHONE)]
    run(db, traces)
    (zoe,) = list_strangers(db)
    person_id, _ = make_person(db, zoe.id, "Zoe Adams")
    assert list_strangers(db) == []
    number = db.execute(
        "SELECT value FROM contact_points WHERE person_id = ? AND kind = 'phone'", [person_id]
    ).fetchone()
    assert number[0] == "+44 7700 900123"
    # the export again, with the number written the way another phone writes it
    local = Counterpart("phone", "07700 900123", "Zoe")
    result = run(db, [chat(5, 10, from_me=False, who=local), chat(6, 10, from_me=True, who=local)])
    assert result.entries_added == 2
    assert {row[-1] for row in entries(db)} == {"Zoe Adams"}


def test_group_day_gains_a_person_who_became_known_and_undo_takes_only_that(
    db: Database, ana: int
) -> None:
    first = run(db, [said(ANA), said(ZOE_PHONE, 10)])
    (zoe,) = list_strangers(db)
    zoe_id = add_person(db, "Zoe Adams")
    link_stranger(db, zoe.id, zoe_id)
    second = run(db, [said(ANA), said(ZOE_PHONE, 10)])
    assert (second.entries_added, second.links_added) == (0, 1)
    assert entries(db)[0][-1] == "Ana Souza,Zoe Adams"
    assert second.import_id is not None and first.import_id is not None
    undo_import(db, second.import_id)
    assert entries(db)[0][-1] == "Ana Souza"  # the first import's entry stays
    undo_import(db, first.import_id)
    assert entries(db) == []
    assert list_imports(db) == []
    # and undo of the undo puts the first import's entry back
    undo(db)
    assert entries(db)[0][-1] == "Ana Souza"


def test_undoing_an_earlier_import_and_putting_it_back_keeps_a_later_ones_links(
    db: Database, ana: int
) -> None:
    """The first import's day gains Zoe from the second; `imports undo` of the first takes the
    day (and her link with it); `netdash undo` puts both back, and the second import still
    knows the link is its own."""

    first = run(db, [said(ANA), said(ZOE_PHONE)])
    (zoe,) = list_strangers(db)
    make_person(db, zoe.id, "Zoe Adams")
    second = run(db, [said(ANA), said(ZOE_PHONE)])
    assert first.import_id is not None and second.import_id is not None
    undo_import(db, first.import_id)
    assert entries(db) == []
    undo(db)
    assert entries(db)[0][-1] == "Ana Souza,Zoe Adams"
    undo_import(db, second.import_id)
    assert entries(db)[0][-1] == "Ana Souza"


def test_undo_forgets_a_name_the_import_taught(db: Database) -> None:
    nameless = Counterpart("phone", "+44 7700 900123")
    run(db, [chat(5, 10, from_me=False, who=nameless)])
    assert list_strangers(db)[0].name == ""
    run(db, [chat(6, 10, from_me=False, who=ZOE_PHONE)])
    assert list_strangers(db)[0].name == "Zoe"
    undo(db)
    assert list_strangers(db)[0].name == ""


def test_netdash_undo_takes_back_the_newest_import(db: Database, ana: int) -> None:
    run(db, [chat(2, 9, from_me=True), chat(2, 10, from_me=False, who=ZOE_PHONE)])
    assert len(entries(db)) == 1 and len(list_strangers(db)) == 1
    undo(db)
    assert entries(db) == [] and list_strangers(db) == [] and list_imports(db) == []
    person = db.execute("SELECT last_contact_on, interaction_count FROM people").fetchone()
    assert tuple(person) == (None, 0)


def test_ignored_strangers_stay_out(db: Database) -> None:
    run(db, [chat(5, 10, from_me=False, who=ZOE_PHONE)])
    (zoe,) = list_strangers(db)
    ignore_stranger(db, zoe.id)
    assert list_strangers(db) == []
    later = run(db, [chat(7, 10, from_me=False, who=ZOE_PHONE)])
    assert later.strangers == 0 and list_strangers(db) == []


def test_large_group_is_an_event_and_calls_keep_minutes(db: Database, ana: int) -> None:
    crowd = (*(Counterpart("name", f"Guest {n}") for n in range(9)), ANA)
    party = Trace(
        "calendar",
        "uid-1@x",
        date(2026, 3, 12),
        datetime(2026, 3, 12, 19),
        crowd,
        False,
        "event",
        minutes=180.0,
        group_size=11,
        title="Party",
    )
    call = Trace(
        "phone",
        "phone:123",
        date(2026, 3, 13),
        datetime(2026, 3, 13, 9),
        (ANA,),
        True,
        "call",
        minutes=34.4,
    )
    missed = Trace(
        "phone",
        "phone:123",
        date(2026, 3, 14),
        datetime(2026, 3, 14, 9),
        (ANA,),
        False,
        "missed_call",
        minutes=0.0,
    )
    run(db, [party, call, missed], titles=True)
    assert entries(db) == [
        ("2026-03-12", "event", "them", "Calendar: Party (3 h)", 180, "Ana Souza"),
        ("2026-03-13", "call", "me", "Phone: 1 call (34 min)", 34, "Ana Souza"),
        ("2026-03-14", "call", "them", "Phone: 1 missed call", 0, "Ana Souza"),
    ]
    depths = [row[0] for row in db.execute("SELECT depth FROM interactions ORDER BY occurred_on")]
    assert depths == [2, 2, 1]


def test_two_people_with_one_name_match_neither(db: Database) -> None:
    add_person(db, "Ana Souza")
    add_person(db, "Ana Souza")
    result = run(db, [chat(2, 9, from_me=True)])
    assert result.entries_added == 0 and result.strangers == 1


def test_dry_run_writes_nothing_and_says_per_person(db: Database, ana: int) -> None:
    days = fold([chat(2, 9, from_me=True), chat(3, 9, from_me=False)])
    meta = ImportMeta("whatsapp", "chat.txt", "x")
    result = backfill(db, days.values(), meta, dry_run=True)
    assert result.entries_added == 2
    person = result.people[ana]
    assert (person.channels, person.first_on, person.last_on) == (
        {"whatsapp": 2},
        "2026-03-02",
        "2026-03-03",
    )
    assert entries(db) == [] and list_imports(db) == []


def test_a_merge_keeps_which_import_added_a_link(db: Database, ana: int) -> None:
    """Zoe, linked to a group day by a later import, is merged into her duplicate: undoing
    that import still takes exactly her link back, now on the person kept."""
    from netdash.store.duplicates import merge_people

    run(db, [said(ANA), said(ZOE_PHONE)])
    (zoe,) = list_strangers(db)
    zoe_id, _ = make_person(db, zoe.id, "Zoe Adams")
    second = run(db, [said(ANA), said(ZOE_PHONE)])
    assert second.links_added == 1 and second.import_id is not None
    kept = add_person(db, "Zoe A.")
    merge_people(db, kept, zoe_id)
    assert entries(db)[0][-1] == "Ana Souza,Zoe A."
    undo_import(db, second.import_id)
    assert entries(db)[0][-1] == "Ana Souza"


def test_a_newer_export_fills_in_the_day_an_older_one_cut_short(db: Database, ana: int) -> None:
    """Exported at noon, then again in the evening: the day takes the fuller figures, and
    undoing the newer import (either way) puts the noon figures back."""
    noon = [chat(2, 9, from_me=False), chat(2, 11, from_me=True)]
    evening = [
        *noon,
        chat(2, 18, from_me=True),
        chat(2, 19, from_me=False),
        chat(3, 8, from_me=True),
    ]
    run(db, noon)
    assert entries(db) == [
        ("2026-03-02", "message", "them", "WhatsApp: 2 messages", None, "Ana Souza")
    ]
    newer = run(db, evening)
    assert (newer.entries_added, newer.days_filled, newer.already_there) == (1, 1, 0)
    assert [row[3] for row in entries(db)] == ["WhatsApp: 4 messages", "WhatsApp: 1 message"]
    assert not run(db, evening).changed  # and the same evening export again changes nothing
    assert newer.import_id is not None
    undo_import(db, newer.import_id)
    assert [row[3] for row in entries(db)] == ["WhatsApp: 2 messages"]
    undo(db)  # the undo of `imports undo`: the evening's figures again
    assert [row[3] for row in entries(db)] == ["WhatsApp: 4 messages", "WhatsApp: 1 message"]
    undo(db)  # and undoing the evening import itself, as `netdash undo` does
    assert [row[3] for row in entries(db)] == ["WhatsApp: 2 messages"]


def test_undoing_a_middle_filling_in_leaves_the_newest_and_its_undo_goes_all_the_way_back(
    db: Database, ana: int
) -> None:
    first = [chat(2, 9, from_me=False)]
    second = [*first, chat(2, 10, from_me=True)]
    third = [*second, chat(2, 11, from_me=True)]
    run(db, first)
    middle, last = run(db, second), run(db, third)
    assert middle.import_id is not None and last.import_id is not None
    undo_import(db, middle.import_id)
    assert [row[3] for row in entries(db)] == ["WhatsApp: 3 messages"]
    undo_import(db, last.import_id)
    assert [row[3] for row in entries(db)] == ["WhatsApp: 1 message"]
