"""Hours together: one rule for every figure that adds them up (issue 17).

An entry's hours are its real duration when it has one (``minutes``: a call or an event read
from a backfilled export) and else its kind's typical length (``KIND_HOURS``). A backfilled
entry (``source_key`` set) counts no time for a person who has an entry typed by hand the same
day: the evidence is most likely the same time seen again (the calendar's lunch and the lunch
the user logged), and what the user wrote down wins. Shadowing is per person: a group event
can be shadowed for one of its people and still count for the others.

The check is one probe of the partial index ``interactions_typed_day`` (m023) per backfilled
row, then of ``interaction_people``'s key for each typed entry of that day (a few in a
personal journal, 110 in the benchmark's); a typed row never runs it. Figures that read only
an index of the journal (the time budget, the review) ask :func:`has_evidence` first and keep
their index-only query on a journal with nothing backfilled, as the full rescore keeps its
plan. Only backfilled entries carry ``minutes`` (m023: a typed entry has neither column), so
those figures take the kind's length for every entry of such a journal.
"""

from __future__ import annotations

from sqlite_utils import Database

from netdash.domain.scoring import KIND_HOURS


def has_evidence(db: Database) -> bool:
    """Whether any entry was backfilled: one probe of the partial index on ``source_key``."""
    row = db.execute(
        "SELECT EXISTS (SELECT 1 FROM interactions WHERE source_key IS NOT NULL)"
    ).fetchone()
    return bool(row[0])


def shadowed(entry: str = "i", person: str = "ip.person_id") -> str:
    """SQL true when the entry ``entry`` (an alias of ``interactions``) is backfilled and the
    person ``person`` (an SQL expression) has a typed entry the same day."""
    # CASE, not AND: SQLite evaluates both sides of an AND whose value is read (a column),
    # and the probe for every typed row took 0.37 s over 90 days of the large journal
    return (
        f"(CASE WHEN {entry}.source_key IS NULL THEN 0 ELSE EXISTS (SELECT 1"
        " FROM interactions typed INDEXED BY interactions_typed_day"
        # CROSS: the day's typed entries first, then the key (entry, person) of each; the
        # other way round reads every entry of the person, thousands for a close friend
        " CROSS JOIN interaction_people typed_with ON typed_with.interaction_id = typed.id"
        f" AND typed_with.person_id = {person}"
        f" WHERE typed.source_key IS NULL AND typed.occurred_on = {entry}.occurred_on) END)"
    )


def own_hours(entry: str = "i", person: str = "ip.person_id") -> str:
    """SQL for an entry's hours with a person when they are not its kind's typical length:
    0.0 when shadowed, its real duration when it has one, else NULL (the kind's length, which
    the caller fills in: a CASE over kinds in SQL, ``KIND_HOURS`` in Python)."""
    return f"CASE WHEN {shadowed(entry, person)} THEN 0.0 ELSE {entry}.minutes / 60.0 END"


def length(kind: str, minutes: int | None) -> float:
    """An entry's hours in Python: its real duration, else its kind's typical length (the
    same float SQLite's ``minutes / 60.0`` gives)."""
    return minutes / 60 if minutes is not None else KIND_HOURS.get(kind, 0.5)
