"""Vouches: endorsements given to, or received from, a person on a topic.

The depth model reads them too; this module is where they are written and listed, so no
command or screen needs to know the table.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlite_utils import Database

from netdash.domain.dates import check_past, today, utc_now
from netdash.domain.errors import InvalidInput, NotFound
from netdash.store.tx import write_transaction

DIRECTIONS = ("given", "received")


class Vouch(NamedTuple):
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
    _check(direction, topic, occurred_on)
    with write_transaction(db):
        cursor = db.execute(
            "INSERT INTO vouches(person_id, direction, topic, occurred_on, note, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [person_id, direction, topic.strip(), occurred_on.isoformat(), note, utc_now()],
        )
    vouch_id = cursor.lastrowid
    assert vouch_id is not None
    return Vouch(vouch_id, person_id, direction, topic.strip(), occurred_on.isoformat(), note)


def _check(direction: str, topic: str, occurred_on: date) -> None:
    check_past(occurred_on, today(), field="date")
    if direction not in DIRECTIONS:
        raise InvalidInput(f"{direction!r} is not a vouch direction (given or received)")
    if not topic.strip():
        raise InvalidInput("a vouch needs a topic")


def get_vouch(db: Database, vouch_id: int) -> Vouch:
    row = db.execute(
        "SELECT id, person_id, direction, topic, occurred_on, note FROM vouches WHERE id = ?",
        [vouch_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no vouch with id {vouch_id}")
    return Vouch(*row)


def edit_vouch(
    db: Database,
    vouch_id: int,
    *,
    direction: str | None = None,
    topic: str | None = None,
    occurred_on: date | None = None,
    note: str | None = None,
) -> Vouch:
    """Change only the fields given (None keeps one), checked as a new vouch is; the old
    vouch goes to the trash, so undo puts it back."""
    from netdash.store.trash import Scope, into_trash  # here: `people show` only reads vouches

    with write_transaction(db):
        old = get_vouch(db, vouch_id)
        new = Vouch(
            old.id,
            old.person_id,
            old.direction if direction is None else direction,
            old.topic if topic is None else topic.strip(),
            old.occurred_on if occurred_on is None else occurred_on.isoformat(),
            old.note if note is None else note,
        )
        _check(new.direction, new.topic, date.fromisoformat(new.occurred_on))
        said = f"edit the vouch #{vouch_id} on {old.topic}"
        with into_trash(db, "edit vouch", said, [Scope("vouches", "id = ?", [vouch_id])]):
            db.execute(
                "UPDATE vouches SET direction = ?, topic = ?, occurred_on = ?, note = ?"
                " WHERE id = ?",
                [new.direction, new.topic, new.occurred_on, new.note, vouch_id],
            )
    return new


def delete_vouch(db: Database, vouch_id: int) -> Vouch:
    """Delete a vouch, into the trash; the vouch as it was."""
    from netdash.store.trash import Scope, into_trash

    with write_transaction(db):
        old = get_vouch(db, vouch_id)
        said = f"delete the vouch #{vouch_id} ({old.direction}) on {old.topic}"
        with into_trash(db, "delete vouch", said, [Scope("vouches", "id = ?", [vouch_id])]):
            db.execute("DELETE FROM vouches WHERE id = ?", [vouch_id])
    return old


def vouches_for(db: Database, person_id: int, *, limit: int | None = None) -> list[Vouch]:
    """A person's vouches, newest first (ties: the one recorded last first)."""
    rows = db.execute(
        "SELECT id, person_id, direction, topic, occurred_on, note FROM vouches"
        " WHERE person_id = ? ORDER BY occurred_on DESC, id DESC LIMIT ?",
        [person_id, -1 if limit is None else limit],
    ).fetchall()
    return [Vouch(*row) for row in rows]
