"""Depth and breadth over time: layer sizes and follower counts at the end of each month.

A month's layers are the depth model run with that month end as "today" over the journal as it
stood then: entries, contributions and outcomes dated on or before it, and the people known by
then. The rows are read once, person by person, each person scored at every month end; the
result is kept in ``layer_history``, from which the triggers of migration m008 remove the months
a write changes.
"""

from __future__ import annotations

import json
import math
import sqlite3
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from typing import Any, TypeVar

from sqlite_utils import Database

from netdash.domain import dates
from netdash.domain.depth_sums import EPSILON, weight_total
from netdash.domain.models import LAYERS
from netdash.domain.scoring import (
    KIND_WEIGHT,
    DepthSettings,
    assign_layers,
    components_of,
    saturate,
    total_score,
)
from netdash.store.db import user_revision
from netdash.store.errors import JournalBusy
from netdash.store.history_rows import _each_person, _gather, _Person
from netdash.store.migration_follower_days import STAMPED
from netdash.store.tx import one_snapshot, without_waiting, write_transaction

T = TypeVar("T", int, float)

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


#: How far a score read off running sums may stray from the full computation, on its 0-100
#: scale. Both sum the same positive terms in float, each term within about 1,000 units in the
#: last place (the decay exponent is capped at _MAX_HALVINGS), so for n interactions they agree
#: to about 100 * 4 * (n + 1,000) * 2**-53, under 1e-8 for a million; 1e-6 leaves a wide margin.
#: Running sums scale each interaction by 2 ** (halvings since the person's first one); past
#: this many halvings the scale (or its inverse) nears the float range, so the full way is used.
_MAX_HALVINGS = 1000.0
#: The components in the order `total_score` adds them.


@dataclass(frozen=True)
class _Sums:
    """A person's interactions as running totals (index i: the first i interactions), so a
    month's score is a few bisects instead of a walk over every interaction.

    The model's decay of an interaction aged ``end - on`` days is ``0.5 ** ((end - on) / h)``,
    which is ``0.5 ** ((end - base) / h) * 2 ** ((on - base) / h)``: the second factor does
    not depend on the month, so it is summed once and the first applied per month."""

    base: int
    weighted: list[float]
    decay: list[float]
    depth: list[float]
    mine: list[int]
    theirs: list[int]
    given: list[int]
    received: list[int]
    contribution_days: list[int]
    outcome_days: list[int]


def _prefix_sums(person: _Person, settings: DepthSettings) -> _Sums | None:
    """The running totals of one person, or None when the float range could not hold them
    (then each month is scored in full)."""
    half_life = settings.frequency_half_life_days
    base = person.entry_days[0] if person.entry_days else 0
    if person.entry_days and (person.entry_days[-1] - base) / half_life > _MAX_HALVINGS:
        return None
    entries = person.entries
    grow = [2.0 ** ((on - base) / half_life) for on, *_ in entries]
    return _Sums(
        base,
        _running(KIND_WEIGHT.get(e[2], 0.4) * g for e, g in zip(entries, grow, strict=True)),
        _running(grow),
        _running((e[3] - 1) / 4 * g for e, g in zip(entries, grow, strict=True)),
        _running(e[4] in ("me", "mutual") for e in entries),
        _running(e[4] in ("them", "mutual") for e in entries),
        _running(e[2] == "helped_them" for e in entries),
        _running(e[2] == "helped_me" for e in entries),
        [on for on, _ in person.contributions],
        [on for on, _ in person.outcomes],
    )


def _running(values: Iterable[T]) -> list[T]:
    """Running totals from 0: index i sums the first i values."""
    return list(accumulate(values, initial=0))


