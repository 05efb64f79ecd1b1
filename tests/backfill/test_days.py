"""Folding traces into days: one record per channel, conversation and day, each identity once,
who started it from the earliest trace, and a day's time capped at a waking day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from netdash.domain.evidence import Counterpart, Trace
from netdash.domain.evidence_days import fold

DAY = date(2026, 3, 2)


def trace(hour: int, people: tuple[Counterpart, ...], *, from_me: bool, **more: object) -> Trace:
    fields: dict[str, object] = {"unit": "message", "minutes": None}
    fields.update(more)
    return Trace(
        "sms",
        "sms:1",
        DAY,
        datetime(2026, 3, 2, hour),
        people,
        from_me,
        **fields,  # type: ignore[arg-type]
    )


def test_each_identity_once_in_the_order_first_seen() -> None:
    zoe = Counterpart("phone", "+44 7700 900123", "Zoe")
    zoe_local = Counterpart("phone", "07700 900123", "Zoe A.")
    ben = Counterpart("email", "Ben@Example.org", "Ben")
    ben_lower = Counterpart("email", "ben@example.org")
    (day,) = fold(
        [
            trace(9, (zoe, ben), from_me=False),
            trace(10, (ben_lower, zoe_local), from_me=True),
            trace(11, (zoe,), from_me=False),
        ]
    ).values()
    assert day.people == (zoe, ben)
    assert day.units == {"message": 3}
    assert day.size == 3


def test_the_earliest_trace_says_who_started_whatever_order_they_come_in() -> None:
    ana = (Counterpart("name", "Ana"),)
    late_mine = trace(21, ana, from_me=True)
    early_theirs = Trace("sms", "sms:1", DAY, datetime(2026, 3, 2, 7, tzinfo=UTC), ana, False,
                         "message")  # fmt: skip
    (day,) = fold([late_mine, early_theirs]).values()
    assert day.initiated_by() == "them"


def test_kinds_depth_and_a_day_capped_at_sixteen_hours() -> None:
    ana = (Counterpart("name", "Ana"),)
    conference = trace(9, ana, from_me=True, unit="event", minutes=3 * 24 * 60.0)
    (day,) = fold([conference]).values()
    assert (day.kind(), day.whole_minutes(), day.depth()) == ("in_person", 16 * 60, 2)
    missed = fold([trace(9, ana, from_me=False, unit="missed_call")])  # readers give no minutes
    (attempt,) = missed.values()
    assert (attempt.kind(), attempt.depth(), attempt.note()) == ("call", 1, "SMS: 1 missed call")
    assert attempt.whole_minutes() == 0  # an attempt, not half an hour of a call
    crowd = tuple(Counterpart("name", f"Guest {n}") for n in range(8))
    (party,) = fold([trace(9, crowd, from_me=True, unit="event", video=True)]).values()
    assert party.kind() == "event"  # nine with the user: more than 8 is an event
    assert party.kind(large_group=9) == "video"
