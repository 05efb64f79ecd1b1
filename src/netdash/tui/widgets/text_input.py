"""An Input that shows the control characters in its value as pictures, never as themselves.

A name to edit keeps every character it has (saving must not change what was not touched), but
Textual's Input draws its value, and the suggestion after it, as they are: an escape sequence in
a contact's name would reach the terminal. This one draws them inert (see netdash.inert).
"""

from __future__ import annotations

from textual.strip import Strip
from textual.widgets import Input

from netdash.tui.text import inert_strip


class TextInput(Input):
    """An Input whose value (and suggestion) is drawn inert; ``value`` is left as it is."""

    def render_line(self, y: int) -> Strip:
        return inert_strip(super().render_line(y))
