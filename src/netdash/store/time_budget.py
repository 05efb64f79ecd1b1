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
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlite_utils import Database

from netdash.domain.scoring import KIND_HOURS, Depth
from netdash.store.db import journal_revision
from netdash.store.depth import TimeBudget, entry_hours
from netdash.store.depth_sums import EACH_KIND
from netdash.store.hours_together import has_evidence, length, shadowed
from netdash.store.tx import one_snapshot

if TYPE_CHECKING:
    from netdash.store.depth_cache import Standing

INNER = (5, 15)
"""The layers bucketed apart; any other person's time is the rest."""

KINDS_IN_WINDOW = (
    # each kind found by a seek on the (kind, occurred_on, id) index, then its window read in
    # that index: no row of the table read (a GROUP BY over the date index read 9,000 rows of
    # it on the large journal after every write, 23 ms of a 60 ms rescore); each entry's
    # people looked up in entry order, so the key's pages are read in turn, not at random
    # (with the file out of the page cache 81 ms, now 31; in it, 2 ms more for the sort)
    f"{EACH_KIND}, in_window(id, kind) AS MATERIALIZED (SELECT i.id, i.kind FROM kinds k"
    " CROSS JOIN interactions i INDEXED BY interactions_kind_occurred"
    " ON i.kind = k.kind AND i.occurred_on > ? AND i.occurred_on <= ? ORDER BY i.id),"
    " counted(kind, entries) AS (SELECT kind, COUNT(*) FROM in_window w"
    " WHERE EXISTS (SELECT 1 FROM interaction_people ip WHERE ip.interaction_id = w.id)"
    " GROUP BY kind)"
    " SELECT k.kind, COALESCE(c.entries, 0) FROM kinds k LEFT JOIN counted c ON c.kind = k.kind"
    " WHERE k.kind IS NOT NULL"
)
"""How many entries with people each kind has in the window (kinds without any: 0)."""

INNER_ENTRIES = (
    # the window's entries from the date index (no row read), and the inner 15's entries from
    # their (person, entry) index kept if in the window ("+": not one seek per window entry
    # for each of them): only those rows are read, about 300 of the 4,800 entries the inner 15
    # have in all on the large journal, each a page from disk when the file is not in the
    # page cache (250 ms then, 50 ms now)
    "WITH in_window(id) AS MATERIALIZED (SELECT id FROM interactions"
    " WHERE occurred_on > ? AND occurred_on <= ?),"
    " theirs(id) AS MATERIALIZED (SELECT DISTINCT mine.interaction_id FROM json_each(?) j"
    " CROSS JOIN interaction_people mine ON mine.person_id = j.value"
    " WHERE +mine.interaction_id IN in_window)"
    " SELECT i.id, ip.person_id, i.kind, i.minutes FROM theirs t"
    " CROSS JOIN interactions i ON i.id = t.id"
    " JOIN interaction_people ip ON ip.interaction_id = i.id"
)
"""Each (entry, person) pair of the window's entries naming one of the inner 15 (the
window's two ends, then the inner 15's ids as JSON)."""

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
        f"{INNER_ENTRIES} WHERE NOT {shadowed()}", [*window, json.dumps(inner)]
    ).fetchall()

    def bucket(person_id: int) -> tuple[int]:
        depth = depths.get(person_id)
        layer = depth.layer if depth is not None else None
        return (layer if layer in INNER else 0,)

    hours, touching = entry_hours(rows, bucket)
    rest = total - touching + hours.get(0, 0.0)
    return TimeBudget(hours.get(5, 0.0) / total, hours.get(15, 0.0) / total, rest / total, total)


Logged = tuple[int, int, int]
"""An entry logged in the app: its id, and the journal's revision before and after the log's
transaction (:attr:`netdash.store.journal.Logged.revisions`)."""


@dataclass(frozen=True)
class Counted:
    """A budget with what it was counted from at one revision of the journal, so the entries
    logged after it are added to it instead of counted again: the window's entries with people
    per kind, and the hours of each entry touching the
    inner 15, in each bucket it falls in (5, 15, and 0 for someone outside them). Hours are
    summed with ``math.fsum``, whose result does not depend on their order: an entry added
    later gives exactly what counting it with the others gives."""

    today: date
    revision: int
    kinds: tuple[tuple[str, int], ...]
    inner: dict[int, int]
    touching: tuple[float, ...]
    buckets: dict[int, tuple[float, ...]] = field(default_factory=dict)

    def budget(self) -> TimeBudget:
        total = math.fsum(KIND_HOURS.get(kind, 0.5) * count for kind, count in self.kinds)
        if total == 0:
            return TimeBudget(0.0, 0.0, 0.0, 0.0)
        hours = {bucket: math.fsum(each) for bucket, each in self.buckets.items()}
        rest = total - math.fsum(self.touching) + hours.get(0, 0.0)
        inner5, next10 = hours.get(5, 0.0) / total, hours.get(15, 0.0) / total
        return TimeBudget(inner5, next10, rest / total, total)


