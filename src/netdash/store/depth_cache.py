"""The stored scores, and bringing them up to date after a write by rescoring only its people.

A write marks the people it touches in ``depth_dirty`` (triggers, migration m010). Everyone
else's components cannot have changed on the same day with the same settings, so their cached
scores stand; only the layers, which rank everyone, are worked out again, and a person whose
layer moved gets the cadence, overdue and urgency that follow from it. See
:func:`netdash.store.depth.cached_depth` for when this runs instead of a full rescore.
"""

from __future__ import annotations

import json
from bisect import bisect_left, insort
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from sqlite_utils import Database

from netdash.domain.cadence import in_touch, layer_cadence
from netdash.domain.depth_build import depth_of, new_depth
from netdash.domain.depth_sums import Totals, totals_of
from netdash.domain.scoring import (
    Component,
    Depth,
    DepthSettings,
    Rows,
    assign_layers,
    components_of,
    total_score,
)
from netdash.domain.vocabulary import LAYERS

if TYPE_CHECKING:
    from netdash.store.time_budget import Counted, Logged

DIRTY_SHARE = 0.25
"""Past this share of everyone marked, a full rescore (one pass over the journal) is cheaper
than looking each person up."""

_COLUMNS = (
    "person_id, score, layer, days_since, cadence_days, cadence_source, snoozed_until, overdue,"
    " urgency, hours, cadence_max_days"
)
_SUMS = (
    "entries, weighted, decay_sum, depth_sum, mine, theirs, given, received, oldest,"
    " contributions, outcomes"
)
"""The sums each score was totalled from (m016), beside ``hours`` and ``days_since``."""


def read_cache(db: Database, today: date, slot: int = 1) -> dict[int, Depth]:
    """Everyone's stored depth in ``slot``, without components (the cache keeps the totals
    only). Slot 1 keeps the newest day scored (today), slot 2 an earlier one (a review's)."""
    return {depth.person_id: depth for depth in depths_where(db, today, "slot = ?", [slot])}


def read_depths(db: Database, today: date, slot: int, person_ids: Collection[int]) -> list[Depth]:
    """The stored depths of ``person_ids`` in ``slot`` (those it has), by its key."""
    return depths_where(
        db,
        today,
        "slot = ? AND person_id IN (SELECT value FROM json_each(?))",
        [slot, json.dumps(sorted(person_ids))],
    )


def depths_where(db: Database, today: date, where: str, args: list[object]) -> list[Depth]:
    """The stored depths ``where`` selects, in its order, without components."""
    return depths_from(db, today, f"SELECT {_COLUMNS} FROM depth_cache WHERE {where}", args)


def depths_from(
    db: Database, today: date, query: str, args: Sequence[object] | dict[str, object]
) -> list[Depth]:
    """The depths of the rows ``query`` gives, in its order: the cache's columns (or the same
    worked out for another day), without components. Built lean, as the app holds everyone's:
    row by row, not fetched whole (10,000 rows at once were 1.3 MB of its peak), and a value
    many people have made once and shared, where SQLite gives each row its own: 10,000
    people share a few hundred last-contact days and scores (rounded to a tenth), a few
    thousand hours, and nearly all an urgency of 0 (not overdue)."""
    ordinal = today.toordinal()
    days: dict[int, date] = {}
    floats: dict[float, float] = {}  # REAL columns: SQLite never gives -0.0 back to tell apart
    depths: list[Depth] = []
    for (
        pid,
        score,
        layer,
        since,
        cadence,
        source,
        snoozed,
        overdue,
        urgency,
        hours,
        most,
    ) in db.execute(query, args):
        last = None if since is None else days.get(since)
        if last is None and since is not None:
            last = days[since] = date.fromordinal(ordinal - since)
        depths.append(
            new_depth(
                person_id=pid,
                score=floats.setdefault(score, score),
                components=(),
                layer=layer,
                last_contact=last,
                days_since=since,
                cadence_days=cadence,
                cadence_source=source,
                snoozed_until=date.fromisoformat(snoozed) if snoozed else None,
                overdue=bool(overdue),
                urgency=urgency or 0.0,
                hours=floats.setdefault(hours, hours),
                cadence_max_days=most,
            )
        )
    return depths


def _row(d: Depth) -> tuple[object, ...]:
    return (
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
        d.cadence_max_days,
    )


