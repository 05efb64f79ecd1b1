"""Every key, on one screen (F1 or ?), opened at the keys of the screen it was asked from."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from netdash.tui.commands import SCREENS, bindings, help_rows

KEY_WIDTH = 18
"""The key column's width: the longest keys wrap at " or " rather than squeezing the meaning."""

SCREEN_IDS = {
    "DashboardScreen": "dashboard",
    "PeopleScreen": "people",
    "DuplicatesScreen": "duplicates",
    "PersonScreen": "person",
    "WhyScreen": "why",
    "JournalScreen": "journal",
    "AudienceScreen": "audience",
    "ConnectionsScreen": "connections",
    "CommunityScreen": "community",
    "OutcomesScreen": "outcomes",
    "HistoryScreen": "history",
    "ContributionsScreen": "contributions",
    "ContributionDetail": "contribution",
    "TimeSplitScreen": "time_split",
    "KnownFollowersScreen": "known",
    "ReviewScreen": "review",
    "ConfirmScreen": "confirm",
}
"""Which section of the command table a screen's keys are in (by class name: the help must
not import every screen to know where it was opened)."""


def screen_id(screen: Screen[object]) -> str | None:
    """The command-table section of ``screen``'s keys; None for one without its own keys."""
    for cls in type(screen).__mro__:
        if cls.__name__ in SCREEN_IDS:
            return SCREEN_IDS[cls.__name__]
    return None


def keys_table(rows: list[tuple[str, str]]) -> Table:
    """One screen's keys, from the one command table (so this help cannot drift)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", width=KEY_WIDTH)
    table.add_column()
    for key, meaning in rows:
        table.add_row(Text(key), Text(meaning))
    return table


class HelpScreen(ModalScreen[None]):
    """Every screen's keys in the command table's order, scrolled to the screen it was opened
    from: its keys are what the user was looking for."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self.current = current if current in SCREENS else None

    def compose(self) -> ComposeResult:
        titles = {title: screen for screen, title in SCREENS.items()}
        with VerticalScroll(id="help", classes="form"):
            yield Static("Keys", classes="form-title")
            for title, rows in help_rows():
                here = " (this screen)" if titles[title] == self.current else ""
                yield Static(
                    Text.assemble((title, "bold"), (here, "dim")), id=f"help-{titles[title]}"
                )
                yield Static(keys_table(rows), classes="help-keys")
            yield Static("Escape closes this help.", classes="hint")

    def on_mount(self) -> None:
        if self.current is not None and self.current != "app":
            self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        section = self.query_one(f"#help-{self.current}", Static)
        self.query_one("#help", VerticalScroll).scroll_to_widget(section, animate=False, top=True)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
