"""Narrow reads of the stored scores, for commands that print a part of them.

``stats`` prints only how many people sit in each layer and how many are overdue, ``reach-out``
only the overdue, ``people show`` one person's layer: each reads just that from the cache (an
aggregate, a filtered query, one row) instead of building all 10,000 people's depths. After a
write the stored scores are first brought up to date in place
(:func:`~netdash.store.depth.refreshed_slot`: the marked people rescored, the layers re-ranked
from stored scores, no one else's depth built), and a new day is stepped in place in SQL
(:mod:`~netdash.store.depth_age`). With nothing to build on narrowly (no stored scores, most
people marked, a busy journal) :func:`~netdash.store.depth.cached_depth` answers whole.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from netdash.domain.scoring import Depth, DepthSettings, cumulative_counts
from netdash.store.depth import _cache_key, _state, cached_depth, refreshed_slot
from netdash.store.depth_cache import depths_where
from netdash.store.depth_day import day_counts, day_overdue, day_person, day_read

QUEUE_ORDER = "days_since > coalesce(cadence_max_days, days_since) DESC, urgency DESC, person_id"
"""``reach_out_queue``'s order in SQL: the late (past their maximum) first, then by urgency."""


def current_slot(db: Database, today: date, settings: DepthSettings) -> int | None:
    """The cache slot holding today's scores for this revision and these settings; None when
    :func:`cached_depth` has to bring them up to date first."""
    revision, slot, stored = _state(db, today)
    return slot if stored == _cache_key(today, revision, settings) else None


def layers_and_overdue(
    db: Database, today: date, settings: DepthSettings
) -> tuple[dict[str, int], int]:
    """How many people sit in each layer (cumulative, as ``layer_counts``: the 15 includes the
    inner 5) and how many are overdue: two counts in SQL when the scores are current."""
    from netdash.domain.scoring import layer_counts, reach_out_queue

    with day_read(db, today, settings) as view:
        if view is not None:
            return day_counts(db, view)
    slot = refreshed_slot(db, today, settings)
    if slot is None:
        depths = cached_depth(db, today, settings)
        return layer_counts(depths), len(reach_out_queue(depths))
    return slot_counts(db, slot)


def slot_counts(db: Database, slot: int) -> tuple[dict[str, int], int]:
    """The stored ``slot``'s layer counts (cumulative) and how many are overdue: each read
    through its partial index (m026), a few hundred rows of 10,000."""
    rows = db.execute(
        "SELECT layer, COUNT(*) FROM depth_cache WHERE slot = ? AND layer IS NOT NULL"
        " GROUP BY layer",
        [slot],
    ).fetchall()
    overdue = db.execute(
        "SELECT COUNT(*) FROM depth_cache WHERE slot = ? AND overdue", [slot]
    ).fetchone()[0]
    return cumulative_counts(dict(rows)), int(overdue)


def overdue_depths(db: Database, today: date, settings: DepthSettings) -> list[Depth]:
    """``reach_out_queue`` of everyone's depth: the overdue, most urgent first (ties by id);
    read alone from the cache when the scores are current."""
    from netdash.domain.scoring import reach_out_queue

    with day_read(db, today, settings) as view:
        if view is not None:
            return day_overdue(db, view)
    slot = refreshed_slot(db, today, settings)
    if slot is None:
        return reach_out_queue(cached_depth(db, today, settings))
    return depths_where(db, today, f"slot = ? AND overdue ORDER BY {QUEUE_ORDER}", [slot])


def person_depth(db: Database, today: date, settings: DepthSettings, person_id: int) -> Depth:
    """One person's cached depth (without components): their row alone when the scores are
    current. Raises KeyError for an id the journal does not have, as ``cached_depth``'s dict."""
    with day_read(db, today, settings) as view:
        if view is not None:
            return day_person(db, view, person_id)
    slot = refreshed_slot(db, today, settings)
    if slot is None:
        return cached_depth(db, today, settings)[person_id]
    found = depths_where(db, today, "slot = ? AND person_id = ?", [slot, person_id])
    if not found:
        raise KeyError(person_id)
    return found[0]
