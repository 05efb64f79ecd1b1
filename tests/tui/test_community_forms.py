"""Community work (g) and outcomes (o) by keyboard."""

from __future__ import annotations

from sqlite_utils import Database
from textual.widgets import DataTable, Input, Select, Static

from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.community_forms import ContributionForm, OutcomeForm
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.widgets.numbers import NumberTable
from tests.conftest import MARKUP_NAME
from tests.tui.conftest import static_text
from tests.tui.waits import wait_for


async def test_log_community_work(app: NetdashApp, tui_db: Database) -> None:
    add_person(tui_db, "Ana Souza")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        form = app.screen
        assert isinstance(form, ContributionForm)
        for field, value in (
            ("org", "Food Bank"),
            ("hours", "4"),
            ("money", "$50"),
            ("result", "120 meals served"),
            ("with", "Ana, " + MARKUP_NAME),
        ):
            form.query_one(f"#{field}", Input).value = value
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        row = tui_db.execute(
            "SELECT o.name, c.minutes, c.money_minor, c.currency, c.result_quantity, c.result_unit"
            " FROM contributions c JOIN organisations o ON o.id = c.organisation_id"
        ).fetchone()
        assert row == ("Food Bank", 240, 5000, "USD", "120", "meals served")
        names = {
            r[0]
            for r in tui_db.execute(
                "SELECT p.name FROM contribution_people cp JOIN people p ON p.id = cp.person_id"
            )
        }
        assert names == {"Ana Souza", MARKUP_NAME}
        this_year = static_text(app.screen.query_one("#this-year", NumberTable), width=120)
        assert "4 h" in this_year and "50.00 USD" in this_year and "120 meals served" in this_year


async def test_bad_community_work_is_shown_and_not_written(
    app: NetdashApp, tui_db: Database
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        form = app.screen
        form.query_one("#org", Input).value = "Food Bank"
        form.query_one("#money", Input).value = "5 ABC"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContributionForm)
        assert "ISO 4217" in static_text(form.query_one("#form-error", Static))
        assert form.focused is form.query_one("#money", Input)
        await pilot.press("escape")
        assert tui_db.execute("SELECT COUNT(*) FROM organisations").fetchone() == (0,)


async def test_log_an_outcome_with_credits(app: NetdashApp, tui_db: Database) -> None:
    add_person(tui_db, "Ana Souza")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        form = app.screen
        assert isinstance(form, OutcomeForm)
        form.query_one("#title", Input).value = "Contract with Contoso"
        form.query_one("#kind", Select).value = "client"
        form.query_one("#value", Input).value = "12000 USD"
        form.query_one("#people", Input).value = "Ana: introduced"
        form.query_one("#platforms", Input).value = "mastodon"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert tui_db.execute("SELECT title, kind, value_minor FROM outcomes").fetchone() == (
            "Contract with Contoso",
            "client",
            1_200_000,
        )
        credits = tui_db.execute(
            "SELECT person_id IS NOT NULL, role, platform FROM outcome_credits ORDER BY id"
        ).fetchall()
        assert credits == [(1, "introduced", None), (0, "", "mastodon")]
        this_year = static_text(app.screen.query_one("#this-year", NumberTable), width=120)
        assert "1 outcome " in this_year and "1 through people you know" in this_year


async def test_community_screen_shows_effect_per_hour_and_money(
    app: NetdashApp, tui_db: Database
) -> None:
    from decimal import Decimal

    from netdash.store.community import add_contribution
    from netdash.tui.screens.community import CommunityScreen
    from tests.conftest import TODAY

    ana = add_person(tui_db, "Ana Souza")
    add_contribution(
        tui_db,
        organisation="Food Bank",
        cause="food security",
        occurred_on=TODAY,
        today=TODAY,
        minutes=240,
        result=(Decimal(120), "meals served"),
        people=[ana],
    )
    add_contribution(
        tui_db,
        organisation="Food Bank",
        occurred_on=TODAY,
        today=TODAY,
        money=(5_000, "USD"),
        result=(Decimal(30), "meals served"),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CommunityScreen)
        detail = static_text(screen.query_one("#organisation-text", Static), width=120)
        assert "4 h, 50.00 USD, 150 meals served" in detail
        # Each result counts for what produced it (issue 12): the 120 meals of the 4 hours,
        # the 30 meals of the 50 USD.
        assert "30 meals served per hour" in detail  # 120 meals / 4 h
        assert "0.6 meals served per USD" in detail  # 30 meals / 50 USD
        assert "Ana Souza" in detail


async def test_outcomes_screen_and_the_people_they_credit(
    app: NetdashApp, tui_db: Database
) -> None:
    from netdash.store.outcomes import add_outcome
    from netdash.tui.screens.outcomes import OutcomesScreen
    from netdash.tui.screens.person import PersonScreen
    from tests.conftest import TODAY
    from tests.tui.conftest import column_text

    ana = add_person(tui_db, MARKUP_NAME)
    add_outcome(
        tui_db,
        title="Contract with Contoso",
        occurred_on=TODAY,
        today=TODAY,
        kind="client",
        value=(1_200_000, "USD"),
        people=[(ana, "introduced")],
        platforms=["mastodon"],
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OutcomesScreen)
        table = screen.query_one("#outcomes", DataTable)
        assert column_text(table, 1) == ["Contract with Contoso"]
        assert column_text(table, 3) == ["12,000.00 USD"]  # issue 13: thousands separated
        assert column_text(table, 4)[0].startswith(f"{MARKUP_NAME} (introduced), audience on")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "the person's page")
        assert isinstance(app.screen, PersonScreen) and app.screen.person_id == ana
        card = static_text(app.screen.query_one("#person-details", Static), width=120)
        assert "Contract with Contoso" in card


async def test_community_goals_causes_and_the_review(app: NetdashApp, tui_db: Database) -> None:
    from decimal import Decimal

    from netdash.store.community import add_contribution, add_goal
    from netdash.tui.screens.review import ReviewScreen
    from tests.conftest import TODAY

    add_contribution(
        tui_db,
        organisation="Food Bank",
        cause="food security",
        occurred_on=TODAY,
        today=TODAY,
        minutes=240,
        result=(Decimal(120), "meals served"),
    )
    add_goal(tui_db, 2026, hours=Decimal(8))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        # the goals are a list of their own (to choose one to edit), the causes under it
        goals = app.screen.query_one("#goal-table", DataTable)
        assert str(goals.get_row_at(0)[0]) == "Goal 8 h"
        assert str(goals.get_row_at(0)[1]).endswith(" 4 (50%)")
        causes = static_text(app.screen.query_one("#causes", Static), width=120)
        assert "Cause: food security" in causes and "120 meals served" in causes
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        assert isinstance(app.screen, ReviewScreen)
        source = app.screen.source  # built on the UI thread for an in-memory journal
        assert "2026 in review" in source and "Food Bank" in source
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)
