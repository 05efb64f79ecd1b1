"""The year in review (v): the same Markdown as `netdash review`, rendered.

Building it reads the whole year, so it is built in a worker while the screen says so and
answers keys. Rich lays the Markdown out in the worker too, into one strip per line, and a
:class:`LineView` draws only the rows on screen: Textual's Markdown widget mounts a widget per
block (seconds on a long review) and a Static re-wraps the whole text on the UI thread
(0.3 s). A resize lays it out again in a worker; the old lines are cropped meanwhile."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from netdash.tui.base import netdash_app
from netdash.tui.commands import bindings
from netdash.tui.widgets.line_view import LineView
from netdash.tui.workers import read_in_worker, run_in_worker

if TYPE_CHECKING:
    from sqlite_utils import Database
    from textual.strip import Strip

    from netdash.domain.scoring import DepthSettings

BUILDING = "Building the year in review…"


def lay_out_markdown(source: str, width: int) -> list[Strip]:
    """The review's Markdown laid out by Rich at ``width``: slow, so called in a worker."""
    from rich.markdown import Markdown

    from netdash.tui.widgets.line_view import lay_out

    return lay_out(Markdown(source), width)


def build_review(
    db: Database, year: int, today: date, settings: DepthSettings, width: int
) -> tuple[str, list[Strip]]:
    """The review's Markdown and its lines laid out at ``width``, made off the UI thread."""
    from netdash.review import year_review

    source = year_review(db, year, today, settings)
    return source, lay_out_markdown(source, width)


class ReviewScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("review")

    source = ""
    """The review's Markdown once built (empty until then)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="review", classes="form"):
            yield LineView(BUILDING, id="review-text")
            yield Static(
                "Escape closes · netdash review -o FILE writes the same Markdown", classes="hint"
            )

    def on_mount(self) -> None:
        self.call_after_refresh(self._build)  # once laid out: the text is made to its width

    def _width(self) -> int:
        return max(self.query_one("#review-text", LineView).scrollable_content_region.width, 20)

    def _build(self) -> None:
        app = netdash_app(self)
        year, today, settings = app.today.year, app.today, app.depth_settings
        width = self._width()

        def shown(built: tuple[str, list[Strip]]) -> None:
            if self.is_attached:  # else closed while it was being built
                self.source = built[0]
                self._show(built[1], width)
                self._lay_out_again()  # the window resized while it was built: its width now

        read_in_worker(
            app,
            "review",
            lambda db: build_review(db, year, today, settings, width),
            shown,
            failure="Year in review failed",
            failed=lambda error: self._say(f"The year in review could not be built: {error}"),
        )

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._lay_out_again)  # the view's new width is known then

    def _lay_out_again(self) -> None:
        """Lay the built review out at the view's new width, in a worker; the lines laid out
        at the old width stay (cropped, or with room to spare) until then."""
        view = self.query_one("#review-text", LineView)
        width, source = self._width(), self.source
        if not source or width == view.laid_out_at:
            return
        run_in_worker(
            netdash_app(self),
            "review-layout",
            lambda report: lay_out_markdown(source, width),
            lambda lines: self._show(lines, width) if self.is_attached else None,
            failure="Year in review failed",
        )

    def _show(self, lines: list[Strip], width: int) -> None:
        self.query_one("#review-text", LineView).show_lines(lines, width)

    def _say(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#review-text", LineView).show_text(text)

    def action_close(self) -> None:
        self.dismiss(None)
