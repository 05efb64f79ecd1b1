"""Backfilled entries written straight into a journal, and hours together worked out in plain
Python from the raw rows: the reference the SQL rule (netdash.store.hours_together) must equal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import count

from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.scoring import KIND_HOURS
from tests.conftest import TODAY

_keys = count(1)


def add_backfilled(
    db: Database,
    people: Sequence[int],
    on: date,
    kind: str = "in_person",
    minutes: int | None = None,
    *,
    initiated_by: str = "them",
    depth: int = 2,
) -> int:
    """One backfilled entry (a source key, maybe a real duration), as an import writes it."""
    cursor = db.execute(
        "INSERT INTO interactions(occurred_on, kind, initiated_by, depth, note, created_at,"
        " minutes, source_key) VALUES (?, ?, ?, ?, 'Calendar: 1 event', ?, ?, ?)",
        [
            on.isoformat(),
            kind,
            initiated_by,
            depth,
            TODAY.isoformat(),
            minutes,
            f"calendar:test-{next(_keys)}:{on.isoformat()}",
        ],
    )
    assert cursor.lastrowid is not None
    for pid in people:
        db.execute(
            "INSERT INTO interaction_people(interaction_id, person_id) VALUES (?, ?)",
            [cursor.lastrowid, pid],
        )
    return cursor.lastrowid


def backfill_some(db: Database, data: st.DataObject) -> None:
    """A backfilled entry drawn for a property test: often on a day someone on it already has
    an entry, so typed entries shadow it for some of its people and not others."""
    everyone = [row[0] for row in db.execute("SELECT id FROM people ORDER BY id")]
    if not everyone:
        return
    days: list[str] = [
        row[0] for row in db.execute("SELECT DISTINCT occurred_on FROM interactions")
    ]
    same_day: bool = data.draw(st.booleans())
    if days and same_day:
        on = date.fromisoformat(data.draw(st.sampled_from(sorted(days))))
    else:
        on = TODAY - timedelta(days=data.draw(st.integers(0, 900)))
    add_backfilled(
        db,
        data.draw(st.lists(st.sampled_from(everyone), min_size=1, max_size=3, unique=True)),
        on,
        data.draw(st.sampled_from(("in_person", "call", "video", "event", "message"))),
        data.draw(st.none() | st.integers(0, 600)),
        initiated_by=data.draw(st.sampled_from(("me", "them", "mutual"))),
        depth=data.draw(st.integers(1, 5)),
    )


def python_hours(db: Database, start: str = "0000", end: str = "9999") -> dict[int, float]:
    """Each person's hours together between two days (inclusive), worked out row by row: a
    real duration, else the kind's length, and nothing for a backfilled entry on a day the
    person has a typed one. Added in interaction id order, as the model adds them."""
    rows = db.execute(
        "SELECT ip.person_id, i.occurred_on, i.kind, i.minutes, i.source_key FROM interactions i"
        " JOIN interaction_people ip ON ip.interaction_id = i.id"
        " WHERE i.occurred_on BETWEEN ? AND ? ORDER BY ip.person_id, i.id",
        [start, end],
    ).fetchall()
    typed = {(pid, day) for pid, day, _, _, key in rows if key is None}
    hours: dict[int, float] = {}
    for pid, day, kind, minutes, key in rows:
        spent = minutes / 60 if minutes is not None else KIND_HOURS.get(kind, 0.5)
        hours[pid] = hours.get(pid, 0.0) + (0.0 if key and (pid, day) in typed else spent)
    return hours


def counted_rows(db: Database, start: str, end: str) -> list[tuple[int, int, str, int | None]]:
    """(entry, person, kind, minutes) of the entries between two days, without the people a
    typed entry the same day wins for, worked out in Python: what ``entry_hours`` reads."""
    rows = db.execute(
        "SELECT i.id, ip.person_id, i.kind, i.minutes, i.occurred_on, i.source_key"
        " FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id"
        " WHERE i.occurred_on BETWEEN ? AND ? ORDER BY i.id, ip.person_id",
        [start, end],
    ).fetchall()
    every = db.execute(
        "SELECT ip.person_id, i.occurred_on FROM interactions i"
        " JOIN interaction_people ip ON ip.interaction_id = i.id WHERE i.source_key IS NULL"
    ).fetchall()
    typed = {(pid, day) for pid, day in every}
    return [
        (entry, pid, kind, minutes)
        for entry, pid, kind, minutes, day, key in rows
        if not (key and (pid, day) in typed)
    ]
