"""The start's reads begin once the first frame is drawn. A mixin of
:class:`netdash.tui.app.NetdashApp`, apart so the app module keeps to its length."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual._compositor import LayoutUpdate
from textual.app import App

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.screen import Screen


class AfterFirstFrame(App[None]):
    """Reads that wait for the first frame: :meth:`first_reads` (the scores), then those the
    screens asked for with :meth:`after_first_frame`. Begun before it (timers of 0.1 and
    0.25 s did), a worker's Python shared the GIL with styling and drawing that frame, and on
    a loaded machine the timers fired first."""

    _laid_out = False
    _reads_started = False
    _waiting_reads: list[Callable[[], None]] | None = None
    _held_frame: tuple[Screen[Any], LayoutUpdate] | None = None
    """The first frame, made while the start-up batch was still open."""
    first_frame_out = False
    """The first whole frame has gone to the terminal."""

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
        if self.first_frame_out:  # sent as the batch ended: what is left is Textual's own
            self._begin_reads()
        elif not self._batch_count:
            self.call_after_refresh(self._begin_reads)

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        # Textual's (pinned exactly) lays the screen out and draws it whole while its start-up
        # batch is still open, and throws that frame away: the terminal got the first screen
        # in pieces, after the driver's Resize had laid it all out again (50-80 ms later). It
        # is kept, and sent as the batch ends; what changed since, Textual draws after it.
        if isinstance(renderable, LayoutUpdate) and not self.first_frame_out:
            if self._batch_count:
                self._held_frame = (screen, renderable)
            else:
                self.first_frame_out = True
        super()._display(screen, renderable)

    def _end_batch(self) -> None:
        # Textual's (pinned exactly): the end of the start-up batch lets the first frame draw
        super()._end_batch()
        if self._batch_count:
            return
        if self._held_frame is not None:
            (screen, frame), self._held_frame = self._held_frame, None
            if screen is self.screen and not self.first_frame_out:
                self._display(screen, frame)
        if self._laid_out and not self._reads_started:
            self.call_after_refresh(self._begin_reads)

    def _begin_reads(self) -> None:
        if self._reads_started:
            return
        self._reads_started = True
        self.first_reads()
        waiting, self._waiting_reads = self._waiting_reads or [], None
        for read in waiting:
            read()
