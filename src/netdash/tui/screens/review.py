"""The year in review (v): the same Markdown as `netdash review`, rendered."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from netdash.review import year_review
from netdash.tui.base import netdash_app
from netdash.tui.commands import bindings


class ReviewScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("review")

    def compose(self) -> ComposeResult:
        app = netdash_app(self)
        text = year_review(app.db, app.today.year, app.today, app.depth_settings)
        with VerticalScroll(id="review", classes="form"):
            yield Markdown(text, id="review-text")
            yield Static(
                "Escape closes · netdash review -o FILE writes the same Markdown", classes="hint"
            )

    def action_close(self) -> None:
        self.dismiss(None)
