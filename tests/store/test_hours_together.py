"""Hours together from backfilled days (issue 17): an event's or call's real duration, and an
entry typed by hand winning over the evidence of the same person's same day."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.domain.evidence import Counterpart, Trace
from netdash.domain.evidence_days import fold
from netdash.domain.models import ContactPoint
from netdash.domain.scoring import DepthSettings
from netdash.store.depth import cached_depth, compute_depth, explain_person
from netdash.store.depth_sums import read_sums, score_all
from netdash.store.evidence import ImportMeta, backfill
from netdash.store.journal import delete_interaction, log_interaction
from netdash.store.people import add_person, update_person
from netdash.store.time_split import time_split
from netdash.store.year_hours import hours_of, layer_units, most_time
from tests.conftest import TODAY, Run
from tests.store.backfilled import add_backfilled

DAY = TODAY - timedelta(days=10)
ANA = Counterpart("email", "ana@example.org", "Ana Souza")
BEN = Counterpart("email", "ben@example.org", "Ben Okafor")


def imported(db: Database, *traces: Trace, source: str = "calendar") -> None:
    """Traces through the real fold and store, as ``netdash import`` writes them."""
    backfill(db, fold(traces).values(), ImportMeta(source, "export", "sha"))


def event(minutes: float, *who: Counterpart, on: date = DAY, uid: str = "lunch") -> Trace:
    return Trace(
        "calendar",
        uid,
        on,
        datetime(on.year, on.month, on.day, 12),
        who,
        from_me=True,
        unit="event",
        minutes=minutes,
    )


def call(minutes: float, who: Counterpart, on: date = DAY) -> Trace:
    at = datetime(on.year, on.month, on.day, 18)
    return Trace("phone", who.value, on, at, (who,), from_me=False, unit="call", minutes=minutes)


def hours(db: Database) -> dict[int, float]:
    """Each person's hours by every path that adds them up, which must agree."""
    full = {pid: depth.hours for pid, depth in compute_depth(db, TODAY, DepthSettings()).items()}
    assert {pid: d.hours for pid, d in score_all(db, TODAY, DepthSettings())[0].items()} == full
    assert {pid: d.hours for pid, d in cached_depth(db, TODAY, DepthSettings()).items()} == full
    sums = read_sums(db, TODAY, DepthSettings())
    assert {pid: s.hours for pid, s in sums.items()} == {pid: full[pid] for pid in sums}
    for pid, want in full.items():
        assert explain_person(db, pid, TODAY, DepthSettings(), None).hours == want
    return full


@pytest.fixture
def people(db: Database) -> tuple[int, int]:
    ana = add_person(db, "Ana Souza", points=[ContactPoint("email", "ana@example.org")])
    ben = add_person(db, "Ben Okafor", points=[ContactPoint("email", "ben@example.org")])
    return ana, ben


def test_a_typed_entry_wins_over_a_backfilled_event_the_same_day(
    db: Database, people: tuple[int, int]
) -> None:
    """Lunch typed by hand (in person: 2 h) and the calendar's 3-hour lunch: 2 h, not 5."""
    ana, _ = people
    log_interaction(db, people=[ana], occurred_on=DAY, today=TODAY, kind="in_person")
    imported(db, event(180, ANA))
    assert db.execute(
        "SELECT minutes FROM interactions WHERE source_key IS NOT NULL"
    ).fetchall() == [(180,)]
    assert hours(db)[ana] == 2.0
    # both are kept and shown: the timeline has the two entries
    assert db.execute(
        "SELECT COUNT(*) FROM interaction_people WHERE person_id = ?", [ana]
    ).fetchone() == (2,)


def test_a_backfilled_event_on_another_day_counts_its_real_duration(
    db: Database, people: tuple[int, int]
) -> None:
    ana, _ = people
    log_interaction(db, people=[ana], occurred_on=DAY, today=TODAY, kind="in_person")
    imported(db, event(180, ANA, on=DAY - timedelta(days=1)))
    assert hours(db)[ana] == 5.0


def test_a_backfilled_call_alone_counts_its_minutes(db: Database, people: tuple[int, int]) -> None:
    ana, _ = people
    imported(db, call(34, ANA), source="sms-backup")
    assert hours(db)[ana] == 34 / 60


def test_a_backfilled_day_without_a_duration_counts_its_kinds_length(
    db: Database, people: tuple[int, int]
) -> None:
    """A day of WhatsApp messages has no duration: a typed message's 0.1 h."""
    ana, _ = people
    chat = Trace("whatsapp", "Ana", DAY, None, (ANA,), from_me=True, unit="message")
    imported(db, chat, source="whatsapp")
    assert hours(db)[ana] == 0.1


