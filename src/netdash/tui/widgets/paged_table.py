"""A DataTable that loads a page at a time: lists of thousands show forty without loading all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widgets import DataTable

from netdash.tui.commands import bindings

#: Fetch ``limit`` rows starting at ``offset``: each a row key and its cells.
PageFetcher = Callable[[int, int], Sequence[tuple[str, Sequence[Text]]]]


class RowTable(DataTable[Text]):
    """A list's table: a row cursor, the list keys, and the key of the row under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("list")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.total = 0
        """How many rows the whole list has (the table may hold fewer)."""

    @property
    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value


class PagedTable(RowTable):
    """Rows come from a fetcher, one page at a time, as the cursor or scroll nears the end."""

    PAGE_SIZE = 100
    """Rows per page: a screenful or two, so the first paint never waits on a whole list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fetch: PageFetcher | None = None

    def show(self, total: int, fetch: PageFetcher, *, keep_cursor: bool = False) -> None:
        """Replace the rows with the first page(s) of a new query."""
        row = self.cursor_row if keep_cursor else 0
        self.clear()
        self._fetch = fetch
        self.total = total
        self.load_more()
        while keep_cursor and self.row_count <= row < self.total:
            self.load_more()
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)

    def load_more(self) -> None:
        if self._fetch is None or self.row_count >= self.total:
            return
        for key, cells in self._fetch(self.row_count, self.PAGE_SIZE):
            self.add_row(*cells, key=key)

    def action_scroll_bottom(self) -> None:
        """The last row is the last of the list, not of the pages loaded so far."""
        while self.row_count < self.total and self._fetch is not None:
            self.load_more()
        super().action_scroll_bottom()

    def _near_end(self, row: float) -> bool:
        return row + self.size.height * 2 >= self.row_count

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self._near_end(event.cursor_row):
            self.load_more()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._near_end(new_value):
            self.load_more()
