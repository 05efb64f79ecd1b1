"""Add or edit a vouch from a person's page (V, then e on one): the rules `netdash vouch` and
`netdash vouches edit` keep, since both go through :mod:`netdash.store.vouches`."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Select, Static

from netdash.domain import dates
from netdash.domain.errors import InvalidInput
from netdash.store.vouches import Vouch, add_vouch, edit_vouch
from netdash.tui.base import netdash_app
from netdash.tui.screens.form import FormScreen
from netdash.tui.text import plain
from netdash.tui.widgets.text_input import TextInput

DIRECTION_CHOICES = (
    ("given: you vouched for them", "given"),
    ("received: they vouched for you", "received"),
)


class VouchForm(FormScreen[str | None]):
    """Dismisses with what it did ("Vouch saved"), or None when cancelled or nothing changed."""

    DEFAULT_CSS = """
    VouchForm {
        align: center middle;
        background: $background 60%;
    }
    """
    cancelled = None
    BOXES: ClassVar[dict[str, str]] = {"date": "when"}

    def __init__(self, person_id: int, person_name: str, vouch: Vouch | None = None) -> None:
        super().__init__()
        self.person_id = person_id
        self.person_name = person_name
        self.vouch = vouch

    def compose(self) -> ComposeResult:
        vouch = self.vouch
        title = f"{'Edit the vouch' if vouch else 'A vouch'} with {self.person_name}"
        with Vertical(id="vouch-form", classes="form"):
            yield Static(plain(title), classes="form-title")
            with Grid(classes="fields"):
                yield Label("Direction")
                yield Select(
                    DIRECTION_CHOICES,
                    value=vouch.direction if vouch else "given",
                    allow_blank=False,
                    id="direction",
                )
                yield Label("Topic")
                yield TextInput(
                    vouch.topic if vouch else "", placeholder="data engineering", id="topic"
                )
                yield Label("When")
                yield TextInput(vouch.occurred_on if vouch else "today", id="when")
                yield Label("Note")
                yield TextInput(
                    vouch.note if vouch else "", placeholder="recommended her to Contoso", id="note"
                )
            yield Static("", id="form-error", classes="error")
            yield Static("Enter saves · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#topic", Input).focus()

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def save(self) -> None:
        app = netdash_app(self)
        db = app.db
        direction = str(self.query_one("#direction", Select).value)
        field = "when"  # the box to point at if the next step is refused
        try:
            occurred_on = dates.parse_date(self._value("when"), app.today)
            field = "topic"
            topic, note = self._value("topic"), self._value("note").strip()
            if self.vouch is None:
                add_vouch(
                    db,
                    self.person_id,
                    direction=direction,
                    topic=topic,
                    occurred_on=occurred_on,
                    note=note,
                )
                self.dismiss("Vouch saved")
                return
            old = self.vouch
            unchanged = (direction, topic.strip(), occurred_on.isoformat(), note) == (
                old.direction,
                old.topic,
                old.occurred_on,
                old.note,
            )
            if unchanged:
                self.dismiss(None)  # an edit that changes nothing leaves nothing to undo
                return
            edit_vouch(
                db, old.id, direction=direction, topic=topic, occurred_on=occurred_on, note=note
            )
        except InvalidInput as error:
            self.fail_on(error, field)
            return
        self.dismiss("Vouch saved (ctrl+z undoes the change)")
