"""Log community work (g) and an outcome (o) by keyboard; the same rules as `give`/`outcome`."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar

from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from netdash.domain import dates, quantities
from netdash.domain.errors import InvalidInput
from netdash.domain.models import CREDIT_ROLES, OUTCOME_KINDS
from netdash.domain.money import parse_money
from netdash.domain.quicklog import mentions_from_names
from netdash.store.community import add_contribution, organisation_starting
from netdash.store.journal import PersonChoice, resolve_mentions
from netdash.store.outcomes import add_outcome
from netdash.tui.base import netdash_app
from netdash.tui.screens.form import FormScreen
from netdash.tui.screens.log_form import PeopleSuggester, people_preview
from netdash.tui.text import plain
from netdash.tui.widgets.text_input import TextInput


class OrganisationSuggester(Suggester):
    """Completes organisation names already in the journal."""

    def __init__(self, db: Database) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.db = db

    async def get_suggestion(self, value: str) -> str | None:
        typed = value.strip()
        if not typed:
            return None
        name = organisation_starting(self.db, typed)
        return value[: len(value) - len(value.lstrip())] + name if name else None


def _box(
    label: str,
    box_id: str,
    placeholder: str = "",
    suggester: Suggester | None = None,
    *,
    value: str = "",
) -> Iterator[Widget]:
    """One labelled text box: a row of a form's two-column grid."""
    yield Label(label)
    yield TextInput(value, placeholder=placeholder, suggester=suggester, id=box_id)


def _preview_row(box_id: str) -> Iterator[Widget]:
    """The row under a box of names saying who each will be, "(new)" as on the log form."""
    yield Label("")
    yield Static("", id=f"{box_id}-preview", classes="hint")


def _credit_parts(text: str) -> list[tuple[str, str]]:
    """ "Ana Souza: introduced, @bo" as (name, role) pairs; no role given: they collaborated."""
    parts: list[tuple[str, str]] = []
    for part in filter(str.strip, text.split(",")):
        name, _, role = part.rpartition(":")
        if not name.strip():
            name, role = role, "collaborated"  # no role given: they worked on it with you
        parts.append((name, role.strip().lower()))
    return parts


def _result(text: str) -> tuple[Decimal, str] | None:
    """The Result box, read as every face reads a result."""
    return quantities.parse_result(text)


class ContributionForm(FormScreen[str | None]):
    """Dismisses with the organisation's name once saved."""

    cancelled = None
    BOXES: ClassVar[dict[str, str]] = {"organisation": "org", "amount": "money", "people": "with"}

    def compose(self) -> ComposeResult:
        db = netdash_app(self).db
        with Vertical(id="contribution-form", classes="form"):
            yield Static("Log community or charity work", classes="form-title")
            with Grid(classes="fields"):
                yield from _box("Organisation", "org", "Food Bank", OrganisationSuggester(db))
                yield from _box("Cause", "cause", "if the organisation is new: food security")
                yield from _box("When", "when", value="today")
                yield from _box("Hours", "hours", "4, 1.5 or 90m")
                yield from _box("Money", "money", "50 USD, $2,300")
                yield from _box("Result", "result", "120 meals served")
                yield from _box("Role", "role", "volunteer")
                yield from _box("With", "with", "Ana Souza, @bo", PeopleSuggester(db))
                yield from _preview_row("with")
                yield from _box("Note", "note")
            yield Static("", id="form-error", classes="error")
            yield Static("Enter saves · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#org", Input).focus()

    @on(Input.Changed, "#with")
    def _with_changed(self, event: Input.Changed) -> None:
        preview = people_preview(netdash_app(self).db, mentions_from_names(event.value))
        self.query_one("#with-preview", Static).update(preview)

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def save(self) -> None:
        app = netdash_app(self)
        db, today = app.db, app.today
        field = "when"  # the field to point at if the next step is refused
        try:
            occurred_on = dates.parse_date(self._value("when"), today)
            field = "hours"
            minutes = quantities.minutes(quantities.parse_hours(self._value("hours")))
            field = "money"
            money = parse_money(self._value("money")) if self._value("money").strip() else None
            field = "result"
            result = _result(self._value("result"))
            field = "with"
            people = resolve_mentions(db, mentions_from_names(self._value("with")))
            field = "org"
            done = add_contribution(
                db,
                organisation=self._value("org"),
                occurred_on=occurred_on,
                today=today,
                minutes=minutes,
                money=money,
                result=result,
                role=self._value("role"),
                people=people,
                note=self._value("note").strip(),
                cause=self._value("cause"),
            )
        except InvalidInput as error:
            self.fail_on(error, field)
            return
        self.dismiss(done.organisation)


class OutcomeForm(FormScreen[str | None]):
    """Dismisses with the outcome's title once saved."""

    cancelled = None
    BOXES: ClassVar[dict[str, str]] = {"amount": "value", "organisations": "orgs"}

    def compose(self) -> ComposeResult:
        db = netdash_app(self).db
        with Vertical(id="outcome-form", classes="form"):
            yield Static("Log an outcome: something real that got done", classes="form-title")
            with Grid(classes="fields"):
                yield from _box("Title", "title", "Contract with Contoso")
                yield from _box("When", "when", value="today")
                yield Label("Kind")
                yield Select(
                    [(kind.replace("_", " "), kind) for kind in OUTCOME_KINDS],
                    value="other",
                    allow_blank=False,
                    id="kind",
                )
                yield from _box("Worth", "value", "12000 USD (optional)")
                yield from _box(
                    "People", "people", "Ana Souza: introduced, @bo: advised", PeopleSuggester(db)
                )
                yield from _preview_row("people")
                yield from _box("Organisations", "orgs", "Code Club", OrganisationSuggester(db))
                yield from _box("Audience", "platforms", "mastodon (a follower reached out)")
                yield from _box("Note", "note")
            yield Static(
                plain("Roles: " + ", ".join(CREDIT_ROLES) + " · Enter saves · Esc cancels"),
                classes="hint",
            )
            yield Static("", id="form-error", classes="error")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#title", Input).focus()

    @on(Input.Changed, "#people")
    def _people_changed(self, event: Input.Changed) -> None:
        mentions = [
            mention
            for name, _ in _credit_parts(event.value)
            for mention in mentions_from_names(name)[:1]
        ]
        preview = people_preview(netdash_app(self).db, mentions)
        self.query_one("#people-preview", Static).update(preview)

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def _credits(self, db: Database) -> list[tuple[PersonChoice, str]]:
        credits: list[tuple[PersonChoice, str]] = []
        for name, role in _credit_parts(self._value("people")):
            (choice,) = resolve_mentions(db, mentions_from_names(name)[:1])
            credits.append((choice, role))
        return credits

    def save(self) -> None:
        app = netdash_app(self)
        db, today = app.db, app.today
        field = "when"
        try:
            occurred_on = dates.parse_date(self._value("when"), today)
            field = "value"
            value = parse_money(self._value("value")) if self._value("value").strip() else None
            field = "people"
            credits = self._credits(db)
            field = "title"
            add_outcome(
                db,
                title=self._value("title"),
                occurred_on=occurred_on,
                today=today,
                kind=str(self.query_one("#kind", Select).value),
                value=value,
                people=credits,
                organisations=[o.strip() for o in self._value("orgs").split(",") if o.strip()],
                platforms=[p.strip() for p in self._value("platforms").split(",") if p.strip()],
                note=self._value("note").strip(),
            )
        except InvalidInput as error:
            self.fail_on(error, field)
            return
        self.dismiss(" ".join(self._value("title").split()))
