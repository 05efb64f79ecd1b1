"""Community & charity: per organisation, this year and all time, and what it achieved."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from netdash.store.community import (
    OrganisationSummary,
    Totals,
    goal_progress,
    organisation_summaries,
)
from netdash.store.stats import given_words
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
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


def goals_and_causes(db: Database, year: int, summaries: list[OrganisationSummary]) -> Table:
    """This year's goals with a bar each, then this year's totals by cause."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for goal in goal_progress(db, year):
        grid.add_row(
            plain(f"Goal {goal.label}"),
            Text(f"{_bar(goal.fraction)} {_number(goal.done)} ({goal.fraction:.0%})"),
        )
    causes: dict[str, list[Totals]] = {}
    for summary in summaries:
        if summary.this_year.contributions:
            causes.setdefault(summary.cause or "no cause given", []).append(summary.this_year)
    for cause, totals in sorted(causes.items()):
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


class CommunityScreen(JournalView):
    BINDINGS: ClassVar[list[BindingType]] = bindings("community")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="community-status", classes="status")
        yield Static(id="goals")
        yield DataTable(id="organisations", cursor_type="row", zebra_stripes=True)
        with Vertical(id="organisation-detail", classes="panel"):
            yield Static(id="organisation-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#organisations", DataTable)
        for label, key, width in (
            ("Organisation", "name", 22),
            ("Cause", "cause", 14),
            ("This year", "year", 34),
            ("Given, all time", "count", 15),
            ("People met, all time", "people", 20),
        ):
            table.add_column(Text(label), key=key, width=width)
        table.focus()
        self.reload_if_stale()

    def reload(self) -> None:
        year = self.today.year
        self._summaries = organisation_summaries(self.db, year)
        table = self.query_one("#organisations", DataTable)
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
        self.query_one("#community-status", Static).update(
            Text(
                f"{count_of(len(self._summaries), 'organisation')} · {year} so far and all time"
                " · g logs work"
                " · Enter lists the work"
                if self._summaries
                else "No community work yet. Press g to log some, or from the shell:"
                ' netdash give "saturday: 4h at Food Bank, 120 meals served"'
            )
        )
        self.query_one("#goals", Static).update(goals_and_causes(self.db, year, self._summaries))
        self._show_selected()

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
        """Enter: the organisation's contributions this year, the rows its totals add up."""
        if event.row_key.value is not None:
            netdash_app(self).show_contributions(self.today.year, int(event.row_key.value))
