"""A TextArea for a note that may run to several lines, its control characters drawn inert.

An imported note can hold an escape sequence; the note box keeps every character (saving must
not change what was not touched) but Textual's TextArea draws its text as it is. This one draws
control characters as pictures, as :class:`~netdash.tui.widgets.text_input.TextInput` does.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import TextArea

from netdash.inert import has_controls, inert_line


class NoteArea(TextArea):
    """A plain multi-line box: Enter makes a new line, Tab moves on (the form saves on ctrl+s).
    It starts two rows high and grows with the note up to six (three on a short terminal, where
    a form's refusal must stay in view under it), then scrolls."""

    SCOPED_CSS = False  # the short rule looks at the form screen around it
    DEFAULT_CSS = """
    NoteArea {
        height: auto;
        min-height: 2;
        max-height: 6;
    }
    .-short NoteArea {
        max-height: 3;
    }
    """

    def __init__(self, text: str = "", *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            compact=True,
            placeholder=placeholder,
            id=id,
        )

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
