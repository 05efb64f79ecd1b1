"""Depth over time beside breadth over time: the dashboard's charts and the History screen,
on a journal counted by hand, and a first frame that never waits for the history."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.widgets import DataTable

from netdash.domain.scoring import DepthSettings
from netdash.store import history as store_history
from netdash.store.audience import record_follower_count
from netdash.store.db import open_db
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.history import HistoryScreen
from netdash.tui.widgets.chart import LineChart
from netdash.tui.widgets.numbers import NumberTable
from tests.conftest import TODAY
from tests.tui.conftest import static_text
from tests.tui.waits import wait_for

#: Rank alone, as in tests/store/test_history.py: the counts below need no minimum scores.
SETTINGS = DepthSettings(min_score={"5": 0.0, "15": 0.0, "50": 0.0, "150": 0.0})


def small_journal(db: Database) -> None:
    """Five people seen on 20 September 2026, a sixth (one message) on 1 September, a seventh
    on 10 October; everyone added after both month ends. One account with two counts."""
    ids = {name: add_person(db, name) for name in "ABCDEFG"}
    for name, day, kind in [
        *((name, date(2026, 9, 20), "in_person") for name in "ABCDE"),
        ("F", date(2026, 9, 1), "message"),
        ("G", date(2026, 10, 10), "in_person"),
    ]:
        log_interaction(db, people=[ids[name]], occurred_on=day, today=TODAY, kind=kind)
    db.execute("UPDATE people SET created_at = '2026-11-20T09:00:00Z'")
    db.conn.commit()
    for followers, at in ((1000, "2026-03-15T12:00:00Z"), (1200, "2026-09-10T12:00:00Z")):
        record_follower_count(
            db,
            platform="mastodon",
            account="@me@example.social",
            followers=followers,
            at=at,
            source="manual",
        )


def chart_text(screen: DashboardScreen | HistoryScreen, chart_id: str) -> list[str]:
    return [line.plain for line in screen.query_one(chart_id, LineChart).lines()]


def settled(chart: LineChart) -> bool:
    return chart.series is not None


async def test_dashboard_charts_first_and_last_values_by_hand(
    tui_db: Database, app: NetdashApp
) -> None:
    small_journal(tui_db)
    app._depth_settings = SETTINGS
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        depth = screen.query_one("#depth-chart", LineChart)
        await wait_for(pilot, lambda: settled(depth), "the layer history")
        # 24 month ends, 30 November 2024 ... 31 October 2026. In November 2024 nobody was
        # known: every layer 0. On 31 October 2026 seven people have entries; ranked, the best
        # five fill the inner 5 and the other two are in the 15: 5 -> 5, 15 -> 5 + 2 = 7,
        # 50 -> 7, 150 -> 7.
        layers = chart_text(screen, "#depth-chart")
        assert layers[0] == "● 5: 0→5  ■ 15: 0→7  ▲ 50: 0→7  ◆ 150: 0→7"
        assert layers[1].startswith("7┤") and layers[-2].startswith("0┤")
        assert layers[-1].split() == ["Nov", "2024", "Oct", "2026"]
        # mastodon: no count by 28 February 2026 (gaps), 1,000 from 31 March, 1,200 from
        # 30 September (counted on 10 September)
        followers = chart_text(screen, "#breadth-chart")
        assert followers[0] == "● mastodon: 1,000→1,200"
        assert followers[1].startswith("1,200┤") and followers[-2].startswith("1,000┤")
        # nothing is drawn over the 16 months before the first count: gaps, not zeros
        plot = [line[6:] for line in followers[1:-1]]
        width = len(plot[0])
        gap = (width * 2 - 1) * 15 // 23 // 2  # month 16 (index 15, 31 Mar) sits at this column
        assert all(row[:gap] == " " * gap for row in plot)


async def test_history_screen_opens_with_h_and_lists_every_month_end(
    tui_db: Database, app: NetdashApp
) -> None:
    small_journal(tui_db)
    app._depth_settings = SETTINGS
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), "the History screen")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#history-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 24, "the month-end table")
        headers = [str(column.label) for column in table.columns.values()]
        assert headers == ["Month end", "5", "15", "50", "150", "mastodon me@example.social"]
        rows = [[str(cell) for cell in table.get_row_at(row)] for row in range(24)]
        # newest first; the hand counts of the dashboard test
        assert rows[0] == ["2026-10-31", "5", "7", "7", "7", "1,200"]
        assert rows[1] == ["2026-09-30", "5", "6", "6", "6", "1,200"]  # G came in October
        assert rows[7] == ["2026-03-31", "0", "0", "0", "0", "1,000"]
        assert rows[8] == ["2026-02-28", "0", "0", "0", "0", "-"]  # before the first count
        assert chart_text(screen, "#history-layers")[0].startswith("● 5: 0→5")
        legend = chart_text(screen, "#history-followers")[0]
        assert legend == "● mastodon me@example.social: 1,000→1,200"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")


@pytest.fixture
def journal_file(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    path = tmp_path / "journal.db"
    db = open_db(path)
    small_journal(db)
    yield db, path
    db.close()


async def test_first_frame_does_not_wait_for_the_history(
    journal_file: tuple[Database, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path = journal_file
    release = threading.Event()
    real = store_history.layer_history

    def slow_history(*args: object, **kwargs: object) -> list[store_history.LayerPoint]:
        release.wait(30)  # a large journal rebuilding every month
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_history, "layer_history", slow_history)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            await pilot.pause(0.3)  # long after the history's worker has started
            numbers = static_text(screen.query_one("#depth-numbers", NumberTable), width=56)
            assert "People in your journal" in numbers and " 7" in numbers
            assert chart_text(screen, "#depth-chart") == ["Layer history: computing…"]
            release.set()
            depth = screen.query_one("#depth-chart", LineChart)
            await wait_for(pilot, lambda: settled(depth), "the layer history")
            # the default minimum scores apply here: only that the chart arrived is checked
            assert chart_text(screen, "#depth-chart")[0].startswith("● 5: 0→")
    finally:
        release.set()


async def test_a_cold_history_with_the_change_watcher_on_is_built_kept_and_left_alone(
    journal_file: tuple[Database, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app notices commits from other connections (a worker's too). A build that wrote
    before building made the watcher reload the dashboard into a new build, which wrote
    again: the chart never arrived. Now the history is drawn, its 24 months are kept once,
    and the watcher's next rounds start no more builds."""
    db, path = journal_file
    builds: list[int] = []
    build = store_history._build

    def slow_build(*args: object, **kwargs: object) -> dict[str, dict[str, int]]:
        builds.append(1)
        time.sleep(0.4)  # longer than a round of the watcher, as on a large journal
        return build(*args, **kwargs)  # type: ignore[arg-type]

    keep = store_history._keep
    written: list[int] = []  # rows each keep wrote: 0 when it found another commit and kept none

    def counted_keep(
        keeping: Database, key: str, commits: int, built: dict[str, dict[str, int]]
    ) -> None:
        before = keeping.conn.total_changes
        keep(keeping, key, commits, built)
        written.append(keeping.conn.total_changes - before)

    monkeypatch.setattr(store_history, "_build", slow_build)
    monkeypatch.setattr(store_history, "_keep", counted_keep)
    app = NetdashApp(db, db_path=path, watch_interval=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        depth = screen.query_one("#depth-chart", LineChart)
        await wait_for(pilot, lambda: settled(depth), "the layer history")
        await pilot.pause(0.6)  # twelve rounds of the watcher
        settled_builds = len(builds)
        await pilot.pause(0.6)
        assert len(builds) == settled_builds <= 2  # the first, and at most one after a reload
    assert [rows for rows in written if rows] == [24]  # one keep, of the 24 months
    assert db.execute("SELECT COUNT(*) FROM layer_history").fetchone()[0] == 24


async def test_on_a_short_terminal_both_charts_give_their_rows_to_the_numbers(
    journal_file: tuple[Database, Path],
) -> None:
    """Under 32 rows the charts are hidden (they are on the History screen), the breadth chart
    too: it used to be shown by an inline style that beat the rule."""
    db, path = journal_file
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(100, 28)) as pilot:
        await pilot.pause()
        screen = app.screen
        hidden = [
            widget_id
            for widget_id in ("#depth-chart", "#breadth-chart", "#breadth-caption")
            if not screen.query_one(widget_id).display
        ]
        assert hidden == ["#depth-chart", "#breadth-chart", "#breadth-caption"]
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert all(
            app.screen.query_one(widget_id).display
            for widget_id in ("#depth-chart", "#breadth-chart", "#breadth-caption")
        )
