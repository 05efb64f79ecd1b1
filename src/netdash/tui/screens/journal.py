"""The journal, newest first: filter by person, kind or tag; edit or delete an entry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Select, Static

from netdash.domain.errors import InvalidInput
from netdash.domain.models import KINDS
from netdash.domain.quicklog import mentions_from_names
from netdash.store.journal import NewPerson, count_interactions, list_interactions, resolve_mentions
from netdash.tui.base import JournalView
from netdash.tui.commands import bindings
from netdash.tui.entries import add_entry_columns, delete_selected, edit_selected, entry_rows
from netdash.tui.screens.log_form import PeopleSuggester
from netdash.tui.text import count_of, plain
from netdash.tui.widgets.paged_table import PagedTable
from netdash.tui.widgets.text_input import TextInput


class JournalScreen(JournalView):
    BINDINGS: ClassVar[list[BindingType]] = bindings("journal")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="journal-filters"):
            yield TextInput(
                placeholder="/ person", id="filter-person", suggester=PeopleSuggester(self.db)
            )
            yield Select(
                [(label, slug) for slug, label in KINDS.items()],
                prompt="any kind",
                id="filter-kind",
            )
            yield TextInput(placeholder="#tag", id="filter-tag")
        yield Static(id="journal-status", classes="status")
        yield PagedTable(id="journal-table")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.compact = True
        self.query_one("#filter-kind", Select).compact = True
        table = self.query_one(PagedTable)
        add_entry_columns(table, with_people=True)
        table.focus()
        self.reload_if_stale()

    def _person_filter(self) -> tuple[int | None, str | None]:
        """The person the filter names, or an explanation of why it names nobody."""
        mentions = mentions_from_names(self.query_one("#filter-person", Input).value)
        if not mentions:
            return None, None
        try:
            (choice,) = resolve_mentions(self.db, mentions[:1])
        except InvalidInput as error:
            return -1, str(error)
        if isinstance(choice, NewPerson):
            return -1, f"nobody called {choice.name!r} yet"
        return choice, None

    def reload(self, keep_cursor: bool = True) -> None:
        db, today = self.db, self.today
        person_id, problem = self._person_filter()
        kind_value = self.query_one("#filter-kind", Select).value
        kind = kind_value if isinstance(kind_value, str) else None
        tag = self.query_one("#filter-tag", Input).value.strip().lstrip("#") or None

        def fetch(offset: int, limit: int) -> Sequence[tuple[str, Sequence[Text]]]:
            entries = list_interactions(
                db, person_id=person_id, kind=kind, tag=tag, limit=limit, offset=offset
            )
            return entry_rows(entries, today, with_people=True)

        total = count_interactions(db, person_id=person_id, kind=kind, tag=tag)
        self.query_one(PagedTable).show(total, fetch, keep_cursor=keep_cursor)
        filters = [f for f in (problem, kind and KINDS[kind], tag and f"#{tag}") if f]
        status = f"{count_of(total, 'entry', 'entries')}, newest first"
        if filters:
            status += " · " + " · ".join(filters) + " · r resets"
        self.query_one("#journal-status", Static).update(plain(status))

    @on(Input.Changed, "#filter-person")
    @on(Input.Changed, "#filter-tag")
    @on(Select.Changed, "#filter-kind")
    def _filters_changed(self) -> None:
        self.reload(keep_cursor=False)

    @on(Input.Submitted)
    def _filter_done(self) -> None:
        self.query_one(PagedTable).focus()

    def action_filter_person(self) -> None:
        self.query_one("#filter-person", Input).focus()

    def action_leave_filter(self) -> None:
        self.query_one(PagedTable).focus()

    def action_clear_filters(self) -> None:
        self.query_one("#filter-person", Input).value = ""
        self.query_one("#filter-tag", Input).value = ""
        self.query_one("#filter-kind", Select).clear()
        self.reload(keep_cursor=False)

    def on_data_table_row_selected(self) -> None:
        self.action_edit_entry()

    def action_edit_entry(self) -> None:
        edit_selected(self, self.query_one(PagedTable))

    def action_delete_entry(self) -> None:
        delete_selected(self, self.query_one(PagedTable))