def _fast_score(
    person: _Person, sums: _Sums | None, day: date, settings: DepthSettings, total: float
) -> float | None:
    """The score `components_of` and `total_score` give at ``day``, read off running sums;
    None when that cannot be told apart from a rounding boundary (within EPSILON), or the
    sums are out of float range, so the caller scores in full. Each line mirrors a component
    of domain/scoring.py in the same order; the speed test checks they agree. ``total`` is
    :func:`weight_total`, the same for everyone."""
    if sums is None:
        return None
    end, days = day.toordinal(), person.entry_days
    upto = bisect_right(days, end)
    recency = frequency = intimacy = reciprocity = favours = 0.0
    oldest: int | None = None
    if upto:
        if (end - sums.base) / settings.frequency_half_life_days > _MAX_HALVINGS:
            return None
        oldest = end - days[0]
        recency = 0.5 ** ((end - days[upto - 1]) / settings.recency_half_life_days)
        scale = 0.5 ** ((end - sums.base) / settings.frequency_half_life_days)
        frequency = saturate(sums.weighted[upto] * scale, 5.0)
        intimacy = sums.depth[upto] / sums.decay[upto]
        recent = bisect_left(days, end - 365)
        mine = sums.mine[upto] - sums.mine[recent]
        theirs = sums.theirs[upto] - sums.theirs[recent]
        reciprocity = 1.0 - abs(mine - theirs) / (mine + theirs) if mine + theirs else 0.0
        given, received = sums.given[upto], sums.received[upto]
        helped = given + received
        if helped:
            favours = min(1.0, helped / 6) * (0.5 + 0.5 * (1.0 - abs(given - received) / helped))
    if person.closeness is not None:
        intimacy = 0.5 * (person.closeness - 1) / 4 + 0.5 * intimacy
    if person.met_on is not None and person.met_on <= day:
        met_age = end - person.met_on.toordinal()
        oldest = met_age if oldest is None else max(oldest, met_age)
    duration = saturate(max(0.0, oldest / 365.25), 3.0) if oldest is not None else 0.0
    weight = settings.weights
    points = (
        recency * weight["recency"]
        + frequency * weight["frequency"]
        + intimacy * weight["intimacy"]
        + duration * weight["duration"]
        + reciprocity * weight["reciprocity"]
        + favours * weight["favours"]
        + saturate(bisect_right(sums.contribution_days, end), 3.0) * weight["community"]
        + saturate(bisect_right(sums.outcome_days, end), 2.0) * weight["outcomes"]
    )
    raw = 100.0 * points / total
    low, high = round(raw - EPSILON, 1), round(raw + EPSILON, 1)
    return low if low == high else None


def _score(
    person: _Person,
    sums: _Sums | None,
    day: date,
    settings: DepthSettings,
    total: float,
    halving: dict[int, float],
) -> float | None:
    """A person's score as of ``day``, None before they were known: read off running sums
    (``sums`` from :func:`_prefix_sums`) in constant time, scored in full only where that
    could round differently; with no sums, always in full."""
    if person.since > day.toordinal():
        return None
    score = _fast_score(person, sums, day, settings, total) if sums else None
    if score is None:
        score = total_score(components_of(person.rows_at(day), day, settings, halving)[0])
    return score


def _counts(
    scores: dict[int, float], pinned: dict[int, int], settings: DepthSettings
) -> dict[str, int]:
    """How many people are in the inner 5, 15, 50 and 150 (each layer includes the ones
    inside it, as in `stats`)."""
    counts = {str(layer): 0 for layer in LAYERS}
    for layer in assign_layers(scores, pinned, settings.min_score).values():
        for size in LAYERS:
            if layer <= size:
                counts[str(size)] += 1
    return counts


def _layers_at(people: dict[int, _Person], day: date, settings: DepthSettings) -> dict[str, int]:
    """The layer sizes as of ``day``, everyone rescored in full from their rows held at once:
    the reference the tests compare :func:`_build` (running sums, person by person) with."""
    halving: dict[int, float] = {}
    scores: dict[int, float] = {}
    pinned: dict[int, int] = {}
    total = weight_total(settings)
    for pid, person in people.items():
        score = _score(person, None, day, settings, total, halving)
        if score is None:
            continue
        scores[pid] = score
        if person.pinned:
            pinned[pid] = person.pinned
    return _counts(scores, pinned, settings)


def _build(db: Database, ends: list[date], settings: DepthSettings) -> dict[str, dict[str, int]]:
    """The layer sizes at each of ``ends``, from one snapshot read person by person: each
    person is scored at every month end and their rows dropped, so what stays is a score per
    person and month (NaN before they were known), not everyone's interactions."""
    with one_snapshot(db):
        pids, columns, pinned = _score_everyone(db, ends, settings)
    built: dict[str, dict[str, int]] = {}
    for end, column in zip(ends, columns, strict=True):
        scores = {
            pid: score for pid, score in zip(pids, column, strict=True) if not math.isnan(score)
        }
        known = {pid: layer for pid, layer in pinned.items() if pid in scores}
        built[end.isoformat()] = _counts(scores, known, settings)
    return built


