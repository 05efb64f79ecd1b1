"""The 90-day time budget without carrying every entry of the window through Python.

:func:`netdash.store.depth.time_budget` (the reference) reads each (entry, person) row of the
last 90 days, 10,000 and more on a large journal, and buckets them in Python: 100-300 ms of the
GIL after every write, competing with the frame that shows the write. Only the inner 15 (layers 5
and 15) are bucketed apart; everyone else is "rest". So SQL sums the hours of every entry in the
window by kind, Python buckets only the entries that touch the inner 15, and an entry that touches
none of them is all "rest". The shares equal the reference's up to the order floats are added in.
A journal with backfilled entries (real durations, typed entries winning) reads the window's
rows for the total instead of the kind index alone; one without keeps the index-only count.
"""

from __future__ import annotations

import json
from datetime import date

from sqlite_utils import Database

from netdash.domain.scoring import KIND_HOURS, Depth
from netdash.store.depth import TimeBudget, entry_hours
from netdash.store.depth_sums import EACH_KIND
from netdash.store.hours_together import has_evidence, length, shadowed

INNER = (5, 15)
"""The layers bucketed apart; any other person's time is the rest."""

KINDS_IN_WINDOW = (
    # each kind found by a seek on the (kind, occurred_on, id) index, then its window counted
    # in that index: no row of the table read (a GROUP BY over the date index read 9,000 rows
    # of it on the large journal after every write, 23 ms of a 60 ms rescore)
    f"{EACH_KIND} SELECT k.kind, (SELECT COUNT(*) FROM interactions i"
    " WHERE i.kind = k.kind AND i.occurred_on > ? AND i.occurred_on <= ?"
    " AND EXISTS (SELECT 1 FROM interaction_people ip WHERE ip.interaction_id = i.id))"
    " FROM kinds k WHERE k.kind IS NOT NULL"
)
"""How many entries with people each kind has in the window (kinds without any: 0)."""

COUNTED_IN_WINDOW = (
    "SELECT i.kind, i.minutes FROM interactions i WHERE i.occurred_on > ? AND i.occurred_on <= ?"
    " AND EXISTS (SELECT 1 FROM interaction_people ip WHERE ip.interaction_id = i.id"
    f" AND NOT {shadowed()})"
)
"""Each entry in the window with someone it counts time for, with its kind and minutes: a
journal with backfilled entries reads the window's rows, since an entry may have a real
duration or be shadowed for everyone on it (:mod:`netdash.store.hours_together`)."""


def time_budget(db: Database, depths: dict[int, Depth], today: date, days: int = 90) -> TimeBudget:
    """:func:`netdash.store.depth.time_budget`'s shares: every entry with people in the window,
    counted once in the total and once in each bucket one of its people falls in."""
    window = [date.fromordinal(today.toordinal() - days).isoformat(), today.isoformat()]
    if has_evidence(db):
        total = sum(length(*entry) for entry in db.execute(COUNTED_IN_WINDOW, window))
    else:
        kinds = db.execute(KINDS_IN_WINDOW, window).fetchall()
        total = sum(KIND_HOURS.get(kind, 0.5) * count for kind, count in kinds)
    if total == 0:
        return TimeBudget(0.0, 0.0, 0.0, 0.0)
    inner = [person for person, depth in depths.items() if depth.layer in INNER]
    rows = db.execute(
        "SELECT i.id, ip.person_id, i.kind, i.minutes FROM interactions i"
        " JOIN interaction_people ip ON ip.interaction_id = i.id"
        " WHERE i.id IN (SELECT interaction_id FROM interaction_people"
        " WHERE person_id IN (SELECT value FROM json_each(?)))"
        f" AND i.occurred_on > ? AND i.occurred_on <= ? AND NOT {shadowed()}",
        [json.dumps(inner), *window],
    ).fetchall()

    def bucket(person_id: int) -> tuple[int]:
        depth = depths.get(person_id)
        layer = depth.layer if depth is not None else None
        return (layer if layer in INNER else 0,)

    hours, touching = entry_hours(rows, bucket)
    rest = total - touching + hours.get(0, 0.0)
    return TimeBudget(hours.get(5, 0.0) / total, hours.get(15, 0.0) / total, rest / total, total)
