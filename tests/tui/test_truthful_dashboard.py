"""Issue 12 on the dashboard: hours as everywhere else, and a journal of only community work or
outcomes is not "empty"."""

from __future__ import annotations

from decimal import Decimal

from sqlite_utils import Database

from netdash.store.community import add_contribution
from netdash.store.outcomes import add_outcome
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.widgets.numbers import NumberTable
from tests.conftest import TODAY
from tests.tui.conftest import static_text


async def test_only_community_work_is_not_an_empty_journal(
    app: NetdashApp, tui_db: Database
) -> None:
    for minutes in (240, 270):  # 4 h + 4.5 h = 8.5 h: "8.5 h", not "8 h"
        add_contribution(
            tui_db,
            organisation="Food Bank",
            occurred_on=TODAY,
            today=TODAY,
            minutes=minutes,
            result=(Decimal(60), "meals served"),
        )
    async with app.run_test(size=(120, 40)):
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert not screen.has_class("-empty")
        this_year = static_text(screen.query_one("#this-year", NumberTable), width=120)
        assert "community work: 8.5 h, 120 meals served" in this_year


async def test_only_an_outcome_is_not_an_empty_journal(app: NetdashApp, tui_db: Database) -> None:
    add_outcome(tui_db, title="Talk at PyCon", occurred_on=TODAY, today=TODAY, kind="talk")
    async with app.run_test(size=(120, 40)):
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert not screen.has_class("-empty")
        assert "1 outcome" in static_text(screen.query_one("#this-year", NumberTable), width=120)
