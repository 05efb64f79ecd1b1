"""Vouches: endorsements given to, or received from, a person on a topic.

The depth model reads them too; this module is where they are written and listed, so no
command or screen needs to know the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from netdash.domain.dates import check_past, today, utc_now
from netdash.domain.errors import InvalidInput
from netdash.store.tx import write_transaction

DIRECTIONS = ("given", "received")


@dataclass(frozen=True)
class Vouch:
    """One endorsement; ``occurred_on`` is kept as stored (``YYYY-MM-DD``) for exports."""

    id: int
    person_id: int
    direction: str
    topic: str
    occurred_on: str
    note: str


def add_vouch(
    db: Database,
    person_id: int,
    *,
    direction: str,
    topic: str,
    occurred_on: date,
    note: str = "",
) -> Vouch:
    """Record a vouch in its own transaction; an empty topic, an unknown direction or a day
    to come is refused."""
    check_past(occurred_on, today(), field="date")
    if direction not in DIRECTIONS:
        raise InvalidInput(f"{direction!r} is not a vouch direction (given or received)")
    if not topic.strip():
        raise InvalidInput("a vouch needs a topic")
    with write_transaction(db):
        cursor = db.execute(
            "INSERT INTO vouches(person_id, direction, topic, occurred_on, note, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [person_id, direction, topic.strip(), occurred_on.isoformat(), note, utc_now()],
        )
    vouch_id = cursor.lastrowid
    assert vouch_id is not None
    return Vouch(vouch_id, person_id, direction, topic.strip(), occurred_on.isoformat(), note)


def vouches_for(db: Database, person_id: int, *, limit: int | None = None) -> list[Vouch]:
    """A person's vouches, newest first (ties: the one recorded last first)."""
    rows = db.execute(
        "SELECT id, person_id, direction, topic, occurred_on, note FROM vouches"
        " WHERE person_id = ? ORDER BY occurred_on DESC, id DESC LIMIT ?",
        [person_id, -1 if limit is None else limit],
    ).fetchall()
    return [Vouch(*row) for row in rows]
