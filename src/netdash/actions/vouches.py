"""Recording a vouch for someone named the way the user names them (a name, #id or @handle)."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from netdash.store.people import resolve_person
from netdash.store.vouches import Vouch, add_vouch


def record_vouch(
    db: Database,
    reference: str,
    *,
    direction: str,
    topic: str,
    occurred_on: date,
    note: str = "",
) -> tuple[str, Vouch]:
    """Add a vouch (``direction`` given or received); the person's name and the vouch."""
    person = resolve_person(db, reference)
    vouch = add_vouch(
        db, person.id, direction=direction, topic=topic, occurred_on=occurred_on, note=note
    )
    return person.name, vouch
