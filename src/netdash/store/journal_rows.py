"""A journal entry as a row, and one person's timeline: what `people show` reads.

Apart from :mod:`netdash.store.journal` (logging, editing, the Journal's filtered pages), which
imports the trash, the people store and the name rules: a command showing one person needs
none of them to read that person's entries.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from netdash.domain.models import Interaction, PersonRef

ENTRY_COLUMNS = (
    "i.id, i.occurred_on, i.kind, i.initiated_by, i.depth, i.note,"
    " (SELECT group_concat(p.id || char(31) || p.name, char(30)) FROM interaction_people ip"
    "  JOIN people p ON p.id = ip.person_id WHERE ip.interaction_id = i.id),"
    " (SELECT group_concat(t.name, ' ') FROM interaction_tags it"
    "  JOIN tags t ON t.id = it.tag_id WHERE it.interaction_id = i.id),"
    " i.source_import"
)
"""The columns :func:`entry` reads, from ``interactions i``."""


def entry(row: tuple[object, ...]) -> Interaction:
    """An :data:`ENTRY_COLUMNS` row as an entry, its people and tags sorted by name."""
    # names never hold \x1e or \x1f: clean_name splits on them as whitespace
    pairs = (item.split("\x1f", 1) for item in str(row[6]).split("\x1e")) if row[6] else ()
    people = tuple(
        sorted((PersonRef(int(pid), name) for pid, name in pairs), key=lambda r: r.name.lower())
    )
    tags = tuple(sorted(str(row[7]).split(" "), key=str.lower)) if row[7] else ()
    return Interaction(
        id=int(str(row[0])),
        occurred_on=date.fromisoformat(str(row[1])),
        kind=str(row[2]),
        initiated_by=str(row[3]),
        depth=int(str(row[4])),
        note=str(row[5]),
        people=people,
        tags=tags,
        source_import=int(str(row[8])) if row[8] is not None else None,
    )


def person_timeline(db: Database, person_id: int) -> list[Interaction]:
    """Every entry naming the person, newest first (the Journal's order): found through their
    rows in ``interaction_people`` (its index by person), whatever the journal's size."""
    rows = db.execute(
        f"SELECT {ENTRY_COLUMNS} FROM interactions i WHERE i.id IN"
        " (SELECT interaction_id FROM interaction_people WHERE person_id = ?)"
        " ORDER BY i.occurred_on DESC, i.id DESC",
        [person_id],
    ).fetchall()
    return [entry(row) for row in rows]
