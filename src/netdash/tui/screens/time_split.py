"""Time split: the last 90 days' hours per layer, and the entries they come from. The shares of
the inner 5 and the next 10 are the dashboard's "Time" line, computed the same way."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Static

from netdash.domain.quantities import hours_text
from netdash.store.time_split import RINGS, WINDOW_DAYS, TimeSplit, time_split
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.text import count_of, plain
from netdash.tui.widgets.paged_table import PagedTable
from netdash.tui.workers import read_in_worker


def rings_table(split: TimeSplit) -> Table:
    """One row a layer: its hours and its share of all the time, as the dashboard rounds it."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right")
    grid.add_column(justify="right")
    for ring, name in RINGS.items():
        grid.add_row(
            Text(name),
            Text(hours_text(split.hours.get(ring, 0.0))),
            Text(f"{split.share(ring):.0%}"),
        )
    grid.add_row(Text("all entries", style="bold"), Text(hours_text(split.total)), Text(""))
    return grid


class TimeSplitScreen(JournalView):
    """Reads the app's scores for the layers; until they land it says so, then fills in."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("time_split")

    def __init__(self) -> None:
        super().__init__()
        self._split: TimeSplit | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="time-split-status", classes="status")
        yield Static(id="time-split-rings")
        yield Static(
            "An entry counts once in each layer one of its people is in, so the layers can add"
            " up to more than all entries · Enter opens the entry's first person",
            classes="hint",
        )
        yield PagedTable(id="time-split-entries")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        for label, key, width in (
            ("Date", "date", 10),
            ("Kind", "kind", 14),
            ("Hours", "hours", 7),
            ("Counts for", "rings", 20),
            ("People", "people", 28),
            ("Note", "note", 30),
        ):
            table.add_column(Text(label), key=key, width=width)
        table.focus()
        self.reload_if_stale()

    def show_depth(self) -> None:
        """The app's scores landed (or changed): the layers are known now."""
        self.reload()

    def reload(self) -> None:
        """The split is read in a worker: on the large journal its 90 days hold about 9,000
        entries (150 ms to read), shown a page at a time."""
        app = netdash_app(self)
        depths, today = app.depths, self.today
        status = self.query_one("#time-split-status", Static)
        if depths is None:
            status.update(Text("Scoring everyone…", style="dim"))
            return
        if self._split is None:
            status.update(Text("Adding up the last 90 days…", style="dim"))
        read_in_worker(
            app,
            "time-split",
            lambda db: time_split(db, depths, today),
            self._show,
            failure="Time split not computed",
        )

    def _show(self, split: TimeSplit) -> None:
        if not self.is_attached:
            return  # closed while the worker read
        self._split = split
        self.query_one("#time-split-status", Static).update(
            Text(
                f"Last {WINDOW_DAYS} days · {count_of(len(split.entries), 'entry', 'entries')},"
                f" about {hours_text(split.total)} (Dunbar: about 40% to the inner 5, 20% to the"
                " next 10)"
            )
        )
        self.query_one("#time-split-rings", Static).update(rings_table(split))

        def fetch(offset: int, limit: int) -> list[tuple[str, list[Text]]]:
            return [
                (
                    str(entry.id),
                    [
                        Text(entry.occurred_on),
                        Text(entry.kind),
                        Text(hours_text(entry.hours)),
                        Text(", ".join(RINGS[ring] for ring in entry.rings)),
                        plain(", ".join(name for _, name in entry.people), width=28),
                        plain(entry.note, width=30),
                    ],
                )
                for entry in split.entries[offset : offset + limit]
            ]

        self.query_one(PagedTable).show(len(split.entries), fetch, keep_cursor=True)

    def action_back(self) -> None:
        self.dismiss()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        entries = self._split.entries if self._split else ()
        entry = next((e for e in entries if str(e.id) == event.row_key.value), None)
        if entry is not None and entry.people:
            netdash_app(self).open_person(entry.people[0][0])