def _sums_row(totals: Totals) -> tuple[object, ...]:
    sums = totals.sums
    if sums is None:
        return (0, 0.0, 0.0, 0.0, 0, 0, 0, 0, None, totals.contributions, totals.outcomes)
    return (
        sums.entries,
        sums.weighted,
        sums.decay_sum,
        sums.depth_sum,
        sums.mine,
        sums.theirs,
        sums.given,
        sums.received,
        sums.oldest,
        totals.contributions,
        totals.outcomes,
    )


def write_cache(
    db: Database,
    scored: Iterable[tuple[Depth, Totals]],
    key: str,
    slot: int,
    *,
    everyone: bool,
    moved: Iterable[Depth] = (),
) -> None:
    """Store the ``scored`` depths with their sums (everyone's with ``everyone``, else the
    rescored people's) and the layer-derived columns of those whose layer ``moved`` (whose
    sums stand)
    in ``slot`` under ``key``, and forget the marks: inside the caller's write transaction,
    which read what they cover. Marks forgotten are lost to the other slot, so it is dropped
    when there were any (its next read rescores everyone); with none, it stays valid: a
    review read between two dashboard reads leaves today's scores standing."""
    if everyone:
        db.execute("DELETE FROM depth_cache WHERE slot = ?", [slot])
    else:  # a marked person deleted since leaves no row behind
        db.execute(
            "DELETE FROM depth_cache WHERE slot = ?"
            " AND person_id IN (SELECT person_id FROM depth_dirty)",
            [slot],
        )
    db.conn.executemany(
        f"INSERT OR REPLACE INTO depth_cache ({_COLUMNS}, {_SUMS}, slot)"
        f" VALUES ({', '.join('?' * 23)})",
        ((*_row(d), *_sums_row(totals), slot) for d, totals in scored),
    )
    db.conn.executemany(
        "UPDATE depth_cache SET layer = ?, cadence_days = ?, cadence_source = ?, overdue = ?,"
        " urgency = ?, cadence_max_days = ? WHERE slot = ? AND person_id = ?",
        (
            (
                d.layer,
                d.cadence_days,
                d.cadence_source,
                int(d.overdue),
                d.urgency,
                d.cadence_max_days,
                slot,
                d.person_id,
            )
            for d in moved
        ),
    )
    if db.execute("DELETE FROM depth_dirty").rowcount:
        # the other slot by its key ("slot != ?" scans all 10,000 rows of this one: 5 ms)
        db.execute("DELETE FROM depth_cache WHERE slot = ?", [3 - slot])
        db.execute("DELETE FROM depth_cache_key WHERE id != ?", [slot])
    db.execute("INSERT OR REPLACE INTO depth_cache_key VALUES (?, ?)", [slot, key])


def relayered(depth: Depth, layer: int | None, settings: DepthSettings) -> Depth:
    """``depth`` in another layer: the keep-in-touch state :func:`depth_of` derives from the
    layer (its default cadence), from the stored totals, without reading the journal."""
    own = depth.cadence_source == "set for them"
    cadence, most, source, overdue, urgency = in_touch(
        (depth.cadence_days, depth.cadence_max_days) if own else (None, None),
        layer_cadence(layer, settings.cadence_days),
        depth.days_since,
        bool(depth.snoozed_until),
        depth.score,
    )
    return replace(
        depth,
        layer=layer,
        cadence_days=cadence,
        cadence_max_days=most,
        cadence_source=source,
        overdue=overdue,
        urgency=urgency,
    )


@dataclass
class Standing:
    """Everyone's depth as stored under ``key`` (None: not stored, so not to build on), with
    the ranking the layers are cut from. The app keeps the one it shows, so the next write is
    re-ranked in memory: no read of 10,000 cached rows, no sort of 10,000 scores. Its depths
    never change once made (the UI thread shows them; a refresh makes a new Standing); its
    ranking and layers are worked out on first use, in a worker, and kept."""

    key: str | None
    depths: dict[int, Depth]
    _ranking: list[tuple[float, int]] | None = field(default=None, repr=False)
    _layers: dict[int, int] | None = field(default=None, repr=False)
    counted: Counted | None = field(default=None, repr=False)
    """The time budget over these layers with what it was counted from (the worker's)."""
    logged: list[Logged] = field(default_factory=list, repr=False)
    """Entries logged in the app since, with the revisions around each log (the UI thread
    appends, see :meth:`noted`): the next budget adds them to ``counted``."""

    def noted(self, entry_id: int, revisions: tuple[int, int] | None) -> None:
        """An entry logged in the app, for the next time budget to add rather than count."""
        if revisions is not None:
            self.logged.append((entry_id, *revisions))

    def ranking(self) -> list[tuple[float, int]]:
        """(-score, person) of everyone scoring above 0, ascending: :func:`assign_layers`'s
        order. Sorted on first use (in the worker of the first write), kept after."""
        if self._ranking is None:
            self._ranking = sorted(
                (-depth.score, pid) for pid, depth in self.depths.items() if depth.score > 0
            )
        return self._ranking

    def layers(self) -> dict[int, int]:
        """Whoever has a layer, and which."""
        if self._layers is None:
            self._layers = {
                pid: depth.layer for pid, depth in self.depths.items() if depth.layer is not None
            }
        return self._layers


