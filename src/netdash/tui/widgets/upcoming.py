"""The dashboard's Upcoming panel: follow-ups due (the late first), then birthdays and the
follow-ups of the next 30 days, one two-line row each, beside Reach out.

Filled from a worker after the first frame (:meth:`UpcomingTable.show`); ``x`` marks the
follow-up under the cursor done, Enter opens the person and ``n`` logs with them (which marks
their follow-ups done too).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from sqlite_utils import Database
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import DataTable

from netdash.domain.upcoming import ahead_words
from netdash.tui.base import netdash_app
from netdash.tui.commands import bindings
from netdash.tui.text import plain

if TYPE_CHECKING:  # the store's follow-ups load in the worker that reads them, after the frame
    from netdash.store.follow_ups import FollowUp
    from netdash.store.upcoming import Birthday, Upcoming

UPCOMING_DAYS = 30
"""How far ahead the panel looks, as ``netdash upcoming`` does by default."""

EMPTY = (
    "Nothing in the next 30 days.\n\n"
    "Birthdays: e on a person's page.\n"
    "Follow-ups: n, then 'follow up with Ana friday about the intro'."
)
"""What the panel says when there is nothing to show: how to give it something."""


def read_upcoming(db: Database, today: date) -> Upcoming:
    """The panel's read, in a worker: the store's follow-ups load with it, not before."""
    from netdash.store.upcoming import upcoming

    return upcoming(db, today, UPCOMING_DAYS)


def follow_up_row(follow_up: FollowUp, today: date) -> Text:
    """ "Ana Souza" over "follow up today · the intro" (red when late): the name alone on the
    first line, so what is coming stays in view however narrow the panel."""
    style = "red" if follow_up.due_on < today else "dim"
    about = f" · {follow_up.about}" if follow_up.about else ""
    return Text.assemble(
        plain(follow_up.person.name, "bold"),
        "\n",
        plain(f"follow up {ahead_words(follow_up.due_on, today)}{about}", style),
    )


def birthday_row(birthday: Birthday, today: date) -> Text:
    """ "Ada Lovelace" over "birthday in 14 days · turns 36" (the age only with a year)."""
    turns = f" · turns {birthday.turns}" if birthday.turns is not None else ""
    return Text.assemble(
        plain(birthday.person.name, "bold"),
        "\n",
        plain(f"birthday {ahead_words(birthday.on, today)}{turns}", "dim"),
    )


class UpcomingTable(DataTable[Text]):
    """Follow-ups and birthdays by day; focusable, so its keys work where the cursor is."""

    DEFAULT_CSS = """
    UpcomingTable {
        height: 1fr;
        overflow-x: hidden;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings("upcoming")

    class Done(Message):
        """The user asked to mark this follow-up done."""

        def __init__(self, follow_up_id: int) -> None:
            super().__init__()
            self.follow_up_id = follow_up_id

    PAGE = 40
    """Rows added at a time: a few screens of the panel. A large journal has hundreds of
    birthdays in 30 days (430 in the benchmark's), and adding, measuring and comparing every
    row took 12 ms of the start's filled frame (46 ms profiled), and again after each entry."""

    def __init__(self) -> None:
        super().__init__(id="upcoming-table", cursor_type="row", show_header=False)
        self.items_by_key: dict[str, FollowUp | Birthday] = {}
        self._today: date | None = None

    def show(self, upcoming: Upcoming) -> None:
        """Late and due follow-ups first, then every other row by its day; the first page of
        them, the rest as the cursor or the view nears the last row added. The same rows in
        the same order (read again after each entry) update in place: cleared and refilled,
        the table's new size laid the whole dashboard out again."""
        from netdash.store.upcoming import Birthday

        items: dict[str, FollowUp | Birthday] = {}
        for item in upcoming.by_day():
            key = f"b{item.person.id}" if isinstance(item, Birthday) else f"f{item.id}"
            items[key] = item
        same = self.columns and list(items) == list(self.items_by_key)
        self.items_by_key, self._today = items, upcoming.today
        if same:
            for row in self.ordered_rows:
                key = str(row.key.value)
                cell = self._row_text(key)
                if self.get_cell(key, "what") != cell:
                    self.update_cell(key, "what", cell, update_width=True)
            return
        self.clear(columns=not self.columns)
        if not self.columns:
            self.add_column(Text("What is coming"), key="what")
        self.add_more()

    def _row_text(self, key: str) -> Text:
        from netdash.store.upcoming import Birthday

        item, today = self.items_by_key[key], self._today
        assert today is not None
        if isinstance(item, Birthday):
            return birthday_row(item, today)
        return follow_up_row(item, today)

    def add_more(self) -> None:
        """The next page of rows, if any are left to add."""
        keys = list(self.items_by_key)[self.row_count : self.row_count + self.PAGE]
        for key in keys:
            self.add_row(self._row_text(key), height=2, key=key)

    def _near_end(self, line: float) -> bool:
        """Whether ``line`` is within two screens of the last row added (two lines a row)."""
        return line + 2 * self.size.height >= 2 * self.row_count

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self and self._near_end(2 * event.cursor_row):
            self.add_more()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._near_end(new_value):
            self.add_more()

    def action_scroll_bottom(self) -> None:
        """The last row is the last of the panel's, not of the rows added so far."""
        while self.row_count < len(self.items_by_key):
            self.add_more()
        super().action_scroll_bottom()

    def _key(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def _current(self) -> FollowUp | Birthday | None:
        key = self._key()
        return self.items_by_key.get(key) if key is not None else None

    def person_id(self) -> int | None:
        """The person the row under the cursor is about, if any."""
        item = self._current()
        return item.person.id if item is not None else None

    def action_done(self) -> None:
        from netdash.store.follow_ups import FollowUp

        item = self._current()
        if isinstance(item, FollowUp):
            self.post_message(self.Done(item.id))
        elif item is not None:
            self.app.notify("x marks a follow-up done; this row is a birthday.", markup=False)

    def action_log_with(self) -> None:
        item = self._current()
        if item is None:
            netdash_app(self.screen).action_log()
        else:
            netdash_app(self.screen).action_log(item.person.name, person_id=item.person.id)
