"""An Input that shows the control characters in its value as pictures, never as themselves.

A name to edit keeps every character it has (saving must not change what was not touched), but
Textual's Input draws its value, and the suggestion after it, as they are: an escape sequence in
a contact's name would reach the terminal. This one draws them inert (see netdash.inert).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input

from netdash.inert import has_controls, inert_line


class TextInput(Input):
    """An Input whose value (and suggestion) is drawn inert; ``value`` is left as it is."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if not any(has_controls(segment.text) for segment in strip if segment.control is None):
            return strip
        # A control takes no cells, its picture one or more: the line grows, and is cut back.
        width = strip.cell_length
        shown = Strip(
            Segment(inert_line(segment.text), segment.style) if segment.control is None else segment
            for segment in strip
        )
        return shown.crop(0, width)
