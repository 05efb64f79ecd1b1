"""Community & charity: per organisation, this year and all time, and what it achieved."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from netdash.actions.undo import delete_question
from netdash.store.community import (
    GoalProgress,
    OrganisationSummary,
    Totals,
    goal_progress,
    organisation_summaries,
)
from netdash.store.goals import Goal
from netdash.store.stats import given_words
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.screens.confirm import delete_after_asking
from netdash.tui.text import count_of, plain


def _number(value: Decimal) -> str:
    """Up to two decimals, no trailing zeros: 120, 2.5, 0.33."""
    text = f"{value.quantize(Decimal('0.01')):,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def totals_text(totals: Totals) -> Text:
    """Hours, money and results in the words every screen uses (``given_words``)."""
    return plain(", ".join(given_words(totals.minutes, totals.money, totals.results)) or "—")


def effectiveness_text(totals: Totals) -> Text:
    """Each result over the hours or money of the contributions that produced it, and how many
    contributions logged no result (they are in the totals, not in the effect)."""
    parts = [f"{_number(rate)} {unit} per hour" for unit, rate in totals.per_hour()]
    parts += [f"{_number(rate)} {unit} per {code}" for unit, code, rate in totals.per_money()]
    if not parts:
        parts.append("log hours or money with a result to see this")
    if totals.without_result:
        parts.append(
            f"{totals.without_result} of {count_of(totals.contributions, 'contribution')}"
            " with no result"
        )
    return plain("; ".join(parts))


def _bar(fraction: float, width: int = 20) -> str:
    filled = round(min(fraction, 1.0) * width)
    return "█" * filled + "░" * (width - filled)


def goal_cells(goal: GoalProgress) -> list[Text]:
    """A goal's label, and a bar with what is done and the share of the target."""
    return [
        plain(f"Goal {goal.label}"),
        Text(f"{_bar(goal.fraction)} {_number(goal.done)} ({goal.fraction:.0%})"),
    ]


def causes(summaries: list[OrganisationSummary]) -> Table:
    """This year's totals by cause (the goals are a list of their own, to choose one)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    by_cause: dict[str, list[Totals]] = {}
    for summary in summaries:
        if summary.this_year.contributions:
            by_cause.setdefault(summary.cause or "no cause given", []).append(summary.this_year)
    for cause, totals in sorted(by_cause.items()):
        minutes = sum(t.minutes for t in totals)
        money: dict[str, int] = {}
        results: dict[str, Decimal] = {}
        for t in totals:
            for code, minor in t.money:
                money[code] = money.get(code, 0) + minor
            for unit, quantity in t.results:
                results[unit] = results.get(unit, Decimal(0)) + quantity
        combined = Totals(0, minutes, tuple(sorted(money.items())), tuple(sorted(results.items())))
        grid.add_row(plain(f"Cause: {cause}", "dim"), totals_text(combined))
    return grid


class GoalTable(DataTable[Text]):
    """This year's goals: with it focused (Tab), e edits the chosen goal and x deletes it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("goals")


