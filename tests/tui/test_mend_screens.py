"""Mended defects: a screen left behind learns of the scores; a list opened on a fresh app lands
on its account."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from netdash.store.people import add_person
from netdash.tui import app as app_module
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.widgets.numbers import NumberTable
from tests.tui.conftest import static_text
from tests.tui.waits import scored, wait_for


async def test_dashboard_shows_the_layers_that_landed_while_people_was_shown(
    app: NetdashApp, tui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_person(tui_db, "Ana Souza")
    monkeypatch.setattr(app_module, "DEPTH_DELAY", 600.0)  # the scores come when the test says
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")  # the dashboard is no longer on top (nor under the top)
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen), "the People list")
        assert app.depths is None
        app.refresh_depth()
        await scored(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        layers = static_text(app.screen.query_one("#layers", NumberTable))
        assert "scoring" not in layers
        assert "Inner 5" in layers
