"""Mended defects: a screen left behind learns of the scores; a list opened on a fresh app lands
on its account."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable

from netdash.store.community import Totals, add_contribution
from netdash.store.contributions import list_contributions
from netdash.store.journal import get_interaction, log_interaction
from netdash.store.people import add_person
from netdash.store.stats import given_words
from netdash.tui import app as app_module
from netdash.tui.app import NetdashApp
from netdash.tui.screens.audience import AudienceScreen
from netdash.tui.screens.community import totals_text
from netdash.tui.screens.contributions import ContributionDetail
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.entry_view import EntryView
from netdash.tui.screens.known_followers import KnownFollowersScreen
from netdash.tui.screens.outcomes import OutcomesScreen
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.screens.person import PersonScreen
from netdash.tui.widgets.numbers import NumberTable
from tests.conftest import TODAY
from tests.tui.conftest import static_text
from tests.tui.test_lists import two_accounts
from tests.tui.test_numbers_open import open_figure
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


async def test_known_followers_on_a_fresh_app_choose_the_account_beneath(app: NetdashApp) -> None:
    accounts = two_accounts(app.db)
    async with app.run_test(size=(140, 40)) as pilot:
        app.show_known_followers(accounts["twitter"])  # Audience not yet opened, nor mounted
        await wait_for(pilot, lambda: isinstance(app.screen, KnownFollowersScreen), "the list")
        await pilot.press("escape")
        audience = app.screen
        assert isinstance(audience, AudienceScreen)
        table = audience.query_one("#accounts", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2, "the accounts")
        assert table.cursor_row == 1  # twitter, the second row


async def test_show_account_on_a_fresh_app_chooses_it(app: NetdashApp) -> None:
    accounts = two_accounts(app.db)
    async with app.run_test(size=(140, 40)) as pilot:
        app.show_account(accounts["twitter"])
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "Audience")
        table = app.screen.query_one("#accounts", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2, "the accounts")
        assert table.cursor_row == 1
        app.show_account(accounts["mastodon"])  # once loaded, at once
        await pilot.pause()
        assert table.cursor_row == 0


def test_community_totals_say_what_every_screen_says() -> None:
    totals = Totals(
        contributions=3,
        minutes=150,
        money=(("USD", 320_000),),
        results=(("meals served", Decimal("1300")), ("trees", Decimal("12"))),
    )
    words = given_words(totals.minutes, totals.money, totals.results)
    assert totals_text(totals).plain == ", ".join(words)
    assert totals_text(totals).plain == "2.5 h, 3,200.00 USD, 1,300 meals served, 12 trees"
    assert totals_text(Totals()).plain == "—"


async def test_the_outcomes_number_lands_on_the_outcomes_list_not_a_person_over_it(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = add_person(tui_db, "Ana Souza")
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_go("outcomes")
        app.open_person(ana)  # left open over the Outcomes list
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")
        app.action_go("dashboard")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        await open_figure(pilot, app, "#this-year", f"{TODAY.year} so far")
        await wait_for(pilot, lambda: isinstance(app.screen, OutcomesScreen), "Outcomes")
        assert len(app.screen_stack) == 1


async def test_an_entry_and_a_contribution_open_centred(app: NetdashApp, tui_db: Database) -> None:
    ana = add_person(tui_db, "Ana Souza")
    log_interaction(tui_db, people=[ana], occurred_on=TODAY, today=TODAY, kind="call", note="hi")
    add_contribution(tui_db, organisation="Food Bank", occurred_on=TODAY, today=TODAY, minutes=90)
    async with app.run_test(size=(120, 36)) as pilot:
        await assert_centred(pilot, EntryView(get_interaction(tui_db, 1)), "#entry-view")
        contribution = ContributionDetail(list_contributions(tui_db, TODAY.year)[0])
        await assert_centred(pilot, contribution, "#contribution-detail")


async def assert_centred(pilot: Pilot[None], dialog: Screen[None], box: str) -> None:
    """Open ``dialog``: its ``box`` is 84 wide, in the middle of the 120 columns, not at the
    top; then close it."""
    app = pilot.app
    app.push_screen(dialog)
    await wait_for(pilot, lambda: app.screen is dialog, box)
    await pilot.pause()
    region = dialog.query_one(box).region
    assert region.width == 84
    assert abs(region.x - (120 - region.right)) <= 1, f"{box} off centre: {region}"
    assert region.y > 1, f"{box} at the top: {region}"  # the middle, over the footer
    app.pop_screen()
    await pilot.pause()
