"""Snooze a person: out of the reach-out queue for a number of days (0 clears a snooze)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Static

from netdash.tui.screens.form import FormScreen
from netdash.tui.text import plain
from netdash.tui.widgets.text_input import TextInput


class SnoozeForm(FormScreen[int | None]):
    cancelled = None

    def __init__(self, name: str) -> None:
        super().__init__()
        self.person_name = name

    def compose(self) -> ComposeResult:
        with Vertical(id="snooze-form", classes="form"):
            yield Static(plain(f"Snooze {self.person_name}"), classes="form-title")
            with Grid(classes="fields"):
                yield Label("Days")
                yield TextInput("7", type="integer", id="days")
            yield Static("", id="form-error", classes="error")
            yield Static("Enter snoozes · 0 clears a snooze · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#days", Input).focus()

    def save(self) -> None:
        text = self.query_one("#days", Input).value.strip()
        if not text.isdigit() or int(text) > 3650:
            self.fail("A number of days, 0 to 3650.", "days")
            return
        self.dismiss(int(text))
