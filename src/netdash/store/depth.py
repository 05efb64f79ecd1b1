"""The depth model's reads: the journal rows it scores, the cache of scores, the time budget.

The scoring itself is pure and lives in :mod:`netdash.domain.scoring`; this module gathers what it
needs in a few queries and keeps the result keyed by the journal's revision.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable
from datetime import date
from typing import NamedTuple

from sqlite_utils import Database

from netdash.domain.depth_build import depth_from, depth_of
from netdash.domain.scoring import (
    Depth,
    DepthSettings,
    Rows,
    assign_layers,
    components_of,
    total_score,
)
from netdash.store.db import journal_revision
from netdash.store.depth_age import step_stored
from netdash.store.depth_cache import (
    Standing,
    read_cache,
    refresh,
    refresh_stored,
    write_cache,
)
from netdash.store.depth_step import advance
from netdash.store.depth_sums import PERSON_COLUMNS, person_rows, score_all
from netdash.store.errors import JournalBusy
from netdash.store.hours_together import length, own_hours, shadowed
from netdash.store.tx import without_waiting, write_transaction


def _gather(
    db: Database, today: date, person_ids: Collection[int] | None = None
) -> dict[int, Rows]:
    """Everything the model reads, in four queries: for everyone in one pass over the journal,
    or for ``person_ids`` by index (the people a write touched, or one explained)."""
    some = person_ids is not None
    ids = [json.dumps(sorted(person_ids))] if person_ids is not None else []
    among = " IN (SELECT value FROM json_each(?))"
    people: dict[int, Rows] = {}
    for pid, *own in db.execute(
        f"SELECT {PERSON_COLUMNS} FROM people" + (f" WHERE id{among}" if some else ""), ids
    ).fetchall():
        people[pid] = person_rows(*own)
    for pid, iid, age, kind, depth, initiated, hours in db.execute(
        # an entry dated after today (written where the day had already turned) is 0 days old
        "SELECT ip.person_id, i.id,"
        " MAX(0, CAST(julianday(?) - julianday(i.occurred_on) AS INTEGER)),"
        f" i.kind, i.depth, i.initiated_by, {own_hours()}"
        + (
            # each person's entries in id order, as the pass over everyone reads them: the
            # sums are of floats, and the same order gives the same last digit
            " FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id"
            f" WHERE ip.person_id{among} ORDER BY ip.person_id, ip.interaction_id"
            if some
            # everyone: interactions first, then their people by key, both read in order
            # ("+" keeps SQLite off the date index, which would read the table out of order)
            else " FROM interactions i CROSS JOIN interaction_people ip ON ip.interaction_id = i.id"
        ),
        [today.isoformat(), *ids],
    ).fetchall():
        people[pid].entries.append((iid, age, kind, depth, initiated, hours))
    where = f" WHERE person_id{among}" if some else ""
    for pid, cid in db.execute(
        f"SELECT person_id, contribution_id FROM contribution_people{where}", ids
    ).fetchall():
        people[pid].contributions.append(cid)
    for pid, oid in db.execute(
        "SELECT DISTINCT person_id, outcome_id FROM outcome_credits"
        + (where if some else " WHERE person_id IS NOT NULL"),
        ids,
    ).fetchall():
        people[pid].outcomes.append(oid)
    return people


def compute_depth(
    db: Database, today: date, settings: DepthSettings, *, with_rows: bool = False
) -> dict[int, Depth]:
    """Scores with their components, layers and keep-in-touch state for everyone, in one pass
    over the journal: the reference that :func:`score_all` (what the cache stores) equals."""
    gathered = _gather(db, today)
    halving: dict[int, float] = {}
    computed = {
        pid: components_of(rows, today, settings, halving, with_rows)
        for pid, rows in gathered.items()
    }
    scores = {pid: total_score(items[0]) for pid, items in computed.items()}
    pinned = {pid: rows.pinned_layer for pid, rows in gathered.items() if rows.pinned_layer}
    layers = assign_layers(scores, pinned, settings.min_score)
    return {
        pid: depth_from(
            pid,
            scores[pid],
            *computed[pid][1:],
            rows,
            layers.get(pid),
            today,
            settings,
            computed[pid][0],
        )
        for pid, rows in gathered.items()
    }


def explain_person(
    db: Database, person_id: int, today: date, settings: DepthSettings, layer: int | None
) -> Depth:
    """One person's score with the journal rows behind each component. Their layer depends on
    everyone's scores, so the caller passes it in (from a :func:`compute_depth` it has)."""
    rows = _gather(db, today, [person_id])[person_id]
    computed = components_of(rows, today, settings, {}, collect=True)
    return depth_of(person_id, rows, computed, rows.pinned_layer or layer, today, settings)


class TimeBudget(NamedTuple):
    """Where logged time went in the last 90 days, against Dunbar's finding that about 40% of
    social time goes to the inner 5 and 20% to the next 10. Each share is the time of the entries
    that touch the layer over the time of all entries, every entry counted once per layer it
    touches: coffee with three of the inner 5 is 2 hours there, not 6."""

    inner5: float
    next10: float
    rest: float
    hours: float