def _inner(depths: dict[int, Depth]) -> dict[int, int]:
    return {pid: depth.layer for pid, depth in depths.items() if depth.layer in INNER}


def counted(db: Database, depths: dict[int, Depth], today: date) -> Counted | None:
    """:func:`time_budget` counted afresh, with what it was counted from; None for a journal
    with backfilled entries, whose typed entries may take time from them (counted afresh
    each time)."""
    window = [date.fromordinal(today.toordinal() - 90).isoformat(), today.isoformat()]
    inner = _inner(depths)
    with one_snapshot(db):
        if has_evidence(db):
            return None
        revision = journal_revision(db)
        kinds = tuple(db.execute(KINDS_IN_WINDOW, window).fetchall())
        rows = db.execute(INNER_ENTRIES, [*window, json.dumps(list(inner))]).fetchall()
    entries: dict[int, tuple[float, set[int]]] = {}
    for entry, person, kind, minutes in rows:
        entries.setdefault(entry, (length(kind, minutes), set()))[1].add(inner.get(person, 0))
    return _with(Counted(today, revision, kinds, inner, ()), entries.values())


def _with(base: Counted, entries: Iterable[tuple[float, set[int]]]) -> Counted:
    """``base`` with the hours of ``entries`` (each touching the inner 15) in its buckets."""
    touching = list(base.touching)
    buckets = {bucket: list(each) for bucket, each in base.buckets.items()}
    for hours, falls in entries:
        touching.append(hours)
        for bucket in falls:
            buckets.setdefault(bucket, []).append(hours)
    return replace(
        base,
        touching=tuple(touching),
        buckets={bucket: tuple(each) for bucket, each in buckets.items()},
    )


def added(
    db: Database, depths: dict[int, Depth], today: date, known: Counted, logged: Sequence[Logged]
) -> Counted | None:
    """``known`` with the entries ``logged`` since it was counted added, when they are all
    that changed the journal: their revisions follow on from its revision without a gap up to
    the journal's now, and the inner 15 are who they were (else their hours are to be read
    again). None when that cannot be told: the caller counts afresh."""
    if known.today != today or _inner(depths) != known.inner:
        return None
    chain = [entry for entry in logged if entry[2] > known.revision]
    rows = db.execute(  # one statement: the revision and the entries of the same journal
        "SELECT revision, NULL, NULL, NULL, NULL, NULL, NULL FROM journal_revision UNION ALL"
        " SELECT NULL, i.id, i.kind, i.minutes, i.occurred_on, i.source_key IS NULL,"
        " ip.person_id"
        " FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id"
        " WHERE i.id IN (SELECT value FROM json_each(?))",
        [json.dumps([entry for entry, _, _ in chain])],
    ).fetchall()
    now = next(row[0] for row in rows if row[0] is not None)
    revision, taken = known.revision, []
    for entry, before, after in chain:
        if after > now:
            break  # logged after this read: the next run adds it
        if before != revision:
            return None  # something else wrote in between
        revision = after
        taken.append(entry)
    if revision != now:
        return None
    start = date.fromordinal(today.toordinal() - 90).isoformat()
    kinds = dict(known.kinds)
    entries: dict[int, tuple[str, int | None, str, set[int]]] = {}
    for _, entry, kind, minutes, day, typed, person in rows:
        if entry in taken:
            if not typed:
                return None
            entries.setdefault(entry, (kind, minutes, day, set()))[3].add(person)
    inner: list[tuple[float, set[int]]] = []
    for kind, minutes, day, people in entries.values():
        if not start < day <= today.isoformat():
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        if people & known.inner.keys():
            inner.append((length(kind, minutes), {known.inner.get(p, 0) for p in people}))
    base = replace(known, revision=now, kinds=tuple(kinds.items()))
    return _with(base, inner)


def budget_of(db: Database, standing: Standing, today: date, known: Standing | None) -> TimeBudget:
    """The time budget over ``standing``'s layers: ``known``'s counts with the entries logged
    since added (:func:`added`), else counted afresh; kept in ``standing`` for the next."""
    logged = known.logged if known is not None else []
    seen = list(logged)  # the app appends to it meanwhile
    base = known.counted if known is not None else None
    now = added(db, standing.depths, today, base, seen) if base is not None else None
    if now is None:
        now = counted(db, standing.depths, today)
    standing.logged = logged
    if now is None:  # counted afresh each time (backfilled entries): nothing to add to
        logged.clear()
        standing.counted = None
        return time_budget(db, standing.depths, today)
    del logged[: sum(1 for _, _, after in seen if after <= now.revision)]
    standing.counted = now
    return now.budget()
