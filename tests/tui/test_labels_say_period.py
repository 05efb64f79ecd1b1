"""Issue 12, "labels that must say what they count": each screen names the period of a number
that sits beside one of another period. Answers are worked out by hand (today is 2026-11-26)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlite_utils import Database
from textual.widgets import DataTable, Static

from netdash.store.community import add_contribution
from netdash.store.journal import log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.community import CommunityScreen
from netdash.tui.screens.outcomes import OutcomesScreen
from netdash.tui.screens.person import PersonScreen
from tests.conftest import TODAY
from tests.tui.conftest import column_text, static_text
from tests.tui.waits import wait_for

LAST_YEAR = date(2025, 6, 1)


async def test_outcomes_say_all_time_and_explain_overlapping_sources(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = add_person(tui_db, "Ana Souza")
    for title, day, people, organisations, platforms in (
        ("Job", TODAY, [(ana, "referred")], ["Food Bank"], []),  # people and community
        ("Client", TODAY, [(ana, "referred")], [], []),  # people
        ("Talk", TODAY, [], [], ["mastodon"]),  # audience
        ("Old job", LAST_YEAR, [(ana, "referred")], [], []),  # all time only
    ):
        add_outcome(
            tui_db,
            title=title,
            occurred_on=day,
            today=TODAY,
            people=people,
            organisations=organisations,
            platforms=platforms,
        )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, OutcomesScreen), "the outcomes")
        status = " ".join(static_text(app.screen.query_one("#outcomes-status", Static)).split())
        hint = static_text(app.screen.query_one("#outcomes-hint", Static), width=120)
        # 4 rows all time; 2026 holds 3, whose sources add up to 2 + 1 + 1 = 4 > 3.
        assert status == (
            "4 outcomes all time · 2026 so far: 3 outcomes — 2 through people, 1 through"
            " community, 1 through audience (1 outcome came through more than one)"
        )
        assert "An outcome can come through several sources, so they add up to more" in hint


async def test_outcomes_without_overlap_say_nothing_about_it(
    app: NetdashApp, tui_db: Database
) -> None:
    add_outcome(tui_db, title="Talk", occurred_on=TODAY, today=TODAY, platforms=["mastodon"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, OutcomesScreen), "the outcomes")
        status = " ".join(static_text(app.screen.query_one("#outcomes-status", Static)).split())
        hint = static_text(app.screen.query_one("#outcomes-hint", Static), width=120)
        # 0 + 0 + 1 = 1 = the year's count: nothing to explain.
        assert "1 outcome all time · 2026 so far: 1 outcome — 0 through people" in status
        assert "several sources" not in hint and "Enter opens the first person" in hint


async def test_community_columns_say_all_time(app: NetdashApp, tui_db: Database) -> None:
    ana = add_person(tui_db, "Ana Souza")
    add_contribution(
        tui_db,
        organisation="Food Bank",
        occurred_on=LAST_YEAR,
        today=TODAY,
        minutes=60,
        people=[ana],
    )
    add_contribution(
        tui_db,
        organisation="Food Bank",
        occurred_on=TODAY,
        today=TODAY,
        minutes=240,
        result=(Decimal(120), "meals served"),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CommunityScreen), "community")
        table = app.screen.query_one("#organisations", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels == [
            "Organisation",
            "Cause",
            "This year",
            "Given, all time",
            "People met, all time",
        ]
        assert column_text(table, 2) == ["4 h, 120 meals served"]  # this year's 240 min only
        assert column_text(table, 3) == ["2"]  # last year's hour and this year's 4 h
        assert column_text(table, 4) == ["1"]  # Ana, met there last year
        detail = static_text(app.screen.query_one("#organisation-text", Static), width=120)
        assert "People met there, all time" in detail and "Ana Souza" in detail


async def test_who_starts_says_all_time(app: NetdashApp, tui_db: Database) -> None:
    ana = add_person(tui_db, "Ana Souza")
    # Two years ago she started twice; this year I started once. All time: you 1, they 2.
    for day, who in ((date(2024, 3, 1), "them"), (date(2024, 4, 1), "them"), (TODAY, "me")):
        log_interaction(
            tui_db, people=[ana], occurred_on=day, today=TODAY, kind="call", initiated_by=who
        )
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_person(ana)
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "the person")
        card = static_text(app.screen.query_one("#person-details", Static), width=120)
        assert "Who starts, all time" in card and "they (you 1, they 2)" in card
