"""A yes/no question before anything is deleted or merged."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from netdash.domain.errors import NotFound
from netdash.tui.commands import bindings
from netdash.tui.screens.form import AnswerOnce
from netdash.tui.text import plain_lines

if TYPE_CHECKING:
    from netdash.tui.app import NetdashApp

UNDOES = "ctrl+z undoes it"


class ConfirmScreen(AnswerOnce[bool]):
    """Answers True only for an explicit y; anything that closes it otherwise is a no. It
    answers once: a second y must not delete (or merge) twice."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("confirm")

    def __init__(self, question: str, hint: str = "y deletes · n or Escape keeps it") -> None:
        super().__init__()
        self.question = question
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="form"):
            yield Static(plain_lines(self.question))
            yield Static(self.hint, classes="hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def delete_after_asking(app: NetdashApp, question: str, delete: Callable[[], str]) -> None:
    """Ask ``question``; on yes run ``delete`` (into the trash; it returns the words for what
    went) and say what went and how to undo it. A row deleted meanwhile, from another terminal,
    is said, not raised; either way every view reloads."""

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            gone = delete()
        except NotFound as error:
            app.notify(f"Already deleted: {error}", severity="warning", markup=False)
        else:
            app.notify(f"Deleted {gone} ({UNDOES})", markup=False)
        app.journal_changed()

    app.push_screen(ConfirmScreen(question), callback=answered)
