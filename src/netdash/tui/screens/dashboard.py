"""Home: depth (people, interactions) beside breadth (followers), answered without a keypress."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Static

from netdash.domain import dates
from netdash.domain.models import AudienceRow, Interaction
from netdash.domain.quantities import hours_text, minutes_as_hours
from netdash.store.audience import compared_with, latest_counts
from netdash.store.community import work_logged
from netdash.store.follower_lists import KnownFollowers, known_followers, known_text
from netdash.store.journal import list_interactions
from netdash.store.people import names_by_id
from netdash.store.stats import (
    DepthNumbers,
    YearNumbers,
    audience_total,
    depth_numbers,
    money_text,
    year_numbers,
)
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.screens.history import FOLLOWERS_WAITING, LAYERS_WAITING, History, load_history
from netdash.tui.text import count_of, people_text, plain
from netdash.tui.widgets.chart import LineChart
from netdash.tui.workers import read_in_worker

if TYPE_CHECKING:  # the scoring maths load with the first scores, not before the first frame
    from netdash.domain.scoring import Depth

REACH_OUT_SHOWN = 12
KNOWN_DELAY = 0.1
"""Seconds after a reload before the known followers and the history are read: the frame
comes first."""

WELCOME = """\
Your journal is empty. netdash keeps the people you really know beside your follower counts.

  n        log a connection: type a name, press Enter (Tab reaches date, kind and note)
  ?  F1    every key
  ctrl+q   quit

From the shell:
  netdash log "yesterday: coffee with Ana Souza #work"
  netdash import ~/Downloads/contacts.vcf      (people from your address book)
  netdash followers set mastodon 1234 --account @you@example.social
  netdash demo          (a demo journal in its own file; yours is untouched)
"""


def _number(value: int) -> Text:
    return Text(f"{value:,}", style="bold")


def depth_table(numbers: DepthNumbers) -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(ratio=1)
    table.add_column(justify="right")
    table.add_row(Text("People in your journal"), _number(numbers.people))
    table.add_row(Text("Interactions logged"), _number(numbers.interactions))
    table.add_row(Text("  … in the last 30 days"), _number(numbers.interactions_30d))
    table.add_row(Text("  … in the last 90 days"), _number(numbers.interactions_90d))
    table.add_row(Text("People seen in the last 90 days"), _number(numbers.people_seen_90d))
    return table


def _change(row: AudienceRow) -> Text | None:
    """The change since the point before, with that point's date and source: a count typed
    between two imports is what the change is measured against, and the user sees it."""
    if row.followers is None or row.previous_followers is None:
        return None
    delta = row.followers - row.previous_followers
    since = Text(f" {compared_with(row)}", style="dim")
    if delta == 0:
        return Text.assemble("  ", ("±0", "dim"), since)
    return Text.assemble("  ", (f"{delta:+,}", "green" if delta > 0 else "red"), since)


def _known_line(people: int, followers: int) -> Text:
    """People you know in one account's latest list, out of its followers (the denominator)."""
    verb = "is a person" if people == 1 else "are people"
    return Text(f"  {people:,} of {followers:,} {verb} you know", style="dim")


