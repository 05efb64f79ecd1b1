"""One person: who they are, how to reach them, and every interaction, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from netdash import dates
from netdash.store.errors import NotFound
from netdash.store.journal import list_interactions
from netdash.store.models import Person
from netdash.store.people import get_person
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.entries import add_entry_columns, delete_selected, edit_selected, entry_rows
from netdash.tui.text import count_of
from netdash.tui.widgets.paged_table import PagedTable


def person_details(person: Person, today: date) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    last = (
        f"{person.last_contact.isoformat()} ({dates.describe(person.last_contact, today)})"
        if person.last_contact
        else "never"
    )
    table.add_row("Last contact", Text(f"{last} · {person.interactions} logged"))
    if person.met_on or person.how_met:
        met = " · ".join(
            part
            for part in (person.met_on.isoformat() if person.met_on else "", person.how_met)
            if part
        )
        table.add_row("Met", Text(met))
    if person.introduced_by:
        table.add_row("Introduced by", Text(person.introduced_by.name))
    if person.handles:
        table.add_row("Handles", Text("  ".join(str(handle) for handle in person.handles)))
    if person.tags:
        table.add_row("Tags", Text(" ".join("#" + tag for tag in person.tags)))
    if person.closeness:
        table.add_row("Closeness", Text(f"{person.closeness} of 5"))
    if person.cadence_days:
        table.add_row("Keep in touch", Text(f"every {person.cadence_days} days"))
    if person.notes:
        table.add_row("Notes", Text(person.notes))
    return table


class PersonScreen(JournalView):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="netdash.person.back"),
        Binding("e", "edit_person", "Edit person", id="netdash.person.edit"),
        Binding("x,delete", "delete_entry", "Delete entry", id="netdash.person.delete_entry"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.person_name = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="person-card", classes="panel"):
            yield Static(id="person-details")
        yield Static(id="timeline-status", classes="status")
        yield PagedTable(id="timeline")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        add_entry_columns(table, with_people=False)
        table.focus()
        self.reload_if_stale()

    def reload(self) -> None:
        db, today = self.db, self.today
        try:
            person = get_person(db, self.person_id)
        except NotFound:
            self.dismiss()  # deleted elsewhere (another terminal, a merge)
            return
        self.person_name = person.name
        self.query_one("#person-card", Vertical).border_title = Text(person.name)  # not markup
        self.query_one("#person-details", Static).update(person_details(person, today))

        def fetch(offset: int, limit: int) -> Sequence[tuple[str, Sequence[Text]]]:
            entries = list_interactions(db, person_id=person.id, limit=limit, offset=offset)
            return entry_rows(entries, today, with_people=False)

        self.query_one(PagedTable).show(person.interactions, fetch, keep_cursor=True)
        self.query_one("#timeline-status", Static).update(
            Text(
                f"Timeline · {count_of(person.interactions, 'entry', 'entries')}"
                " · n logs another with them"
            )
        )

    def action_back(self) -> None:
        self.dismiss()

    def on_data_table_row_selected(self) -> None:
        edit_selected(self, self.query_one(PagedTable))

    def action_delete_entry(self) -> None:
        delete_selected(self, self.query_one(PagedTable))

    def action_edit_person(self) -> None:
        from netdash.tui.screens.person_form import PersonForm

        app = netdash_app(self)

        def saved(changed: bool | None) -> None:
            if changed:
                app.journal_changed()
                app.notify("Person saved", markup=False)

        app.push_screen(PersonForm(get_person(self.db, self.person_id)), callback=saved)
