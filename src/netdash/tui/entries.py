"""Editing and deleting journal entries, shared by the Journal and Person screens."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text

from netdash import dates
from netdash.store.journal import delete_interaction, get_interaction
from netdash.store.models import DEPTHS, INITIATORS, Interaction
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.log_form import LogForm
from netdash.tui.text import people_text
from netdash.tui.widgets.paged_table import PagedTable


def entry_cells(entry: Interaction, today: date, *, with_people: bool) -> list[Text]:
    cells = [Text(entry.occurred_on.isoformat()), Text(dates.describe(entry.occurred_on, today))]
    if with_people:
        cells.append(people_text(entry.people))
    cells += [
        Text(entry.kind_label),
        Text(f"{INITIATORS[entry.initiated_by]}", style="dim"),
        Text(f"{entry.depth} {DEPTHS[entry.depth]}", style="dim"),
        Text(
            entry.note + "".join(f"  #{tag}" for tag in entry.tags),
            overflow="ellipsis",
            no_wrap=True,
        ),
    ]
    return cells


def entry_rows(
    entries: Sequence[Interaction], today: date, *, with_people: bool
) -> list[tuple[str, Sequence[Text]]]:
    return [(str(e.id), entry_cells(e, today, with_people=with_people)) for e in entries]


def add_entry_columns(table: PagedTable, *, with_people: bool) -> None:
    table.add_column("Date", key="date", width=10)
    table.add_column("When", key="when", width=13)
    if with_people:
        table.add_column("With", key="with", width=26)
    table.add_column("Kind", key="kind", width=14)
    table.add_column("Started", key="by", width=7)
    table.add_column("Depth", key="depth", width=19)
    table.add_column("Note", key="note")


def edit_selected(screen: JournalView, table: PagedTable) -> None:
    key = table.selected_key
    if key is None:
        return
    entry = get_interaction(screen.db, int(key))
    app = netdash_app(screen)

    def saved(result: object) -> None:
        if result is not None:
            app.journal_changed()
            app.notify("Entry saved", markup=False)

    app.push_screen(LogForm(entry=entry), callback=saved)


def delete_selected(screen: JournalView, table: PagedTable) -> None:
    key = table.selected_key
    if key is None:
        return
    entry = get_interaction(screen.db, int(key))
    app = netdash_app(screen)
    names = ", ".join(person.name for person in entry.people)
    question = (
        f"Delete the {entry.kind_label} entry of {entry.occurred_on.isoformat()} with {names}?"
    )

    def answered(yes: bool | None) -> None:
        if yes:
            delete_interaction(screen.db, entry.id)
            app.journal_changed()
            app.notify("Entry deleted", markup=False)

    app.push_screen(ConfirmScreen(question), callback=answered)
