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

from netdash.domain.evidence import CHANNELS
from netdash.tui.commands import bindings
from netdash.tui.screens.form import AnswerOnce
from netdash.tui.text import count_of, plain_lines

if TYPE_CHECKING:
    from netdash.actions.backfill import Backfilled
    from netdash.tui.app import NetdashApp

PEOPLE_LISTED = 30
"""People named one per line; the rest are counted (a mailbox can bring hundreds)."""


def history_lines(done: Backfilled) -> list[str]:
    """The summary, a line each; the first says what happened."""
    result = done.result
    if not done.dry_run and not result.changed:
        days = count_of(result.days, "day")
        return [f"Nothing new in {done.file_name}: {days}, all already in the journal"]
    verb = "Dry run, nothing written. Would add" if done.dry_run else "Added"
    number = f", import #{result.import_id}" if result.import_id else ""
    entries = count_of(result.entries_added, "entry", "entries")
    lines = [f"{verb} {entries} from {done.file_name} ({done.source}){number}"]
    if done.me:
        lines.append(f"you: {', '.join(done.me)}")
    people = sorted(result.people.values(), key=lambda p: (-sum(p.channels.values()), p.name))
    for person in people[:PEOPLE_LISTED]:
        channels = ", ".join(
            count_of(days, f"{CHANNELS.get(channel, channel)} day")
            for channel, days in person.channels.items()
        )
        span = (
            person.first_on
            if person.first_on == person.last_on
            else f"{person.first_on} to {person.last_on}"
        )
        lines.append(f"  {person.name}: {channels} · {span}")
    if len(people) > PEOPLE_LISTED:
        lines.append(f"  and {len(people) - PEOPLE_LISTED:,} more people")
    if result.links_added:
        linked = count_of(result.links_added, "person", "people")
        lines.append(f"{linked} added to days already in the journal")
    if result.already_there:
        lines.append(f"{count_of(result.already_there, 'day')} already in the journal")
    if result.strangers:
        lines.append(
            f"{result.strangers:,} not in the journal: k opens Who's this? to add or ignore them"
        )
    if result.skipped:
        lines.append(
            f"{count_of(result.skipped, 'line')} skipped (system lines, attachments, unreadable)"
        )
    if not done.dry_run:
        if result.in_trash:
            lines.append(f"ctrl+z takes it back (or netdash imports undo {result.import_id})")
        else:
            lines.append(
                f"netdash imports undo {result.import_id} takes it back (too large for ctrl+z)"
            )
    return lines


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