class OrganisationTable(DataTable[Text]):
    """The organisations: R renames the chosen one, x deletes it (saying what goes with it)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("organisations")


class CommunityScreen(JournalView):
    """Organisations and this year's goals. Each list's keys act on its chosen row: Tab moves
    between them, and the footer names what e and x change ("Edit goal", "Rename")."""

    DEFAULT_CSS = """
    CommunityScreen #goal-table {
        height: auto;
        max-height: 4;
    }
    CommunityScreen #causes {
        padding: 0 1;  /* in line with the tables' cells */
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings("community")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """Under 32 rows the totals by cause go (each organisation's row names its cause): with
    them, goals, the list and the chosen one's panel, 24 rows scrolled the screen."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="community-status", classes="status")
        yield GoalTable(id="goal-table", cursor_type="row", show_header=False)
        yield Static(id="causes")
        yield OrganisationTable(id="organisations", cursor_type="row", zebra_stripes=True)
        with Vertical(id="organisation-detail", classes="panel"):
            yield Static(id="organisation-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(OrganisationTable)
        narrow = self.app.size.width < 110  # the counts' labels shorten so all five fit 80
        for label, key, width in (
            ("Organisation", "name", 22),
            ("Cause", "cause", 14),
            ("This year", "year", 24 if narrow else 34),
            ("Given" if narrow else "Given, all time", "count", 5 if narrow else 15),
            ("Met" if narrow else "People met, all time", "people", 3 if narrow else 20),
        ):
            table.add_column(Text(label), key=key, width=width)
        goals = self.query_one(GoalTable)
        goals.add_column(Text("Goal"), key="goal")
        goals.add_column(Text("Progress"), key="progress")
        table.focus()
        self.reload_if_stale()

    def reload(self) -> None:
        year = self.today.year
        self._summaries = organisation_summaries(self.db, year)
        table = self.query_one(OrganisationTable)
        row = table.cursor_row
        table.clear()
        for summary in self._summaries:
            table.add_row(
                plain(summary.name, "bold"),
                plain(summary.cause, "dim"),
                totals_text(summary.this_year),
                Text(str(summary.all_time.contributions), justify="right"),
                Text(str(len(summary.people)), justify="right"),
                key=str(summary.id),
            )
        if self._summaries:
            table.move_cursor(row=min(row, len(self._summaries) - 1))
        self._show_goals(year)
        tab = " · Tab: other list" if self._goals else ""  # fits 80 columns on one line
        self.query_one("#community-status", Static).update(
            Text(
                f"{count_of(len(self._summaries), 'organisation')} · {year} so far and all time"
                f" · Enter: its work{tab}"  # g and G are in the footer
                if self._summaries
                else "No community work yet. Press g to log some, or from the shell:"
                ' netdash give "saturday: 4h at Food Bank, 120 meals served"'
            )
        )
        self.query_one("#causes", Static).update(causes(self._summaries))
        self._show_selected()

    def _show_goals(self, year: int) -> None:
        """This year's goals, the list shown only when there are some; its cursor stays put."""
        self._goals = goal_progress(self.db, year)
        goals = self.query_one(GoalTable)
        row = goals.cursor_row
        goals.clear()
        for goal in self._goals:
            goals.add_row(*goal_cells(goal), key=str(goal.id))
        if not self._goals and goals.has_focus:
            self.query_one(OrganisationTable).focus()
        goals.display = bool(self._goals)
        if self._goals:
            goals.move_cursor(row=min(row, len(self._goals) - 1))

    def _chosen_goal(self) -> int | None:
        row = self.query_one(GoalTable).cursor_row
        return self._goals[row].id if 0 <= row < len(self._goals) else None

    def _chosen_organisation(self) -> OrganisationSummary | None:
        row = self.query_one(OrganisationTable).cursor_row
        return self._summaries[row] if 0 <= row < len(self._summaries) else None

    def action_add_goal(self) -> None:
        self._goal_form(None)

    def action_edit_goal(self) -> None:
        from netdash.store.goals import get_goal

        goal_id = self._chosen_goal()
        if goal_id is not None:
            self._goal_form(get_goal(self.db, goal_id))

    def _goal_form(self, goal: Goal | None) -> None:
        from netdash.tui.screens.goal_form import GoalForm

        app = netdash_app(self)
        app.push_screen(GoalForm(self.today.year, goal), callback=self._saved)

    def _saved(self, said: str | None) -> None:
        """After a form: reload every screen and say what was done."""
        if said:
            app = netdash_app(self)
            app.journal_changed()
            app.notify(said, markup=False)

    def action_delete_goal(self) -> None:
        from netdash.store.goals import delete_goal, get_goal

        goal_id = self._chosen_goal()
        if goal_id is None:
            return
        words = get_goal(self.db, goal_id).words()
        self._ask(delete_question(words), lambda: delete_goal(self.db, goal_id).words())

    def action_rename_organisation(self) -> None:
        from netdash.store.organisations import rename_organisation
        from netdash.tui.screens.rename_form import RenameForm

        chosen = self._chosen_organisation()
        if chosen is None:
            return

        def renamed(name: str | None) -> None:
            self._saved(f"Renamed {chosen.name} to {name} (ctrl+z undoes it)" if name else None)

        form = RenameForm(
            f"Rename {chosen.name}",
            "Name",
            chosen.name,
            lambda db, name: rename_organisation(db, chosen.id, name),
        )
        netdash_app(self).push_screen(form, callback=renamed)

    def action_delete_organisation(self) -> None:
        """Delete the chosen organisation after asking, the question saying what goes with it
        (its contributions and goals) in the words `netdash org delete` uses."""
        from netdash.store.organisations import delete_organisation, organisation_deletion

        chosen = self._chosen_organisation()
        if chosen is None:
            return
        question = delete_question(organisation_deletion(self.db, chosen.id))
        self._ask(question, lambda: delete_organisation(self.db, chosen.id).words())

    def _ask(self, question: str, delete: Callable[[], str]) -> None:
        delete_after_asking(netdash_app(self), question, delete)

    @on(DataTable.RowHighlighted, "#organisations")
    def _highlighted(self) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        table = self.query_one("#organisations", DataTable)
        detail = self.query_one("#organisation-detail", Vertical)
        if not self._summaries or table.cursor_row >= len(self._summaries):
            detail.display = False
            return
        detail.display = True
        summary: OrganisationSummary = self._summaries[table.cursor_row]
        detail.border_title = plain(summary.name)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        year = netdash_app(self).today.year
        grid.add_row(f"{year}", totals_text(summary.this_year))
        grid.add_row("Effect per hour / money", effectiveness_text(summary.this_year))
        grid.add_row("All time", totals_text(summary.all_time))
        grid.add_row("Effect, all time", effectiveness_text(summary.all_time))
        grid.add_row(
            "People met there, all time",
            plain(", ".join(summary.people) if summary.people else "nobody logged yet"),
        )
        self.query_one("#organisation-text", Static).update(grid)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: on a goal, edit it; on an organisation, its contributions this year, the
        rows its totals add up."""
        if isinstance(event.data_table, GoalTable):
            self.action_edit_goal()
        elif event.row_key.value is not None:
            netdash_app(self).show_contributions(self.today.year, int(event.row_key.value))
