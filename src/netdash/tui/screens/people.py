"""People: search as you type, sort by name or last contact, Enter opens a person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Input, Static

from netdash.domain import dates
from netdash.store.people import SortOrder, count_people, list_people
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.text import count_of, plain
from netdash.tui.widgets.paged_table import PagedTable
from netdash.tui.widgets.text_input import TextInput


class PeopleScreen(JournalView):
    BINDINGS: ClassVar[list[BindingType]] = bindings("people")

    sort: SortOrder = "name"

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextInput(placeholder="/ search names, handles, tags, e-mails", id="people-search")
        yield Static(id="people-status", classes="status")
        yield PagedTable(id="people-table")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#people-search", Input).compact = True
        table = self.query_one(PagedTable)
        table.add_column(Text("Name"), key="name", width=32)
        table.add_column(Text("Last contact"), key="last", width=16)
        table.add_column(Text("Logged"), key="count", width=8)
        table.add_column(Text("Tags"), key="tags")
        table.focus()
        self.reload_if_stale()

    def reload(self, keep_cursor: bool = True) -> None:
        db, today = self.db, self.today
        search = self.query_one("#people-search", Input).value
        sort = self.sort

        def fetch(offset: int, limit: int) -> Sequence[tuple[str, Sequence[Text]]]:
            rows = list_people(db, search=search, sort=sort, limit=limit, offset=offset)
            return [
                (
                    str(row.id),
                    [
                        plain(row.name),
                        Text(
                            dates.describe(row.last_contact, today)
                            if row.last_contact
                            else "never",
                            style="" if row.last_contact else "dim",
                        ),
                        Text(str(row.interactions), justify="right"),
                        plain(" ".join("#" + tag for tag in row.tags), "dim"),
                    ],
                )
                for row in rows
            ]

        total = count_people(db, search)
        self.query_one(PagedTable).show(total, fetch, keep_cursor=keep_cursor)
        order = "name" if sort == "name" else "last contact"
        matching = f" matching {search!r}" if search.strip() else ""
        self.query_one("#people-status", Static).update(
            plain(f"{count_of(total, 'person', 'people')}{matching} · by {order} · s re-sorts")
        )

    @on(Input.Changed, "#people-search")
    def _search_changed(self) -> None:
        self.reload(keep_cursor=False)

    @on(Input.Submitted, "#people-search")
    def _search_done(self) -> None:
        self.query_one(PagedTable).focus()

    def action_search(self) -> None:
        self.query_one("#people-search", Input).focus()

    def action_leave_search(self) -> None:
        self.query_one(PagedTable).focus()

    def action_toggle_sort(self) -> None:
        self.sort = "last_contact" if self.sort == "name" else "name"
        self.reload(keep_cursor=False)

    def action_duplicates(self) -> None:
        netdash_app(self).action_duplicates()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            netdash_app(self).open_person(int(event.row_key.value))
