"""Follow-ups: a person, a day to come, and what about; done by hand or by logging with them.

Written from a log line ("follow up with Ana next friday about the intro") or from the log
form; listed by ``netdash followups``, ``reach-out``, ``upcoming`` and the dashboard. Marking
one done or deleting it goes through the trash, so ``undo`` puts it back; logging an
interaction with the person marks it done in the same transaction
(:func:`netdash.store.journal.log_interaction`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlite_utils import Database

from netdash.domain.dates import utc_now
from netdash.domain.errors import InvalidInput, NotFound
from netdash.domain.followup import check_ahead, parse_follow_up
from netdash.domain.names import MAX_NOTE, check_length
from netdash.domain.refs import PersonRef
from netdash.domain.upcoming import ahead_words, weekday_date
from netdash.store.tx import write_transaction

if TYPE_CHECKING:
    from netdash.domain.followup import FollowUpLine
    from netdash.store.journal import PersonChoice

# The journal's writes and the trash are imported by the functions that write: `reach-out`
# and the dashboard only read follow-ups, and need neither.


@dataclass(frozen=True)
class FollowUp:
    """One follow-up as the screens and commands show it."""

    id: int
    person: PersonRef
    due_on: date
    about: str
    created_on: date
    done_on: date | None = None

    def due_words(self, today: date) -> str:
        """ "due today", "2 days late", "in 3 days": how it stands against today."""
        words = ahead_words(self.due_on, today)
        return "due today" if words == "today" else words

    def is_due(self, today: date) -> bool:
        return self.done_on is None and self.due_on <= today

    def to_json(self, today: date) -> dict[str, object]:
        """For scripts: the keys ``followups``, ``upcoming`` and ``reach-out`` share."""
        return {
            "id": self.id,
            "person_id": self.person.id,
            "name": self.person.name,
            "due_on": self.due_on.isoformat(),
            "in_days": (self.due_on - today).days,
            "about": self.about,
            "created_on": self.created_on.isoformat(),
            "done_on": self.done_on.isoformat() if self.done_on else None,
        }

    def line(self, today: date) -> str:
        """ "#3  Fri 2026-11-27 (tomorrow)  Ana Souza: the intro", as the commands list it."""
        about = f": {self.about}" if self.about else ""
        when = self.due_words(today)
        if self.done_on is not None:
            when = f"done {self.done_on.isoformat()}"
        return f"#{self.id}  {weekday_date(self.due_on)} ({when})  {self.person.name}{about}"


@dataclass(frozen=True)
class Added:
    """What :func:`add_follow_ups` wrote: one follow-up per person, and who among them is new."""

    follow_ups: tuple[FollowUp, ...]
    created: tuple[PersonRef, ...]


def add_follow_ups(
    db: Database,
    *,
    people: Sequence[PersonChoice],
    due_on: date,
    today: date,
    about: str = "",
) -> Added:
    """One follow-up for each person (new names become people), in one transaction."""
    if not people:
        raise InvalidInput("a follow-up needs a person", field="people")
    check_ahead(due_on, today)
    about = " ".join(about.split())
    check_length("what about", about, MAX_NOTE, field="note")
    from netdash.store.journal import _materialize

    written: list[FollowUp] = []
    with write_transaction(db):
        everyone, created = _materialize(db, people)
        for ref in everyone:
            cursor = db.execute(
                "INSERT INTO follow_ups(person_id, due_on, about, created_on, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [ref.id, due_on.isoformat(), about, today.isoformat(), utc_now()],
            )
            written.append(FollowUp(int(cursor.lastrowid or 0), ref, due_on, about, today))
    return Added(tuple(written), tuple(created))


def read_follow_up(db: Database, text: str, today: date) -> FollowUpLine | None:
    """A log line read as a follow-up, with the journal's names (lower-case names, aliases)
    as a log line finds them; None if it is an ordinary log line. The one reading
    ``netdash log`` and the log form share."""
    from netdash.store.aliases import JournalNames

    return parse_follow_up(text, today, JournalNames(db))


def add_follow_up_line(db: Database, line: FollowUpLine, today: date) -> Added:
    """Write what a follow-up line says: its people looked up (new names become people)."""
    from netdash.store.mentions import resolve_mentions

    people = resolve_mentions(db, line.mentions)
    return add_follow_ups(db, people=people, due_on=line.due_on, today=today, about=line.about)


_COLUMNS = (
    "f.id, f.person_id, p.name, f.due_on, f.about, f.created_on, f.done_on"
    " FROM follow_ups f JOIN people p ON p.id = f.person_id"
)


def _follow_up(row: Sequence[object]) -> FollowUp:
    done = str(row[6]) if row[6] else None
    return FollowUp(
        id=int(str(row[0])),
        person=PersonRef(int(str(row[1])), str(row[2])),
        due_on=date.fromisoformat(str(row[3])),
        about=str(row[4]),
        created_on=date.fromisoformat(str(row[5])),
        done_on=date.fromisoformat(done) if done else None,
    )


def open_follow_ups(db: Database, *, until: date | None = None) -> list[FollowUp]:
    """Follow-ups not done yet, soonest first (the late ones before them); only those due on
    or before ``until`` if given."""
    where, params = "f.done_on IS NULL", []
    if until is not None:
        where += " AND f.due_on <= ?"
        params.append(until.isoformat())
    rows = db.execute(f"SELECT {_COLUMNS} WHERE {where} ORDER BY f.due_on, f.id", params).fetchall()
    return [_follow_up(row) for row in rows]


def all_follow_ups(db: Database) -> list[FollowUp]:
    """Every follow-up: the open ones as :func:`open_follow_ups` lists them, then the done,
    most recently done first."""
    rows = db.execute(
        f"SELECT {_COLUMNS} WHERE f.done_on IS NOT NULL ORDER BY f.done_on DESC, f.id DESC"
    ).fetchall()
    return open_follow_ups(db) + [_follow_up(row) for row in rows]


def get_follow_up(db: Database, follow_up_id: int) -> FollowUp:
    row = db.execute(f"SELECT {_COLUMNS} WHERE f.id = ?", [follow_up_id]).fetchone()
    if row is None:
        raise NotFound(f"no follow-up with id {follow_up_id} (netdash followups lists them)")
    return _follow_up(row)


def _said(follow_up: FollowUp) -> str:
    about = f" about {follow_up.about}" if follow_up.about else ""
    return f"follow-up with {follow_up.person.name}{about}"


def mark_done(db: Database, follow_up_id: int, today: date) -> FollowUp:
    """Mark a follow-up done today; kept in the trash, so undo opens it again."""
    from netdash.store.trash import Scope, into_trash

    with write_transaction(db):
        follow_up = get_follow_up(db, follow_up_id)
        if follow_up.done_on is not None:
            raise InvalidInput(
                f"the {_said(follow_up)} was already done on {follow_up.done_on.isoformat()}"
            )
        scope = [Scope("follow_ups", "id = ?", [follow_up_id])]
        with into_trash(db, "follow-up done", f"mark the {_said(follow_up)} done", scope):
            db.execute(
                "UPDATE follow_ups SET done_on = ? WHERE id = ?",
                [today.isoformat(), follow_up_id],
            )
    return replace(follow_up, done_on=today)


def delete_follow_up(db: Database, follow_up_id: int) -> FollowUp:
    """Delete a follow-up (made by mistake), into the trash."""
    from netdash.store.trash import Scope, into_trash

    with write_transaction(db):
        follow_up = get_follow_up(db, follow_up_id)
        scope = [Scope("follow_ups", "id = ?", [follow_up_id])]
        with into_trash(db, "delete follow-up", f"delete the {_said(follow_up)}", scope):
            db.execute("DELETE FROM follow_ups WHERE id = ?", [follow_up_id])
    return follow_up
