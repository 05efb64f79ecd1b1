"""What every form dialog shares: compact fields, Enter or ctrl+s saves, Escape cancels."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

ResultType = TypeVar("ResultType")


class FormScreen(ModalScreen[ResultType]):
    """A modal form. Subclasses compose fields, a ``#form-error`` Static, and implement save."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="netdash.form.cancel"),
        Binding("ctrl+s", "save", "Save", priority=True, id="netdash.form.save"),
    ]

    #: What the form dismisses with when cancelled.
    cancelled: ResultType

    def on_mount(self) -> None:
        # one row per field, so a form fits a 24-row terminal
        for field in self.query(Input):
            field.compact = True
        for choice in self.query(Select):
            choice.compact = True

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def fail(self, message: str, field: str) -> None:
        """Show what is wrong and put the cursor where it can be fixed; nothing is written."""
        self.query_one("#form-error", Static).update(Text(message))
        self.query_one(f"#{field}").focus()

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(self.cancelled)
