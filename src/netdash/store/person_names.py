"""People's names by id: the one read that lists naming people need (reach-out, follow-ups, the
dashboard's rows).

Apart from :mod:`netdash.store.people` (which re-exports it) so that a read naming a few people
imports neither the person's records nor the journal's write modules (aliases, contact details,
the log line's words) that :mod:`~netdash.store.people` holds for its edits.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database


def names_by_id(db: Database, ids: Iterable[int] | None = None) -> dict[int, str]:
    """Names keyed by person id: everyone, or only ``ids`` (any that are gone are left out)."""
    if ids is None:
        everyone = db.execute("SELECT id, name FROM people")
        return {int(person_id): str(name) for person_id, name in everyone}
    wanted = sorted(set(ids))
    found: dict[int, str] = {}
    for start in range(0, len(wanted), 500):  # SQLite's host-parameter limit
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(f"SELECT id, name FROM people WHERE id IN ({marks})", chunk)
        found.update((int(person_id), str(name)) for person_id, name in rows)
    return found
