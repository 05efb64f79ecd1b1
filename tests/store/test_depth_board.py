"""The dashboard's part of the scores, read alone at start, is what everyone's depth shows: the
layer counts, the first overdue, the time budget; and it builds no one else's depth when there
are stored scores to read (current, after a write, on a new day)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlite_utils import Database

from netdash.domain.scoring import Depth, layer_counts, reach_out_queue
from netdash.store import depth_board, time_budget
from netdash.store.depth import cached_depth
from netdash.store.depth import time_budget as reference_budget
from netdash.store.depth_board import Board, full_board, read_board
from netdash.store.depth_reads import current_slot
from netdash.store.journal import log_interaction
from tests.conftest import TODAY
from tests.store.test_depth_reads import LOW, journal, reference
from tests.store.test_depth_refresh_stored import cache_tables

SHOWN = 5
"""Fewer than the journal's overdue: the board keeps the first of them."""


def nobody_else(monkeypatch: pytest.MonkeyPatch) -> None:
    def everyone(*_: object) -> object:
        raise AssertionError("everyone's depth built though stored scores could answer")

    monkeypatch.setattr(depth_board, "scores_and_budget", everyone)


def check(board: Board, db: Database, depths: dict[int, Depth]) -> None:
    queue = reach_out_queue(depths)
    assert len(queue) > SHOWN  # the limit is exercised
    assert board.counts == layer_counts(depths)
    assert board.queue == queue[:SHOWN]
    assert tuple(board.budget) == pytest.approx(tuple(reference_budget(db, depths, TODAY)))
    assert board.budget.hours > 0 and board.budget.inner5 > 0  # a real budget


def test_current_scores_give_the_board_without_everyone_s_depth(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal(db)
    cached_depth(db, TODAY, LOW)
    nobody_else(monkeypatch)
    board = read_board(db, TODAY, LOW, SHOWN)
    check(board, db, reference(db))
    assert board.standing is None


def test_after_a_write_the_marked_are_rescored_and_the_board_read(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    everyone = journal(db)
    cached_depth(db, TODAY, LOW)
    for person in everyone[:3]:  # three people climb: the layers are cut again
        for day in range(4):
            log_interaction(
                db,
                people=[person],
                occurred_on=TODAY - timedelta(days=day),
                today=TODAY,
                kind="call",
            )
    nobody_else(monkeypatch)
    check(read_board(db, TODAY, LOW, SHOWN), db, reference(db))


def test_on_a_new_day_the_board_is_read_and_everyone_s_read_after_stores_the_day(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start's board reads the new day without storing it (the step's 10,000 rows wait
    for the read of everyone's depth after the board, which stores them)."""
    journal(db)
    cached_depth(db, TODAY - timedelta(days=1), LOW)
    before = cache_tables(db)
    nobody_else(monkeypatch)
    board = read_board(db, TODAY, LOW, SHOWN)
    check(board, db, reference(db))
    assert cache_tables(db) == before
    monkeypatch.undo()
    full = full_board(db, TODAY, LOW, SHOWN, None, board)
    assert full.standing is not None and full.standing.depths == reference(db)
    assert (full.counts, full.queue) == (board.counts, board.queue)
    assert current_slot(db, TODAY, LOW) == 1  # stored


def test_with_nothing_stored_everyone_is_scored_and_kept(db: Database) -> None:
    journal(db)
    board = read_board(db, TODAY, LOW, SHOWN)
    check(board, db, reference(db))
    assert board.standing is not None and board.standing.depths == reference(db)


def test_everyone_s_depth_after_the_board_builds_on_its_budget_counts(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read after the board, everyone's depth keeps its budget: added to, not counted again."""
    journal(db)
    cached_depth(db, TODAY, LOW)
    board = read_board(db, TODAY, LOW, SHOWN)
    counts: list[int] = []
    count = time_budget.counted

    def counting(*args: object) -> time_budget.Counted | None:
        counts.append(1)
        return count(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(time_budget, "counted", counting)
    full = full_board(db, TODAY, LOW, SHOWN, None, board)
    assert counts == []
    assert full.standing is not None and full.standing.depths == reference(db)
    assert (full.counts, full.queue, full.budget) == (board.counts, board.queue, board.budget)
