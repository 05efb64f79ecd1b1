"""The rows behind the dashboard's numbers: contributions, the time split and known followers.

Every expected number is worked out by hand in a comment from the small journal each test
writes; none is read back from netdash.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlite_utils import Database
from textual.widgets import DataTable, Static

from netdash.domain.models import Handle
from netdash.store.community import add_contribution
from netdash.store.imports import import_snapshot
from netdash.store.journal import NewPerson, PersonChoice, log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person, update_person
from netdash.store.snapshot import Follower, Snapshot
from netdash.tui.app import NetdashApp
from netdash.tui.screens.audience import AudienceScreen
from netdash.tui.screens.community import CommunityScreen
from netdash.tui.screens.contributions import ContributionDetail, ContributionsScreen
from netdash.tui.screens.known_followers import KnownFollowersScreen
from netdash.tui.screens.outcomes import OutcomesScreen
from netdash.tui.screens.time_split import TimeSplitScreen
from netdash.tui.widgets.numbers import NumberTable
from tests.conftest import TODAY
from tests.tui.conftest import column_text, static_text
from tests.tui.waits import wait_for


def give(
    db: Database,
    org: str,
    day: date,
    minutes: int = 0,
    money: tuple[int, str] | None = None,
    result: tuple[Decimal, str] | None = None,
    people: list[PersonChoice] | None = None,
    note: str = "",
) -> None:
    add_contribution(
        db,
        organisation=org,
        occurred_on=day,
        today=TODAY,
        minutes=minutes,
        money=money,
        result=result,
        people=people or [],
        note=note,
    )


def contributions(db: Database) -> None:
    """2026: Food Bank 4 h + 50.00 USD + 120 meals (with Ann), Food Bank 90 min, Shelter
    20.00 USD. 2025: Food Bank 1 h."""
    give(
        db,
        "Food Bank",
        TODAY - timedelta(days=10),
        240,
        money=(5000, "USD"),
        result=(Decimal(120), "meals served"),
        people=[NewPerson("Ann")],
        note="sorting",
    )
    give(db, "Food Bank", TODAY - timedelta(days=3), 90)
    give(db, "Shelter", TODAY - timedelta(days=5), money=(2000, "USD"))
    give(db, "Food Bank", date(2025, 3, 1), 60)


async def test_contributions_add_up_to_the_dashboards_line(app: NetdashApp) -> None:
    contributions(app.db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        year_line = static_text(app.screen.query_one("#this-year", NumberTable), 200)
        app.show_contributions()
        await wait_for(pilot, lambda: isinstance(app.screen, ContributionsScreen), "the list")
        screen = app.screen
        status = static_text(screen.query_one("#contributions-status", Static), 200)
        # 240 + 90 = 330 min = 5.5 h; 50.00 + 20.00 = 70.00 USD; 120 meals served
        given = "5.5 h, 70.00 USD, 120 meals served"
        assert f"2026 · every organisation · 3 contributions: {given}" in status
        assert f"community work: {given}" in year_line  # the dashboard's, the same words
        table = screen.query_one("#contributions", DataTable)
        # newest first: 3 days ago, 5 days ago, 10 days ago
        assert column_text(table, 1) == ["Food Bank", "Shelter", "Food Bank"]
        assert column_text(table, 2) == ["1.5 h", "", "4 h"]
        assert column_text(table, 5) == ["", "", "Ann"]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        status = static_text(screen.query_one("#contributions-status", Static), 200)
        assert "2025 · every organisation · 1 contribution: 1 h" in status
        await pilot.press("right_square_bracket")
        await pilot.pause()
        table.move_cursor(row=2)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContributionDetail), "the detail")
        detail = static_text(app.screen.query_one("#contribution-text", Static))
        assert "sorting" in detail and "120 meals served" in detail and "Ann" in detail


async def test_enter_on_an_organisation_lists_its_contributions(app: NetdashApp) -> None:
    contributions(app.db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CommunityScreen), "Community")
        table = app.screen.query_one("#organisations", DataTable)
        assert column_text(table, 0) == ["Food Bank", "Shelter"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContributionsScreen), "the list")
        status = static_text(app.screen.query_one("#contributions-status", Static), 200)
        # Food Bank in 2026: 240 + 90 = 330 min = 5.5 h, 50.00 USD, 120 meals
        assert "2026 · Food Bank · 2 contributions: 5.5 h, 50.00 USD, 120 meals served" in status
        await pilot.press("r")  # every organisation
        await pilot.pause()
        status = static_text(app.screen.query_one("#contributions-status", Static), 200)
        assert "every organisation · 3 contributions" in status


def time_journal(db: Database) -> None:
    """Ann pinned to the inner 5, Bo the 15, Cy the 50, Di the 150; four entries in the 90 days
    before 2026-11-26 (after 2026-08-28) and one on 08-28 itself, outside them."""
    people = {}
    for name, layer in (("Ann", 5), ("Bo", 15), ("Cy", 50), ("Di", 150)):
        people[name] = add_person(db, name)
        update_person(db, people[name], pinned_layer=layer)
    for names, day, kind in (
        (("Ann", "Bo"), date(2026, 11, 20), "in_person"),  # 2 h: inner 5 and next 10
        (("Cy",), date(2026, 11, 10), "call"),  # 0.5 h: next 35
        (("Di",), date(2026, 10, 1), "video"),  # 0.75 h: next 100
        (("Ann",), date(2026, 11, 1), "event"),  # 1.5 h: inner 5
        (("Bo",), date(2026, 8, 28), "in_person"),  # 90 days ago: not in the window
    ):
        log_interaction(
            db, people=[people[n] for n in names], occurred_on=day, today=TODAY, kind=kind
        )


async def test_time_split_shows_the_dashboards_shares_and_its_entries(app: NetdashApp) -> None:
    time_journal(app.db)
    async with app.run_test(size=(140, 40)) as pilot:
        layers = app.screen.query_one("#layers", NumberTable)
        await wait_for(pilot, lambda: "Time" in static_text(layers), "the time budget")
        # total 2 + 0.5 + 0.75 + 1.5 = 4.75 h; inner 5: 2 + 1.5 = 3.5 h, 3.5 / 4.75 = 74 %;
        # next 10: 2 h, 2 / 4.75 = 42 %; next 35: 0.5 / 4.75 = 11 %; next 100: 0.75 / 4.75 = 16 %
        assert "74% · 42%" in static_text(layers)
        app.show_time_split()
        await wait_for(pilot, lambda: isinstance(app.screen, TimeSplitScreen), "the split")
        screen = app.screen
        rings = screen.query_one("#time-split-rings", Static)
        await wait_for(pilot, lambda: "inner 5" in static_text(rings), "the rings")
        lines = [" ".join(line.split()) for line in static_text(rings).splitlines()]
        assert "inner 5 3.5 h 74%" in lines
        assert "next 10 2 h 42%" in lines
        assert "next 35 0.5 h 11%" in lines
        assert "next 100 0.75 h 16%" in lines
        assert "outside 0 h 0%" in lines
        assert "all entries 4.75 h" in lines
        table = screen.query_one("#time-split-entries", DataTable)
        assert column_text(table, 0) == ["2026-11-20", "2026-11-10", "2026-11-01", "2026-10-01"]
        assert column_text(table, 2) == ["2 h", "0.5 h", "1.5 h", "0.75 h"]
        assert column_text(table, 3) == ["inner 5, next 10", "next 35", "inner 5", "next 100"]
        assert column_text(table, 4)[0] == "Ann, Bo"


def two_accounts(db: Database) -> dict[str, int]:
    """Mastodon lists a, b, c (Ann is a, Bea is b); Twitter lists x (Ann again)."""
    for platform, names in (("mastodon", ["a", "b", "c"]), ("twitter", ["x"])):
        snapshot = Snapshot(
            platform,
            "2026-10-01T23:59:59Z",
            "export",
            "me",
            follower_list=[Follower(name, name) for name in names],
        )
        import_snapshot(db, snapshot, file_name=platform, sha256=platform)
    add_person(db, "Ann", handles=[Handle("mastodon", "a"), Handle("twitter", "x")])
    add_person(db, "Bea", handles=[Handle("mastodon", "b")])
    return {
        platform: int(account_id)
        for account_id, platform in db.execute("SELECT id, platform FROM accounts").fetchall()
    }


async def test_known_followers_per_account_and_in_all(app: NetdashApp) -> None:
    accounts = two_accounts(app.db)
    async with app.run_test(size=(140, 40)) as pilot:
        await app.show_known_followers(accounts["mastodon"])
        await wait_for(pilot, lambda: isinstance(app.screen, KnownFollowersScreen), "the list")
        table = app.screen.query_one("#known", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2, "the known people")
        assert column_text(table, 0) == ["Ann", "Bea"]
        status = static_text(app.screen.query_one("#known-status", Static), 200)
        # mastodon's list: a, b, c = 3 followers; Ann and Bea = 2 people
        assert "mastodon me, list of 2026-10-01: 2 people you know among 3 followers" in status
        await pilot.press("escape")
        await app.show_known_followers()
        await wait_for(pilot, lambda: isinstance(app.screen, KnownFollowersScreen), "the list")
        table = app.screen.query_one("#known", DataTable)
        await wait_for(pilot, lambda: table.row_count == 3, "every account's people")
        assert column_text(table, 0) == ["Ann", "Bea", "Ann"]
        status = static_text(app.screen.query_one("#known-status", Static), 200)
        # Ann (twice) and Bea = 2 people; 3 + 1 = 4 followers
        assert "Every account: 2 people you know among 4 followers" in status
        await pilot.press("escape")
        await app.show_known_followers(accounts["twitter"])
        await wait_for(pilot, lambda: isinstance(app.screen, KnownFollowersScreen), "the list")
        await pilot.press("escape")
        audience = app.screen
        assert isinstance(audience, AudienceScreen)
        # the Audience screen beneath has the account chosen: twitter, the second row
        assert audience.query_one("#accounts", DataTable).cursor_row == 1


async def test_outcomes_screen_says_the_overlap(app: NetdashApp) -> None:
    # Job: Ann and Food Bank (both kinds); Gig: Ann alone. people 2 + community 1 = 3 of 2.
    add_outcome(
        app.db,
        title="Job",
        occurred_on=TODAY,
        today=TODAY,
        people=[(NewPerson("Ann"), "referred")],
        organisations=["Food Bank"],
    )
    add_outcome(app.db, title="Gig", occurred_on=TODAY, today=TODAY, people=[(1, "referred")])
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, OutcomesScreen), "Outcomes")
        status = static_text(app.screen.query_one("#outcomes-status", Static), 200)
        assert (
            "2 outcomes — 2 through people, 1 through community, 0 through audience"
            " (1 outcome came through more than one)"
        ) in status