def reranked(
    ranking: list[tuple[float, int]],
    old_scores: dict[int, float],
    scores: dict[int, float],
    pinned: dict[int, int],
    settings: DepthSettings,
) -> tuple[list[tuple[float, int]], dict[int, int]]:
    """The ``ranking`` (left as it is) with the marked people's ``old_scores`` swapped for their
    new ``scores`` (absent: deleted), and the layers cut from it. Layers go down the ranking
    and the first person who fits none ends them (a lower score fits no better), so at most
    ``max(LAYERS)`` people ranked, besides the pinned, ever get one: :func:`assign_layers`
    over the top of the ranking gives what it gives over everyone."""
    ranking = list(ranking)
    for pid, old in old_scores.items():
        if old > 0:
            del ranking[bisect_left(ranking, (-old, pid))]
    for pid, score in scores.items():
        if score > 0:
            insort(ranking, (-score, pid))
    top = ranking[: max(LAYERS) + len(pinned)]
    return ranking, assign_layers({pid: -score for score, pid in top}, pinned, settings.min_score)


class Refreshed(NamedTuple):
    """A refresh's result. It and :class:`Marked` are named tuples: every command that reads
    scores imports them, and a frozen dataclass's class takes about a millisecond to make."""

    depths: dict[int, Depth]
    """Everyone's depth, up to date (empty from :func:`refresh_stored`, which builds none)."""
    rescored: list[tuple[Depth, Totals]]
    """The rows to store whole: the rescored people, with their sums."""
    relayered: list[Depth]
    """Those whose layer moved: their layer's cadence, overdue and urgency to store."""
    ranking: list[tuple[float, int]] | None = None
    """The ranking re-ranked from a known :class:`Standing`, to keep in the next one."""
    layers: dict[int, int] | None = None

    def standing(self, key: str | None) -> Standing:
        return Standing(key, self.depths, self.ranking, self.layers)


class Marked(NamedTuple):
    """The marked people rescored from their rows, before anyone is re-ranked."""

    dirty: list[int]
    gathered: dict[int, Rows]
    computed: dict[int, tuple[list[Component], int | None, float]]
    halving: dict[int, float]
    scores: dict[int, float]
    pinned: dict[int, int]

    def rows(
        self, layers: dict[int, int], today: date, settings: DepthSettings
    ) -> list[tuple[Depth, Totals]]:
        """The rescored people's rows to store, in their new ``layers``."""
        return [
            (
                replace(
                    depth_of(pid, rows, self.computed[pid], layers.get(pid), today, settings),
                    components=(),
                ),
                totals_of(rows, settings, self.halving),
            )
            for pid, rows in self.gathered.items()
        ]


def _rescored_marks(
    db: Database,
    today: date,
    settings: DepthSettings,
    gather: Callable[[Collection[int]], dict[int, Rows]],
    everyone: Callable[[], int],
) -> Marked | None:
    """The marked people's new scores (their rows read by index with ``gather``), and who is
    pinned; None when so many are marked (of ``everyone()`` stored) that a full rescore is
    the better way."""
    dirty = [row[0] for row in db.execute("SELECT person_id FROM depth_dirty").fetchall()]
    if len(dirty) > 8 and len(dirty) > DIRTY_SHARE * max(everyone(), 1) + 8:  # counted if due
        return None
    return Marked(dirty, *scored_again(db, dirty, today, settings, gather))


Scored = tuple[
    dict[int, Rows],
    dict[int, tuple[list[Component], int | None, float]],
    dict[int, float],
    dict[int, float],
    dict[int, int],
]
"""What :func:`scored_again` gives: the rows, the components, the halving factors, the
scores, and who is pinned."""