def entry_hours(
    rows: Iterable[tuple[int, int, str, int | None]], buckets_of: Callable[[int], Iterable[int]]
) -> tuple[dict[int, float], float]:
    """Hours per bucket from (entry id, person id, kind, minutes) rows, and the hours of all
    entries.

    An entry's length (:func:`~netdash.store.hours_together.length`) counts once in each
    bucket one of its people falls in, and once in the total, however many people it has:
    the time was spent once. Callers leave out the people a backfilled entry is shadowed for
    (:func:`~netdash.store.hours_together.shadowed`): an entry counts where one of its other
    people falls, and not at all when every one of them has a typed entry that day.
    """
    touched: dict[int, tuple[float, set[int]]] = {}
    for entry_id, person_id, kind, minutes in rows:
        touched.setdefault(entry_id, (length(kind, minutes), set()))[1].update(
            buckets_of(person_id)
        )
    by_bucket: dict[int, float] = {}
    total = 0.0
    for hours, buckets in touched.values():
        total += hours
        for bucket in buckets:
            by_bucket[bucket] = by_bucket.get(bucket, 0.0) + hours
    return by_bucket, total


def time_budget(db: Database, depths: dict[int, Depth], today: date, days: int = 90) -> TimeBudget:
    since = date.fromordinal(today.toordinal() - days).isoformat()
    rows = db.execute(
        "SELECT i.id, ip.person_id, i.kind, i.minutes FROM interactions i"
        " JOIN interaction_people ip ON ip.interaction_id = i.id"
        f" WHERE i.occurred_on > ? AND i.occurred_on <= ? AND NOT {shadowed()}",
        [since, today.isoformat()],
    ).fetchall()

    def bucket(person_id: int) -> tuple[int]:
        layer = depths[person_id].layer if person_id in depths else None
        return (layer if layer in (5, 15) else 0,)

    hours, total = entry_hours(rows, bucket)
    if total == 0:
        return TimeBudget(0.0, 0.0, 0.0, 0.0)
    return TimeBudget(
        hours.get(5, 0.0) / total, hours.get(15, 0.0) / total, hours.get(0, 0.0) / total, total
    )


def _state(db: Database, today: date) -> tuple[int, int, str | None]:
    """The journal's revision, the cache slot for ``today`` and the key its scores were
    written under. A day already kept has its slot; else slot 1 takes a day no earlier than
    its own (today, or the next day), slot 2 an earlier day (a review's): neither evicts the
    other."""
    revision = journal_revision(db)
    keys = dict(db.execute("SELECT id, key FROM depth_cache_key").fetchall())
    day = today.isoformat()
    for slot, key in keys.items():
        if key.split("|", 1)[0] == day:
            return revision, slot, key
    newest = keys.get(1, "").split("|", 1)[0]
    slot = 1 if day >= newest else 2
    return revision, slot, keys.get(slot)


def _cache_key(today: date, revision: int, settings: DepthSettings) -> str:
    return f"{today.isoformat()}|{revision}|{settings!r}"


def _only_revision_moved(stored: str | None, key: str) -> bool:
    """Same day, same settings: the cached scores of people no write touched still hold."""
    if stored is None:
        return False
    day, _, settings = stored.split("|", 2)
    new_day, _, new_settings = key.split("|", 2)
    return (day, settings) == (new_day, new_settings)


def _refreshed(
    db: Database, today: date, settings: DepthSettings, known: Standing | None
) -> Standing | None:
    """The cache brought up to date by rescoring the people writes marked, and stored, in one
    write transaction (a crash keeps the old scores or the new); None when a full rescore is
    due. ``known`` (what the caller last had) stands for the cache when it is what the slot
    holds. A busy or read-only journal gets the same answer, not stored."""

    def gather(ids: Collection[int]) -> dict[int, Rows]:
        return _gather(db, today, ids)

    try:
        with without_waiting(), write_transaction(db):
            revision, slot, stored = _state(db, today)  # again, now no one else can write
            key = _cache_key(today, revision, settings)
            base = known if known is not None and known.key == stored else None
            if stored == key:  # another reader brought it up to date meanwhile
                return base or Standing(key, read_cache(db, today, slot))
            if not _only_revision_moved(stored, key):
                return None
            done = refresh(db, today, settings, gather, slot, base)
            if done is not None:
                write_cache(db, done.rescored, key, slot, everyone=False, moved=done.relayered)
            return done.standing(key) if done else None
    except (sqlite3.OperationalError, JournalBusy):
        done = refresh(db, today, settings, gather, _state(db, today)[1])
        return done.standing(None) if done else None


