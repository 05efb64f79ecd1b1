"""The app's scores: the dashboard's part first, everyone's after. A mixin of
:class:`netdash.tui.app.NetdashApp`, apart so the app module keeps to its length.

At start the dashboard's scores are read alone (:func:`~netdash.store.depth_board.read_board`:
the layer counts, the first overdue, the budget over the inner 15), and everyone's depth (the
People screen's, the person's, and the standing a write re-ranks in memory) once the
dashboard's other reads are done: 10,000 depths read before them held the filled dashboard
back by their read, and the memory they take.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from sqlite_utils import Database
from textual.app import App

from netdash.tui.base import JournalView
from netdash.tui.collector import QuietCollections, keep_started_heap
from netdash.tui.screens.dashboard import REACH_OUT_SHOWN
from netdash.tui.workers import InTurn, OneAtATime, read_in_worker, reason

if TYPE_CHECKING:
    from datetime import date

    from netdash.domain.scoring import Depth, DepthSettings
    from netdash.store.depth import TimeBudget
    from netdash.store.depth_board import Board
    from netdash.store.depth_cache import Standing
    from netdash.tui.app import NetdashApp

EVERYONE_RANK = 3
"""Everyone's depth at start waits behind the dashboard's reads: the known followers (1) and
the layer history (2)."""


class Scores(App[None]):
    """Reads the scores in a worker, one run at a time, and shows them on the visible screens."""

    depths: dict[int, Depth] | None
    depth_failure: str | None
    budget: TimeBudget | None
    board: Board | None
    """What the dashboard shows of the scores; None until the first read lands."""
    _standing: Standing | None
    in_turn: InTurn
    depth_runs: OneAtATime
    quiet_collections: QuietCollections

    if TYPE_CHECKING:

        @property
        def depth_settings(self) -> DepthSettings: ...

        @property
        def today(self) -> date: ...

    def _request_depth(self, ended: Callable[[], None]) -> None:
        """A run in turn with the start's reads: everyone's depth after the dashboard's (while
        the app has only the board); a write's rescore, or the first read, before them."""
        if self._standing is None and self.board is not None:
            # once the frame the reads before it filled is drawn: begun with that frame, its
            # Python shared the GIL with drawing it
            self.in_turn.request("depth", self._start_after_frame, ended, EVERYONE_RANK)
        else:
            self.in_turn.request("depth", self._start_depth, ended)

    def _start_after_frame(self, ended: Callable[[], None]) -> None:
        self.call_after_refresh(self._start_depth, ended)

    def _start_depth(self, ended: Callable[[], None]) -> None:
        app = cast("NetdashApp", self)
        today, settings, known, board = self.today, self.depth_settings, self._standing, self.board
        if known is None and board is None:  # the start: the dashboard's part alone

            def first(db: Database) -> Board:
                from netdash.store.depth_board import read_board

                return read_board(db, today, settings, REACH_OUT_SHOWN)

            read_in_worker(
                app,
                "depth",
                first,
                self._board_ready,
                failure="Scores not computed",
                failed=self._depth_failed,
                ended=ended,
            )
            return

        def read(db: Database) -> Board:
            from netdash.store.depth_board import full_board

            return full_board(db, today, settings, REACH_OUT_SHOWN, known, board)

        read_in_worker(
            app,
            "depth",
            read,
            self._depth_ready,
            failure="Scores not computed",
            failed=self._depth_failed,
            ended=ended,
        )

    def _depth_failed(self, error: Exception) -> None:
        self.depth_failure = reason(error)
        self._show_depth()

    def _board_ready(self, board: Board) -> None:
        if board.standing is not None:  # everyone was scored to show it: nothing to read after
            self._depth_ready(board)
            return
        self.board, self.budget, self.depth_failure = board, board.budget, None
        self._show_depth()
        self.depth_runs.request()  # everyone's, in turn after the dashboard's reads

    def _depth_ready(self, board: Board) -> None:
        """Everyone's depth (``board.standing``, always read by ``full_board``) and its board."""
        assert board.standing is not None
        self._standing, self.budget, self.board = board.standing, board.budget, board
        self.depths = board.standing.depths
        self.depth_failure = None
        self._show_depth()
        # started: what is alive now (imports, the dashboard, everyone's depth) lives as long
        # as the app, and a full collection that walked it stalled the Journal and the review
        keep_started_heap()
        self.quiet_collections.start(self)  # before the freeze, Python's rule kept them rare

    def _show_depth(self) -> None:
        for screen in self.screen_stack[-2:]:
            show = getattr(screen, "show_depth", None)
            # a screen pushed a moment ago may not have loaded yet: it reads depths when it does
            if not isinstance(screen, JournalView) or screen.loaded_version < 0:
                continue
            if show is not None and screen.is_mounted:
                screen.scores_seen = self.board  # its resume need not show them again
                show()
