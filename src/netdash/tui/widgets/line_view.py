"""A scrolling view of lines laid out beforehand: it draws only the rows on screen.

A Static given a long Text re-wraps all of it on the UI thread whenever it is updated or
resized (0.3 s for the large journal's year in review). Here Rich lays the text out once, off
the UI thread (:func:`lay_out`), into one :class:`Strip` per line, and :meth:`render_line`
hands the compositor the strip of the row asked for: drawing costs the same for ten lines or
ten thousand.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

if TYPE_CHECKING:
    from rich.console import RenderableType


def lay_out(renderable: RenderableType, width: int) -> list[Strip]:
    """``renderable``'s lines as Rich lays them out at ``width``, one strip each, without the
    control segments Rich emits for terminals (cursor moves and the like): a widget's strips
    carry text and styles only. Slow for long text: call it in a worker."""
    from rich.console import Console

    console = Console(
        width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor"
    )
    lines = console.render_lines(renderable, pad=False, new_lines=False)
    return [Strip([segment for segment in line if not segment.control]) for line in lines]


def plain_strips(text: str) -> list[Strip]:
    """One strip per line of plain ``text`` (a short message, shown as typed)."""
    return [Strip([Segment(line)]) for line in text.splitlines()]


class LineView(ScrollView, can_focus=True):
    """Lines laid out elsewhere, scrolled with the usual keys (arrows, PageUp/PageDown,
    Home/End); the text is never markup and is never wrapped here."""

    # the gutter is kept whether or not the lines overflow, so the width they are laid out at
    # stays the width they are shown at once they do
    DEFAULT_CSS = """
    LineView {
        height: 1fr;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[Strip] = []
        self.laid_out_at = 0
        """The width the lines were laid out at (0 for a plain message)."""
        self._first = plain_strips(text)

    def on_mount(self) -> None:
        if not self.lines:
            self.show_lines(self._first, 0)

    def show_text(self, text: str) -> None:
        """Show a short plain message instead of the laid-out lines."""
        self.show_lines(plain_strips(text), 0)

    def show_lines(self, lines: list[Strip], width: int, *, keep_place: bool = False) -> None:
        """Show ``lines``, laid out at ``width``: from the top, or, with ``keep_place`` (the
        same text laid out again at a new width), with the line at the same place in the text
        on top, so a resize does not send the reader back to the start."""
        top = self.scroll_offset.y
        place = top / len(self.lines) if keep_place and self.lines else 0.0
        self.lines, self.laid_out_at = lines, width
        widest = max((line.cell_length for line in lines), default=0)
        self.virtual_size = Size(widest, len(lines))
        self.scroll_to(0, round(place * len(lines)), animate=False, immediate=True)
        self.refresh()

    def text(self) -> str:
        """The lines shown, as plain text (for tests and for copying)."""
        return "\n".join(line.text for line in self.lines)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        style = self.rich_style
        if not 0 <= index < len(self.lines):
            return Strip.blank(width, style)
        line = self.lines[index].crop_extend(scroll_x, scroll_x + width, style)
        return line.apply_style(style).apply_offsets(scroll_x, index)
