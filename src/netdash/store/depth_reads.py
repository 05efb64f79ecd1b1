"""Narrow reads of the stored scores, for commands that print a part of them.

``stats`` prints only how many people sit in each layer and how many are overdue, ``reach-out``
only the overdue, ``people show`` one person's layer: when today's scores are stored and up to
date, each reads just that from the cache (an aggregate, a filtered query, one row) instead of
building all 10,000 people's depths. When they are not (a write since, a new day), there is
nothing narrower to read: :func:`~netdash.store.depth.cached_depth` brings everyone up to date
and its answer is used whole.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from netdash.domain.models import LAYERS
from netdash.domain.scoring import Depth, DepthSettings, new_depth
from netdash.store.depth import _cache_key, _state, cached_depth
from netdash.store.depth_cache import _COLUMNS


def current_slot(db: Database, today: date, settings: DepthSettings) -> int | None:
    """The cache slot holding today's scores for this revision and these settings; None when
    :func:`cached_depth` has to bring them up to date first."""
    revision, slot, stored = _state(db, today)
    return slot if stored == _cache_key(today, revision, settings) else None


def _depths(db: Database, today: date, where: str, args: list[object]) -> list[Depth]:
    """The cached depths ``where`` selects, in its order, built as ``read_cache`` builds them."""
    ordinal = today.toordinal()
    return [
        new_depth(
            person_id=pid,
            score=score,
            components=(),
            layer=layer,
            last_contact=None if since is None else date.fromordinal(ordinal - since),
            days_since=since,
            cadence_days=cadence,
            cadence_source=source,
            snoozed_until=date.fromisoformat(snoozed) if snoozed else None,
            overdue=bool(overdue),
            urgency=urgency,
            hours=hours,
        )
        for pid, score, layer, since, cadence, source, snoozed, overdue, urgency, hours in (
            db.execute(f"SELECT {_COLUMNS} FROM depth_cache WHERE {where}", args).fetchall()
        )
    ]


def layers_and_overdue(
    db: Database, today: date, settings: DepthSettings
) -> tuple[dict[str, int], int]:
    """How many people sit in each layer (cumulative, as ``layer_counts``: the 15 includes the
    inner 5) and how many are overdue: two counts in SQL when the scores are current."""
    from netdash.domain.scoring import layer_counts, reach_out_queue

    slot = current_slot(db, today, settings)
    if slot is None:
        depths = cached_depth(db, today, settings)
        return layer_counts(depths), len(reach_out_queue(depths))
    by_layer = dict(
        db.execute(
            "SELECT layer, COUNT(*) FROM depth_cache WHERE slot = ? AND layer IS NOT NULL"
            " GROUP BY layer",
            [slot],
        ).fetchall()
    )
    counts = {
        str(layer): sum(n for inner, n in by_layer.items() if inner and inner <= layer)
        for layer in LAYERS
    }
    overdue = db.execute(
        "SELECT COUNT(*) FROM depth_cache WHERE slot = ? AND overdue", [slot]
    ).fetchone()[0]
    return counts, int(overdue)


def overdue_depths(db: Database, today: date, settings: DepthSettings) -> list[Depth]:
    """``reach_out_queue`` of everyone's depth: the overdue, most urgent first (ties by id);
    read alone from the cache when the scores are current."""
    from netdash.domain.scoring import reach_out_queue

    slot = current_slot(db, today, settings)
    if slot is None:
        return reach_out_queue(cached_depth(db, today, settings))
    return _depths(db, today, "slot = ? AND overdue ORDER BY urgency DESC, person_id", [slot])


def person_depth(db: Database, today: date, settings: DepthSettings, person_id: int) -> Depth:
    """One person's cached depth (without components): their row alone when the scores are
    current. Raises KeyError for an id the journal does not have, as ``cached_depth``'s dict."""
    slot = current_slot(db, today, settings)
    if slot is None:
        return cached_depth(db, today, settings)[person_id]
    found = _depths(db, today, "slot = ? AND person_id = ?", [slot, person_id])
    if not found:
        raise KeyError(person_id)
    return found[0]