def breadth_table(rows: list[AudienceRow], known: KnownFollowers | None) -> Table:
    """Each account's followers, its change and the people you know among them (in its latest
    follower list); then the totals, each person counted once."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(ratio=1)
    table.add_column(justify="right")
    listed = {
        (account.platform, account.handle): account
        for account in (known.accounts if known else ())
        if account.list_as_of is not None
    }
    for row in rows:
        label = Text.assemble(plain(row.platform, "bold"), " ", plain(row.account, "dim"))
        table.add_row(label, _number(row.followers) if row.followers is not None else Text("?"))
        change = _change(row)
        if change is not None:
            table.add_row(change, Text(""))
        account = listed.get((row.platform, row.account))
        if account is not None:
            table.add_row(_known_line(len(account.known), row.followers or 0), Text(""))
    table.add_row(Text("Followers, all platforms"), _number(audience_total(rows)))
    table.add_row(
        Text(known_text(known.people, known.followers) if known else "People you know: …"),
        Text(""),
    )
    return table


def this_year_line(numbers: YearNumbers) -> Text:
    """What got done this year and through whom; then what community work achieved."""
    line = Text.assemble((f" {numbers.year} so far ", "bold reverse"), " ")
    line.append(count_of(numbers.outcomes, "outcome"), style="bold")
    if numbers.outcomes:
        line.append(
            f" — {numbers.network} through people you know, {numbers.community} through"
            f" community, {numbers.audience} through your audience"
        )
    given = []
    if numbers.minutes:
        given.append(hours_text(minutes_as_hours(numbers.minutes)))
    given += [f"{money_text(minor, code)} {code}" for code, minor in numbers.money.items()]
    given += [f"{quantity:,f} {unit}" for unit, quantity in list(numbers.results.items())[:3]]
    line.append("\n" + " " * (len(str(numbers.year)) + 11))
    line.append("community work: ")
    line.append_text(plain(", ".join(given) if given else "none logged yet"))
    return line


class ReachOutTable(DataTable[Text]):
    """The reach-out queue, one person a row with why they are in it; focusable, so Enter
    opens the person and ``n`` logs with them, as ``n`` does on their page."""

    DEFAULT_CSS = """
    ReachOutTable {
        height: 1fr;
        overflow-x: hidden;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings("dashboard")

    names: dict[int, str]

    def __init__(self) -> None:
        super().__init__(id="reach-out-table", cursor_type="row", show_header=False)
        self.names = {}

    def show(self, queue: list[Depth], names: dict[int, str]) -> None:
        """Name on one line, why below it: the panel is narrow and the reason is the point."""
        self.names = {depth.person_id: names.get(depth.person_id, "?") for depth in queue}
        self.clear(columns=not self.columns)
        if not self.columns:
            self.add_column(Text("Who, and why"), key="who")
        for depth in queue:
            self.add_row(
                Text.assemble(
                    plain(self.names[depth.person_id], "bold"),
                    "\n",
                    (depth.overdue_text, "dim"),
                ),
                height=2,
                key=str(depth.person_id),
            )

    def person_id(self) -> int | None:
        """The person under the cursor, if any."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_log_with(self) -> None:
        person = self.person_id()
        netdash_app(self.screen).action_log(self.names[person] if person is not None else "")


class DashboardScreen(JournalView):
    """Depth on the left, breadth on the right, the latest entries below."""

    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """Below 32 rows the charts give their rows to the numbers."""

    _known: KnownFollowers | None = None
    """Followers who are people in the journal; None until first counted."""
    _audience: list[AudienceRow]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(WELCOME, id="welcome", markup=False)
        with Horizontal(id="panels"):
            with Vertical(id="depth", classes="panel"):
                yield Static(id="depth-numbers")
                yield Static(Text("Layers: scoring…", style="dim"), id="layers")
                yield Static("Layers at each month end", classes="caption chart")
                yield LineChart(LAYERS_WAITING, id="depth-chart")
            with Vertical(id="breadth", classes="panel"):
                yield Static(id="breadth-numbers")
                yield Static(
                    "Followers at each month end", classes="caption chart", id="breadth-caption"
                )
                yield LineChart(FOLLOWERS_WAITING, id="breadth-chart")
        yield Static(id="this-year")
        with Horizontal(id="lower"):
            with Vertical(id="recent", classes="panel"):
                yield DataTable(id="recent-table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="reach-out", classes="panel"):
                yield Static(Text("Scoring…", style="dim"), id="reach-out-list")
                yield ReachOutTable()
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#depth", Vertical).border_title = "Depth · real relationships"
        self.query_one("#breadth", Vertical).border_title = "Breadth · audience"
        self.query_one("#recent", Vertical).border_title = "Latest in the journal"
        self.query_one("#reach-out", Vertical).border_title = "Reach out"
        self.query_one(ReachOutTable).display = False
        table = self.query_one("#recent-table", DataTable)
        table.add_column(Text("When"), key="when", width=11)
        table.add_column(Text("With"), key="with", width=22)
        table.add_column(Text("Kind"), key="kind", width=14)
        table.add_column(Text("Note"), key="note")
        # Load before the first paint, so the first frame already shows the numbers.
        self.reload_if_stale()

    def reload(self) -> None:
        db, today = self.db, self.today
        numbers = depth_numbers(db, today)
        audience = latest_counts(db)
        # One class change at most: each one restyles every widget on the screen.
        empty = numbers.people == 0 and not audience and not work_logged(db)
        self.set_class(empty, "-empty")
        for widget_id in ("#breadth-chart", "#breadth-caption"):
            self.query_one(widget_id).display = bool(audience)
        self.query_one("#depth-numbers", Static).update(depth_table(numbers))
        self._audience = audience
        if audience:
            self._show_breadth()
            # Matching the latest follower lists against every handle takes 60 ms on a million
            # followers: a worker does it once the first frames are drawn, and the line fills in.
            self.set_timer(KNOWN_DELAY, self._count_known)
        else:
            self.query_one("#breadth-numbers", Static).update(
                Text(
                    "No follower counts yet.\n\nRecord one from the shell:\n"
                    "netdash followers set mastodon 1234 --account @you@example.social",
                    style="dim",
                )
            )
        # Months a write changed are rebuilt, which can take seconds on a large journal.
        self.set_timer(KNOWN_DELAY, self._load_history)
        self._fill_recent(list_interactions(db, limit=12), today)
        self.query_one("#this-year", Static).update(this_year_line(year_numbers(db, today.year)))
        self.show_depth()

    def show_depth(self) -> None:
        """Layers, time budget and the reach-out queue, once the app has scored everyone."""
        app = netdash_app(self)
        depths, budget = app.depths, app.budget
        if depths is None or budget is None:
            return
        from netdash.domain.models import LAYERS
        from netdash.domain.scoring import layer_counts, reach_out_queue

        counts = layer_counts(depths)
        layers = Table.grid(padding=(0, 2), expand=True)
        layers.add_column(ratio=1)
        layers.add_column(justify="right")
        layers.add_row(
            Text("Layers 5 · 15 · 50 · 150"),
            Text(" · ".join(f"{counts[str(size)]}/{size}" for size in LAYERS), style="bold"),
        )
        if budget.hours:
            layers.add_row(
                Text("Time: inner 5 · next 10"),
                Text(f"{budget.inner5:.0%} · {budget.next10:.0%} (Dunbar 40 · 20)"),
            )
        self.query_one("#layers", Static).update(layers)
        queue = reach_out_queue(depths)[:REACH_OUT_SHOWN]
        status = self.query_one("#reach-out-list", Static)
        status.display = not queue
        reach_out = self.query_one(ReachOutTable)
        reach_out.display = bool(queue)
        if not queue:
            status.update(Text("Nobody is overdue.", style="dim"))
        reach_out.show(queue, names_by_id(self.db, [depth.person_id for depth in queue]))

    def _show_breadth(self) -> None:
        self.query_one("#breadth-numbers", Static).update(
            breadth_table(self._audience, self._known)
        )

    def _count_known(self) -> None:
        read_in_worker(
            netdash_app(self),
            "known-followers",
            known_followers,
            self._show_known,
            failure="Known followers not counted",
        )

    def _show_known(self, known: KnownFollowers) -> None:
        self._known = known
        self._show_breadth()

    def _load_history(self) -> None:
        load_history(self, "dashboard-history", self._show_history)

    def _show_history(self, history: History) -> None:
        """Fill both charts; a history arriving as the app closes finds no chart and is dropped."""
        for chart in self.query("#depth-chart").results(LineChart):
            chart.show(history.days, history.layer_series())
        for chart in self.query("#breadth-chart").results(LineChart):
            chart.show(history.days, history.follower_series(short=True))

    def _fill_recent(self, entries: list[Interaction], today: date) -> None:
        table = self.query_one("#recent-table", DataTable)
        table.clear()
        for entry in entries:
            table.add_row(
                Text(dates.describe(entry.occurred_on, today)),
                people_text(entry.people),
                Text(entry.kind_label),
                plain(entry.note, width=30),
                key=str(entry.id),
            )
        self._entries = {str(entry.id): entry for entry in entries}

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if isinstance(event.data_table, ReachOutTable):
            if event.row_key.value is not None:
                netdash_app(self).open_person(int(event.row_key.value))
            return
        entry = self._entries.get(str(event.row_key.value))
        if entry and entry.people:
            netdash_app(self).open_person(entry.people[0].id)
