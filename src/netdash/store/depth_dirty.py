"""Migration m010: the people whose depth score a write may have changed, marked by triggers.

The depth cache (m004) is keyed by a revision every write bumps, so any write used to mean
rescoring all 10,000 people. Triggers on every column the model reads (see ``_gather`` in
:mod:`netdash.store.depth`) now also mark the people the write touches, whichever process
wrote (the CLI, another window, an undo), so the next read rescores only them and re-ranks the
layers. Its own module: migrations.py is near the 500-line limit.
"""

from __future__ import annotations

from sqlite_utils import Database


def _mark(person: str) -> str:
    """Mark one person (an SQL expression, may be NULL), without ever meeting a conflict: an
    ``INSERT OR IGNORE`` would take the writing statement's conflict policy (OR FAIL, OR
    ABORT) instead of its own, and fail the user's write."""
    return (
        f"INSERT INTO depth_dirty SELECT {person} WHERE {person} IS NOT NULL"
        f" AND NOT EXISTS (SELECT 1 FROM depth_dirty WHERE person_id = {person});"
    )


#: (trigger name, event, what it marks): one line per trigger.
_TRIGGERS = (
    ("interaction_people_insert", "INSERT", [_mark("NEW.person_id")]),
    ("interaction_people_delete", "DELETE", [_mark("OLD.person_id")]),
    ("interaction_people_update", "UPDATE", [_mark("OLD.person_id"), _mark("NEW.person_id")]),
    (
        "interactions_update",
        "UPDATE OF id, occurred_on, kind, depth, initiated_by",
        [
            "INSERT INTO depth_dirty SELECT DISTINCT person_id FROM interaction_people"
            " WHERE interaction_id IN (OLD.id, NEW.id) AND person_id NOT IN"
            " (SELECT person_id FROM depth_dirty);"
        ],
    ),
    ("people_insert", "INSERT", [_mark("NEW.id")]),
    ("people_delete", "DELETE", [_mark("OLD.id")]),
    (
        "people_update",
        "UPDATE OF id, met_on, closeness, cadence_days, snoozed_until, pinned_layer",
        [_mark("OLD.id"), _mark("NEW.id")],
    ),
    ("contribution_people_insert", "INSERT", [_mark("NEW.person_id")]),
    ("contribution_people_delete", "DELETE", [_mark("OLD.person_id")]),
    ("contribution_people_update", "UPDATE", [_mark("OLD.person_id"), _mark("NEW.person_id")]),
    ("outcome_credits_insert", "INSERT", [_mark("NEW.person_id")]),
    ("outcome_credits_delete", "DELETE", [_mark("OLD.person_id")]),
    ("outcome_credits_update", "UPDATE", [_mark("OLD.person_id"), _mark("NEW.person_id")]),
)
LATER_COLUMNS = {
    "people_update": ", cadence_max_days",
    "interactions_update": ", minutes, source_key",
}
"""Columns a later migration (m021, m023) added to a trigger's list: m010 creates each as it was,
the later one again with them (:func:`recreate_trigger`)."""


def _create(db: Database, name: str, event: str, marks: list[str], extra: str = "") -> None:
    table = name.rsplit("_", 1)[0]
    db.execute(
        f"CREATE TRIGGER {name}_dirty AFTER {event}{extra} ON {table} BEGIN {' '.join(marks)} END"
    )


def recreate_trigger(db: Database, name: str) -> None:
    """Trigger ``name`` again, with the columns :data:`LATER_COLUMNS` adds to its list."""
    db.execute(f"DROP TRIGGER IF EXISTS {name}_dirty")
    for known, event, marks in _TRIGGERS:
        if known == name:
            _create(db, name, event, marks, LATER_COLUMNS[name])


def m010_depth_dirty(db: Database) -> None:
    """The table of marked people and its triggers. Everyone starts marked: the cache a journal
    has from before cannot say whom earlier writes touched, so the first read rescores all."""
    db.execute("CREATE TABLE depth_dirty (person_id INTEGER PRIMARY KEY)")
    db.execute("INSERT INTO depth_dirty SELECT id FROM people")
    for name, event, marks in _TRIGGERS:
        _create(db, name, event, marks)
