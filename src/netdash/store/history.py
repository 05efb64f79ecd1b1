"""Depth and breadth over time: layer sizes and follower counts at the end of each month.

A month's layers are the depth model run with that month end as "today" over the journal as it
stood then: entries, contributions and outcomes dated on or before it, and the people known by
then. The rows are gathered once and scored per month; the result is kept in ``layer_history``,
from which the triggers of migration m008 remove the months a write changes.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from netdash.domain import dates
from netdash.domain.models import LAYERS
from netdash.domain.scoring import DepthSettings, Rows, assign_layers, components_of, total_score
from netdash.store.errors import JournalBusy
from netdash.store.tx import without_waiting, write_transaction

#: Bumped when the way a month is computed changes, so kept months are rebuilt.
_FORMULA = 2


def month_ends(today: date, months: int = 24) -> list[date]:
    """The last ``months`` month ends on or before ``today``, oldest first (a month still
    running has no end yet, so its point appears once it is over)."""
    end = today + timedelta(days=1)
    if end.day != 1:
        end = today.replace(day=1)
    ends: list[date] = []
    while len(ends) < months:
        end -= timedelta(days=1)  # the day before the first of a month: the previous month's end
        ends.append(end)
        end = end.replace(day=1)
    return ends[::-1]


@dataclass
class _Person:
    """One person's dated rows, each list sorted by day (as ordinals) for slicing at a month."""

    since: int
    met_on: date | None
    closeness: int | None
    pinned: int | None
    entry_days: list[int] = field(default_factory=list)
    entries: list[tuple[int, int, str, int, str]] = field(default_factory=list)
    """(day, interaction id, kind, depth, who started it)."""
    contributions: list[tuple[int, int]] = field(default_factory=list)
    outcomes: list[tuple[int, int]] = field(default_factory=list)


def _ordinal(day: str) -> int:
    return date.fromisoformat(day[:10]).toordinal()


def _gather(db: Database) -> dict[int, _Person]:
    """Every dated row the model reads, in four queries, for all months at once."""
    people: dict[int, _Person] = {}
    for pid, met, created, closeness, pinned in db.execute(
        "SELECT id, met_on, created_at, closeness, pinned_layer FROM people"
    ).fetchall():
        since = _ordinal(created)
        if met:
            since = min(since, _ordinal(met))
        people[pid] = _Person(since, dates.from_iso(met), closeness, pinned)
    for pid, day, iid, kind, depth, initiated in db.execute(
        "SELECT ip.person_id, i.occurred_on, i.id, i.kind, i.depth, i.initiated_by"
        " FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id"
        " ORDER BY i.occurred_on, i.id"
    ).fetchall():
        person = people[pid]
        person.entry_days.append(_ordinal(day))
        person.entries.append((person.entry_days[-1], iid, kind, depth, initiated))
    for pid, day, cid in db.execute(
        "SELECT cp.person_id, c.occurred_on, c.id FROM contributions c"
        " JOIN contribution_people cp ON cp.contribution_id = c.id ORDER BY c.occurred_on, c.id"
    ).fetchall():
        people[pid].contributions.append((_ordinal(day), cid))
    for pid, day, oid in db.execute(
        "SELECT DISTINCT oc.person_id, o.occurred_on, o.id FROM outcomes o"
        " JOIN outcome_credits oc ON oc.outcome_id = o.id WHERE oc.person_id IS NOT NULL"
        " ORDER BY o.occurred_on, o.id"
    ).fetchall():
        people[pid].outcomes.append((_ordinal(day), oid))
    for person in people.values():
        # someone logged, or credited, before they were added was known by then
        firsts = [
            rows[0][0] for rows in (person.entries, person.contributions, person.outcomes) if rows
        ]
        person.since = min([person.since, *firsts])
    return people


