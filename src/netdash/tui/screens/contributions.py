"""The contributions behind a year's community numbers: what the dashboard's "community work"
line and the Community screen's per-organisation totals add up, one row each."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Header, Static

from netdash.actions.undo import delete_question
from netdash.domain.errors import NotFound
from netdash.domain.quantities import hours_text, minutes_as_hours
from netdash.store.community import Totals
from netdash.store.contributions import (
    Contribution,
    contribution_words,
    contributions_totals,
    delete_contribution,
    get_contribution,
    list_contributions,
    organisation_name,
)
from netdash.store.stats import given_words, money_words
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.screens.community_forms import ContributionForm
from netdash.tui.screens.confirm import UNDOES, delete_after_asking
from netdash.tui.screens.form import AnswerOnce
from netdash.tui.text import count_of, plain, plain_lines


def given_text(totals: Totals) -> str:
    """Hours, money and results in the dashboard's words (every kind of result, where the
    dashboard names three and says how many more), so the totals read as the line did."""
    words = given_words(totals.minutes, totals.money, totals.results)
    return ", ".join(words) if words else "nothing logged"


def _money(row: Contribution) -> str:
    if not (row.money_minor and row.currency):
        return ""
    return money_words(row.money_minor, row.currency)


def _result(row: Contribution) -> str:
    if not (row.result_quantity and row.result_unit):
        return ""
    return f"{Decimal(row.result_quantity):,f} {row.result_unit}"


def selected_key(table: DataTable[Any]) -> str | None:
    """The key of the row under the cursor; None on an empty table."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value


def reselect(table: DataTable[Any], key: str | None, row: int) -> None:
    """Put the cursor back on the row ``key`` after a reload (an edit may move it), or, when it
    is gone (deleted), on the row that took its place."""
    keys = [row_key.value for row_key in table.rows]
    if key in keys:
        row = keys.index(key)
    if keys:
        table.move_cursor(row=min(row, len(keys) - 1))


class ContributionsScreen(JournalView):
    """A year's contributions, to every organisation or one; ``[`` and ``]`` change the year."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("contributions")

    def __init__(self, year: int | None = None, organisation_id: int | None = None) -> None:
        super().__init__()
        self.year = year
        self.organisation_id = organisation_id
        self._rows: list[Contribution] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="contributions-status", classes="status")
        yield Static(
            "Enter shows a contribution · e edits · x deletes · [ ] the year before or after"
            " · r every organisation",
            classes="hint",
        )
        yield DataTable(id="contributions", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.year is None:
            self.year = self.today.year
        table = self.query_one("#contributions", DataTable)
        for label, key, width in (
            ("Date", "date", 10),
            ("Organisation", "organisation", 20),
            ("Hours", "hours", 8),
            ("Money", "money", 12),
            ("Results", "results", 18),
            ("People", "people", 20),
            ("Note", "note", 30),
        ):
            table.add_column(Text(label), key=key, width=width)
        table.focus()
        self.reload_if_stale()

    def reload(self) -> None:
        year = self.year or self.today.year
        self._rows = list_contributions(self.db, year, self.organisation_id)
        table = self.query_one("#contributions", DataTable)
        kept, at = selected_key(table), table.cursor_row
        table.clear()
        for row in self._rows:
            table.add_row(
                Text(row.occurred_on),
                plain(row.organisation, "bold", width=20),
                Text(hours_text(minutes_as_hours(row.minutes)) if row.minutes else ""),
                Text(_money(row)),
                plain(_result(row), width=18),
                plain(", ".join(row.people), width=20),
                plain(row.note, width=30),
                key=str(row.id),
            )
        reselect(table, kept, at)
        self.query_one("#contributions-status", Static).update(self.status())

    def status(self) -> Text:
        """The year, the organisation if one, and the totals of every row listed."""
        where = "every organisation"
        if self.organisation_id is not None:
            where = organisation_name(self.db, self.organisation_id) or "an organisation gone"
        return plain(
            f"{self.year} · {where} · {count_of(len(self._rows), 'contribution')}: "
            + given_text(contributions_totals(self._rows))
        )

    def action_year(self, step: int) -> None:
        self.year = (self.year or self.today.year) + step
        self.reload()

    def action_all_organisations(self) -> None:
        self.organisation_id = None
        self.reload()

    def action_back(self) -> None:
        self.dismiss()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        row = next((r for r in self._rows if str(r.id) == event.row_key.value), None)
        if row is not None:
            self.app.push_screen(ContributionDetail(row, self._from_detail))

    def _from_detail(self, chosen: str, contribution_id: int) -> None:
        """The detail's e and x act here, on the row it showed (by id: a reload while it was
        open may have put another row under the cursor)."""
        if chosen == "edit":
            self.action_edit(contribution_id)
        else:
            self.action_delete(contribution_id)

    def _selected(self, contribution_id: int | None = None) -> Contribution | None:
        """The contribution ``contribution_id`` or under the cursor, read afresh; None (and
        said) when there is none."""
        key = contribution_id or selected_key(self.query_one("#contributions", DataTable))
        if key is not None:
            try:
                return get_contribution(self.db, int(key))
            except NotFound:  # deleted meanwhile (another window, the command line)
                pass
        netdash_app(self).notify("No contribution selected", severity="warning", markup=False)
        return None

    def action_edit(self, contribution_id: int | None = None) -> None:
        """Open the contribution in the give form; saving changes it, into the trash."""
        app, row = netdash_app(self), self._selected(contribution_id)
        if row is None:
            return

        def saved(organisation: str | None) -> None:
            if organisation is not None:
                app.journal_changed()
                app.notify(
                    f"Changed the contribution to {organisation} ({UNDOES})",
                    title="Saved",
                    markup=False,
                )

        app.push_screen(ContributionForm(row), callback=saved)

    def action_delete(self, contribution_id: int | None = None) -> None:
        """Delete the contribution after asking, in the words `netdash give delete` uses."""
        app, row = netdash_app(self), self._selected(contribution_id)
        if row is None:
            return

        question = delete_question(contribution_words(row))
        delete_after_asking(
            app, question, lambda: contribution_words(delete_contribution(self.db, row.id))
        )


class ContributionDetail(AnswerOnce[None]):
    """One contribution, to read whole; e and x close it and have the list (``then``) edit or
    delete it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("contribution")

    def __init__(self, row: Contribution, then: Callable[[str, int], None] | None = None) -> None:
        super().__init__()
        self.row = row
        self.then = then

    def compose(self) -> ComposeResult:
        row = self.row
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        for label, value in (
            ("Date", row.occurred_on),
            ("Organisation", row.organisation),
            ("Hours", hours_text(minutes_as_hours(row.minutes)) if row.minutes else ""),
            ("Money", _money(row)),
            ("Result", _result(row)),
            ("Role", row.role),
            ("People met", ", ".join(row.people)),
        ):
            grid.add_row(label, plain(value or "—"))
        grid.add_row("Note", plain_lines(row.note or "—"))
        with VerticalScroll(id="contribution-detail", classes="form"):
            yield Static(
                plain(f"{row.organisation}, {row.occurred_on}", "bold"), classes="form-title"
            )
            yield Static(grid, id="contribution-text")
            yield Static("e edits · x deletes · Escape closes.", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        self._close_then("edit")

    def action_delete(self) -> None:
        self._close_then("delete")

    def _close_then(self, action: str) -> None:
        if self.then is None or self.answered:
            return  # shown on its own, or closing already: nothing to hand the key to
        self.dismiss(None)
        self.app.call_later(self.then, action, self.row.id)
