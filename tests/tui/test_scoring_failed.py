"""Issue 13: scoring that fails says so on the dashboard in words, instead of "Scoring…" for
ever, and `r` works the scores out again once whatever broke is mended."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlite_utils import Database
from textual.widgets import Static

from netdash.store import depth
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.screens.person import PersonScreen
from netdash.tui.widgets.numbers import NumberTable
from netdash.tui.widgets.reach_out import ReachOutTable
from tests.conftest import TODAY
from tests.tui.conftest import static_text
from tests.tui.waits import notified, scored, wait_for


def reach_out_words(app: NetdashApp) -> str:
    return static_text(app.screen.query_one("#reach-out-list", Static), width=300)


async def test_a_failed_scoring_is_said_and_r_recovers(
    tui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = add_person(tui_db, "Ana Souza", cadence_days=7)
    log_interaction(  # 14 days since a 7-day cadence: Ana is overdue once scored
        tui_db, people=[ana], occurred_on=TODAY - timedelta(days=14), today=TODAY, kind="call"
    )
    real = depth.depth_standing
    broken = True

    def standing(*args: Any, **kwargs: Any) -> Any:
        if broken:
            raise RuntimeError("the score cache is unreadable")
        return real(*args, **kwargs)

    monkeypatch.setattr(depth, "depth_standing", standing)
    app = NetdashApp(tui_db, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await notified(pilot, "Scores not computed")
        assert isinstance(app.screen, DashboardScreen)
        await wait_for(pilot, lambda: app.depth_failure is not None, "the failure")
        words = "Scores could not be worked out: the score cache is unreadable. Press r"
        assert words in reach_out_words(app)
        layers = static_text(app.screen.query_one("#layers", NumberTable), width=300)
        assert "the score cache is unreadable" in layers and "scoring…" not in layers
        # People and a person's page say it too, where "…" and "scoring…" would wait for ever
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen), "People")
        status = static_text(app.screen.query_one("#people-status", Static), width=300)
        assert "scores not worked out: the score cache is unreadable" in status, status
        app.open_person(ana)
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")
        card = static_text(app.screen.query_one("#person-details", Static), width=300)
        assert "not worked out: the score cache is unreadable" in card and "scoring…" not in card
        await pilot.press("escape")
        # leaving and coming back keeps saying it
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        assert words in reach_out_words(app)

        broken = False
        await pilot.press("r")
        await scored(pilot)
        assert app.depth_failure is None
        table = app.screen.query_one(ReachOutTable)
        assert table.display and list(table.names.values()) == ["Ana Souza"]
        assert not app.screen.query_one("#reach-out-list", Static).display
        layers = static_text(app.screen.query_one("#layers", NumberTable), width=300)
        assert "could not" not in layers
