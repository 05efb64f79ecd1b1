"""Home: depth (people, interactions) beside breadth (followers), answered without a keypress."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static

from netdash.store.audience import latest_counts
from netdash.store.follower_lists import (
    KnownFollowers,
    known_followers,
    stored_known_followers,
)
from netdash.store.journal import list_interactions
from netdash.store.people import names_by_id
from netdash.store.stats import DepthNumbers, YearNumbers, depth_numbers, work_logged, year_numbers
from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.screens.dashboard_figures import (
    breadth_figures,
    depth_figures,
    latest_cells,
    layer_figures,
    this_year_figures,
)
from netdash.tui.screens.welcome import WELCOME
from netdash.tui.text import strangers_hint
from netdash.tui.widgets.chart import LineChart
from netdash.tui.widgets.footer import OneFooter
from netdash.tui.widgets.numbers import Figure, NumberTable
from netdash.tui.widgets.reach_out import ReachOutTable
from netdash.tui.widgets.upcoming import EMPTY, UpcomingTable, read_upcoming
from netdash.tui.workers import read_in_worker

T = TypeVar("T")

if TYPE_CHECKING:  # the scoring maths load with the first scores, not before the first frame
    from sqlite_utils import Database
    from textual.timer import Timer

    from netdash.domain.models import AudienceRow
    from netdash.store.upcoming import Upcoming
    from netdash.tui.screens.history import History

REACH_OUT_SHOWN = 12
LAYER_LINES = 5
"""The layers' lines: one a layer (``domain.models.LAYERS``, a test checks) and the budget's."""
LATEST_SHOWN = 12
"""Rows of "Latest in the journal", read by index (newest first)."""
COMPACT_BELOW = (100, 32)
"""Columns and rows under which the dashboard words its panels in one line a figure (80x24
must show the numbers and the reach-out list, not four lines an account)."""

WHEN_WIDTH = 13
"""The "When" column's width, as the Journal's (``netdash.tui.entries.WHEN_WIDTH``; a test
keeps them equal): importing that module would load the log form and its text area before the
first frame, which shows neither."""

LAYERS_WAITING = "Layer history: computing…"
FOLLOWERS_WAITING = "Follower history: computing…"
"""What the charts say until their history is read (the History screen's say the same): the
history's module is imported when it is read, after the first frame."""

HISTORY_DELAY = 0.1
"""Seconds after the last of a burst of entries before the layer history is read again: the
entry's frame comes first, and a burst rebuilds the history once, after it."""


def _count_strangers(db: Database) -> int:
    """The Who's this? count, after the first frame (its module is imported here, not before)."""
    from netdash.store.strangers import count_strangers

    return count_strangers(db)


class DashboardScreen(JournalView):
    """Depth on the left, breadth on the right, the latest entries below."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("dashboard-any")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """Below 32 rows the charts give their rows to the numbers."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns the latest entries show when and with whom, the reach-out list half."""

    _known: KnownFollowers | None = None
    """Followers who are people in the journal; None until first counted."""
    _history_waits = False
    """The layer history was asked for before the first scores: it is read once they are in,
    so a rebuild (seconds on a large journal) never starts first and holds them up (the
    start's reads run in turn)."""
    _upcoming_waits = False
    """An entry logged here may have closed a follow-up: Upcoming is read again once the
    scores are in, not beside their refresh, whose GIL it would share."""
    _upcoming_reading = False
    _history_timer: Timer | None = None
    _known_due = False
    """Known followers counted while Upcoming is read: they show with it (one layout)."""
    _audience: list[AudienceRow]
    _year: YearNumbers | None = None
    _resumed = False

    async def on_event(self, event: events.Event) -> None:
        # Textual restyles a screen from scratch each time it is shown, the first time too,
        # although every widget was styled as it was mounted a moment before, by the same
        # stylesheet (the app is styled first): a second pass over the whole dashboard before
        # its first frame. Later resumes restyle as Textual does (a theme may have changed).
        if isinstance(event, events.ScreenResume) and not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        # Textual lays the screen out for any Resize: the driver's first, the same size, comes
        # after the first frame (before it, a Resize's layout draws it sooner than an update)
        same = isinstance(event, events.Resize) and event.size == self.size == self.outer_size
        app = netdash_app(self)
        if same and (app._reads_started or app.first_frame_out):
            event.stop()
            return
        await super().on_event(event)

    def _size_classes(self) -> None:
        """The breakpoint classes for the terminal's size, set before the panels are mounted:
        Textual sets them on the screen's first resize, after every widget was styled, and the
        change styled the whole screen again."""
        width, height = self.app.size
        for size, breakpoints in (
            (width, self.HORIZONTAL_BREAKPOINTS),
            (height, self.VERTICAL_BREAKPOINTS),
        ):
            reached = [name for edge, name in sorted(breakpoints) if size >= edge]
            classes = {name: name == reached[-1] for _, name in breakpoints} if reached else {}
            self.update_classes(classes, update=False)

    def compose(self) -> ComposeResult:
        self._size_classes()
        yield Header()
        yield Static(WELCOME, id="welcome", markup=False)
        with Horizontal(id="panels"):
            with Vertical(id="depth", classes="panel"):
                yield NumberTable(id="depth-numbers")
                yield NumberTable(id="layers")
                yield Static("Layers at each month end", classes="caption chart")
                yield LineChart(LAYERS_WAITING, id="depth-chart")
            with Vertical(id="breadth", classes="panel"):
                yield NumberTable(id="breadth-numbers")
                yield Static(
                    "Followers at each month end", classes="caption chart", id="breadth-caption"
                )
                yield LineChart(FOLLOWERS_WAITING, id="breadth-chart")
        yield NumberTable(id="this-year")
        with Horizontal(id="lower"):
            with Vertical(id="recent", classes="panel"):
                yield DataTable(id="recent-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="ahead"):  # side by side; stacked on a narrow terminal
                with Vertical(id="reach-out", classes="panel"):
                    yield Static(Text("Scoring…", style="dim"), id="reach-out-list")
                    yield ReachOutTable()
                with Vertical(id="upcoming", classes="panel"):
                    yield Static(Text("Reading…", style="dim"), id="upcoming-note")
                    yield UpcomingTable()
        yield OneFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#depth", Vertical).border_title = "Depth · real relationships"
        self.query_one("#breadth", Vertical).border_title = "Breadth · audience"
        self.query_one("#recent", Vertical).border_title = "Latest in the journal"
        self.query_one("#reach-out", Vertical).border_title = "Reach out"
        self.query_one("#upcoming", Vertical).border_title = "Upcoming"
        self.query_one(ReachOutTable).display = False
        self.query_one(UpcomingTable).display = False
        # hidden by its CSS, Textual's hiding it inline after the first frame was a layout
        for rack in self.query("#textual-toastrack"):
            rack.display = False
        self._show_waiting(None)
        table = self.query_one("#recent-table", DataTable)
        table.add_column(Text("When"), key="when", width=WHEN_WIDTH)
        table.add_column(Text("With"), key="with", width=22)
        table.add_column(Text("Kind"), key="kind", width=14)
        table.add_column(Text("Note"), key="note")
        # Load before the first paint, so the first frame already shows the numbers.
        self.reload_if_stale()

    def reload(self) -> None:
        db, today = self.db, self.today
        netdash_app(self).worker_generations.start("dashboard-numbers")  # drops a count under way
        numbers = depth_numbers(db, today)
        audience = latest_counts(db)
        # Classes, not inline styles (which would beat the short-terminal rule); each change
        # restyles every widget on the screen, and after the first load neither changes.
        empty = numbers.people == 0 and not audience and not work_logged(db)
        self.set_class(empty, "-empty")
        self.set_class(not audience, "-no-audience")
        self.query_one("#depth-numbers", NumberTable).show(depth_figures(numbers))
        self._audience = audience
        if audience:
            # stored, the counts of people known are this frame's (after the first frame,
            # their lines grew the breadth panel, moving the panels under it, in a layout of
            # their own); after a write to handles or lists, matching the latest lists against
            # every handle takes 60 ms on a million followers: a worker does it once this
            # frame is drawn, and the lines fill in
            known = stored_known_followers(db, audience)
            if known is not None:
                self._known = known
            self._show_breadth()
            if known is None:
                netdash_app(self).after_first_frame(self._count_known)
        else:
            hint = Text(
                "No follower counts yet.\n\nRecord one from the shell:\n"
                "netdash followers set mastodon 1234 --account @you@example.social",
                style="dim",
            )
            self.query_one("#breadth-numbers", NumberTable).show([Figure(hint, Text(""))])
        # Months a write changed are rebuilt, which can take seconds on a large journal.
        netdash_app(self).after_first_frame(self._load_history)
        self._upcoming_reading = True
        netdash_app(self).after_first_frame(self._load_upcoming)
        # only here: logging an entry (which reads Upcoming again) never changes who waits
        netdash_app(self).after_first_frame(self._load_strangers)
        self._fill_recent()
        self._year = year_numbers(db, today.year)
        self._show_year()
        self.show_depth()

    def entry_logged(self) -> None:
        """After an entry logged in this app: the new row into "Latest" before the next frame
        (the newest twelve, by index), the numbers the entry moves from a worker after it. An
        entry changes no follower count, outcome or community work, so those panels stand."""
        app = netdash_app(self)
        if self.has_class("-empty"):  # the first entry: the welcome gives way to every panel
            self.reload_if_stale()
            return
        self.loaded_now()
        self._fill_recent()
        if self._history_timer is not None:  # the layers' months the entries changed: once,
            self._history_timer.stop()  # when they stop (each read drew on the next entry's frame)
        self._history_timer = self.set_timer(HISTORY_DELAY, self._load_history)
        self._upcoming_waits = True
        self.call_after_refresh(  # its thread would share the GIL with the entry's frame
            read_in_worker, app, "dashboard-numbers",
            partial(depth_numbers, today=self.today),
            self._show_numbers,
            failure="Journal numbers not counted",
        )  # fmt: skip

    def _show_numbers(self, numbers: DepthNumbers) -> None:
        self.query_one("#depth-numbers", NumberTable).show(depth_figures(numbers))

    def compact(self) -> bool:
        """Whether the terminal is too small for the panels' long form (see COMPACT_BELOW)."""
        width, height = self.app.size
        return width < COMPACT_BELOW[0] or height < COMPACT_BELOW[1]

    def on_resize(self) -> None:
        if self._year is not None:
            self._show_year()
            if self._audience:
                self._show_breadth()

    def _show_year(self) -> None:
        if self._year is not None:
            figures = this_year_figures(self._year, compact=self.compact())
            self.query_one("#this-year", NumberTable).show(figures)

    def show_depth(self) -> None:
        """Layers, time budget and the reach-out queue, once the app has read them (the board:
        the dashboard's part of the scores); why not, if scoring failed (else "Scoring…" would
        wait forever)."""
        app = netdash_app(self)
        board = app.board
        landed = board is not None or app.depth_failure is not None
        if self._history_waits and landed:
            # asked now, it waits in turn behind the known followers (the score read under
            # way ends only after this): asked after the frame, everyone's depth, read after
            # the dashboard's, could take its turn first
            self._history_waits = False
            self._load_history()
        # Upcoming starts once the frame showing the scores is drawn: its thread would share
        # the GIL with it
        if self._upcoming_waits and landed:
            self._upcoming_waits = False
            self.call_after_refresh(self._load_upcoming)
        if board is None:
            self._show_waiting(app.depth_failure)
            return
        self.query_one("#layers", NumberTable).show(layer_figures(board.counts, board.budget))
        queue = board.queue[:REACH_OUT_SHOWN]
        status = self.query_one("#reach-out-list", Static)
        status.display = not queue
        reach_out = self.query_one(ReachOutTable)
        reach_out.display = bool(queue)
        if not queue:  # the same words again: no new layout
            self._swap(status, Text("Nobody is overdue.", style="dim"))
        reach_out.show(queue, names_by_id(self.db, [depth.person_id for depth in queue]))

    def _swap(self, static: Static, words: Text) -> None:
        """New words into ``static``: if as many lines as the old, it alone is drawn again."""
        old, width, console = static.content, static.content_region.width, self.app.console
        if old != words:
            lines = len(words.wrap(console, width)) if width else 0
            same = isinstance(old, Text) and width and len(old.wrap(console, width)) == lines
            static.update(words, layout=not same)

    def _show_waiting(self, failure: str | None) -> None:
        """The panels that wait for scores: "Scoring…", or the failure and how to try again."""
        words = (
            Text(f"Scores could not be worked out: {failure}. Press r to try again.", "red")
            if failure is not None
            else Text("Scoring…", style="dim")
        )
        self.query_one("#layers", NumberTable).show(
            [Figure(words if failure is not None else Text("Layers: scoring…", "dim"), Text(""))],
            reserve=LAYER_LINES,
        )
        self.query_one(ReachOutTable).display = False
        status = self.query_one("#reach-out-list", Static)
        status.display = True
        self._swap(status, words)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        app = netdash_app(self)
        if app.board is None and app.depth_failure is not None:
            self._show_waiting(app.depth_failure)  # it failed while another screen was shown

    def action_rescore(self) -> None:
        """Work the scores out again: after a failure, or to be sure they are current."""
        app = netdash_app(self)
        if app.board is None:
            app.depth_failure = None
            self._show_waiting(None)
        app.notify("Working the scores out again…", markup=False)
        app.refresh_depth()

    def _show_breadth(self) -> None:
        self.query_one("#breadth-numbers", NumberTable).show(
            breadth_figures(self._audience, self._known, compact=self.compact())
        )

    def _count_known(self) -> None:
        self._in_turn(
            "known-followers",
            partial(known_followers, names=False),  # the counts alone
            self._show_known,
            "Known followers not counted",
        )

    def _show_known(self, known: KnownFollowers) -> None:
        """The breadth panel's new lines lay the screen out: shown with Upcoming (read next,
        its rows lay it out too), in one layout."""
        self._known, self._known_due = known, True
        if not self._upcoming_reading:
            self._show_known_due()

    def _show_known_due(self) -> None:
        if self._known_due:
            self._known_due = False
            self._show_breadth()

    def _load_history(self) -> None:
        from netdash.tui.screens.history import load_history

        app = netdash_app(self)
        if app.board is None and app.depth_failure is None:
            self._history_waits = True  # asked again by show_depth when the scores are in
            return
        app.in_turn.request(
            "dashboard-history",
            lambda ended: load_history(self, "dashboard-history", self._show_history, ended),
            rank=2,
        )

    def _show_history(self, history: History) -> None:
        """Fill both charts; a history arriving as the app closes finds no chart and is dropped."""
        for chart in self.query("#depth-chart").results(LineChart):
            chart.show(history.days, history.layer_series())
        for chart in self.query("#breadth-chart").results(LineChart):
            chart.show(history.days, history.follower_series(short=True))

    def _load_upcoming(self) -> None:
        self._upcoming_reading = True
        self._in_turn(
            "dashboard-upcoming",
            partial(read_upcoming, today=self.today),
            self._show_upcoming,
            "Upcoming birthdays and follow-ups not read",
            self._upcoming_read,
        )

    def _upcoming_read(self) -> None:
        """However the read ended (a failure shows no Upcoming), the known followers show."""
        self._upcoming_reading = False
        self._show_known_due()

    def _load_strangers(self) -> None:
        self._in_turn(
            "dashboard-strangers",
            _count_strangers,
            self._show_strangers,
            "People from your imports not counted",
        )

    def _in_turn(
        self,
        group: str,
        read: Callable[[Database], T],
        show: Callable[[T], None],
        failure: str,
        after: Callable[[], None] | None = None,
    ) -> None:
        """A small read in turn after the scores (beside them, its thread and the drawing of
        its panel shared the GIL with the score read the filled dashboard waits for); ``after``
        runs once it ended, however."""
        app = netdash_app(self)
        app.in_turn.request(
            group,
            lambda ended: read_in_worker(app, group, read, show, failure=failure, ended=ended),
            after,
            rank=1,
        )

    def _show_strangers(self, strangers: int) -> None:
        """Under the latest entries, how many people the imports met wait in Who's this?"""
        for recent in self.query("#recent").results(Vertical):
            recent.border_subtitle = strangers_hint(strangers)

    def _show_upcoming(self, upcoming: Upcoming) -> None:
        """Fill the panel (or say how to give it something); known followers show with it."""
        for table in self.query(UpcomingTable).results(UpcomingTable):
            table.show(upcoming)
            table.display = not upcoming.empty
            note = self.query_one("#upcoming-note", Static)
            note.display = upcoming.empty
            self._swap(note, Text(EMPTY, style="dim"))  # set after each entry, it laid out
        self._upcoming_read()  # in this call, so the breadth panel grows in Upcoming's layout

    def on_upcoming_table_done(self, event: UpcomingTable.Done) -> None:
        """``x`` on a follow-up: done today; ctrl+z opens it again."""
        from netdash.store.follow_ups import mark_done

        app = netdash_app(self)
        done = mark_done(self.db, event.follow_up_id, self.today)
        app.journal_changed()
        about = f" about {done.about}" if done.about else ""
        app.notify(f"Done: follow-up with {done.person.name}{about}", markup=False)

    def _fill_recent(self) -> None:
        """The newest entries into "Latest", by index."""
        today, entries = self.today, list_interactions(self.db, limit=LATEST_SHOWN)
        table = self.query_one("#recent-table", DataTable)
        table.clear()
        for entry in entries:
            table.add_row(*latest_cells(entry, today), key=str(entry.id))
        self._entries = {str(entry.id): entry for entry in entries}

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if isinstance(event.data_table, UpcomingTable):
            person = event.data_table.person_id()
            if person is not None:
                netdash_app(self).open_person(person)
            return
        if isinstance(event.data_table, ReachOutTable):
            if event.row_key.value is not None:
                netdash_app(self).open_person(int(event.row_key.value))
            return
        entry = self._entries.get(str(event.row_key.value))
        if entry and entry.people:
            netdash_app(self).open_person(entry.people[0].id)

    def on_number_table_opened(self, event: NumberTable.Opened) -> None:
        """Enter on a number: the rows it counts, filtered as the number was counted."""
        app, today = netdash_app(self), self.today
        kind, _, argument = event.target.partition(":")
        if kind == "people":
            app.show_people()
        elif kind == "layer":
            app.show_people(layer=int(argument), sort="score")
        elif kind == "journal":
            days = int(argument) if argument else None
            app.show_journal(since=today - timedelta(days=days - 1) if days else None)
        elif kind == "time-split":
            app.show_time_split()
        elif kind == "known":
            app.show_known_followers(int(argument) if argument else None)
        elif kind in ("account", "audience"):
            app.show_account(int(argument) if argument else None)
        elif kind == "contributions":
            app.show_contributions(today.year)
        elif kind == "outcomes":
            app.action_go("outcomes")
