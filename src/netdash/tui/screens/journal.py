"""The journal, newest first: filter by person (part of a name will do), kind, tag or days; edit
or delete an entry. The dashboard's counts over days open here, filtered to their days."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar

from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from netdash.domain.dates import parse_date
from netdash.domain.errors import InvalidInput
from netdash.domain.models import KINDS
from netdash.store.journal import (
    EntryFilter,
    EntryKey,
    count_interactions,
    entry_key,
    interaction_key,
    interactions_from,
    people_named,
)
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.entries import (
    add_entry_columns,
    delete_selected,
    edit_selected,
    entry_cells,
    view_selected,
)
from netdash.tui.text import count_of, plain
from netdash.tui.widgets.completers import PeopleCompleter, TagCompleter
from netdash.tui.widgets.completion import CompletingInput
from netdash.tui.widgets.text_input import TextInput
from netdash.tui.widgets.window_table import WindowRow, WindowTable

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class JournalScreen(JournalView):
    BINDINGS: ClassVar[list[BindingType]] = bindings("journal")

    _pending: tuple[date | None, date | None, str] | None = None
    """Filters :meth:`set_filters` was given before the fields existed."""
    _filters: tuple[str, ...] = ()
    """The filters in force, in words."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="journal-filters"):
            yield CompletingInput(
                placeholder="f person",
                id="filter-person",
                completer=PeopleCompleter(several=False, ids=False),
            )
            yield Select(
                [(label, slug) for slug, label in KINDS.items()],
                prompt="any kind",
                id="filter-kind",
            )
            yield CompletingInput(placeholder="#tag", id="filter-tag", completer=TagCompleter())
            yield TextInput(placeholder="t from (YYYY-MM-DD)", id="filter-since")
            yield TextInput(placeholder="to", id="filter-until")
        yield Static(id="journal-status", classes="status")
        yield WindowTable[EntryKey](id="journal-table")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.compact = True
            field.styles.width = "2fr" if field.id == "filter-person" else "1fr"
        self.query_one("#filter-kind", Select).compact = True
        table = self._table()
        add_entry_columns(table, with_people=True)
        table.focus()
        if self._pending is not None:
            self.loaded_version = netdash_app(self).journal_version
            self._apply_pending()
        self.reload_if_stale()

    def _person_filter(self) -> tuple[tuple[int, ...] | None, str | None]:
        """Whom the filter names (an exact name or handle, or else everyone whose name or
        handle holds the text), and how many that is, in words."""
        text = self.query_one("#filter-person", Input).value.strip()
        if not text:
            return None, None
        ids = tuple(people_named(self.db, text))
        if not ids:
            return ids, f"nobody matches {text!r}"
        if len(ids) == 1:
            return ids, None
        return ids, f"{count_of(len(ids), 'person', 'people')} match {text!r}"

    def _day(self, field: str) -> tuple[date | None, str | None]:
        """A date filter's day, or why it is not one (a bad date filters nothing)."""
        text = self.query_one(f"#filter-{field}", Input).value.strip()
        if not text:
            return None, None
        try:
            if _ISO_DAY.fullmatch(text):  # typed as YYYY-MM-DD: any calendar day, even to come
                return date.fromisoformat(text), None
            return parse_date(text, self.today), None
        except ValueError:
            return None, f"{field}: {text!r} is not a day on the calendar (ignored)"
        except InvalidInput as error:
            return None, f"{field}: {error} (ignored)"

    def _filter(self) -> tuple[EntryFilter, list[str]]:
        """Every filter the fields hold, and the words the status line says about them."""
        people, who = self._person_filter()
        kind_value = self.query_one("#filter-kind", Select).value
        kind = kind_value if isinstance(kind_value, str) else None
        tag = self.query_one("#filter-tag", Input).value.strip().lstrip("#") or None
        since, since_problem = self._day("since")
        until, until_problem = self._day("until")
        days = ""
        if since or until:
            days = f"{since.isoformat() if since else '…'} to {until.isoformat() if until else '…'}"
        words = [who, kind and KINDS[kind], tag and f"#{tag}", days, since_problem, until_problem]
        which = EntryFilter(people=people, kind=kind, tag=tag, since=since, until=until)
        return which, [word for word in words if word]

    def _table(self) -> WindowTable[EntryKey]:
        return self.query_one("#journal-table", WindowTable)

    def reload(self, keep_cursor: bool = True) -> None:
        which, filters = self._filter()
        total = count_interactions(self.db, which=which)
        source = _Entries(self.db, which, self.today)
        self._filters = tuple(filters)
        self._table().show(total, source, keep_cursor=keep_cursor)
        self._show_status()

    @on(DataTable.RowHighlighted, "#journal-table")
    def _show_status(self) -> None:
        """How many entries, which one the cursor is on (the scrollbar measures only the rows
        held), and the filters in words."""
        table = self._table()
        count = count_of(table.total, "entry", "entries")
        if table.row_count:
            count = f"{table.position + 1:,} of {count}"
        status = f"{count}, newest first · Space reads one whole"
        if self._filters:
            status += " · " + " · ".join(self._filters) + " · r resets"
        self.query_one("#journal-status", Static).update(plain(status))

    def set_filters(
        self, *, since: date | None = None, until: date | None = None, person: str = ""
    ) -> None:
        """Show these days and this person, every other filter cleared: what a number on the
        dashboard counts. Before the screen is mounted, its first load applies them."""
        self._pending = (since, until, person)
        if self.is_mounted:
            self._apply_pending()

    def _apply_pending(self) -> None:
        if self._pending is None:
            return
        since, until, person = self._pending
        self._pending = None
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#filter-person", Input).value = person
            self.query_one("#filter-tag", Input).value = ""
            self.query_one("#filter-kind", Select).clear()
            self.query_one("#filter-since", Input).value = since.isoformat() if since else ""
            self.query_one("#filter-until", Input).value = until.isoformat() if until else ""
        self.reload(keep_cursor=False)

    @on(Input.Changed, "#filter-person")
    @on(Input.Changed, "#filter-tag")
    @on(Input.Changed, "#filter-since")
    @on(Input.Changed, "#filter-until")
    @on(Select.Changed, "#filter-kind")
    def _filters_changed(self) -> None:
        self.reload(keep_cursor=False)

    @on(Input.Submitted)
    def _filter_done(self) -> None:
        self._table().focus()

    def action_filter_person(self) -> None:
        self.query_one("#filter-person", Input).focus()

    def action_filter_dates(self) -> None:
        self.query_one("#filter-since", Input).focus()

    def action_leave_filter(self) -> None:
        self._table().focus()

    def action_clear_filters(self) -> None:
        self.query_one("#filter-person", Input).value = ""
        self.query_one("#filter-tag", Input).value = ""
        self.query_one("#filter-since", Input).value = ""
        self.query_one("#filter-until", Input).value = ""
        self.query_one("#filter-kind", Select).clear()
        self.reload(keep_cursor=False)

    def on_data_table_row_selected(self) -> None:
        self.action_edit_entry()

    def action_edit_entry(self) -> None:
        edit_selected(self, self._table())

    def action_delete_entry(self) -> None:
        delete_selected(self, self._table())

    def action_view_entry(self) -> None:
        view_selected(self, self._table())


@dataclass(frozen=True)
class _Entries:
    """The Journal's filtered entries as a :class:`WindowTable` reads them: by keyset."""

    db: Database
    which: EntryFilter
    today: date

    def page(
        self, key: EntryKey | None, limit: int, *, backwards: bool, inclusive: bool = False
    ) -> list[WindowRow[EntryKey]]:
        entries = interactions_from(
            self.db, self.which, key, limit, backwards=backwards, inclusive=inclusive
        )
        return [
            (str(entry.id), entry_key(entry), entry_cells(entry, self.today, with_people=True))
            for entry in entries
        ]

    def locate(self, row_key: str) -> EntryKey | None:
        return interaction_key(self.db, int(row_key))

    def rank(self, key: EntryKey) -> int:
        return count_interactions(self.db, which=replace(self.which, above=key))