def refreshed_slot(db: Database, today: date, settings: DepthSettings) -> int | None:
    """The cache slot holding today's scores for this revision and these settings, brought up
    to date in place when only writes moved the revision: for a one-shot command, which then
    reads what it prints from the slot. No one's depth is built but the marked people's and
    those whose layer moved (:func:`refresh_stored`); a new day or new settings are stepped in
    place (:func:`step_stored`). None when there is no such slot to read: nothing stored to
    build on, most people marked, a busy or read-only journal; then :func:`cached_depth`
    answers."""
    revision, slot, stored = _state(db, today)
    key = _cache_key(today, revision, settings)
    if stored == key:
        return slot
    if stored is None:
        return None

    def gather(ids: Collection[int]) -> dict[int, Rows]:
        return _gather(db, today, ids)

    try:
        with without_waiting(), write_transaction(db):
            revision, slot, stored = _state(db, today)  # again, now no one else can write
            key = _cache_key(today, revision, settings)
            if stored == key:  # another reader brought it up to date meanwhile
                return slot
            if stored is None:
                return None
            if not _only_revision_moved(stored, key):  # a new day or new settings
                return slot if step_stored(db, today, settings, slot, stored, key, gather) else None
            done = refresh_stored(db, today, settings, gather, slot)
            if done is None:
                return None
            write_cache(db, done.rescored, key, slot, everyone=False, moved=done.relayered)
            return slot
    except (sqlite3.OperationalError, JournalBusy):
        return None


def _stepped(db: Database, today: date, settings: DepthSettings) -> Standing | None:
    """A new day (or new settings) from the slot's stored sums, stepped in place in one write
    transaction (:func:`step_stored`) and read back; None when a full rescore is due. A busy
    or read-only journal gets the same answer from :func:`advance`, not stored."""

    def gather(ids: Collection[int]) -> dict[int, Rows]:
        return _gather(db, today, ids)

    try:
        with without_waiting(), write_transaction(db):
            revision, slot, stored = _state(db, today)  # again, now no one else can write
            key = _cache_key(today, revision, settings)
            if stored == key:  # another reader brought it up to date meanwhile
                return Standing(key, read_cache(db, today, slot))
            if stored is None or not step_stored(db, today, settings, slot, stored, key, gather):
                return None
            return Standing(key, read_cache(db, today, slot))
    except (sqlite3.OperationalError, JournalBusy):
        _, slot, stored = _state(db, today)
        done = advance(db, today, settings, slot, stored, gather) if stored else None
        return Standing(None, done.depths) if done else None


def cached_depth(db: Database, today: date, settings: DepthSettings) -> dict[int, Depth]:
    """Everyone's depth without components, from the cache when nothing it reads has changed.

    Triggers bump a revision on every write to the tables the model reads and mark the people
    the write touched; the cache is keyed by that revision, the day and the settings, so a
    stale score is never served. When only the revision moved, the marked people are rescored
    and the layers re-ranked (milliseconds); a new day or new settings age the stored sums in
    place (:func:`step_stored`; :func:`advance` in memory for a journal it cannot write); with
    no sums to age (an earlier day, another decay) or most people marked, everyone is rescored
    from per-person sums (:func:`score_all`), and the result stored.
    """
    return depth_standing(db, today, settings).depths


def depth_standing(
    db: Database, today: date, settings: DepthSettings, known: Standing | None = None
) -> Standing:
    """:func:`cached_depth`, for a caller that keeps what it was last given (the app): with
    ``known`` still what the cache holds, nothing changed costs nothing, and after a write
    only the marked people are read; the layers are re-ranked in memory."""
    revision, slot, stored = _state(db, today)
    key = _cache_key(today, revision, settings)
    if stored == key:
        if known is not None and known.key == key:
            return known
        return Standing(key, read_cache(db, today, slot))
    moved = _only_revision_moved(stored, key)
    if stored is not None:
        done = _refreshed(db, today, settings, known) if moved else _stepped(db, today, settings)
        if done is not None:
            return done
        revision, slot, _ = _state(db, today)
        key = _cache_key(today, revision, settings)
    depths, totals = score_all(db, today, settings)
    try:
        with without_waiting(), write_transaction(db):
            # a write while scoring would leave its marks cleared and its people unscored
            if _state(db, today)[:2] == (revision, slot):
                scored = ((depth, totals[pid]) for pid, depth in depths.items())
                write_cache(db, scored, key, slot, everyone=True)
                return Standing(key, depths)
    except (sqlite3.OperationalError, JournalBusy):
        pass  # a read-only or busy journal: serve the fresh scores without keeping them
    return Standing(None, depths)


def scores_and_budget(
    db: Database, today: date, settings: DepthSettings, known: Standing | None = None
) -> tuple[Standing, TimeBudget]:
    """What the app shows once scored: everyone's depth (re-ranked from ``known`` after a
    write, see :func:`depth_standing`) and the 90-day time budget over their layers, from
    ``known``'s counts with the entries logged since added when that is exact."""
    from netdash.store.time_budget import budget_of  # it builds on this module

    standing = depth_standing(db, today, settings, known)
    return standing, budget_of(db, standing, today, known)
