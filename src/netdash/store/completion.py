"""What the forms complete from: everyone's names, aliases and handles, read in one pass.

Read by a worker on its own connection when a form's field first needs it, and again only when
the journal has changed (``user_revision``), so no keystroke waits on SQLite.
"""

from __future__ import annotations

from collections import defaultdict

from sqlite_utils import Database

from netdash.domain.name_index import NameEntry, NameIndex


def name_index(db: Database) -> NameIndex:
    """Every person with their company, last contact, aliases and handles."""
    also: dict[int, list[str]] = defaultdict(list)
    for person_id, value in db.execute(
        "SELECT person_id, value FROM person_aliases WHERE kind != 'uid'"
    ).fetchall():
        also[int(person_id)].append(str(value))
    handles: dict[int, list[str]] = defaultdict(list)
    for person_id, handle in db.execute("SELECT person_id, handle FROM handles").fetchall():
        handles[int(person_id)].append(str(handle))
    rows = db.execute(
        "SELECT id, name, coalesce(company, ''), last_contact_on FROM people"
    ).fetchall()
    return NameIndex(
        NameEntry(
            int(row[0]),
            str(row[1]),
            str(row[2]),
            row[3],
            tuple(also.get(int(row[0]), ())),
            tuple(handles.get(int(row[0]), ())),
        )
        for row in rows
    )
