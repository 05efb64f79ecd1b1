"""What tells a new person apart from those who already have their name: the question the app
and `netdash people add` ask before adding another Ana Souza."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from netdash.domain.models import Person, PersonRef
from netdash.domain.names import shorten
from netdash.store.people import get_person


def same_name_question(db: Database, name: str, others: list[PersonRef], today: date) -> str:
    """ "There is already an Ana Souza (#12, Acme, last contact 3 May). Add another Ana
    Souza?": what tells them apart, so the user can see whether it is the same person."""
    said = shorten(" ".join(name.split()))
    details = "; ".join(_told_apart(get_person(db, other.id), today) for other in others)
    if len(others) == 1:
        article = "an" if others[0].name[:1].lower() in "aeiou" else "a"
        there = f"There is already {article} {shorten(others[0].name)}"
    else:
        there = f"There are already {len(others)} people called {shorten(others[0].name)}"
    return f"{there} ({details}). Add another {said}?"


def _told_apart(person: Person, today: date) -> str:
    parts = [f"#{person.id}"]
    if person.company:
        parts.append(shorten(person.company))
    last = person.last_contact
    if last is None:
        parts.append("never logged")
    else:
        day = f"{last.day} {last:%B}" if last.year == today.year else f"{last.day} {last:%B %Y}"
        parts.append(f"last contact {day}")
    return ", ".join(parts)
