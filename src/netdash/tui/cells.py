"""Table cells that draw cheaply: a DataTable renders each visible cell through Rich's whole
text pipeline (wrapping, joining lines, copying), 0.3 ms a cell on a slow machine, and a
Journal screen of 35 rows by 6 columns took 60-90 ms of the UI thread on End. A :class:`Cell`
on a one-line row is cut to its column instead: about a third less per cell, the same look.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions


class Cell(Text):
    """Text for a table cell of one row's height, cut to its column (with "…" when its overflow
    says so) as Rich cuts a line it must not wrap. Where Rich would wrap it (a taller row),
    justify it, or lay out more than one line, it is drawn as Text is."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Segment]:
        simple = options.no_wrap and "\n" not in self.plain and "\t" not in self.plain
        justify = self.justify or options.justify
        if not simple or justify not in (None, "default"):
            yield from super().__rich_console__(console, options)
            return
        width, line = options.max_width, cast("Text", self)
        if self.cell_len > width:
            line = self.copy()
            line.truncate(width, overflow=self.overflow or options.overflow or "fold")
        if line.spans:
            yield from line.render(console, end="")
        else:  # Text.render leaves the style out of a line without spans (its caller joins it)
            yield Segment(line.plain, console.get_style(line.style, default=Style.null()))
        yield Segment(self.end)


def cell(text: Text) -> Cell:
    """``text`` (its spans and style) as a :class:`Cell`."""
    return Cell(
        text.plain,
        text.style,
        justify=text.justify,
        overflow=text.overflow,
        no_wrap=text.no_wrap,
        end=text.end,
        tab_size=text.tab_size,
        spans=list(text.spans),
    )
