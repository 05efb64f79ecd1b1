"""Log community work (g) and an outcome (o) by keyboard; the same rules as `give`/`outcome`."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar

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
from netdash.store.contributions import Contribution, ContributionEdit, edit_contribution
from netdash.store.journal import PersonChoice
from netdash.store.mentions import resolve_mentions
from netdash.store.organisations import organisation_names
from netdash.store.outcomes import (
    OutcomeCredits,
    OutcomeEdit,
    OutcomeRow,
    add_outcome,
    edit_outcome,
)
from netdash.store.stats import money_text
from netdash.tui.base import netdash_app
from netdash.tui.screens.form import FormScreen
from netdash.tui.screens.log_form import people_preview, person_field
from netdash.tui.text import plain
from netdash.tui.widgets.completers import PeopleCompleter
from netdash.tui.widgets.completion import Completer, CompletingInput
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
    suggester: Suggester | Completer[Any] | None = None,
    *,
    value: str = "",
) -> Iterator[Widget]:
    """One labelled text box: a row of a form's two-column grid; people complete from a list."""
    yield Label(label)
    if isinstance(suggester, Completer):
        yield CompletingInput(value, placeholder=placeholder, completer=suggester, id=box_id)
        return
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


def hours_typed(minutes: int) -> str:
    """Stored minutes as a person types them in the Hours box: "4", "1.5", or "20m" where
    hours would need more decimals than anyone types (so nothing is rounded on the way back)."""
    if not minutes:
        return ""
    if minutes % 6:
        return f"{minutes}m"
    return (
        f"{Decimal(minutes) / 60:f}".rstrip("0").rstrip(".") if minutes % 60 else str(minutes // 60)
    )


def money_typed(minor: int | None, currency: str | None) -> str:
    """Stored money as the Money box reads it back: "2300.00 USD" (no thousands commas to
    trip over)."""
    return f"{money_text(minor, currency)} {currency}" if minor and currency else ""


def contribution_fields(row: Contribution) -> dict[str, str]:
    """Every box of the give form, filled in from a contribution, as the user would type it."""
    result = ""
    if row.result_quantity and row.result_unit:
        result = f"{Decimal(row.result_quantity):f} {row.result_unit}"
    return {
        "org": row.organisation,
        "cause": row.cause,
        "when": row.occurred_on,
        "hours": hours_typed(row.minutes),
        "money": money_typed(row.money_minor, row.currency),
        "result": result,
        "role": row.role,
        "with": ", ".join(map(person_field, row.person_ids, row.people)),
        "note": row.note,
    }


def outcome_fields(row: OutcomeRow) -> dict[str, str]:
    """Every box of the outcome form, filled in from an outcome; people by id, with their role."""
    people = [
        f"{person_field(c.person_id, c.label)}: {c.role}" if c.role else person_field(c.person_id)
        for c in row.credits
        if c.person_id is not None
    ]
    return {
        "title": row.title,
        "when": row.occurred_on,
        "value": money_typed(row.value_minor, row.value_currency),
        "people": ", ".join(people),
        "orgs": ", ".join(c.label for c in row.credits if c.organisation_id is not None),
        "platforms": ", ".join(c.platform for c in row.credits if c.platform),
        "note": row.note,
    }


class ContributionForm(FormScreen[str | None]):
    """Dismisses with the organisation's name once saved. Given a contribution, it edits that
    one (every box filled in from it) instead of logging a new one."""

    cancelled = None
    BOXES: ClassVar[dict[str, str]] = {"organisation": "org", "amount": "money", "people": "with"}

    def __init__(self, editing: Contribution | None = None) -> None:
        super().__init__()
        self.editing = editing
        self.filled = contribution_fields(editing) if editing else {"when": "today"}

    def compose(self) -> ComposeResult:
        db, filled = netdash_app(self).db, self.filled
        title = "Edit contribution" if self.editing else "Log community or charity work"
        with Vertical(id="contribution-form", classes="form"):
            yield Static(title, classes="form-title")
            with Grid(classes="fields"):
                for label, box, hint, suggester in (
                    ("Organisation", "org", "Food Bank", OrganisationSuggester(db)),
                    ("Cause", "cause", "if the organisation is new: food security", None),
                    ("When", "when", "", None),
                    ("Hours", "hours", "4, 1.5 or 90m", None),
                    ("Money", "money", "50 USD, $2,300", None),
                    ("Result", "result", "120 meals served", None),
                    ("Role", "role", "volunteer", None),
                    ("With", "with", "Ana Souza, @bo", PeopleCompleter()),
                ):
                    yield from _box(label, box, hint, suggester, value=filled.get(box, ""))
                yield from _preview_row("with")
                yield from _box("Note", "note", value=filled.get("note", ""))
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
            if self.editing is not None:
                change = ContributionEdit(
                    organisation=self._value("org"),
                    occurred_on=occurred_on,
                    minutes=minutes,
                    money=money,
                    result=result,
                    role=self._value("role"),
                    note=self._value("note").strip(),
                    people=people,
                    cause=self._value("cause"),
                )
                edited = edit_contribution(db, self.editing.id, change, today)
                self.dismiss(edited.organisation)
                return
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

    def __init__(self, editing: OutcomeRow | None = None) -> None:
        super().__init__()
        self.editing = editing
        self.filled = outcome_fields(editing) if editing else {"when": "today"}

    def compose(self) -> ComposeResult:
        db, filled = netdash_app(self).db, self.filled
        title = "Edit outcome" if self.editing else "Log an outcome: something real that got done"
        with Vertical(id="outcome-form", classes="form"):
            yield Static(title, classes="form-title")
            with Grid(classes="fields"):
                yield from _box(
                    "Title", "title", "Contract with Contoso", value=filled.get("title", "")
                )
                yield from _box("When", "when", value=filled["when"])
                yield Label("Kind")
                yield Select(
                    [(kind.replace("_", " "), kind) for kind in OUTCOME_KINDS],
                    value=self.editing.kind if self.editing else "other",
                    allow_blank=False,
                    id="kind",
                )
                for label, box, hint, suggester in (
                    ("Worth", "value", "12000 USD (optional)", None),
                    (
                        "People",
                        "people",
                        "Ana Souza: introduced, @bo: advised",
                        PeopleCompleter(roles=True),
                    ),
                    ("Organisations", "orgs", "Code Club", OrganisationSuggester(db)),
                    ("Audience", "platforms", "mastodon (a follower reached out)", None),
                    ("Note", "note", "", None),
                ):
                    yield from _box(label, box, hint, suggester, value=filled.get(box, ""))
                    if box == "people":
                        yield from _preview_row("people")
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
            given = OutcomeCredits(
                people=credits,
                organisations=organisation_names(db, self._value("orgs")),
                platforms=[p.strip() for p in self._value("platforms").split(",") if p.strip()],
            )
            kind = str(self.query_one("#kind", Select).value)
            note = self._value("note").strip()
            if self.editing is not None:
                change = OutcomeEdit(self._value("title"), occurred_on, kind, value, note, given)
                edit_outcome(db, self.editing.id, change, today)
            else:
                add_outcome(
                    db,
                    title=self._value("title"),
                    occurred_on=occurred_on,
                    today=today,
                    kind=kind,
                    value=value,
                    people=given.people,
                    organisations=given.organisations,
                    platforms=given.platforms,
                    note=note,
                )
        except InvalidInput as error:
            self.fail_on(error, field)
            return
        self.dismiss(" ".join(self._value("title").split()))
