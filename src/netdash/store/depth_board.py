"""What the dashboard shows of the scores, read alone at start: no one's depth built but theirs.

The dashboard shows how many people sit in each layer, the time budget over the inner 15 and
the first overdue people. Building all 10,000 people's depths for that (``read_cache``) held
the filled dashboard back by their read and the memory they take. Once the stored scores are
brought up to date in place (:func:`~netdash.store.depth.refreshed_slot`, as the CLI's reads
do: the marked people rescored, the layers re-ranked from stored scores, a new day stepped in
SQL), the counts are one aggregate, the queue one ordered read, and the budget needs only who
has a layer. Everyone's :class:`~netdash.store.depth_cache.Standing` (the People screen's, and
the one a write re-ranks in memory) is read after, by :func:`full_board`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from netdash.domain.scoring import Depth, DepthSettings
from netdash.store.depth import TimeBudget, refreshed_slot, scores_and_budget
from netdash.store.depth_cache import Standing, depths_where
from netdash.store.depth_day import day_counts, day_overdue, day_read
from netdash.store.depth_reads import QUEUE_ORDER, slot_counts
from netdash.store.time_budget import Counted, counted, time_budget
from netdash.store.tx import one_snapshot


@dataclass(frozen=True)
class Board:
    """The scores as the dashboard shows them: each layer's count (cumulative), the first
    ``shown`` of the reach-out queue, and the time budget."""

    counts: dict[str, int]
    queue: list[Depth]
    budget: TimeBudget
    counted: Counted | None = None
    """What the budget was counted from, for the next budget to add to rather than count."""
    standing: Standing | None = None
    """Everyone's depth, when it was read (or had to be scored whole) to make this board."""


def board_of(standing: Standing, budget: TimeBudget, shown: int) -> Board:
    """The board of everyone's ``standing``: what :func:`read_board` reads from the cache."""
    from netdash.domain.scoring import layer_counts, reach_out_queue

    depths = standing.depths
    queue = reach_out_queue(depths)[:shown]
    return Board(layer_counts(depths), queue, budget, standing.counted, standing)


def read_board(db: Database, today: date, settings: DepthSettings, shown: int) -> Board:
    """The dashboard's scores: from the cache brought up to date in place, reading only the
    layered (at most 150 and the pinned) and the first ``shown`` overdue; on a new day with
    nothing else new, read without storing it (:func:`~netdash.store.depth_day.day_view`:
    :func:`full_board` stores it after, in the run that reads everyone); with nothing stored to
    build on (or most people marked, or a busy journal), everyone scored and kept."""
    with day_read(db, today, settings) as view:
        if view is not None:
            counts, _ = day_counts(db, view)
            queue = day_overdue(db, view)[:shown]
            layered = [depth for depth in view.known.values() if depth.layer is not None]
            return _with_budget(db, today, counts, queue, layered)
    slot = refreshed_slot(db, today, settings)  # a write: outside the read above
    if slot is None:
        return board_of(*scores_and_budget(db, today, settings), shown)
    with one_snapshot(db):
        counts, _ = slot_counts(db, slot)
        queue = depths_where(
            db, today, f"slot = ? AND overdue ORDER BY {QUEUE_ORDER} LIMIT ?", [slot, shown]
        )
        layered = depths_where(db, today, "slot = ? AND layer IS NOT NULL", [slot])
        return _with_budget(db, today, counts, queue, layered)


def _with_budget(
    db: Database, today: date, counts: dict[str, int], queue: list[Depth], layered: list[Depth]
) -> Board:
    """The board of these counts and queue, with the time budget over the ``layered``: the
    budget buckets only the inner 15, so who has a layer is all it needs to know."""
    depths = {depth.person_id: depth for depth in layered}
    now = counted(db, depths, today)
    budget = now.budget() if now is not None else time_budget(db, depths, today)
    return Board(counts, queue, budget, now)


def full_board(
    db: Database,
    today: date,
    settings: DepthSettings,
    shown: int,
    known: Standing | None,
    after: Board | None,
) -> Board:
    """Everyone's depth and the board of it: re-ranked from ``known`` after a write, or read
    whole after the start's :func:`read_board` (``after``), whose budget counts are built on
    (added to, not counted again, when nothing but the entries logged since moved)."""
    if known is None and after is not None:
        known = Standing(None, {}, counted=after.counted)  # no scores to build on: its counts
    return board_of(*scores_and_budget(db, today, settings, known), shown)
