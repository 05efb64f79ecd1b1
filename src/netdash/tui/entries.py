"""Editing and deleting journal entries, shared by the Journal and Person screens."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text

from netdash.domain import dates
from netdash.domain.models import DEPTHS, INITIATORS, Interaction
from netdash.store.journal import delete_interaction, get_interaction
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.cells import Cell, cell
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.log_form import LogForm
from netdash.tui.text import people_text, plain
from netdash.tui.widgets.paged_table import RowTable

NOTE_WIDTH = 40
"""Notes are cut to fit a 120-column terminal; the whole note is on the entry's own view."""
WHEN_WIDTH = 13
"""The longest "when" ``dates.describe`` writes: "11 months ago" (12 cut it to "ag")."""


def first_line(note: str) -> str:
    """A note as a list shows it: its first line, and "…" when there is more to read (the
    entry's view has it all)."""
    lines = note.strip().splitlines()
    if not lines:
        return ""
    return lines[0].rstrip() + (" …" if len(lines) > 1 else "")


def entry_cells(entry: Interaction, today: date, *, with_people: bool) -> list[Text]:
    """An entry's row; cells of :class:`Cell`, cheap to draw (End shows 35 rows at once)."""
    return [
        Cell(entry.occurred_on.isoformat()),
        cell(people_text(entry.people))
        if with_people
        else Cell(dates.describe(entry.occurred_on, today)),
        Cell(entry.kind_label),
        Cell(INITIATORS[entry.initiated_by], style="dim"),
        Cell(f"{entry.depth} {DEPTHS[entry.depth]}", style="dim"),
        note_cell(entry),
    ]


def note_cell(entry: Interaction) -> Text:
    """The note's first line and tags; a backfilled entry says which import added it (in its
    own view, from which file)."""
    marker = "" if entry.source_import is None else f" · import #{entry.source_import}"
    text = first_line(entry.note) + "".join(f"  #{tag}" for tag in entry.tags)
    note = cell(plain(text, width=NOTE_WIDTH - len(marker)))
    note.append(marker, "dim")
    return note


def entry_rows(
    entries: Sequence[Interaction], today: date, *, with_people: bool
) -> list[tuple[str, Sequence[Text]]]:
    return [(str(e.id), entry_cells(e, today, with_people=with_people)) for e in entries]


def add_entry_columns(table: RowTable, *, with_people: bool) -> None:
    table.add_column(Text("Date"), key="date", width=10)
    if with_people:
        table.add_column(Text("With"), key="with", width=20)
    else:
        table.add_column(Text("When"), key="when", width=WHEN_WIDTH)
    table.add_column(Text("Kind"), key="kind", width=14)
    table.add_column(Text("By"), key="by", width=4)
    table.add_column(Text("Depth"), key="depth", width=16)
    table.add_column(Text("Note"), key="note")


def _selected_entry(screen: JournalView, table: RowTable) -> Interaction | None:
    """The entry under the table's cursor, read afresh: None on an empty table."""
    key = table.selected_key
    return None if key is None else get_interaction(screen.db, int(key))


def view_selected(screen: JournalView, table: RowTable) -> None:
    """Open the entry under the cursor to read it whole; nothing can be changed there."""
    from netdash.tui.screens.entry_view import EntryView

    entry = _selected_entry(screen, table)
    if entry is not None:
        netdash_app(screen).push_screen(EntryView(entry))


def edit_selected(screen: JournalView, table: RowTable) -> None:
    entry = _selected_entry(screen, table)
    if entry is None:
        return
    app = netdash_app(screen)

    def saved(result: object) -> None:
        if result is not None:
            app.journal_changed()
            app.notify("Entry saved", markup=False)

    app.push_screen(LogForm(entry=entry), callback=saved)


def delete_selected(screen: JournalView, table: RowTable) -> None:
    entry = _selected_entry(screen, table)
    if entry is None:
        return
    app = netdash_app(screen)
    names = ", ".join(person.name for person in entry.people)
    question = (
        f"Delete the {entry.kind_label} entry of {entry.occurred_on.isoformat()} with {names}?"
        " It can be undone (ctrl+z)."
    )

    def answered(yes: bool | None) -> None:
        if yes:
            delete_interaction(screen.db, entry.id)
            app.journal_changed()
            app.notify("Entry deleted", markup=False)

    app.push_screen(ConfirmScreen(question), callback=answered)
