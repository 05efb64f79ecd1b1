"""The start's reads begin once the first frame is drawn. A mixin of
:class:`netdash.tui.app.NetdashApp`, apart so the app module keeps to its length."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App


class AfterFirstFrame(App[None]):
    """Reads that wait for the first frame: :meth:`first_reads` (the scores), then those the
    screens asked for with :meth:`after_first_frame`. Begun before it (timers of 0.1 and
    0.25 s did), a worker's Python shared the GIL with styling and drawing that frame, and on
    a loaded machine the timers fired first."""

    _laid_out = False
    _reads_started = False
    _waiting_reads: list[Callable[[], None]] | None = None

    def first_reads(self) -> None:
        """What goes before anything a screen asks for (the app's own override)."""

    def after_first_frame(self, read: Callable[[], None]) -> None:
        """``read`` once the frame being made is drawn: at start after the first frame (and
        after :meth:`first_reads`), later after the next refresh."""
        if self._reads_started:
            self.call_after_refresh(read)
        else:
            self._waiting_reads = [*(self._waiting_reads or []), read]

    def on_ready(self) -> None:
        # Textual's Ready comes with the first layout; its frame is drawn once the start-up
        # batch ends, and until then a callback after refresh runs at once
        self._laid_out = True
        if not self._batch_count:
            self.call_after_refresh(self._begin_reads)

    def _end_batch(self) -> None:
        # Textual's (pinned exactly): the end of the start-up batch lets the first frame draw
        super()._end_batch()
        if self._laid_out and not self._batch_count and not self._reads_started:
            self.call_after_refresh(self._begin_reads)

    def _begin_reads(self) -> None:
        if self._reads_started:
            return
        self._reads_started = True
        self.first_reads()
        waiting, self._waiting_reads = self._waiting_reads or [], None
        for read in waiting:
            read()
