"""A DataTable that holds only a window of a long list: a few screens around the cursor.

Rows come from a :class:`WindowSource` by key (the rows after or before a row's sort key), never
by offset, so End, PageDown at the end of 200,000 entries and a new search each read and lay out
one window: what they cost does not grow with the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Generic, Protocol, TypeVar

from rich.text import Text
from textual.binding import BindingType
from textual.coordinate import Coordinate

from netdash.tui.widgets.paged_table import RowTable

K = TypeVar("K")

#: One row: its key in the table (what ``selected_key`` gives), its sort key, its cells.
WindowRow = tuple[str, K, Sequence[Text]]


class WindowSource(Protocol[K]):
    """A list read by keyset: the rows next to a sort key, in the list's order."""

    def page(
        self, key: K | None, limit: int, *, backwards: bool, inclusive: bool = False
    ) -> Sequence[WindowRow[K]]:
        """Up to ``limit`` rows after ``key`` (before it ``backwards``, nearest first); from
        the top (the bottom ``backwards``) when ``key`` is None."""
        ...

    def locate(self, row_key: str) -> K | None:
        """The row's sort key now, or None once it is gone."""
        ...

    def rank(self, key: K) -> int:
        """How many rows come before ``key`` in the list."""
        ...


class WindowTable(RowTable, Generic[K]):
    """A window of rows around the cursor, moved a page at a time as the cursor nears its edge."""

    BINDINGS: ClassVar[list[BindingType]] = RowTable.BINDINGS

    PAGE = 100
    """Rows read at a time; at least three screens (see :meth:`_page`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source: WindowSource[K] | None = None
        self._rows: list[WindowRow[K]] = []
        self._at_start = True
        self._at_end = True
        self._holding = False  # while a move is half done, or the window is being replaced
        self.first_index = 0
        """Where the window's first row is in the whole list."""

    def _page(self) -> int:
        return max(self.PAGE, 3 * self.size.height)

    @property
    def window(self) -> int:
        """The most rows the table holds: three pages."""
        return 3 * self._page()

    def show(self, total: int, source: WindowSource[K], *, keep_cursor: bool = False) -> None:
        """Replace the rows with a new query's: its first page, or a page either side of the
        entry the cursor was on (where it is now, if an edit moved it; near where it was, if
        gone)."""
        self.total = total
        self._source = source
        key = self.selected_key if keep_cursor else None
        if key is None:
            self._home()
            return
        anchor = source.locate(key)
        if anchor is None:
            anchor = self._rows[self.cursor_row][1]
        on_screen = self.cursor_row - round(self.scroll_y)
        page = self._page()
        before = list(source.page(anchor, page, backwards=True))[::-1]
        after = list(source.page(anchor, page, backwards=False, inclusive=True))
        keys = [row[0] for row in after]
        cursor = len(before) + (keys.index(key) if key in keys else 0)
        rows = before + after
        self._fill(
            rows,
            at_start=len(before) < page,
            at_end=len(after) < page,
            cursor=min(cursor, max(len(rows) - 1, 0)),
            top=cursor - on_screen,
        )
        self.first_index = 0 if self._at_start or not rows else source.rank(rows[0][1])

    def _fill(
        self, rows: list[WindowRow[K]], *, at_start: bool, at_end: bool, cursor: int, top: int
    ) -> None:
        """Lay out these rows at once, the cursor on row ``cursor`` and row ``top`` at the top
        of the view: a window moved keeps every row on screen where it was."""
        self._holding = True
        try:
            self.clear()
            self._rows = rows
            self._at_start, self._at_end = at_start, at_end
            for row_key, _, cells in rows:
                self.add_row(*cells, key=row_key)
            self._settle()
            self.scroll_to(y=max(top, 0), animate=False, immediate=True)
            if rows:
                self.move_cursor(row=cursor, animate=False)
        finally:
            self._holding = False

    def _settle(self) -> None:
        """Measure the new rows now, as DataTable would when idle: a scroll set before that is
        clamped to the old (empty) height, and the first frame would show the window's top."""
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def _shift(self) -> None:
        """Read the next page on the side the cursor (or the view) nears, dropping as many rows
        from the far side: the window never holds more than :attr:`window` rows."""
        if self._holding or self._source is None or not self._rows:
            return
        margin = max(self.size.height, 10)
        top, cursor = round(self.scroll_y), self.cursor_row
        if not self._at_end and max(cursor, top + self.size.height) + margin >= len(self._rows):
            more = list(self._source.page(self._rows[-1][1], self._page(), backwards=False))
            rows = self._rows + more
            drop = max(len(rows) - self.window, 0)
            self.first_index += drop
            self._fill(
                rows[drop:],
                at_start=self._at_start and not drop,
                at_end=len(more) < self._page(),
                cursor=cursor - drop,
                top=top - drop,
            )
        elif not self._at_start and min(cursor, top) - margin <= 0:
            more = list(self._source.page(self._rows[0][1], self._page(), backwards=True))[::-1]
            rows = more + self._rows
            drop = max(len(rows) - self.window, 0)
            self.first_index -= len(more)
            self._fill(
                rows[: len(rows) - drop],
                at_start=len(more) < self._page(),
                at_end=self._at_end and not drop,
                cursor=cursor + len(more),
                top=top + len(more),
            )
            if self._at_start:
                self.first_index = 0

    @property
    def position(self) -> int:
        """The cursor's row in the whole list (0 first): the table's scrollbar measures only
        the window, so the screen says this in words."""
        return self.first_index + self.cursor_row

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        self._shift()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._shift()

    def action_page_down(self) -> None:
        self._held(super().action_page_down)

    def action_page_up(self) -> None:
        self._held(super().action_page_up)

    def _held(self, move: Callable[[], None]) -> None:
        """A page move scrolls then moves the cursor by index: the window must not shift
        between the two, only after."""
        self._holding = True
        try:
            move()
        finally:
            self._holding = False
        self._shift()

    def action_scroll_top(self) -> None:
        """Home: the list's first window, read afresh when the window is further down."""
        if not self._at_start:
            self._home()
        super().action_scroll_top()

    def _home(self) -> None:
        """The list's first page: a new search lays out one page, the window grows as it moves."""
        if self._source is not None:
            rows = list(self._source.page(None, self._page(), backwards=False))
            self._fill(rows, at_start=True, at_end=len(rows) < self._page(), cursor=0, top=0)
            self.first_index = 0

    def action_scroll_bottom(self) -> None:
        """End: the list's last window, read backwards from the end (no page before it)."""
        if not self._at_end and self._source is not None:
            rows = list(self._source.page(None, self._page(), backwards=True))[::-1]
            last = len(rows) - 1
            self._fill(
                rows,
                at_start=len(rows) < self._page(),
                at_end=True,
                cursor=last,
                top=last - self.size.height,
            )
            self.first_index = self.total - len(rows)
        super().action_scroll_bottom()
