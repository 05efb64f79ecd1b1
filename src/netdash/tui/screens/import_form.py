"""The import form (``i``): which export to import; a refused import comes back to it.

Followers, address books and history (calendars, chats, call logs, mail) share it: the source
is detected from the file unless chosen, and the boxes a source does not use are ignored.

A refusal is shown in the form, at the box that fixes it, with what was typed kept: a toast in
the command line's words ("pass --account") told a TUI user to do something they cannot do here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static

from netdash.actions.imports import undo_words
from netdash.store.imports import ImportResult, account_words, as_of_words
from netdash.tui.screens.form import FormScreen
from netdash.tui.widgets.text_input import TextInput


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    source: str | None
    account: str | None
    me: tuple[str, ...] = ()
    """History: who the user is in the export (names, e-mails, numbers), when it does not say."""
    titles: bool = False
    """Calendars: keep event titles in the entries' notes."""
    dry_run: bool = False


def source_choices() -> list[tuple[str, str]]:
    """Every source, saying what it brings in; the names are the command line's."""
    from netdash.actions.backfill import BACKFILL_SOURCES
    from netdash.importers import IMPORT_SOURCES
    from netdash.importers.contact_files import CONTACT_SOURCES

    return [
        *((f"{name} (followers)", name) for name in IMPORT_SOURCES),
        *((f"{name} (people)", name) for name in CONTACT_SOURCES),
        *((f"{name} (history)", name) for name in BACKFILL_SOURCES),
    ]


def me_values(typed: str) -> tuple[str, ...]:
    """ "Ana Souza; ana@example.com" is two ways the user appears (a comma is allowed in a name:
    "Souza, Ana")."""
    return tuple(part.strip() for part in typed.split(";") if part.strip())


CLI_WORDS = (
    ("name the source: netdash import SOURCE PATH", "choose it under Source", "source"),
    ("pass --account", "type which one is yours under Your account", "account"),
    ("--dry-run is for", "Dry run is for", "dry-run"),
    ("pass --me YOUR@ADDRESS", "type your address under You are", "me"),
    ("pass --me ADDRESS", "type your address under You are", "me"),
    ("pass --me NAME", "type your name under You are", "me"),
    ("--me", "You are", "me"),
)
"""What an import's refusal tells a command-line user, what the form says instead, and the box
that fixes it; a refusal saying none of these is about the file (the path box). The history
readers' "pass --me NAME" and "--me ADDRESS" come before the bare flag, which is only a fallback:
replacing the flag alone left "pass You are ADDRESS"."""


def in_form_words(refusal: str) -> tuple[str, str]:
    """``refusal`` worded for the import form, and the id of the box that fixes it."""
    for cli, form, box in CLI_WORDS:
        if cli in refusal:
            return refusal.replace(cli, form), box
    return refusal, "path"


class ImportForm(FormScreen[ImportRequest | None]):
    """Which export to import: a path, and the source if it cannot be detected. Given a
    ``request`` and its ``refusal``, it opens filled in, saying why that import was refused."""

    cancelled = None

    def __init__(self, request: ImportRequest | None = None, refusal: str = "") -> None:
        super().__init__()
        self.request = request
        self.refusal = refusal

    def compose(self) -> ComposeResult:
        request = self.request
        with Vertical(id="import-form", classes="form"):
            yield Static(
                "Import followers, an address book, or history (calendars, chats, mail)",
                classes="form-title",
            )
            with Grid(classes="fields"):
                yield Label("File or folder")
                yield TextInput(
                    str(request.path) if request else "",
                    placeholder="~/Downloads/twitter-2026-11-01.zip, contacts.vcf, calendar.ics",
                    id="path",
                )
                yield Label("Source")
                yield Select(
                    source_choices(),
                    prompt="detect it",
                    value=request.source if request and request.source else Select.NULL,
                    id="source",
                )
                yield Label("Your account")
                yield TextInput(
                    request.account or "" if request else "",
                    placeholder="followers: only if the export does not say",
                    id="account",
                )
                yield Label("You are")
                yield TextInput(
                    "; ".join(request.me) if request else "",
                    placeholder="history, if the export does not say: your name; e-mail; number",
                    id="me",
                )
                yield Label("")
                yield Checkbox(
                    "Keep event titles (calendars)",
                    request.titles if request else False,
                    id="titles",
                    compact=True,
                )
                yield Label("")
                yield Checkbox(
                    "Dry run: only say what it would add",
                    request.dry_run if request else False,
                    id="dry-run",
                    compact=True,
                )
            yield Static("", id="form-error", classes="error")
            yield Static("Enter imports · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        path = self.query_one("#path", Input)
        path.focus()
        path.cursor_position = len(path.value)
        if self.refusal and self.request:
            # the path is in its box: the refusal names the file, so a long path cannot push
            # what is wrong out of the shortened message
            named = self.refusal.replace(str(self.request.path), self.request.path.name)
            message, box = in_form_words(named)
            self.fail(f"Not imported; nothing written. {message}", box)

    def save(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.fail("Which file? Type its path.", "path")
            return
        path = Path(text).expanduser()
        if not path.exists():
            self.fail(f"{path}: no such file or folder", "path")
            return
        source = self.query_one("#source", Select).value
        account = self.query_one("#account", Input).value.strip() or None
        self.dismiss(
            ImportRequest(
                path,
                source if isinstance(source, str) else None,
                account,
                me=me_values(self.query_one("#me", Input).value),
                titles=self.query_one("#titles", Checkbox).value,
                dry_run=self.query_one("#dry-run", Checkbox).value,
            )
        )


def imported_words(result: ImportResult) -> str:
    """What a finished import of followers says in its notification: the account, the counts,
    the day it is dated by and why, a new account's name, and whether undo takes it back."""
    where = f"{result.platform} ({result.account})"
    if result.already_imported:
        return f"Already imported for {where}; nothing changed"
    parts = [where]
    if result.followers is not None:
        parts.append(f"{result.followers:,} followers")
    if result.listed is not None:
        since = f" since {result.compared_with[:10]}" if result.compared_with else ""
        parts.append(f"{result.gained:,} new, {result.lost:,} gone{since}")
    lines = [" · ".join(parts), as_of_words(result)]
    made = account_words(result)
    if made:  # the TUI renames with R on the Audience screen
        lines.append(
            made.replace(
                "to rename it: netdash accounts rename", "R renames it; or netdash accounts rename"
            )
        )
    lines.append(undo_words(result.undoable))
    return "\n".join(lines)
