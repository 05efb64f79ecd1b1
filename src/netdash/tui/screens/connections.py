"""LinkedIn connections from imports: search them, and make people of the ones that matter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Input, Static

from netdash.domain.errors import InvalidInput
from netdash.store.connections import (
    Connection,
    count_connections,
    get_connection,
    list_connections,
    promote_connections,
)
from netdash.store.people import names_by_id
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.text import count_of, plain
from netdash.tui.widgets.paged_table import PagedTable
from netdash.tui.widgets.text_input import TextInput


class ConnectionsScreen(JournalView):
    BINDINGS: ClassVar[list[BindingType]] = bindings("connections")

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextInput(placeholder="f filter: names and companies", id="connections-search")
        yield Static(id="connections-status", classes="status")
        yield PagedTable(id="connections-table")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#connections-search", Input).compact = True
        table = self.query_one(PagedTable)
        table.add_column(Text("Connected"), key="on", width=11)
        table.add_column(Text("Name"), key="name", width=28)
        table.add_column(Text("Position"), key="position", width=30)
        table.add_column(Text("Company"), key="company", width=24)
        table.add_column(Text("In journal"), key="person")
        table.focus()
        self.reload_if_stale()

    def reload(self) -> None:
        db = self.db
        search = self.query_one("#connections-search", Input).value
        names = names_by_id(db)

        def fetch(offset: int, limit: int) -> Sequence[tuple[str, Sequence[Text]]]:
            return [
                (
                    str(connection.id),
                    [
                        plain(connection.connected_on),
                        plain(connection.name),
                        plain(connection.position, "dim"),
                        plain(connection.company),
                        plain(
                            f"✓ {names.get(connection.person_id, '')}"
                            if connection.person_id
                            else "",
                            style="green",
                        ),
                    ],
                )
                for connection in list_connections(db, search=search, limit=limit, offset=offset)
            ]

        total = count_connections(db, search=search)
        waiting = count_connections(db, search=search, unlinked_only=True)
        self.query_one(PagedTable).show(total, fetch, keep_cursor=True)
        status = (
            f"{count_of(total, 'LinkedIn connection', 'LinkedIn connections')}"
            f"{f' matching {search!r}' if search.strip() else ''}, {waiting:,} not yet people"
            " · Enter makes one a person (or opens them) · m makes them all"
            if total or search.strip()
            else "No LinkedIn connections yet: import LinkedIn's Connections.csv (i)"
        )
        self.query_one("#connections-status", Static).update(plain(status))

    @on(Input.Changed, "#connections-search")
    def _search_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#connections-search")
    def _search_done(self) -> None:
        self.query_one(PagedTable).focus()

    def action_search(self) -> None:
        self.query_one("#connections-search", Input).focus()

    def _promote(self, connections: Sequence[Connection]) -> None:
        app = netdash_app(self)
        try:
            result = promote_connections(self.db, connections)
        except InvalidInput as error:
            app.notify(str(error), severity="error", markup=False)
            return
        app.journal_changed()
        if result.created:
            what = (
                f"{result.created[0]} is now in your journal"
                if len(result.created) == 1
                else f"{len(result.created):,} new people"
            )
        else:
            what = "already in your journal"
        extra = f"; {len(result.updated):,} gained details" if result.updated else ""
        app.notify(what + extra, title="LinkedIn", markup=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        connection = get_connection(self.db, int(key)) if key is not None else None
        if connection is None:
            return
        if connection.person_id is not None:
            netdash_app(self).open_person(connection.person_id)
        else:
            self._promote([connection])

    def action_promote_all(self) -> None:
        waiting = list_connections(self.db, unlinked_only=True)
        if not waiting:
            netdash_app(self).notify("Every connection is already a person", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._promote(waiting)

        netdash_app(self).push_screen(
            ConfirmScreen(
                f"Make people of {count_of(len(waiting), 'connection', 'connections')}?"
                " Anyone already in your journal only gains their LinkedIn details.",
                hint="y makes them people · n or Escape leaves them",
            ),
            callback=answered,
        )

    def action_back(self) -> None:
        """Escape leaves the search box first, then the screen."""
        if self.focused is self.query_one("#connections-search", Input):
            self.query_one(PagedTable).focus()
        else:
            self.dismiss()
