"""A day an earlier import cut short, filled in by a newer export of the same chat or calendar.

An export taken at 14:00 has half of that day; the next export has all of it. The day's entry
keeps its key, so the newer import finds it: when the newer day has more messages, calls or
events than the entry was made from, the entry takes the newer figures (note, kind, minutes, who
started it) and ``evidence_revisions`` keeps what it was, so undoing the newer import — by
``imports undo ID`` or ``netdash undo`` — puts the older figures back.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from netdash.domain.evidence_days import Day

_COLUMNS = ("kind", "initiated_by", "depth", "note", "minutes", "source_units")


def units_of(day: Day) -> int:
    """How many messages, calls, mails or events the day had."""
    return sum(day.units.values())


def fill_in(
    db: Database, entry_id: int, day: Day, new_values: dict[str, object], import_id: int
) -> None:
    """Give the entry the day's fuller figures, keeping the ones it had for undo."""
    row = db.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM interactions WHERE id = ?", [entry_id]
    ).fetchone()
    before = dict(zip(_COLUMNS, row, strict=True))
    db.execute(
        "INSERT OR REPLACE INTO evidence_revisions(interaction_id, import_id, before)"
        " VALUES (?, ?, ?)",
        [entry_id, import_id, json.dumps(before)],
    )
    values = {**new_values, "source_units": units_of(day)}
    assignments = ", ".join(f"{column} = :{column}" for column in _COLUMNS)
    db.execute(f"UPDATE interactions SET {assignments} WHERE id = :id", {**values, "id": entry_id})


def put_back(db: Database, import_id: int) -> None:
    """Undo one import's fillings-in: each entry gets back what it had before, or, when a
    later import filled it in again since, that later import's undo will (it now keeps the
    older figures)."""
    revisions = db.execute(
        "SELECT interaction_id, before FROM evidence_revisions WHERE import_id = ?", [import_id]
    ).fetchall()
    for entry_id, before in revisions:
        later = db.execute(
            "SELECT import_id FROM evidence_revisions WHERE interaction_id = ? AND import_id > ?"
            " ORDER BY import_id LIMIT 1",
            [entry_id, import_id],
        ).fetchone()
        if later is not None:
            db.execute(
                "UPDATE evidence_revisions SET before = ? WHERE interaction_id = ?"
                " AND import_id = ?",
                [before, entry_id, later[0]],
            )
            continue
        values = json.loads(before)
        assignments = ", ".join(f"{column} = :{column}" for column in _COLUMNS)
        db.execute(
            f"UPDATE interactions SET {assignments} WHERE id = :id", {**values, "id": entry_id}
        )
    db.execute("DELETE FROM evidence_revisions WHERE import_id = ?", [import_id])
