"""Likely duplicate people, surest first: merge a pair, or say they are two people."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Static

from netdash.actions.merge import merge
from netdash.domain.errors import InvalidInput
from netdash.store.duplicates import (
    MEDIUM,
    STRONG,
    DuplicatePair,
    dismiss_duplicate,
    suggest_duplicates,
)
from netdash.store.people import interaction_counts
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.text import count_of, plain

STRENGTH_STYLE = {STRONG: "bold", MEDIUM: "", 1: "dim"}


class DuplicatesScreen(JournalView):
    BINDINGS: ClassVar[list[BindingType]] = bindings("duplicates")

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[DuplicatePair] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="duplicates-status", classes="status")
        yield DataTable(id="duplicates-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("Keep"), key="keep", width=34)
        table.add_column(Text("Merge into it"), key="merge", width=34)
        table.add_column(Text("Why"), key="why")
        table.focus()
        self.reload_if_stale()

    def reload(self) -> None:
        db = self.db
        self.pairs = suggest_duplicates(db)
        counts = interaction_counts(db)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for index, pair in enumerate(self.pairs):
            style = STRENGTH_STYLE.get(pair.strength, "")
            table.add_row(
                *(
                    plain(f"{person.name} #{person.id} · {counts.get(person.id, 0)} logged", style)
                    for person in (pair.first, pair.second)
                ),
                plain("; ".join(pair.reasons), style),
                key=str(index),
            )
        if self.pairs:
            table.move_cursor(row=min(row, len(self.pairs) - 1))
        status = (
            f"{count_of(len(self.pairs), 'likely duplicate', 'likely duplicates')}, surest first"
            " · m merges right into left, r left into right · x: two people · Enter opens"
            if self.pairs
            else "No likely duplicates: nobody shares an e-mail, phone, handle or name"
        )
        self.query_one("#duplicates-status", Static).update(Text(status))

    def _selected(self) -> DuplicatePair | None:
        table = self.query_one(DataTable)
        if not self.pairs or table.cursor_row < 0:
            return None
        return self.pairs[min(table.cursor_row, len(self.pairs) - 1)]

    def action_merge(self, reverse: bool) -> None:
        pair = self._selected()
        if pair is None:
            return
        keep, other = (pair.second, pair.first) if reverse else (pair.first, pair.second)
        app = netdash_app(self)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                summary = merge(self.db, keep.id, other.id)
            except InvalidInput as error:  # one of them went in another terminal
                app.notify(str(error), severity="error", markup=False)
            else:
                app.notify(
                    f"Merged {other.name} into {keep.name}: {summary.interactions}"
                    f" interactions, {summary.handles} handles moved",
                    title="Merged",
                    markup=False,
                )
            app.journal_changed()

        app.push_screen(
            ConfirmScreen(
                f"Merge {other.name} (#{other.id}) into {keep.name} (#{keep.id})?\n"
                f"Every interaction, handle, contact, tag and credit moves to {keep.name};"
                f" {other.name}'s notes are kept. It can be undone (ctrl+z).",
                hint="y merges · n or Escape keeps both",
            ),
            callback=answered,
        )

    def action_different(self) -> None:
        pair = self._selected()
        if pair is None:
            return
        app = netdash_app(self)
        try:
            dismiss_duplicate(self.db, pair.first.id, pair.second.id)
        except InvalidInput as error:  # one of them was merged or deleted in another terminal
            app.notify(str(error), severity="warning", markup=False)
        else:
            app.notify(
                f"{pair.first.name} and {pair.second.name} will not be suggested again",
                markup=False,
            )
        app.journal_changed()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        pair = self._selected()
        if pair is not None:
            netdash_app(self).open_person(pair.first.id)

    def action_back(self) -> None:
        self.dismiss()