def _layers_at(people: dict[int, _Person], day: date, settings: DepthSettings) -> dict[str, int]:
    """How many people were in the inner 5, 15, 50 and 150 as of ``day`` (each layer includes
    the ones inside it, as in `stats`)."""
    end = day.toordinal()
    halving: dict[int, float] = {}
    scores: dict[int, float] = {}
    pinned: dict[int, int] = {}
    for pid, person in people.items():
        if person.since > end:
            continue
        upto = bisect_right(person.entry_days, end)
        rows = Rows(
            entries=[
                (iid, end - on, kind, d, by) for on, iid, kind, d, by in person.entries[:upto]
            ],
            met_on=person.met_on if person.met_on and person.met_on <= day else None,
            closeness=person.closeness,
            contributions=[cid for on, cid in person.contributions if on <= end],
            outcomes=[oid for on, oid in person.outcomes if on <= end],
        )
        scores[pid] = total_score(components_of(rows, day, settings, halving)[0])
        if person.pinned:
            pinned[pid] = person.pinned
    counts = {str(layer): 0 for layer in LAYERS}
    for layer in assign_layers(scores, pinned, settings.min_score).values():
        for size in LAYERS:
            if layer <= size:
                counts[str(size)] += 1
    return counts


@dataclass(frozen=True)
class LayerPoint:
    """Layer sizes at one month end: ``counts`` keyed "5", "15", "50", "150"."""

    day: date
    counts: dict[str, int]


def layer_history(
    db: Database, today: date, settings: DepthSettings, months: int = 24
) -> list[LayerPoint]:
    """Layer sizes at each of the last ``months`` month ends, oldest first: kept months read
    back, missing ones (never built, or removed by a write dated on or before them) computed
    from one gathering of the journal and kept for the next reader."""
    key = f"{_FORMULA}|{settings!r}"
    ends = month_ends(today, months)
    kept = {
        row[0]: dict(zip(("5", "15", "50", "150"), row[1:], strict=True))
        for row in db.execute(
            "SELECT month_end, inner5, inner15, inner50, inner150 FROM layer_history"
            " WHERE settings = ? AND month_end >= ?",
            [key, ends[0].isoformat()],
        ).fetchall()
    }
    missing = [end for end in ends if end.isoformat() not in kept]
    if missing:
        people = _gather(db)
        built = {end.isoformat(): _layers_at(people, end, settings) for end in missing}
        _keep(db, key, built)
        kept.update(built)
    return [LayerPoint(end, kept[end.isoformat()]) for end in ends]


def _keep(db: Database, key: str, built: dict[str, dict[str, int]]) -> None:
    """Store built months; a read-only or busy journal serves them without keeping them."""
    try:
        with without_waiting(), write_transaction(db):
            db.conn.executemany(
                "INSERT OR REPLACE INTO layer_history VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (end, key, counts["5"], counts["15"], counts["50"], counts["150"])
                    for end, counts in built.items()
                ],
            )
    except (sqlite3.OperationalError, JournalBusy):
        pass


def follower_history(db: Database, ends: list[date]) -> dict[str, list[int | None]]:
    """Per account ("platform handle"), its follower count at each month end: the latest count
    seen on or before that (local) day, or None before its first count (a gap, never zero)."""
    series: dict[str, list[int | None]] = {}
    counts: dict[str, list[tuple[date, int]]] = {}
    for platform, handle, observed, followers in db.execute(
        "SELECT a.platform, a.handle, c.observed_at, c.followers FROM accounts a"
        " LEFT JOIN follower_counts c ON c.account_id = a.id AND c.followers IS NOT NULL"
        " ORDER BY a.platform, a.handle, c.observed_at, c.id"
    ).fetchall():
        points = counts.setdefault(f"{platform} {handle}", [])
        if observed is not None:
            points.append((dates.local_day(observed), followers))
    for name, points in counts.items():
        days = [day for day, _ in points]
        series[name] = [
            points[at - 1][1] if (at := bisect_right(days, end)) else None for end in ends
        ]
    return series


def history_document(db: Database, today: date, settings: DepthSettings) -> dict[str, Any]:
    """What `stats --history --json` prints: layers and followers on one time axis."""
    layers = layer_history(db, today, settings)
    ends = [point.day for point in layers]
    return {
        "layers": [{"date": point.day.isoformat(), **point.counts} for point in layers],
        "followers": {
            name: [
                {"date": end.isoformat(), "followers": value}
                for end, value in zip(ends, values, strict=True)
            ]
            for name, values in follower_history(db, ends).items()
        },
    }