def test_a_group_event_is_shadowed_for_one_person_only(
    db: Database, people: tuple[int, int]
) -> None:
    """Ana and Ben at a 90-minute meeting; the user typed a call with Ana that day. The call is
    Ana's time (0.5 h), the meeting Ben's (1.5 h); the time budget and split count 2 h."""
    ana, ben = people
    log_interaction(db, people=[ana], occurred_on=DAY, today=TODAY, kind="call")
    imported(db, event(90, ANA, BEN))
    got = hours(db)
    assert (got[ana], got[ben]) == (0.5, 1.5)
    update_person(db, ana, pinned_layer=5)
    depths = cached_depth(db, TODAY, DepthSettings())
    split = time_split(db, depths, TODAY)
    assert split.total == 2.0
    assert split.hours[5] == 0.5 and sum(split.hours.values()) == 2.0
    meeting = next(entry for entry in split.entries if entry.hours == 1.5)
    assert {name for _, name in meeting.people} == {"Ana Souza", "Ben Okafor"}  # all shown
    assert 5 not in meeting.rings  # but not Ana's time


def test_a_new_typed_entry_rescores_the_cached_hours(db: Database, people: tuple[int, int]) -> None:
    """The write marks the person; the incremental rescore reads the rule too."""
    ana, _ = people
    imported(db, event(180, ANA))
    assert cached_depth(db, TODAY, DepthSettings())[ana].hours == 3.0
    typed = log_interaction(db, people=[ana], occurred_on=DAY, today=TODAY, kind="call")
    assert cached_depth(db, TODAY, DepthSettings())[ana].hours == 0.5
    delete_interaction(db, typed.interaction_id)
    assert cached_depth(db, TODAY, DepthSettings())[ana].hours == 3.0
    assert hours(db)[ana] == 3.0


def test_the_reviews_hours_follow_the_same_rule(db: Database, people: tuple[int, int]) -> None:
    ana, _ = people
    log_interaction(db, people=[ana], occurred_on=DAY, today=TODAY, kind="in_person")
    imported(db, event(180, ANA), event(90, ANA, BEN, uid="meeting"), call(34, BEN))
    start, end = f"{TODAY.year}-01-01", f"{TODAY.year}-12-31"
    people_count, ranked = most_time(db, start, end)
    assert people_count == 2
    assert [(name, hours_of(units)) for name, units in ranked] == [
        ("Ben Okafor", hours_of(90 + 34)),
        ("Ana Souza", 2),
    ]
    rows = layer_units(db, start, end, {ana: 5})
    # the typed lunch (Ana, inner 5: 2 h), the meeting (Ben's time only, outside: 1.5 h), the
    # call (Ben: 34 min), and the calendar lunch: an entry, no time, no layer
    assert sorted(rows, key=str) == sorted(
        [(5, False, 120, 1), (None, True, 90 + 34, 2), (None, False, 0, 1)], key=str
    )


def test_a_backfilled_day_scores_as_a_typed_entry_of_its_kind() -> None:
    """Frequency, intimacy and reciprocity read a backfilled day as the same typed entry:
    kind, depth and who started it. Only where its hours come from differs."""
    from netdash.store.db import memory_db

    scored = []
    for backfilled in (False, True):
        db = memory_db()
        ana = add_person(db, "Ana")
        for age, kind, started in (
            (3, "call", "them"),
            (40, "message", "me"),
            (400, "video", "them"),
        ):
            on = TODAY - timedelta(days=age)
            if backfilled:
                add_backfilled(db, [ana], on, kind, None, initiated_by=started, depth=2)
            else:
                log_interaction(
                    db, people=[ana], occurred_on=on, today=TODAY, kind=kind, initiated_by=started
                )
        depth = compute_depth(db, TODAY, DepthSettings(), with_rows=True)[ana]
        scored.append((depth.score, [(c.name, c.value) for c in depth.components], depth.hours))
        db.close()
    assert scored[0] == scored[1]


def test_people_show_json_reads_the_rule(journal_path: Path, run: Run) -> None:
    from netdash.store.db import open_db

    db = open_db(journal_path)
    ana = add_person(db, "Ana Souza", points=[ContactPoint("email", "ana@example.org")])
    log_interaction(db, people=[ana], occurred_on=DAY, today=TODAY, kind="in_person")
    imported(db, event(180, ANA), call(34, ANA, on=DAY - timedelta(days=1)))
    db.close()
    shown = json.loads(run("people", "show", "Ana Souza", "--json").output)
    assert shown["hours_together"] == round(2 + 34 / 60, 1)  # 2.6: the typed lunch and the call
    assert shown["interaction_count"] == 3
