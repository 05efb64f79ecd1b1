"""Who's this?: the people imported calendars, chats and mail mention who match nobody in the
journal, the most often seen first. Enter makes one a person (or links them to one), x ignores
them for good; either way the next import of that export fills their history in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from sqlite_utils import Database
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Static

from netdash.domain.errors import InvalidInput
from netdash.store.strangers import Stranger, count_strangers, ignore_stranger, list_strangers
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.text import count_of, plain
from netdash.tui.workers import read_in_worker

SHOWN = 2000
"""The most strangers listed: a mailbox can mention tens of thousands, and the ones worth a
decision are the often seen, which come first."""

COLUMNS = (
    ("Who", "who", 24),
    ("Seen as", "seen", 24),
    ("Days", "days", 5),
    ("Last seen", "last", 10),
    ("Channels", "channels", 16),
    ("From", "files", 26),
)
"""Label, key, width: 117 cells with the cells' padding, so 120 columns need no scrolling."""


def read_strangers(db: Database) -> tuple[list[Stranger], int]:
    """The list as shown, and how many wait in all."""
    return list_strangers(db, limit=SHOWN), count_strangers(db)


def stranger_cells(stranger: Stranger) -> list[Text]:
    """A row: every part came from an export, so every part is shown inert."""
    return [
        plain(stranger.shown, "bold", width=24),
        plain(stranger.identity, "dim", width=24),
        Text(f"{stranger.days:,}", justify="right"),
        Text(stranger.last_on),
        plain(stranger.channel_words(), width=16),
        plain(", ".join(stranger.files), "dim", width=26),
    ]


def status_words(shown: int, total: int) -> str:
    if not total:
        return (
            "Who's this? Nobody to review: everyone your imports mention is in the journal,"
            " or ignored. i imports a calendar, chat or mailbox."
        )
    listed = "" if shown == total else f" (the {shown:,} seen most often)"
    return (
        f"Who's this? {count_of(total, 'person', 'people')} your imports mention, not in the"
        f" journal{listed} · Enter adds or links one · x ignores"
    )


class StrangersScreen(JournalView):
    """Read in a worker: the list groups every day each stranger was seen."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("strangers")

    _strangers: Sequence[Stranger] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Reading…", style="dim"), id="strangers-status", classes="status")
        yield DataTable(id="strangers", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#strangers", DataTable)
        for label, key, width in COLUMNS:
            table.add_column(Text(label), key=key, width=width)
        table.focus()
        self.reload_if_stale()

    def reload(self) -> None:
        read_in_worker(
            netdash_app(self),
            "strangers",
            read_strangers,
            self._show,
            failure="Who's this? not read",
        )

    def _show(self, found: tuple[list[Stranger], int]) -> None:
        if not self.is_mounted:
            return
        strangers, total = found
        self._strangers = strangers
        table = self.query_one("#strangers", DataTable)
        row = table.cursor_row
        table.clear()
        for stranger in strangers:
            table.add_row(*stranger_cells(stranger), key=str(stranger.id))
        if strangers:
            table.move_cursor(row=min(max(row, 0), len(strangers) - 1))
        self.query_one("#strangers-status", Static).update(
            plain(status_words(len(strangers), total))
        )

    def _selected(self) -> Stranger | None:
        table = self.query_one("#strangers", DataTable)
        if not self._strangers or not 0 <= table.cursor_row < len(self._strangers):
            return None
        return self._strangers[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from netdash.tui.screens.stranger_form import StrangerForm

        stranger = self._selected()
        if stranger is None:
            return
        app = netdash_app(self)

        def done(message: str | None) -> None:
            if message is not None:
                app.journal_changed()
                app.notify(message, title="Who's this?", markup=False)

        app.push_screen(StrangerForm(stranger), callback=done)

    def action_ignore(self) -> None:
        stranger = self._selected()
        if stranger is None:
            return
        app = netdash_app(self)
        try:
            ignore_stranger(self.db, stranger.id)
        except InvalidInput as error:  # gone meanwhile (another terminal decided)
            app.notify(str(error), severity="warning", markup=False)
        else:
            app.notify(f"Ignored {stranger.shown} for good (ctrl+z undoes)", markup=False)
        # gone from the list at once: a second x before the reload lands is about the next one
        self._strangers = [shown for shown in self._strangers if shown.id != stranger.id]
        self.query_one("#strangers", DataTable).remove_row(str(stranger.id))
        app.journal_changed()

    def action_back(self) -> None:
        self.dismiss()
