"""Community's goal form: a yearly goal (G, and e on one).

The goal form asks what `netdash goal add` does (one of hours, money or a result, a year, an
organisation or all work) and keeps the same rules, since both go through the store.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Static

from netdash.domain.errors import InvalidInput
from netdash.domain.goals import GoalTarget, goal_target
from netdash.domain.money import parse_money
from netdash.domain.quantities import parse_hours, parse_result
from netdash.store.community import add_goal
from netdash.store.goals import Goal, edit_goal
from netdash.store.stats import money_text
from netdash.tui.base import netdash_app
from netdash.tui.screens.community_forms import OrganisationSuggester
from netdash.tui.screens.form import FormScreen
from netdash.tui.text import plain
from netdash.tui.widgets.text_input import TextInput

DIALOG_CSS = """
GoalForm {
    align: center middle;
    background: $background 60%;
}
"""

EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
"""The years `netdash goal add --year` takes."""


def aim_boxes(aim: GoalTarget | None) -> dict[str, str]:
    """The Hours, Money and Result boxes as a goal fills them: the one it aims at, typed the way
    the boxes read it back ("1000.00 USD", "500 meals served")."""
    boxes = {"hours": "", "money": "", "result": ""}
    if aim is None:
        return boxes
    if aim.kind == "hours":
        boxes["hours"] = aim.target
    elif aim.kind == "money":
        boxes["money"] = f"{money_text(int(aim.target), aim.currency or '')} {aim.currency}"
    else:
        boxes["result"] = f"{Decimal(aim.target).normalize():f} {aim.unit}"
    return boxes


class GoalForm(FormScreen[str | None]):
    """Dismisses with what it did ("Goal set"), or None when cancelled or nothing changed."""

    DEFAULT_CSS = DIALOG_CSS
    cancelled = None
    BOXES: ClassVar[dict[str, str]] = {"organisation": "org", "amount": "money"}

    def __init__(self, year: int, goal: Goal | None = None) -> None:
        super().__init__()
        self.year = goal.year if goal else year
        self.goal = goal

    def compose(self) -> ComposeResult:
        goal = self.goal
        boxes = aim_boxes(goal.aim if goal else None)
        db = netdash_app(self).db
        title = f"Edit goal #{goal.id}" if goal else "A yearly goal for community work"
        with Vertical(id="goal-form", classes="form"):
            yield Static(plain(title), classes="form-title")
            with Grid(classes="fields"):
                yield Label("Year")
                yield TextInput(str(self.year), type="integer", id="year")
                yield Label("Hours")
                yield TextInput(boxes["hours"], placeholder="100", id="hours")
                yield Label("Money")
                yield TextInput(boxes["money"], placeholder="1000 USD", id="money")
                yield Label("Result")
                yield TextInput(boxes["result"], placeholder="500 meals served", id="result")
                yield Label("Organisation")
                yield TextInput(
                    goal.organisation or "" if goal else "",
                    placeholder="empty: all your work counts",
                    suggester=OrganisationSuggester(db),
                    id="org",
                )
            yield Static("", id="form-error", classes="error")
            yield Static(
                "Fill one of hours, money or result · Enter saves · Esc cancels", classes="hint"
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#hours" if self.goal is None else "#year", Input).focus()

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def _year(self) -> int:
        text = self._value("year")
        if not text.isdigit() or not EARLIEST_YEAR <= int(text) <= LATEST_YEAR:
            raise InvalidInput(f"a year from {EARLIEST_YEAR} to {LATEST_YEAR}", field="year")
        return int(text)

    def _aim(self) -> tuple[Decimal | None, tuple[int, str] | None, tuple[Decimal, str] | None]:
        """Hours, money and result as typed (a refusal names its box: hours, amount, result)."""
        hours, money, result = self._value("hours"), self._value("money"), self._value("result")
        return (
            parse_hours(hours) if hours else None,
            parse_money(money) if money else None,
            parse_result(result) if result else None,
        )

    def save(self) -> None:
        db = netdash_app(self).db
        try:
            year = self._year()
            hours, money, result = self._aim()
            aim = goal_target(hours, money, result)  # exactly one, above zero
            organisation = " ".join(self._value("org").split())
            if self.goal is None:
                add_goal(
                    db, year, hours=hours, money=money, result=result, organisation=organisation
                )
                self.dismiss("Goal set")
                return
            old = self.goal
            if (year, aim, organisation or None) == (old.year, old.aim, old.organisation):
                self.dismiss(None)  # an edit that changes nothing leaves nothing to undo
                return
            new = edit_goal(db, old.id, year=year, aim=aim, organisation=organisation)
        except InvalidInput as error:
            self.fail_on(error, "hours")  # a refusal naming no box: about the aim
            return
        self.dismiss(f"Now {new.words()} (ctrl+z undoes the change)")
