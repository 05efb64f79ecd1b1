"""A new day read, not stored: what a command or the dashboard's start shows of the scores.

Storing a new day ages every cached row in place (:mod:`~netdash.store.depth_age`): 10,000
rows scored and written, about 50 ms of a 190 ms ``stats --json``, in whichever command runs
first each day, and in the dashboard's start before its layers showed. What is shown is a part
of the scores (the layer counts and how many are overdue, the overdue, one person, the
layered), and each row of it follows from the stored row and the day alone, but for the
layers, which rank everyone. A day moves a score by at most :func:`drift` (recency and
frequency decay, the years known grow; the rest hold while no entry leaves the one-year window
of who started it), so today's top of the ranking lies among the rows stored within twice that
of its last place. Only they, whoever had a layer, the pinned and those whose one-year counts
moved are scored for the layers: in SQL, from their stored sums, by the step's own formula. A
row shown is worked out as it is read, in the same snapshot (:func:`day_read`); those the step
would read again (an entry dated after the stored day, a total at a rounding boundary, a row
missing or without sums) are scored the reference way. Nothing is written: the app's read of
everyone's depth after its board, or the next write, stores the day."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import NamedTuple
from weakref import WeakKeyDictionary

from sqlite_utils import Database

from netdash.domain.cadence import urgency
from netdash.domain.depth_sums import weight_total
from netdash.domain.scoring import (
    Depth,
    DepthSettings,
    Rows,
    cumulative_counts,
    reach_out_queue,
)
from netdash.domain.vocabulary import LAYERS
from netdash.store.depth import _cache_key, _gather, _state
from netdash.store.depth_age import (
    OVERDUE,
    SNOOZE,
    UNREAD,
    again_and_left,
    raw_total,
    step_args,
)
from netdash.store.depth_cache import Marked, depths_from, pinned_layers, relayered, reranked
from netdash.store.depth_cache import scored_again as _scored_again
from netdash.store.tx import one_snapshot

BOUNDARY = -1.0
"""The score of a total within EPSILON of a rounding boundary (``netdash_rounded``'s): read the
reference way."""
NO_SUMS = -2.0
"""The score of a row stored before m016 kept sums: read the reference way; among the top,
the day is stepped and stored instead (the slot is rescored once, and never read so again)."""
MARKED = (BOUNDARY, NO_SUMS)


def _columns(total: str) -> str:
    """A stored row's columns as the step would leave them ``:d`` days on, its score totalled
    by ``total`` (its urgency still to work out): the cache's columns, in its order. A row
    stored without sums (before m016) scores :data:`NO_SUMS`."""
    return (
        f"c.person_id, CASE WHEN c.entries IS NULL THEN {NO_SUMS}"
        f" ELSE netdash_rounded({total}) END, c.layer, c.days_since + :d, c.cadence_days,"
        f" c.cadence_source, {SNOOZE}, {OVERDUE}, 0.0, c.hours, c.cadence_max_days"
    )


_ROW = f"""
SELECT {_columns(raw_total())}
FROM depth_cache c JOIN people p ON p.id = c.person_id
WHERE {UNREAD} AND c.person_id NOT IN (SELECT value FROM json_each(:known))
"""
"""The rows no one has worked out yet, as the step would leave them. Those whose counts of who
started the year's entries moved are worked out for the layers, so never read here."""

_LEFT = f"""
WITH l(person_id, mine, theirs) AS (SELECT json_extract(value, '$[0]'),
    json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(:left))
SELECT {_columns(raw_total("(c.mine - l.mine)", "(c.theirs - l.theirs)"))}
FROM l CROSS JOIN depth_cache c ON c.slot = :slot AND c.person_id = l.person_id
JOIN people p ON p.id = c.person_id
"""
"""The rows of those whose entries left the one-year window since the stored day (``:left``:
each with how many of those they and I started), their counts less these, row by row
through the cache's key (joined the other way, SQLite scanned the list for every row)."""

MOST_DAYS = 7
"""Stored scores up to a week old are read; older, they are stepped and stored. The entries
leaving the one-year window add up with the days (on the benchmark journal 164 people a day,
each worked out): the read took 12 ms a day on, 28 ms a week on and 68 ms four weeks on,
where storing the day takes 50 to 80 ms."""

TAKE_MORE = 250
"""The rows read past the top's last place, for the band below it (168 on the benchmark
journal a day on): a sort of 10,000 rows kept to the first few hundred takes half the time of
a whole one. A wider band reads four times as many again, until it ends."""

ROUNDING = 0.1
"""A stored score and today's are each rounded to a tenth: apart by up to this more."""


class DayView(NamedTuple):
    """A slot's stored scores read on a later day, without storing them: everyone's layer, and
    the depths already worked out (whoever has or had a layer, the read again, those whose
    one-year counts moved, the top of the ranking)."""

    today: date
    settings: DepthSettings
    args: dict[str, object]
    known: dict[int, Depth]
    layers: dict[int, int]


_views: WeakKeyDictionary[Database, tuple[str, DayView]] = WeakKeyDictionary()
"""Each connection's last view, with its day and the stored key (day, revision, settings) it
was read from: a command reads the day once, however many of its parts it prints."""


def drift(settings: DepthSettings, days: int) -> float:
    """How far ``days`` can move a rounded score whose one-year counts hold: recency at most
    halves by its half-life from a last contact on the stored day; frequency's
    1 - exp(-x·f/5) gains on 1 - exp(-x/5) by at most (1 - f)/(e·f) for any x (and at most 1,
    its range, when f is all but 0); the years known grow by ``days`` at a slope of at most
    1/(365.25·3); nothing else moves with the day (the ratio of two sums aged alike holds, to
    the last bit or so). Plus both roundings."""
    weight = settings.weights
    factor = 0.5 ** (days / settings.frequency_half_life_days)
    frequency = (1.0 - factor) / (math.e * factor) if factor > 0 else 1.0
    moved = (
        abs(weight["recency"]) * (1.0 - 0.5 ** (days / settings.recency_half_life_days))
        + abs(weight["frequency"]) * min(1.0, frequency)  # a term between 0 and 1
        + abs(weight["duration"]) * days / (365.25 * 3.0)
    )
    return float(100.0 * moved / abs(weight_total(settings))) + ROUNDING + 1e-6


def day_view(db: Database, today: date, settings: DepthSettings) -> DayView | None:
    """The slot's scores stored on an earlier day (up to :data:`MOST_DAYS` before), read on
    ``today`` without storing them; None when they must be stepped in place or scored afresh
    first (a write or new settings since, no sums, nothing stored, too many to read again,
    stored long ago) or are today's already."""
    with one_snapshot(db):
        revision, slot, stored = _state(db, today)
        if stored is None:
            return None
        since = date.fromisoformat(stored.split("|", 1)[0])
        if not 0 < (today - since).days <= MOST_DAYS:
            return None
        if stored != _cache_key(since, revision, settings):  # a write or new settings since
            return None
        kept = _views.get(db)
        if kept is not None and kept[0] == f"{today}|{stored}":
            return kept[1]
        view = _read(db, today, settings, slot, since)
    if view is not None:
        _views[db] = (f"{today}|{stored}", view)
    return view


def _read(
    db: Database, today: date, settings: DepthSettings, slot: int, since: date
) -> DayView | None:
    """:func:`day_view`'s work, inside its snapshot: the top of the ranking and everyone with a
    say in the layers, worked out, and the layers cut."""
    found = again_and_left(db, slot, since, today, sums=False)
    if found is None:
        return None
    again, left = found
    days = (today - since).days
    args = step_args(db, today, days, settings, slot, again)
    args["left"] = json.dumps([[pid, *counts] for pid, counts in left.items() if pid not in again])
    args["known"] = "[]"
    pinned = pinned_layers(db)
    places = max(LAYERS) + len(pinned)
    moved = again.union(left)  # worked out anyway
    ids = _contenders(db, slot, moved, places, 2 * drift(settings, days)).union(pinned)
    worked = _rows(
        db,
        today,
        {**args, "ids": json.dumps(sorted(ids - moved))},
        f"{_ROW} AND c.person_id IN (SELECT value FROM json_each(:ids))",
    )
    worked += _rows(db, today, args, _LEFT)
    if any(depth.score == NO_SUMS for depth in worked):
        return None
    boundary = {depth.person_id for depth in worked if depth.score == BOUNDARY}
    again |= boundary
    gathered = _reference(db, today, settings, again)
    top = sorted(
        (-depth.score, depth.person_id)
        for depth in worked
        if depth.score > 0 and depth.person_id not in boundary
    )[:places]
    _, layers = reranked(top, {}, gathered.scores, pinned, settings)
    known = {
        depth.person_id: (
            depth
            if depth.layer == layers.get(depth.person_id)
            else relayered(depth, layers.get(depth.person_id), settings)
        )
        for depth in worked
        if depth.person_id not in boundary
    }
    known.update((depth.person_id, depth) for depth, _ in gathered.rows(layers, today, settings))
    args["known"] = json.dumps(sorted(known))
    return DayView(today, settings, args, known, layers)


def _contenders(
    db: Database, slot: int, moved: Collection[int], places: int, band: float
) -> set[int]:
    """Who, of the rows whose counts hold, can have a layer today: the top ``places`` by the
    score stored and the ``band`` below (read a few hundred rows at a time), and whoever has
    one stored. The ``moved`` are left out in Python: a lookup in SQL for each of 10,000 rows
    doubled the time of the sort."""
    take = places + TAKE_MORE
    while True:
        ranked = db.execute(
            "SELECT person_id, score FROM depth_cache WHERE slot = ? ORDER BY score DESC LIMIT ?",
            [slot, take],
        ).fetchall()
        near, ended = _near_top(ranked, moved, places, band)
        if ended or len(ranked) < take:
            break
        take *= 4
    had = db.execute(
        "SELECT person_id FROM depth_cache WHERE slot = ? AND layer IS NOT NULL", [slot]
    ).fetchall()
    return {*near, *(row[0] for row in had)}


def _near_top(
    ranked: Iterable[tuple[int, float]], moved: Collection[int], places: int, band: float
) -> tuple[list[int], bool]:
    """Who of the rows ``ranked`` (by the score stored, highest first; the ``moved``, worked
    out anyway, left out) can be in today's top ``places``: all down to the last place's
    score less ``band``, or everyone if fewer than ``places`` score above 0 (a score of 0 can
    rise with the years known); and whether the band ended within ``ranked``."""
    near: list[int] = []
    above, floor = 0, -math.inf
    for person_id, score in ranked:
        if person_id in moved:
            continue
        if score < floor:
            return near, True
        near.append(person_id)
        if score > 0:
            above += 1
            if above == places:
                floor = score - band
    return near, False


def _reference(
    db: Database, today: date, settings: DepthSettings, people: Collection[int]
) -> Marked:
    """``people`` scored the reference way, from their entries."""

    def gather(ids: Collection[int]) -> dict[int, Rows]:
        return _gather(db, today, ids)

    return Marked(sorted(people), *_scored_again(db, people, today, settings, gather))


def _rows(db: Database, today: date, args: dict[str, object], query: str) -> list[Depth]:
    """The rows ``query`` (:data:`_ROW`, :data:`_LEFT`) gives, as the step would leave them:
    the overdue with their urgency; a total at a rounding boundary, or a row without sums,
    with the score that says so (:data:`MARKED`: to be read the reference way)."""
    return [
        replace(depth, urgency=urgency(depth.days_since, depth.cadence_days, depth.score))
        if depth.overdue
        and depth.score not in MARKED
        and depth.days_since is not None
        and depth.cadence_days is not None
        else depth
        for depth in depths_from(db, today, query, args)
    ]


def _resolved(db: Database, view: DayView, where: str, extra: dict[str, object]) -> list[Depth]:
    """:func:`_rows` for a read, those :data:`MARKED` scored the reference way."""
    rows = _rows(db, view.today, {**view.args, **extra}, f"{_ROW} {where}")
    near = [depth.person_id for depth in rows if depth.score in MARKED]
    if not near:
        return rows
    scored = _reference(db, view.today, view.settings, near)
    exact = {d.person_id: d for d, _ in scored.rows(view.layers, view.today, view.settings)}
    return [exact.get(depth.person_id, depth) for depth in rows]


@contextmanager
def day_read(db: Database, today: date, settings: DepthSettings) -> Iterator[DayView | None]:
    """:func:`day_view`, in one snapshot with the reads made of it (:func:`day_counts`,
    :func:`day_overdue`, :func:`day_person`): another process storing the day between the
    view's look at the key and a read would have that read age the stored rows twice."""
    with one_snapshot(db):
        yield day_view(db, today, settings)


def day_counts(db: Database, view: DayView) -> tuple[dict[str, int], int]:
    """How many people sit in each layer (cumulative) and how many are overdue, on the
    view's day: an overdue row needs no score, so the rest are counted in SQL. Inside the
    snapshot the view was looked up in (:func:`day_read`)."""
    rows = db.execute(  # those worked out are left out in Python (in SQL, a lookup for each
        f"SELECT person_id FROM depth_cache c WHERE c.slot = :slot AND {OVERDUE}",  # of
        view.args,  # 10,000 rows tripled the time)
    ).fetchall()
    rest = sum(row[0] not in view.known for row in rows)
    overdue = rest + sum(depth.overdue for depth in view.known.values())
    return cumulative_counts(Counter(view.layers.values())), overdue


def day_overdue(db: Database, view: DayView) -> list[Depth]:
    """``reach_out_queue`` on the view's day: the overdue, most urgent first. Inside the
    snapshot the view was looked up in (:func:`day_read`)."""
    rows = _resolved(db, view, f"AND {OVERDUE}", {})
    overdue = {pid: depth for pid, depth in view.known.items() if depth.overdue}
    overdue.update((depth.person_id, depth) for depth in rows)
    return reach_out_queue(overdue)


def day_person(db: Database, view: DayView, person_id: int) -> Depth:
    """One person's depth on the view's day. Raises KeyError for an id the journal does not
    have, as ``cached_depth``'s dict. Inside the snapshot the view was looked up in
    (:func:`day_read`)."""
    if person_id in view.known:
        return view.known[person_id]
    rows = _resolved(db, view, "AND c.person_id = :person", {"person": person_id})
    if not rows:
        raise KeyError(person_id)
    return rows[0]
