"""The year in review (v): the same Markdown as `netdash review`, rendered.

Building it reads the whole year, so it is built in a worker while the screen says so and
answers keys. Rich lays the Markdown out in the worker too, into one strip per line, and a
:class:`LineView` draws only the rows on screen: Textual's Markdown widget mounts a widget per
block (seconds on a long review) and a Static re-wraps the whole text on the UI thread
(0.3 s). A resize lays it out again in a worker; the old lines are cropped meanwhile.

The build starts when the screen is made, before it is pushed: the year's SQL (most of the
time) runs while the screen is composed and first drawn, and the worker waits only for the
view's width, known after the first layout, to lay the lines out at it."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from datetime import date
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from netdash.domain.scoring import layered
from netdash.tui.base import netdash_app
from netdash.tui.commands import bindings
from netdash.tui.widgets.line_view import LineView
from netdash.tui.workers import read_in_worker, run_in_worker

if TYPE_CHECKING:
    from sqlite_utils import Database
    from textual.strip import Strip

    from netdash.domain.scoring import Depth, DepthSettings

BUILDING = "Building the year in review…"
WIDTH_PATIENCE = 30.0
"""Seconds a built review waits for the view's width: the screen lays out in milliseconds."""


class Width:
    """The view's width, handed from the UI thread to the worker that waits to lay out at it;
    0 when the screen went away first (the worker then lays nothing out)."""

    def __init__(self) -> None:
        self._known = threading.Event()
        self._width = 0

    def set(self, width: int) -> None:
        if not self._known.is_set():
            self._width = width
            self._known.set()

    def wait(self) -> int:
        return self._width if self._known.wait(WIDTH_PATIENCE) else 0


def lay_out_markdown(source: str, width: int) -> list[Strip]:
    """The review's Markdown laid out by Rich at ``width``: slow, so called in a worker."""
    from rich.markdown import Markdown

    from netdash.tui.widgets.line_view import lay_out

    return lay_out(Markdown(source), width)


MARKDOWN = "rich.markdown"
"""Rich's Markdown and the markdown-it parser under it: 50 ms of imports the first time."""


def warm_markdown(width: Width) -> None:
    """Import Rich's Markdown in a thread of its own once the screen is laid out (its width
    known), while the year's SQL runs: not during the screen's first frames, whose GIL it would
    share, nor after the reads, where the review waited for it."""
    if MARKDOWN in sys.modules:
        return

    def warm() -> None:
        if width.wait():
            import_module(MARKDOWN)

    threading.Thread(target=warm, name="review-markdown", daemon=True).start()


def build_review(
    db: Database, year: int, today: date, settings: DepthSettings, width: Width, sources: Sources
) -> tuple[str, list[Strip], int]:
    """The review's Markdown, and its lines laid out at the view's width once that is known
    (none if the screen went away first), made off the UI thread."""
    from netdash.review import year_review

    warm_markdown(width)
    source = year_review(db, year, today, settings, layers=sources.layers, reader=sources.reader)
    at = width.wait()
    return source, (lay_out_markdown(source, at) if at else []), at


class Sources:
    """What the build reads besides its connection: the layers of the app's scores when they
    are today's (else the worker reads the depth cache: 10,000 depths made, 30 ms of the GIL),
    and a second connection for the reads run beside the others (none in memory)."""

    def __init__(self, layers: dict[int, int] | None, path: Path | None) -> None:
        self.layers = layers
        self.reader: Callable[[], Database] | None = None
        if path is not None:
            from netdash.store.db import open_db

            self.reader = partial(open_db, path)


def app_layers(depths: dict[int, Depth] | None, rescoring: bool) -> dict[int, int] | None:
    """The layered people of the app's scores, None when it has none or is rescoring (a write,
    a new day or new settings: the cache is read then)."""
    if depths is None or rescoring:
        return None
    return layered(depths)


class ReviewScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("review")

    source = ""
    """The review's Markdown once built (empty until then)."""

    def __init__(self) -> None:
        super().__init__()
        self._width = Width()
        self._said = ""
        """A failure to say once the view is there (a build can fail before it is mounted)."""
        self._started = netdash_app(self).db_path is not None
        if self._started:  # made by the key's action, so before the push (the module's doc)
            self._build()

    def compose(self) -> ComposeResult:
        with Vertical(id="review", classes="form"):
            yield LineView(BUILDING, id="review-text")
            yield Static(
                "Escape closes · netdash review -o FILE writes the same Markdown", classes="hint"
            )

    def on_mount(self) -> None:
        self.call_after_refresh(self._laid_out)

    def _laid_out(self) -> None:
        self._width.set(self._view_width())  # the worker lays the lines out at it
        if not self._started:  # an in-memory journal is read on the UI thread, width known
            self._started = True
            self._build()
        if self._said:
            self._say(self._said)

    def on_unmount(self) -> None:
        self._width.set(0)  # a worker still waiting for the width stops waiting

    def _view_width(self) -> int:
        return max(self.query_one("#review-text", LineView).scrollable_content_region.width, 20)

    def _build(self) -> None:
        app = netdash_app(self)
        year, today, settings, width = app.today.year, app.today, app.depth_settings, self._width
        sources = Sources(app_layers(app.depths, app.depth_runs.running), app.db_path)

        def shown(built: tuple[str, list[Strip], int]) -> None:
            if self.is_attached:  # else closed while it was being built
                self.source = built[0]
                self._show(built[1], built[2])
                self._lay_out_again()  # the window resized while it was built: its width now

        read_in_worker(
            app,
            "review",
            lambda db: build_review(db, year, today, settings, width, sources),
            shown,
            failure="Year in review failed",
            failed=lambda error: self._say(f"The year in review could not be built: {error}"),
            give_way=True,  # its two threads of SQL held the screen's first frames back
        )

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._lay_out_again)  # the view's new width is known then

    def _lay_out_again(self) -> None:
        """Lay the built review out at the view's new width, in a worker; the lines laid out
        at the old width stay (cropped, or with room to spare) until then."""
        view = self.query_one("#review-text", LineView)
        width, source = self._view_width(), self.source
        if not source or width == view.laid_out_at:
            return
        run_in_worker(
            netdash_app(self),
            "review-layout",
            lambda report: lay_out_markdown(source, width),
            lambda lines: self._show(lines, width, keep_place=True) if self.is_attached else None,
            failure="Year in review failed",
        )

    def _show(self, lines: list[Strip], width: int, *, keep_place: bool = False) -> None:
        self.query_one("#review-text", LineView).show_lines(lines, width, keep_place=keep_place)

    def _say(self, text: str) -> None:
        self._said = text
        for view in self.query("#review-text").results(LineView):  # none before it is composed
            view.show_text(text)

    def action_close(self) -> None:
        self.dismiss(None)
