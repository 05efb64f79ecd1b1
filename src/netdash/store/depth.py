"""The depth model's reads: the journal rows it scores, the cache of scores, the time budget.

The scoring itself is pure and lives in :mod:`netdash.domain.scoring`; this module gathers what it
needs in a few queries and keeps the result keyed by the journal's revision.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from netdash.domain.scoring import (
    KIND_HOURS,
    Depth,
    DepthSettings,
    Rows,
    assign_layers,
    components_of,
    depth_of,
    total_score,
)
from netdash.store.errors import JournalBusy
from netdash.store.tx import without_waiting, write_transaction


def _gather(db: Database, today: date, person_id: int | None = None) -> dict[int, Rows]:
    """Everything the model reads, in four queries (for everyone, or one person)."""
    one = person_id is not None
    people: dict[int, Rows] = {}
    for pid, met, closeness, cadence, snoozed, pinned in db.execute(
        "SELECT id, met_on, closeness, cadence_days, snoozed_until, pinned_layer FROM people"
        + (" WHERE id = ?" if one else ""),
        [person_id] if one else [],
    ).fetchall():
        people[pid] = Rows(
            met_on=date.fromisoformat(met) if met else None,
            closeness=closeness,
            cadence=cadence,
            snoozed_until=date.fromisoformat(snoozed) if snoozed else None,
            pinned_layer=pinned,
        )
    for pid, iid, age, kind, depth, initiated in db.execute(
        # an entry dated after today (written where the day had already turned) is 0 days old
        "SELECT ip.person_id, i.id,"
        " MAX(0, CAST(julianday(?) - julianday(i.occurred_on) AS INTEGER)),"
        " i.kind, i.depth, i.initiated_by"
        + (
            " FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id"
            " WHERE ip.person_id = ?"
            if one
            # everyone: interactions first, then their people by key, both read in order
            # ("+" keeps SQLite off the date index, which would read the table out of order)
            else " FROM interactions i CROSS JOIN interaction_people ip"
            " ON ip.interaction_id = i.id WHERE ? IS NULL"
        ),
        [today.isoformat(), person_id],
    ).fetchall():
        people[pid].entries.append((iid, age, kind, depth, initiated))
    for pid, cid in _links(
        db, "SELECT person_id, contribution_id FROM contribution_people WHERE", person_id
    ):
        people[pid].contributions.append(cid)
    for pid, oid in _links(
        db,
        "SELECT DISTINCT person_id, outcome_id FROM outcome_credits"
        " WHERE person_id IS NOT NULL AND",
        person_id,
    ):
        people[pid].outcomes.append(oid)
    return people


def _links(db: Database, select: str, person_id: int | None) -> list[tuple[int, int]]:
    """(person, item) pairs from ``select`` (which ends in WHERE or AND): everyone's with
    ``person_id`` None, else that person's."""
    return db.execute(f"{select} (? IS NULL OR person_id = ?)", [person_id, person_id]).fetchall()


def compute_depth(
    db: Database, today: date, settings: DepthSettings, *, with_rows: bool = False
) -> dict[int, Depth]:
    """Scores, layers and keep-in-touch state for everyone, in one pass over the journal."""
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
        pid: depth_of(pid, rows, computed[pid], layers.get(pid), today, settings)
        for pid, rows in gathered.items()
    }


def explain_person(
    db: Database, person_id: int, today: date, settings: DepthSettings, layer: int | None
) -> Depth:
    """One person's score with the journal rows behind each component. Their layer depends on
    everyone's scores, so the caller passes it in (from a :func:`compute_depth` it has)."""
    rows = _gather(db, today, person_id)[person_id]
    computed = components_of(rows, today, settings, {}, collect=True)
    return depth_of(person_id, rows, computed, rows.pinned_layer or layer, today, settings)


