"""Outcomes: the real things that got done, newest first, and what each came through."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Static

from netdash.actions.undo import delete_question
from netdash.domain.errors import NotFound
from netdash.store.outcomes import OutcomeRow, delete_outcome, get_outcome, list_outcomes
from netdash.store.stats import YearNumbers, money_words, overlap_text, year_numbers
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.screens.community_forms import OutcomeForm
from netdash.tui.screens.confirm import UNDOES, delete_after_asking
from netdash.tui.screens.contributions import reselect, selected_key
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
    hint = "Enter opens the first person credited · o logs one · e edits · x deletes"
    if numbers.overlapping:
        hint = "An outcome can come through several sources, so they add up to more · " + hint
    return hint


class OutcomesScreen(JournalView):
    """Every outcome, newest first; e edits the selected one, x deletes it (ctrl+z undoes)."""

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
        kept, at = selected_key(table), table.cursor_row
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
        reselect(table, kept, at)
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

    def _selected(self) -> OutcomeRow | None:
        """The outcome under the cursor, read afresh; None (and said) when there is none."""
        key = selected_key(self.query_one("#outcomes", DataTable))
        if key is not None:
            try:
                return get_outcome(self.db, int(key))
            except NotFound:  # deleted meanwhile (another window, the command line)
                pass
        netdash_app(self).notify("No outcome selected", severity="warning", markup=False)
        return None

    def action_edit(self) -> None:
        """Open the outcome in the outcome form; saving changes it and its credits."""
        app, row = netdash_app(self), self._selected()
        if row is None:
            return

        def saved(title: str | None) -> None:
            if title is not None:
                app.journal_changed()
                app.notify(f"Changed the outcome {title!r} ({UNDOES})", title="Saved", markup=False)

        app.push_screen(OutcomeForm(row), callback=saved)

    def action_delete(self) -> None:
        """Delete the outcome and its credits after asking, as `netdash outcome delete` does."""
        app, row = netdash_app(self), self._selected()
        if row is None:
            return

        def delete() -> str:
            return f"the outcome {delete_outcome(self.db, row.id).title!r}"

        question = delete_question(f"the outcome {row.title!r} of {row.occurred_on}")
        delete_after_asking(app, question, delete)
