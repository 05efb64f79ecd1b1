"""Depth over time above breadth over time, and the month-end numbers beneath them.

The layer history can take seconds on a large journal when months have to be rebuilt, so it is
always read in a worker (:func:`load_history`), here and on the dashboard, never on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from sqlite_utils import Database
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Static

from netdash.tui.base import JournalView, netdash_app
from netdash.tui.commands import bindings
from netdash.tui.screens.dashboard import FOLLOWERS_WAITING, LAYERS_WAITING
from netdash.tui.text import plain
from netdash.tui.widgets.chart import LineChart, Series
from netdash.tui.workers import read_in_worker

if TYPE_CHECKING:  # the scoring maths load when the history is read, not before the first frame
    from netdash.domain.scoring import DepthSettings
    from netdash.store.history import LayerPoint

LAYER_SIZES = ("5", "15", "50", "150")


@dataclass(frozen=True)
class History:
    """Layer sizes and each account's followers at the same month ends, oldest first."""

    layers: list[LayerPoint]
    followers: dict[str, list[int | None]]

    @property
    def days(self) -> list[date]:
        return [point.day for point in self.layers]

    def layer_series(self) -> list[Series]:
        """One line per layer, each including the ones inside it."""
        return [Series(size, [point.counts[size] for point in self.layers]) for size in LAYER_SIZES]

    def follower_series(self, *, short: bool = False) -> list[Series]:
        """One line per account; ``short`` names an account by its platform alone when no
        other account shares the platform (the dashboard's panel is narrow)."""
        platforms = [name.split(" ", 1)[0] for name in self.followers]
        return [
            Series(
                plain(platform if short and platforms.count(platform) == 1 else name).plain, values
            )
            for platform, (name, values) in zip(platforms, self.followers.items(), strict=True)
        ]


def read_history(today: date, settings: DepthSettings) -> Callable[[Database], History]:
    """A read for a worker: the layer history and the follower counts at its month ends."""

    def read(db: Database) -> History:
        from netdash.store.history import follower_history, layer_history

        layers = layer_history(db, today, settings)
        return History(layers, follower_history(db, [point.day for point in layers]))

    return read


def load_history(
    view: JournalView,
    group: str,
    done: Callable[[History], None],
    ended: Callable[[], None] | None = None,
) -> None:
    """Read the history in a worker and hand it to ``done`` on the UI thread (``ended`` as
    :func:`read_in_worker`'s)."""
    app = netdash_app(view)
    read_in_worker(
        app,
        group,
        read_history(view.today, app.depth_settings),
        done,
        failure="History not computed",
        ended=ended,
    )


def _cell(value: int | None) -> Text:
    return Text(f"{value:,}" if value is not None else "-", justify="right")


class HistoryScreen(JournalView):
    """Both charts full width, one above the other, and a table of every month end."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("history")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Dunbar layers 5 · 15 · 50 · 150 at each month end", classes="caption")
        yield LineChart(LAYERS_WAITING, id="history-layers")
        yield Static("Followers per account at each month end", classes="caption")
        yield LineChart(FOLLOWERS_WAITING, id="history-followers")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload_if_stale()

    def reload(self) -> None:
        load_history(self, "history-screen", self.show_history)

    def show_history(self, history: History) -> None:
        if not self.query("#history-table"):
            return  # arrived as the app closes
        self.query_one("#history-layers", LineChart).show(history.days, history.layer_series())
        followers = self.query_one("#history-followers", LineChart)
        if history.followers:
            followers.show(history.days, history.follower_series())
        else:
            followers.wait("No follower counts yet.")
        table = self.query_one("#history-table", DataTable)
        table.clear(columns=True)
        table.add_column(Text("Month end"), key="day")
        for size in LAYER_SIZES:
            table.add_column(Text(size, justify="right"), key=size)
        for name in history.followers:
            table.add_column(Text(plain(name).plain, justify="right"), key=name)
        for at, point in reversed(list(enumerate(history.layers))):
            table.add_row(
                Text(point.day.isoformat()),
                *(_cell(point.counts[size]) for size in LAYER_SIZES),
                *(_cell(values[at]) for values in history.followers.values()),
                key=point.day.isoformat(),
            )

    async def action_back(self) -> None:
        await netdash_app(self).switch_mode("dashboard")
