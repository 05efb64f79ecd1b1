"""A TextArea for a note that may run to several lines, its control characters drawn inert.

An imported note can hold an escape sequence; the note box keeps every character (saving must
not change what was not touched) but Textual's TextArea draws its text as it is. This one draws
control characters as pictures, as :class:`~netdash.tui.widgets.text_input.TextInput` does.
"""

from __future__ import annotations

from textual.strip import Strip
from textual.widgets import TextArea

from netdash.tui.text import inert_strip


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
        return inert_strip(super().render_line(y))

    def on_unmount(self) -> None:
        """Let go of the app's theme. Textual's TextArea watches ``App.theme`` and the app keeps
        that watcher (and so this box, its document, timers and rendered lines: ~7,000 objects
        the garbage collector walks) until the theme next changes (textual#6666): every log form
        ever closed stayed alive, and each full collection, which can land on the frame after
        Enter, took longer with every entry logged."""
        watchers = getattr(self.app, "__watchers", {}).get("theme")
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers if node is not self]
