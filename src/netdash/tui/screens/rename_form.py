"""One box to rename something: an organisation (R on Community) or one of your accounts (R on
Audience). The store does the renaming and its checks (a blank name, one another already has),
so a refusal lands on the box in the store's words, and undo takes the rename back."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from sqlite_utils import Database
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Static

from netdash.domain.errors import InvalidInput
from netdash.tui.base import netdash_app
from netdash.tui.screens.form import FormScreen
from netdash.tui.text import plain
from netdash.tui.widgets.text_input import TextInput

Rename = Callable[[Database, str], str]
"""Renames in the journal and returns the name as stored (or raises InvalidInput)."""


class RenameForm(FormScreen[str | None]):
    """Dismisses with the new name as stored, or None (cancelled, or the name unchanged: then
    nothing is written and nothing waits in the trash)."""

    DEFAULT_CSS = """
    RenameForm {
        align: center middle;
        background: $background 60%;
    }
    """
    cancelled = None
    BOXES: ClassVar[dict[str, str]] = {"organisation": "name", "handle": "name", "name": "name"}

    def __init__(self, title: str, label: str, old_name: str, rename: Rename) -> None:
        super().__init__()
        self.title_words = title
        self.label = label
        self.old_name = old_name
        self.rename = rename

    def compose(self) -> ComposeResult:
        with Vertical(id="rename-form", classes="form"):
            yield Static(plain(self.title_words), classes="form-title")
            with Grid(classes="fields"):
                yield Label(self.label)
                yield TextInput(self.old_name, id="name")
            yield Static("", id="form-error", classes="error")
            yield Static("Enter renames · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#name", Input).focus()

    def save(self) -> None:
        name = self.query_one("#name", Input).value
        if " ".join(name.split()) == self.old_name:
            self.dismiss(None)
            return
        try:
            stored = self.rename(netdash_app(self).db, name)
        except InvalidInput as error:
            self.fail_on(error, "name")
            return
        self.dismiss(stored)
