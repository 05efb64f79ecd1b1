"""What an import of history (a calendar, a chat, a call log, mail) did, in the TUI's words.

As the command line's report: entries added, per person how many days on which channel and
over what span, and who is not in the journal yet; here ``k`` opens Who's this? at once and
ctrl+z takes the import back. A summary of many people is longer than a notification holds, so
it is a dialog when the Audience screen (which started the import) is still in front.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from netdash.tui.commands import bindings
from netdash.tui.screens.form import AnswerOnce
from netdash.tui.text import plain_lines

if TYPE_CHECKING:
    from netdash.actions.backfill import Backfilled
    from netdash.tui.app import NetdashApp

PEOPLE_LISTED = 30
"""People named one per line; the rest are counted (a mailbox can bring hundreds)."""


STRANGERS_HINT = "k opens Who's this? to add or ignore them"


def undo_hint(import_id: int | None, in_trash: bool) -> str:
    if in_trash:
        return f"ctrl+z takes it back (or netdash imports undo {import_id})"
    return f"netdash imports undo {import_id} takes it back (too large for ctrl+z)"


def history_lines(done: Backfilled) -> list[str]:
    """The summary, a line each, in the command line's words but for what undoes it, where the
    strangers are reviewed, and the people listed (the rest counted)."""
    from netdash.actions.backfill import backfill_lines

    return backfill_lines(
        done, strangers_hint=STRANGERS_HINT, undo_hint=undo_hint, listed=PEOPLE_LISTED
    )


class HistoryImported(AnswerOnce[bool]):
    """The summary; dismisses with True when the user asks for Who's this? (k)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("imported")
    DEFAULT_CSS = """
    HistoryImported {
        align: center middle;
        background: $background 60%;
    }
    #history-imported {
        max-height: 90%;
    }
    """

    def __init__(self, done: Backfilled) -> None:
        super().__init__()
        self.done = done

    def compose(self) -> ComposeResult:
        title = "Dry run" if self.done.dry_run else "History imported"
        keys = "k Who's this? · " if self.done.result.strangers else ""
        with VerticalScroll(id="history-imported", classes="form"):
            yield Static(Text(title, "bold"), classes="form-title")
            yield Static(plain_lines("\n".join(history_lines(self.done))), id="history-summary")
            yield Static(f"{keys}Enter or Escape closes", classes="hint", markup=False)

    def action_strangers(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)


def history_imported(app: NetdashApp, done: Backfilled, *, over: Screen[Any]) -> None:
    """Say what the import did: a dialog over ``over`` if it is still in front, else (the user
    has moved on) a notification, which cannot be left waiting under what they opened."""
    if not done.dry_run and done.result.changed:
        app.journal_changed()
    if app.screen is not over:
        title = "Dry run" if done.dry_run else "History imported"
        app.notify("\n".join(history_lines(done)[:6]), title=title, markup=False, timeout=10)
        return

    def closed(strangers: bool | None) -> None:
        if strangers:
            app.action_strangers()

    app.push_screen(HistoryImported(done), callback=closed)
