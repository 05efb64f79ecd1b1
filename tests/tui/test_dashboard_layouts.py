"""The dashboard's panels fill in after the first frame without laying the whole screen out
for each: Textual lays out the whole screen for any widget's change of size (15-46 ms on the
large journal, on the UI thread, before the filled frame), so a panel's placeholder takes the
lines its figures will take, words are replaced by words of as many lines, and what must grow
grows with something else that lays out anyway."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlite_utils import Database
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from netdash.demo import SCALES, populate
from netdash.domain.models import LAYERS
from netdash.store.db import memory_db
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens import dashboard
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.widgets.numbers import NumberTable
from tests.conftest import TODAY
from tests.tui.conftest import static_text
from tests.tui.waits import scored, wait_for, workers_done


@pytest.fixture
def demo_db() -> Iterator[Database]:
    database = memory_db()
    populate(database, SCALES["normal"], seed=7, today=TODAY)
    yield database
    database.close()


class Layouts:
    """Whole-screen layouts done, and layout requests made (by widget id) while watched."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.done = 0
        self.requests: list[str] = []
        self.watching = False
        layout, refresh = Screen._refresh_layout, Widget.refresh

        def counted(screen: Screen[Any], *args: Any, **kwargs: Any) -> None:
            self.done += 1
            layout(screen, *args, **kwargs)

        def noted(widget: Widget, *regions: Any, **kwargs: Any) -> Widget:
            if self.watching and kwargs.get("layout"):
                self.requests.append(widget.id or type(widget).__name__)
            return refresh(widget, *regions, **kwargs)

        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        monkeypatch.setattr(Widget, "refresh", noted)

    @contextmanager
    def watch(self) -> Iterator[None]:
        self.watching = True
        try:
            yield
        finally:
            self.watching = False

    def during(self, owner: type, name: str, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
        """The layout requests each call of ``owner.name`` made, one list a call."""
        calls: list[list[str]] = []
        method: Callable[..., Any] = getattr(owner, name)

        def watched(this: Any, *args: Any) -> Any:
            before = len(self.requests)
            with self.watch():
                result = method(this, *args)
            calls.append(self.requests[before:])
            return result

        monkeypatch.setattr(owner, name, watched)
        return calls


async def settled(pilot: Pilot[None]) -> None:
    await scored(pilot)
    await workers_done(pilot)
    await pilot.pause()


def test_the_layers_placeholder_takes_their_lines() -> None:
    assert len(LAYERS) + 1 == dashboard.LAYER_LINES  # a line a layer, and the time budget's


async def test_a_resize_to_the_size_laid_out_lays_nothing_out(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The driver's first size arrives after the first frame: the same size, no layout."""
    layouts = Layouts(monkeypatch)
    app = NetdashApp(demo_db, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        before = layouts.done
        app.screen.post_message(events.Resize(app.size, app.size))
        await pilot.pause()
        await pilot.pause()
        assert layouts.done == before
        await pilot.resize_terminal(100, 40)  # a new size is laid out, as ever
        await wait_for(pilot, lambda: layouts.done > before, "the layout of the new size")


async def test_hiding_no_toasts_lays_nothing_out(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual hides the (already hidden) toast rack again as the screen is shown: the
    dashboard hides it inline as it mounts, before its first layout, so that is no change.
    (Tests run without the rack unless asked for it.)"""
    layouts = Layouts(monkeypatch)
    hidden_at_mount: list[bool] = []
    mount = DashboardScreen.on_mount

    def mounted(screen: DashboardScreen) -> None:
        mount(screen)
        racks = screen.query("#textual-toastrack")
        hidden_at_mount.extend(rack.styles.inline.has_rule("display") for rack in racks)

    monkeypatch.setattr(DashboardScreen, "on_mount", mounted)
    app = NetdashApp(demo_db, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settled(pilot)
        assert hidden_at_mount == [True]
        with layouts.watch():
            app._refresh_notifications()  # what Textual calls as a screen is shown
            await pilot.pause()
            await pilot.pause()
        assert "textual-toastrack" not in layouts.requests


async def test_the_deliveries_after_the_first_frame_request_no_layout_of_their_own(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The layers replace a placeholder of their height; the known followers (new lines in
    the breadth panel) show with Upcoming, whose rows lay the screen out anyway; the
    strangers' count is a border's words; Upcoming read again with the same rows (after an
    entry) updates them in place."""
    layouts = Layouts(monkeypatch)
    shows = layouts.during(DashboardScreen, "show_depth", monkeypatch)
    known = layouts.during(DashboardScreen, "_show_known", monkeypatch)
    strangers = layouts.during(DashboardScreen, "_show_strangers", monkeypatch)
    upcoming = layouts.during(DashboardScreen, "_show_upcoming", monkeypatch)
    app = NetdashApp(demo_db, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        layers = screen.query_one("#layers", NumberTable)
        assert "Inner 150" in static_text(layers)
        assert layers.size.height == dashboard.LAYER_LINES  # the demo logs hours: a budget
        assert all("layers" not in requests for requests in shows), shows
        assert known == [[]]
        assert strangers == [[]]
        assert "breadth-numbers" in upcoming[0]  # grown with Upcoming, in its layout
        assert "People you know: …" not in static_text(
            screen.query_one("#breadth-numbers", NumberTable)
        )
        screen._load_upcoming()  # the same rows again, as after an entry
        await wait_for(pilot, lambda: len(upcoming) == 2, "Upcoming read again")
        assert upcoming[1] == []


async def test_nobody_overdue_replaces_scoring_without_a_layout(
    tui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    layouts = Layouts(monkeypatch)
    shows = layouts.during(DashboardScreen, "show_depth", monkeypatch)
    add_person(tui_db, "Ana Souza")
    app = NetdashApp(tui_db, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert "Nobody is overdue" in static_text(app.screen.query_one("#reach-out-list", Static))
        # the words swapped in place; the layers, with no hours logged, have no budget line
        # and give the fifth line back (the one layout left, on a journal without hours)
        assert shows and shows[-1] == ["layers"]


async def test_a_resize_draws_each_panel_of_figures_once(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual draws a widget again when its size changes; the figures asked for it again as
    they were told of the new size, and each layout that moved a panel drew it twice at the
    same size. (A panel whose lines wrap anew is drawn at its new width, then its new height.)"""
    drawn: list[tuple[str, object]] = []
    render = NumberTable.render

    def counted(table: NumberTable) -> Any:
        drawn.append((table.id or "", table.size))
        return render(table)

    monkeypatch.setattr(NumberTable, "render", counted)
    app = NetdashApp(demo_db, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        drawn.clear()
        await pilot.resize_terminal(110, 40)
        await wait_for(pilot, lambda: "breadth-numbers" in dict(drawn), "the breadth panel drawn")
        await pilot.pause()
        await pilot.pause()
    assert sorted(drawn) == sorted(set(drawn)), drawn
