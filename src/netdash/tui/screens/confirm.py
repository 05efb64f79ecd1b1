"""A yes/no question before anything is deleted or merged."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from netdash.tui.commands import bindings
from netdash.tui.screens.form import AnswerOnce
from netdash.tui.text import plain_lines


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
