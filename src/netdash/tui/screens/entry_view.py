"""One journal entry, read whole: a list shows a note's first line, this shows every line.

An entry an import added says which (its file and number), so the user can tell it from what
they typed and find the import that would take it back. That is one primary-key read of the
imports table, made in compose: the journal is in WAL mode, so it never waits for an import
being written, and it costs less than the frame it is drawn in; a worker would only make the
line appear a frame late.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from sqlite_utils import Database
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from netdash.domain import dates
from netdash.domain.errors import NotFound
from netdash.domain.models import DEPTHS, INITIATORS, Interaction
from netdash.store.import_list import get_import
from netdash.tui.base import netdash_app
from netdash.tui.commands import bindings
from netdash.tui.screens.form import AnswerOnce
from netdash.tui.text import plain, plain_lines


def source_words(db: Database, import_id: int) -> str:
    """ "from WhatsApp Chat with Ana Souza.txt · import #3"; an import no longer in the journal
    (its row deleted since) is named by its number only."""
    try:
        row = get_import(db, import_id)
    except NotFound:
        return f"import #{import_id} (no longer in the list of imports)"
    return f"from {row.file_name} · import #{row.id}"


def entry_details(entry: Interaction, today: date, source: str = "") -> Table:
    """Everything the entry holds, labelled; names, tags and the note shown inert, the note
    with its line breaks; where it came from, if an import added it."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    when = dates.describe(entry.occurred_on, today)
    table.add_row("Date", Text(f"{entry.occurred_on.isoformat()} ({when})"))
    table.add_row("Kind", Text(entry.kind_label))
    people = ", ".join(f"{person.name} #{person.id}" for person in entry.people)
    table.add_row("With", plain_lines(people))
    table.add_row("How deep", Text(f"{entry.depth} · {DEPTHS[entry.depth]}"))
    table.add_row("Started by", Text(INITIATORS[entry.initiated_by]))
    table.add_row("Tags", plain(" ".join(f"#{tag}" for tag in entry.tags) or "none"))
    table.add_row("Note", plain_lines(entry.note.strip()) if entry.note.strip() else Text("none"))
    if source:
        table.add_row("Imported", plain(source))
    return table


class EntryView(AnswerOnce[None]):
    """The entry, read-only; Escape closes it (e edits it from the list)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("entry")

    def __init__(self, entry: Interaction) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="entry-view", classes="form"):
            yield Static(Text(f"Journal entry #{self.entry.id}", "bold"), classes="form-title")
            app = netdash_app(self)
            imported = self.entry.source_import
            source = "" if imported is None else source_words(app.db, imported)
            yield Static(entry_details(self.entry, app.today, source), id="entry-details")
            yield Static("Escape closes · e on the list edits it", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
