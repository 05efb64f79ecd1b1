"""The year in review (v): the same Markdown as `netdash review`, rendered.

Building it reads the whole year (3.6 s on the large journal), so it is built in a worker while
the screen says so and answers keys; it is shown as one Static of styled text, laid out by Rich
in the worker too, since Textual's Markdown widget mounts a widget per block and froze the UI
for seconds on a long review."""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from netdash.tui.base import netdash_app
from netdash.tui.commands import bindings
from netdash.tui.workers import read_in_worker

if TYPE_CHECKING:
    from sqlite_utils import Database

    from netdash.domain.scoring import DepthSettings

BUILDING = "Building the year in review…"


def build_review(
    db: Database, year: int, today: date, settings: DepthSettings, width: int
) -> tuple[str, Text]:
    """The review's Markdown and its lines laid out at ``width``, made off the UI thread:
    styled text is cheap for the UI to show, laying out Markdown is not (0.4 s on the UI
    thread for the large journal's review)."""
    from rich.console import Console
    from rich.markdown import Markdown

    from netdash.review import year_review

    source = year_review(db, year, today, settings)
    console = Console(width=width, file=io.StringIO(), force_terminal=True)
    lines = console.render_lines(Markdown(source), pad=False, new_lines=False)
    shown = Text("\n").join(
        Text.assemble(*((s.text, s.style or "") for s in line if not s.control)) for line in lines
    )
    return source, shown


class ReviewScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("review")

    source = ""
    """The review's Markdown once built (empty until then)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="review", classes="form"):
            yield Static(BUILDING, id="review-text")
            yield Static(
                "Escape closes · netdash review -o FILE writes the same Markdown", classes="hint"
            )

    def on_mount(self) -> None:
        self.call_after_refresh(self._build)  # once laid out: the text is made to its width

    def _build(self) -> None:
        app = netdash_app(self)
        year, today, settings = app.today.year, app.today, app.depth_settings
        width = max(self.query_one("#review-text", Static).content_region.width, 20)
        read_in_worker(
            app,
            "review",
            lambda db: build_review(db, year, today, settings, width),
            self._show,
            failure="Year in review failed",
            failed=lambda error: self._say(f"The year in review could not be built: {error}"),
        )

    def _show(self, built: tuple[str, Text]) -> None:
        if not self.is_attached:  # closed while it was being built
            return
        self.source, markdown = built
        self.query_one("#review-text", Static).update(markdown)

    def _say(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#review-text", Static).update(text)

    def action_close(self) -> None:
        self.dismiss(None)
