"""Every key, on one screen (F1 or ?)."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from netdash.tui.commands import bindings, help_rows

KEY_WIDTH = 18
"""The key column's width: the longest keys wrap at " or " rather than squeezing the meaning."""


def keys_table() -> Group:
    """Every screen's keys, from the one command table (so this help cannot drift)."""
    sections: list[Text | Table] = []
    for section, rows in help_rows():
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", width=KEY_WIDTH)
        table.add_column()
        for key, meaning in rows:
            table.add_row(Text(key), Text(meaning))
        sections += [Text(section, style="bold"), table, Text("")]
    return Group(*sections)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="form"):
            yield Static("Keys", classes="form-title")
            yield Static(keys_table())
            yield Static("Escape closes this help.", classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