def scored_again(
    db: Database,
    people: Collection[int],
    today: date,
    settings: DepthSettings,
    gather: Callable[[Collection[int]], dict[int, Rows]],
) -> Scored:
    """``people`` rescored the reference way from their rows (read by index with ``gather``),
    and who is pinned, for the layers to be cut again: after a write (the marked) and on a new
    day (those read again)."""
    gathered = gather(people)
    halving: dict[int, float] = {}
    computed = {
        pid: components_of(rows, today, settings, halving) for pid, rows in gathered.items()
    }
    scores = {pid: total_score(parts) for pid, (parts, _, _) in computed.items()}
    return gathered, computed, halving, scores, pinned_layers(db)


def pinned_layers(db: Database) -> dict[int, int]:
    """Each pinned person's layer (m026 indexes them)."""
    return dict(
        db.execute("SELECT id, pinned_layer FROM people WHERE pinned_layer IS NOT NULL").fetchall()
    )


def refresh(
    db: Database,
    today: date,
    settings: DepthSettings,
    gather: Callable[[Collection[int]], dict[int, Rows]],
    slot: int = 1,
    known: Standing | None = None,
) -> Refreshed | None:
    """Rescore the marked people with ``gather`` (their rows, by index), re-rank everyone from
    the cached scores (``known``'s, in memory, when the slot holds what it was stored as);
    None when so many are marked that a full rescore is the better way."""
    depths = dict(known.depths) if known is not None else read_cache(db, today, slot)
    marked = _rescored_marks(db, today, settings, gather, lambda: len(depths))
    if marked is None:
        return None
    for pid in marked.dirty:
        depths.pop(pid, None)  # rescored below, or deleted
    ranking = None
    maybe: Iterable[int] = depths
    if known is not None:
        old = {pid: known.depths[pid].score for pid in marked.dirty if pid in known.depths}
        ranking, layers = reranked(known.ranking(), old, marked.scores, marked.pinned, settings)
        # only who had a layer or has one now can have moved
        maybe = (pid for pid in {*known.layers(), *layers} if pid in depths)
    else:
        scores = {pid: depth.score for pid, depth in depths.items()}
        scores.update(marked.scores)
        layers = assign_layers(scores, marked.pinned, settings.min_score)
    moved = [
        relayered(depths[pid], layers.get(pid), settings)
        for pid in maybe
        if depths[pid].layer != layers.get(pid)
    ]
    rescored = marked.rows(layers, today, settings)
    depths.update((depth.person_id, depth) for depth in moved)
    depths.update((depth.person_id, depth) for depth, _ in rescored)
    return Refreshed(depths, rescored, moved, ranking, layers if known is not None else None)


def refresh_stored(
    db: Database,
    today: date,
    settings: DepthSettings,
    gather: Callable[[Collection[int]], dict[int, Rows]],
    slot: int = 1,
) -> Refreshed | None:
    """:func:`refresh` for a one-shot process (the CLI), which has no :class:`Standing` and
    prints a part of the scores: of the people no write marked it reads only who has a layer
    and the top of the ranking (the layers are cut from it, see :func:`reranked`), not
    10,000 rows, and builds a depth only for the rescored and those whose layer moved, to
    store. The caller then reads what it prints from the cache. None when a full rescore is
    due. Empty ``depths``: the caller wants none."""

    def stored() -> int:
        return int(
            db.execute("SELECT COUNT(*) FROM depth_cache WHERE slot = ?", [slot]).fetchone()[0]
        )

    marked = _rescored_marks(db, today, settings, gather, stored)
    if marked is None:
        return None
    unmarked = "slot = ? AND person_id NOT IN (SELECT person_id FROM depth_dirty)"
    had = dict(
        db.execute(
            f"SELECT person_id, layer FROM depth_cache WHERE {unmarked} AND layer IS NOT NULL",
            [slot],
        ).fetchall()
    )
    top = db.execute(
        f"SELECT -score, person_id FROM depth_cache WHERE {unmarked} AND score > 0"
        " ORDER BY score DESC, person_id LIMIT ?",  # the order of (-score, person) ascending
        [slot, max(LAYERS) + len(marked.pinned)],
    ).fetchall()
    _, layers = reranked(top, {}, marked.scores, marked.pinned, settings)
    dirty = set(marked.dirty)
    maybe = [pid for pid in {*had, *layers} if pid not in dirty and had.get(pid) != layers.get(pid)]
    moved = [
        relayered(depth, layers.get(depth.person_id), settings)
        for depth in read_depths(db, today, slot, maybe)
    ]
    return Refreshed({}, marked.rows(layers, today, settings), moved)
