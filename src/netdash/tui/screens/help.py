"""Every key, on one screen (F1 or ?)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Anywhere",
        (
            ("n", "log a connection (on a person's page: with them)"),
            ("d p j a c u", "dashboard, people, journal, audience, community, outcomes"),
            ("i", "import followers from an export, or people from an address book"),
            ("g", "log community or charity work (hours, money, results)"),
            ("o", "log an outcome and who or what it came through"),
            ("v", "the year in review"),
            ("ctrl+p", "command palette: jump to any person, run any action"),
            ("? or F1", "this help"),
            ("F8", "save a screenshot (SVG)"),
            ("ctrl+q", "quit"),
        ),
    ),
    (
        "Log form",
        (
            ("Enter or ctrl+s", "save"),
            ("Tab / shift+Tab", "next / previous field"),
            ("→ (right arrow)", "accept the suggested name"),
            ("Escape", "cancel; nothing is written"),
        ),
    ),
    (
        "People",
        (
            ("/", "search names, handles, tags and e-mail addresses"),
            ("s", "sort by name or by last contact"),
            ("m", "likely duplicates: merge a pair, or say they are two people"),
            ("Enter", "open the person"),
        ),
    ),
    (
        "Duplicates",
        (
            ("m / r", "merge the right into the left / the left into the right (asks first)"),
            ("x", "not the same person: never suggested again"),
            ("Enter", "open the left one"),
        ),
    ),
    (
        "Person",
        (
            ("e", "edit the person"),
            ("w", "why this score: every component, its weight and journal rows"),
            ("s", "snooze: out of the reach-out queue for some days"),
            ("Enter", "edit the selected journal entry"),
            ("delete or x", "delete the selected entry (asks first)"),
            ("Escape", "back"),
        ),
    ),
    (
        "Audience",
        (
            ("i", "import an export: a path, the source if it cannot be detected"),
            ("l", "LinkedIn connections: Enter makes one a person, m makes them all"),
            ("↑ ↓", "choose an account: its history and follower list below"),
        ),
    ),
    (
        "Journal",
        (
            ("/", "filter by person"),
            ("Enter or e", "edit the selected entry"),
            ("delete or x", "delete the selected entry (asks first)"),
            ("r", "reset the filters"),
        ),
    ),
)


def keys_table() -> Table:
    table = Table.grid(padding=(0, 3))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for section, rows in KEYS:
        table.add_row(f"[b]{section}[/b]", "")
        for key, meaning in rows:
            table.add_row(key, meaning)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="netdash.help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="form"):
            yield Static("Keys", classes="form-title")
            yield Static(keys_table())
            yield Static("Escape closes this help.", classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
