"""Deleting a person: what goes with them, said first, and everything kept in the trash."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from netdash.domain.refs import PersonRef
from netdash.domain.words import count_of
from netdash.store.people import get_person
from netdash.store.trash import PERSON_TABLES, Scope, into_trash
from netdash.store.tx import write_transaction


@dataclass(frozen=True)
class PersonDeletion:
    """What deleting a person takes with them, said before it is done."""

    person: PersonRef
    sole: tuple[int, ...]
    """Entries that name only them: deleted with them."""
    shared: int
    """Entries they share: kept, with the others."""

    def words(self) -> str:
        """ "Ana Souza and 12 entries that had only them; 3 shared entries keep the others"."""
        said = self.person.name
        if self.sole:
            said += f" and {count_of(len(self.sole), 'entry', 'entries')} that had only them"
        if self.shared:
            said += f"; {count_of(self.shared, 'shared entry', 'shared entries')} keep the others"
        return said


def person_deletion(db: Database, person_id: int) -> PersonDeletion:
    person = get_person(db, person_id)
    rows = db.execute(
        "SELECT ip.interaction_id, EXISTS (SELECT 1 FROM interaction_people o"
        " WHERE o.interaction_id = ip.interaction_id AND o.person_id != ?)"
        " FROM interaction_people ip WHERE ip.person_id = ?",
        [person_id, person_id],
    ).fetchall()
    sole = tuple(int(row[0]) for row in rows if not row[1])
    return PersonDeletion(PersonRef(person.id, person.name), sole, len(rows) - len(sole))


def _person_scopes(person_id: int, entries: Sequence[int]) -> list[Scope]:
    """Every row deleting a person removes or changes: theirs, their sole entries and those
    entries' links, and the rows that pointed at them (an introduction, a LinkedIn contact)."""
    ids = json.dumps(list(entries))
    among = "IN (SELECT value FROM json_each(?))"
    scopes = [
        Scope("people", "id = ? OR introduced_by = ?", [person_id, person_id]),
        Scope("interactions", f"id {among}", [ids]),
        Scope("interaction_people", f"interaction_id {among}", [ids]),
        Scope("interaction_tags", f"interaction_id {among}", [ids]),
        Scope("not_duplicates", "? IN (person_id, other_id)", [person_id]),
    ]
    for table in PERSON_TABLES:
        scopes.append(Scope(table, "person_id = ?", [person_id]))
    return scopes


def delete_person(db: Database, person_id: int) -> PersonDeletion:
    """Remove a person; interactions they shared with others stay, ones left with nobody go.
    All of it goes to the trash, so ``undo`` puts it back."""
    with write_transaction(db):
        gone = person_deletion(db, person_id)
        scopes = _person_scopes(person_id, gone.sole)
        with into_trash(db, "delete person", f"delete {gone.words()}", scopes):
            db.execute("DELETE FROM people WHERE id = ?", [person_id])
            db.conn.executemany("DELETE FROM interactions WHERE id = ?", [(i,) for i in gone.sole])
    return gone
