"""A panel of labelled numbers where each number opens the rows it counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import BindingType
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from netdash.tui.commands import bindings


@dataclass(frozen=True)
class Figure:
    """One line of a panel: what it counts, the number, and where Enter takes the user
    (``opens`` names a target the screen knows; None for a line that opens nothing)."""

    label: Text
    value: Text
    opens: str | None = None


class NumberTable(Widget, can_focus=True):
    """Label on the left, number on the right, one figure a line. Unfocused it reads as plain
    text; focused (Tab or a click) a cursor moves over the figures that open something, and
    Enter posts :class:`Opened`."""

    DEFAULT_CSS = """
    NumberTable { height: auto; }
    NumberTable > .numbers--cursor { background: $block-cursor-background; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"numbers--cursor"}
    BINDINGS: ClassVar[list[BindingType]] = bindings("figures")

    cursor: reactive[int] = reactive(0)

    class Opened(Message):
        """The user asked to see what a figure counts."""

        def __init__(self, table: NumberTable, target: str) -> None:
            super().__init__()
            self.table = table
            self.target = target

        @property
        def control(self) -> NumberTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.figures: list[Figure] = []
        self.reserved = 0
        """Lines kept for the figures to come while a placeholder is shown (see :meth:`show`)."""

    def show(self, figures: list[Figure], *, reserve: int = 0) -> None:
        """Replace the figures; the cursor stays on the same line where there still is one.
        ``reserve``: a placeholder takes the lines the figures it waits for will take, so their
        arrival repaints this panel alone instead of laying out the whole screen again. The
        same figures again (a resize, a write that moved none of them) draw nothing."""
        if figures == self.figures and reserve == self.reserved:
            return
        self.figures = figures
        self.reserved = reserve
        self.cursor = self._nearest(min(self.cursor, max(len(figures) - 1, 0)), 1)
        self._fit_height()
        self.refresh()

    def _fit_height(self) -> None:
        """Say the height outright: Textual keeps an auto height per width, so a panel that
        gained lines after the first frame (the known followers) stayed clipped to its old one."""
        width = self.content_region.width or self.size.width
        lines = 0
        for figure in self.figures:
            if figure.value or not width:
                lines += 1  # a number's label is cut to one line
            else:
                lines += len(figure.label.wrap(self.app.console, width))
        # a new height lays the screen out again (the style's setter asks for it); the same
        # height repaints this panel alone: a layout of the whole dashboard took 30-90 ms of
        # the frame that shows the layers after each write
        self.styles.height = max(1, lines, self.reserved)

    def _openable(self) -> list[int]:
        return [index for index, figure in enumerate(self.figures) if figure.opens is not None]

    def _nearest(self, index: int, step: int) -> int:
        """``index`` if it opens something, else the next such line in ``step``'s direction."""
        openable = self._openable()
        if not openable or index in openable:
            return index
        ahead = [i for i in openable if (i - index) * step > 0]
        if ahead:
            return ahead[0] if step > 0 else ahead[-1]
        return openable[-1] if step > 0 else openable[0]

    @property
    def content(self) -> Table:
        """What the panel shows, as a Static's ``content`` is (tests print either)."""
        return self.render()

    def render(self) -> Table:
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(ratio=1)
        grid.add_column(justify="right", no_wrap=True)
        cursor = self.get_component_rich_style("numbers--cursor", partial=True)
        for index, figure in enumerate(self.figures):
            # the figure's index rides on every cell, so a click finds its figure however
            # many lines the ones above it wrapped to
            style = Style.from_meta({"figure": index})
            if self.has_focus and index == self.cursor:
                style = cursor + style
            label = figure.label
            if figure.value:  # a narrow panel shortens the label of a number, not wraps it
                label = label.copy()
                label.no_wrap, label.overflow = True, "ellipsis"
            grid.add_row(label, figure.value, style=style)
        return grid

    def on_resize(self) -> None:
        # Textual draws a widget again when its size changes: asked here too, each layout
        # that moved the breadth panel drew its figures twice (5-10 ms each on the start)
        self._fit_height()

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.cursor = self._nearest(self.cursor, 1)
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        openable = self._openable()
        ahead = [i for i in openable if (i - self.cursor) * step > 0]
        if ahead:
            self.cursor = ahead[0] if step > 0 else ahead[-1]

    def target(self) -> str | None:
        """Where the figure under the cursor leads, if anywhere."""
        if 0 <= self.cursor < len(self.figures):
            return self.figures[self.cursor].opens
        return None

    def action_open(self) -> None:
        target = self.target()
        if target is not None:
            self.post_message(self.Opened(self, target))

    def on_click(self, event: Click) -> None:
        index = event.style.meta.get("figure")
        if isinstance(index, int) and index < len(self.figures) and self.figures[index].opens:
            self.cursor = index
            self.action_open()
