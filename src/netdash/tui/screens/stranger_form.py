"""Enter on Who's this?: make someone the imports met a person, or say who they already are.

One form for both because the user decides it on one look at the name: it is offered as the
export wrote it (editable); naming a person under "Or link to" links them instead, and that
person gains the e-mail, number or handle they were seen by. A name someone already has is
asked about first; "no" puts it under "Or link to".
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Static

from netdash.actions.backfill import span_words
from netdash.domain.errors import InvalidInput
from netdash.store.people import resolve_person
from netdash.store.strangers import Stranger, link_stranger, make_person
from netdash.tui.base import netdash_app
from netdash.tui.screens.form import FormScreen
from netdash.tui.screens.same_name import SameNameCheck
from netdash.tui.text import plain
from netdash.tui.widgets.completers import PeopleCompleter
from netdash.tui.widgets.completion import CompletingInput
from netdash.tui.widgets.text_input import TextInput


def seen_words(stranger: Stranger) -> str:
    """How often, how recently, where: what the decision rests on."""
    days = f"{stranger.days:,} day{'s' if stranger.days != 1 else ''}"
    span = span_words(stranger.first_on, stranger.last_on)
    files = f" · from {', '.join(stranger.files)}" if stranger.files else ""
    return f"{days} on {stranger.channel_words()} · {span}{files}"


def refill_words(stranger: Stranger) -> str:
    """Their days before this are only in the export: the next import of it adds them."""
    if not stranger.files:
        return ""
    return f"\nimport {', '.join(stranger.files)} again to add their history"


class StrangerForm(FormScreen[str | None]):
    """Dismisses with what it did, in words, or None when cancelled."""

    DEFAULT_CSS = """
    StrangerForm {
        align: center middle;
        background: $background 60%;
    }
    #stranger-seen {
        margin-bottom: 1;
    }
    """
    cancelled = None

    def __init__(self, stranger: Stranger) -> None:
        super().__init__()
        self.stranger = stranger
        self.same_name = SameNameCheck(self, back=self._link_instead)

    def _link_instead(self, name: str) -> None:
        """Not someone else: most often the person there is, whom they are then linked to."""
        link = self.query_one("#link", Input)
        link.value = name
        link.focus()

    def compose(self) -> ComposeResult:
        stranger = self.stranger
        seen = f" <{stranger.identity}>" if stranger.identity else ""
        with Vertical(id="stranger-form", classes="form"):
            yield Static(plain(f"Who's this? {stranger.shown}{seen}"), classes="form-title")
            yield Static(plain(seen_words(stranger), "dim"), id="stranger-seen")
            with Grid(classes="fields"):
                yield Label("Name")
                yield TextInput(stranger.name or stranger.written, id="name")
                yield Label("Or link to")
                yield CompletingInput(
                    placeholder="someone already in the journal",
                    completer=PeopleCompleter(several=False),
                    id="link",
                )
            yield Static("", id="form-error", classes="error")
            yield Static(
                "Enter adds them as a new person, or links them to the person named · Esc cancels",
                classes="hint",
            )

    def on_mount(self) -> None:
        super().on_mount()
        name = self.query_one("#name", Input)
        name.focus()
        name.cursor_position = len(name.value)

    def save(self) -> None:
        db = netdash_app(self).db
        stranger = self.stranger
        link = self.query_one("#link", Input).value.strip()
        if link:
            try:
                person = resolve_person(db, link)
                link_stranger(db, stranger.id, person.id)
            except InvalidInput as error:
                self.fail_on(error, "link")
                return
            self.dismiss(f"{stranger.shown} is {person.name}{refill_words(stranger)}")
            return
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.fail("Their name, or a person to link them to", "name")
            return
        if self.same_name.ask_first(name):
            return  # added, or linked instead, once answered
        try:
            person_id, _ = make_person(db, stranger.id, name)
        except InvalidInput as error:
            self.fail_on(error, "name")
            return
        self.dismiss(f"Added {name} (#{person_id}){refill_words(stranger)}")