@dataclass(frozen=True)
class TimeBudget:
    """Where logged time went in the last 90 days, against Dunbar's finding that about 40% of
    social time goes to the inner 5 and 20% to the next 10. Each share is the time of the entries
    that touch the layer over the time of all entries, every entry counted once per layer it
    touches: coffee with three of the inner 5 is 2 hours there, not 6."""

    inner5: float
    next10: float
    rest: float
    hours: float


def entry_hours(
    rows: Iterable[tuple[int, int, str]], buckets_of: Callable[[int], Iterable[int]]
) -> tuple[dict[int, float], float]:
    """Hours per bucket from (entry id, person id, kind) rows, and the hours of all entries.

    An entry's typical length counts once in each bucket one of its people falls in, and once
    in the total, however many people it has: the time was spent once.
    """
    touched: dict[int, tuple[str, set[int]]] = {}
    for entry_id, person_id, kind in rows:
        touched.setdefault(entry_id, (kind, set()))[1].update(buckets_of(person_id))
    by_bucket: dict[int, float] = {}
    total = 0.0
    for kind, buckets in touched.values():
        hours = KIND_HOURS.get(kind, 0.5)
        total += hours
        for bucket in buckets:
            by_bucket[bucket] = by_bucket.get(bucket, 0.0) + hours
    return by_bucket, total


def time_budget(db: Database, depths: dict[int, Depth], today: date, days: int = 90) -> TimeBudget:
    since = date.fromordinal(today.toordinal() - days).isoformat()
    rows = db.execute(
        "SELECT i.id, ip.person_id, i.kind FROM interactions i"
        " JOIN interaction_people ip ON ip.interaction_id = i.id"
        " WHERE i.occurred_on > ? AND i.occurred_on <= ?",
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


def _cache_key(db: Database, today: date, settings: DepthSettings) -> str:
    revision = db.execute("SELECT revision FROM journal_revision").fetchone()[0]
    return f"{today.isoformat()}|{revision}|{settings!r}"


def cached_depth(db: Database, today: date, settings: DepthSettings) -> dict[int, Depth]:
    """Everyone's depth without components, from the cache when nothing it reads has changed.

    Triggers bump a revision on every write to the tables the model reads; the cache is keyed by
    that revision, the day and the settings, so a stale score is never served. A miss rescores
    everyone (seconds on 10,000 people) and stores the result.
    """
    key = _cache_key(db, today, settings)
    stored = db.execute("SELECT key FROM depth_cache_key").fetchone()
    if stored is not None and stored[0] == key:
        return {
            row[0]: Depth(
                person_id=row[0],
                score=row[1],
                components=(),
                layer=row[2],
                last_contact=(
                    date.fromordinal(today.toordinal() - row[3]) if row[3] is not None else None
                ),
                days_since=row[3],
                cadence_days=row[4],
                cadence_source=row[5],
                snoozed_until=date.fromisoformat(row[6]) if row[6] else None,
                overdue=bool(row[7]),
                urgency=row[8],
                hours=row[9],
            )
            for row in db.execute(
                "SELECT person_id, score, layer, days_since, cadence_days, cadence_source,"
                " snoozed_until, overdue, urgency, hours FROM depth_cache"
            ).fetchall()
        }
    depths = compute_depth(db, today, settings)
    try:
        with without_waiting(), write_transaction(db):
            db.execute("DELETE FROM depth_cache")
            db.conn.executemany(
                "INSERT INTO depth_cache VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        d.person_id,
                        d.score,
                        d.layer,
                        d.days_since,
                        d.cadence_days,
                        d.cadence_source,
                        d.snoozed_until.isoformat() if d.snoozed_until else None,
                        int(d.overdue),
                        d.urgency,
                        d.hours,
                    )
                    for d in depths.values()
                ),
            )
            db.execute("INSERT OR REPLACE INTO depth_cache_key VALUES (1, ?)", [key])
    except (sqlite3.OperationalError, JournalBusy):
        pass  # a read-only or busy journal: serve the fresh scores without keeping them
    return depths
