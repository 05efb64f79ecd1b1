"""What is coming: birthdays in the next days and the follow-ups due by then.

Read by ``netdash upcoming`` (kept light enough for a shell's start-up file: no scores, no
Textual) and by the dashboard's Upcoming panel, from a worker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from netdash.domain.refs import PersonRef
from netdash.domain.upcoming import month_days, next_birthday, turns
from netdash.store.follow_ups import FollowUp, open_follow_ups


@dataclass(frozen=True)
class Birthday:
    """A birthday in the window: whose, the day it falls on, the age turned (None: no year)."""

    person: PersonRef
    on: date
    turns: int | None
    birthday: str


@dataclass(frozen=True)
class Upcoming:
    """The window from today through ``days`` more: birthdays, and the open follow-ups due in
    it or already late."""

    today: date
    days: int
    birthdays: tuple[Birthday, ...]
    follow_ups: tuple[FollowUp, ...]

    @property
    def empty(self) -> bool:
        return not (self.birthdays or self.follow_ups)

    def by_day(self) -> list[FollowUp | Birthday]:
        """Follow-ups and birthdays together by day (a late follow-up by its own, so first),
        a follow-up before a birthday on the same day: as the command and the panel list them."""
        items: list[tuple[date, int, FollowUp | Birthday]] = [
            (f.due_on, 0, f) for f in self.follow_ups
        ]
        items += [(b.on, 1, b) for b in self.birthdays]
        return [item for _, _, item in sorted(items, key=lambda item: item[:2])]


def birthdays_within(db: Database, today: date, days: int) -> list[Birthday]:
    """Birthdays from today through ``days`` more, soonest first (then by name)."""
    rows = db.execute(
        "SELECT id, name, birthday FROM people WHERE birthday IS NOT NULL"
        " AND substr(birthday, -5) IN (SELECT value FROM json_each(?))",
        [json.dumps(month_days(today, days))],
    ).fetchall()
    last = today + timedelta(days=days)
    found = []
    for person_id, name, birthday in rows:
        on = next_birthday(birthday, today)
        if on <= last:
            found.append(Birthday(PersonRef(person_id, name), on, turns(birthday, on), birthday))
    return sorted(found, key=lambda b: (b.on, b.person.name.casefold(), b.person.id))


def upcoming(db: Database, today: date, days: int = 30) -> Upcoming:
    """Birthdays and follow-ups from today through ``days`` more."""
    birthdays = birthdays_within(db, today, days)
    follow_ups = open_follow_ups(db, until=today + timedelta(days=days))
    return Upcoming(today, days, tuple(birthdays), tuple(follow_ups))