def _score_everyone(
    db: Database, ends: list[date], settings: DepthSettings
) -> tuple[array[int], list[array[float]], dict[int, int]]:
    """Person ids in id order, a column of scores per month end in the same order (NaN: not
    yet known), and the pinned layers."""
    total = weight_total(settings)
    halving: dict[int, float] = {}
    pids = array("q")
    columns = [array("d") for _ in ends]
    pinned: dict[int, int] = {}
    for pid, person in _each_person(db):
        sums = _prefix_sums(person, settings)
        pids.append(pid)
        if person.pinned:
            pinned[pid] = person.pinned
        for column, end in zip(columns, ends, strict=True):
            score = _score(person, sums, end, settings, total, halving)
            column.append(math.nan if score is None else score)
    return pids, columns, pinned


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
    from one gathering of the journal and kept for the next reader.

    Safe on a worker's own connection beside the app's writes: a build keeps what it built
    only if no write to the user's data landed since it began reading (``user_revision``),
    so a write that lands while it reads or scores leaves the months to be rebuilt rather
    than kept stale. It writes nothing before it has built: the app's change watcher sees
    every commit from another connection, and a write at the start of each build would
    reload the dashboard into a new build, for ever."""
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
        commits = _commits_seen(db)
        built = _build(db, missing, settings)
        _keep(db, key, commits, built)
        kept.update(built)
    return [LayerPoint(end, kept[end.isoformat()]) for end in ends]


def _commits_seen(db: Database) -> int:
    """A number that changes whenever the user's data does (migration m011's counter): not
    ``data_version``, which also moves when a worker keeps its scores, a commit that changes
    no month and made every build beside a rescore throw its months away."""
    return user_revision(db)


def _keep(db: Database, key: str, commits: int, built: dict[str, dict[str, int]]) -> None:
    """Store built months, unless another connection committed since the build began reading
    (its write may change them: they are served, and the next reader builds them again). A
    read-only or busy journal serves them without keeping them."""
    try:
        with without_waiting(), write_transaction(db):
            if _commits_seen(db) != commits:
                return
            db.conn.executemany(
                "INSERT OR REPLACE INTO layer_history VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (end, key, counts["5"], counts["15"], counts["50"], counts["150"])
                    for end, counts in built.items()
                ],
            )
    except (sqlite3.OperationalError, JournalBusy):
        pass


def person_score_history(
    db: Database, person_id: int, today: date, settings: DepthSettings, months: int = 24
) -> list[tuple[date, float | None]]:
    """One person's score at each of the last ``months`` month ends, oldest first, by the same
    rules as the layer history (the journal as it stood at each month end); None before they
    were known. One person's rows are few, so each month is scored in full, uncached."""
    person = _gather(db, person_id).get(person_id)
    halving: dict[int, float] = {}
    return [
        (
            end,
            total_score(components_of(person.rows_at(end), end, settings, halving)[0])
            if person is not None and person.since <= end.toordinal()
            else None,
        )
        for end in month_ends(today, months)
    ]


def follower_history(
    db: Database, ends: list[date], account_id: int | None = None
) -> dict[str, list[int | None]]:
    """Per account ("platform handle"; one, given its id), its follower count at each day in
    ``ends``: the latest count seen on or before that (local) day, or None before its first
    count (a gap, never zero).

    Each day's end is worked out once, as a stamp, and one statement an account seeks the last
    count before each in ``follower_counts_stamped`` (migration m025): no count is read that
    is not shown. Accounts with a count stamped some other way (a restored export's) are read
    the old way, every stamp parsed."""
    only, args = ("", []) if account_id is None else (" WHERE a.id = ?", [account_id])
    accounts = db.execute(
        "SELECT a.id, a.platform || ' ' || a.handle FROM accounts a"
        + only
        + " ORDER BY a.platform, a.handle",
        args,
    ).fetchall()
    odd = {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT account_id FROM follower_counts"
            f" WHERE followers IS NOT NULL AND NOT {STAMPED}"
        ).fetchall()
    }
    series: dict[str, list[int | None]] = {}
    seek = (
        "SELECT e.key, (SELECT followers FROM follower_counts"
        f" WHERE account_id = ? AND followers IS NOT NULL AND {STAMPED}"
        " AND observed_at < e.value ORDER BY observed_at DESC, id DESC LIMIT 1)"
        " FROM json_each(?) e"
    )
    bounds = json.dumps([dates.next_day_stamp(end) for end in ends])
    for pid, name in accounts:
        if pid in odd:
            series[name] = _parsed_history(db, pid, ends)
            continue
        values: list[int | None] = [None] * len(ends)
        for at, followers in db.execute(seek, [pid, bounds]).fetchall():
            values[at] = followers
        series[name] = values
    return series


def _parsed_history(db: Database, account_id: int, ends: list[date]) -> list[int | None]:
    """One account's counts at ``ends`` by parsing each stamp: the way for stamps that do not
    sort as the moments they name."""
    points = [
        (dates.local_day(observed), followers)
        for observed, followers in db.execute(
            "SELECT observed_at, followers FROM follower_counts"
            " WHERE account_id = ? AND followers IS NOT NULL ORDER BY observed_at, id",
            [account_id],
        ).fetchall()
    ]
    days = [day for day, _ in points]
    return [points[at - 1][1] if (at := bisect_right(days, end)) else None for end in ends]


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
