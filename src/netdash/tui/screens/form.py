"""What every form dialog shares: compact fields, Enter or ctrl+s saves, Escape cancels."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual._styles_cache import StylesCache
from textual.await_complete import AwaitComplete
from textual.binding import BindingType
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from netdash.domain.errors import InvalidInput
from netdash.store.errors import JournalBusy
from netdash.tui.collector import hold_for_save, keep_started_heap
from netdash.tui.commands import bindings
from netdash.tui.text import plain

ResultType = TypeVar("ResultType")

ERROR_CHARS = 140
"""The longest refusal a form shows: two lines of a form on an 80-column terminal."""


def shortened(message: str, limit: int = ERROR_CHARS) -> str:
    """``message`` short enough to stay in view. A refusal that quotes a 20,000-character
    paste would fill the form and push itself out of sight; its start (the quote begins) and
    its end (what is wrong) are what the user needs."""
    if len(message) <= limit:
        return message
    half = (limit - 1) // 2
    return f"{message[:half]}…{message[-half:]}"


class AnswerOnce(ModalScreen[ResultType]):
    """A modal that answers once, whatever arrives after: a second Enter (key repeat, or keys
    queued while the app was busy) reaches it after it has dismissed itself, and must neither
    write again nor pop the screen beneath it (``ScreenStackError``)."""

    answered = False
    """It has dismissed itself: every later save, answer or cancel is ignored."""

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self.answered:
            return AwaitComplete()  # already done: nothing to wait for
        self.answered = True
        return super().dismiss(result)


class FormScreen(AnswerOnce[ResultType]):
    """A modal form. Subclasses compose fields, a ``#form-error`` Static, and implement save."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("form")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    """Under 30 rows a form drops its frame's blank rows: with the footer of its keys, a
    24-row terminal leaves it 23, and the refusal must stay in view."""

    #: What the form dismisses with when cancelled.
    cancelled: ResultType

    def on_unmount(self) -> None:
        """Let go of the closed form's drawn lines. Textual caches ``StylesCache.get_inner_outer``
        with the widget's cache as part of the key (an lru_cache on a method): up to 1,024 closed
        widgets' caches of rendered lines, ~35 more with each form and toast, stay alive, and
        each full garbage collection, which can land on the frame after Enter, walks them all."""
        StylesCache.get_inner_outer.cache_clear()

    def on_mount(self) -> None:
        keep_started_heap()  # a form open: started, and the frames after it are waited for
        # one row per field, so a form fits a 24-row terminal
        for field in self.query(Input):
            field.compact = True
        for choice in self.query(Select):
            choice.compact = True

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    BOXES: ClassVar[dict[str, str]] = {}
    """The box that shows a refusal about each input (``InvalidInput.field``), where its id is
    not the field's own name."""

    def fail(self, message: str, field: str) -> None:
        """Show what is wrong and put the cursor where it can be fixed; nothing is written.
        The message can quote what was typed or stored, so it is shown inert."""
        self.query_one("#form-error", Static).update(plain(shortened(message)))
        for box in self.query(".-invalid"):
            box.remove_class("-invalid")
        box = self.query_one(f"#{field}")
        box.add_class("-invalid")
        box.focus()

    def fail_on(self, error: InvalidInput, fallback: str) -> None:
        """Show ``error`` at the box its field names, or at ``fallback`` when it names none
        of this form's boxes (a refusal about the whole entry)."""
        box = self.BOXES.get(error.field or "", error.field or fallback)
        self.fail(str(error), box if self.query(f"#{box}") else fallback)

    RETRY_SECONDS = 0.5
    """How often a form whose save met an import holding the journal tries again."""

    _waiting = False

    def action_save(self) -> None:
        """Save, or, while another write (an import) holds the journal, keep everything typed,
        say so, and try again shortly: the screen never freezes and nothing is lost."""
        if self._waiting or self.answered:
            return  # a retry is due, or it is saved: a second Enter must not save twice
        hold_for_save(self.app)
        try:
            self.save()
        except JournalBusy:
            self._waiting = True
            self.query_one("#form-error", Static).update(
                Text("Waiting for an import to finish… (Esc gives up)", "yellow")
            )
            self.set_timer(self.RETRY_SECONDS, self._retry)

    def _retry(self) -> None:
        self._waiting = False
        if self.is_attached and self.app.screen is self:
            self.action_save()

    def save(self) -> None:
        """Check the fields and write: dismiss on success, :meth:`fail` on bad input."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(self.cancelled)
