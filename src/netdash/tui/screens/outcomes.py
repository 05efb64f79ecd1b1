"""Outcomes: the real things that got done, newest first, and what each came through."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Static

from netdash.store.outcomes import OutcomeRow, list_outcomes
from netdash.store.stats import YearNumbers, money_words, overlap_text, year_numbers
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.text import count_of, plain


def credits_text(outcome: OutcomeRow) -> Text:
    parts = [
        f"{credit.label} ({credit.role})" if credit.role else credit.label
        for credit in outcome.credits
    ]
    return plain(", ".join(parts), width=40) if parts else Text("—", style="dim")


def status_text(all_time: int, numbers: YearNumbers) -> str:
    """All-time count, then this year's count and its split by source."""
    text = (
        f"{count_of(all_time, 'outcome')} all time · {numbers.year} so far:"
        f" {count_of(numbers.outcomes, 'outcome')} — {numbers.network} through people,"
        f" {numbers.community} through community, {numbers.audience} through audience"
    )
    return text + (f" ({overlap_text(numbers.overlapping)})" if numbers.overlapping else "")


def hint_text(numbers: YearNumbers) -> str:
    """An outcome credited to a person and an organisation counts under both, so the split can
    add up to more than the year's count: say so rather than let 2 + 1 + 1 of 3 look wrong."""
    hint = "Enter opens the first person credited · o logs one"
    if numbers.overlapping:
        hint = "An outcome can come through several sources, so they add up to more · " + hint
    return hint


class OutcomesScreen(JournalView):
    BINDINGS: ClassVar[list[BindingType]] = bindings("outcomes")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="outcomes-status", classes="status")
        yield Static(id="outcomes-hint", classes="hint")
        yield DataTable(id="outcomes", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#outcomes", DataTable)
        for label, key, width in (
            ("Date", "date", 10),
            ("Outcome", "title", 30),
            ("Kind", "kind", 13),
            ("Worth", "worth", 12),
            ("Came through", "credits", 40),
        ):
            table.add_column(Text(label), key=key, width=width)
        table.focus()
        self.reload_if_stale()

    def reload(self) -> None:
        self._rows = list_outcomes(self.db)
        table = self.query_one("#outcomes", DataTable)
        table.clear()
        for row in self._rows:
            worth = (
                money_words(row.value_minor, row.value_currency)
                if row.value_minor is not None and row.value_currency
                else ""
            )
            table.add_row(
                Text(row.occurred_on),
                plain(row.title, width=30),
                Text(row.kind.replace("_", " ")),
                Text(worth),
                credits_text(row),
                key=str(row.id),
            )
        numbers = year_numbers(self.db, self.today.year)
        self.query_one("#outcomes-status", Static).update(
            Text(status_text(len(self._rows), numbers))
        )
        self.query_one("#outcomes-hint", Static).update(Text(f" {hint_text(numbers)}"))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        row = next((r for r in self._rows if str(r.id) == event.row_key.value), None)
        person = next((c.person_id for c in row.credits if c.person_id), None) if row else None
        if person is not None:
            netdash_app(self).open_person(person)
