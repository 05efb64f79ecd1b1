"""At 80x24 a person's card shows down to Depth and the rest (score by month, keep in touch,
favours, who starts) used to be cut off with no way to reach it: the card now scrolls, says so
on its edge, and Tab then ↓ reaches its last line."""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database
from textual.containers import VerticalScroll

from netdash.domain.models import ContactPoint, Handle
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.person import PersonScreen
from tests.conftest import TODAY
from tests.tui.test_small_terminal import screen_lines
from tests.tui.waits import scored, wait_for


def well_known(db: Database) -> int:
    """A person with every detail the card shows, so it needs more than 24 rows' half."""
    ana = add_person(
        db,
        "Ana Souza",
        handles=[Handle("mastodon", "ana@example.social")],
        tags=["climbing", "work"],
        met_on=date(2020, 5, 1),
        how_met="a conference",
        closeness=4,
        cadence_days=30,
        points=[ContactPoint("email", "ana@example.com", "home")],
        birthday="1990-06-02",
        company="Acme",
        job_title="Engineer",
    )
    for days in (3, 40, 90):
        log_interaction(
            db, people=[ana], occurred_on=TODAY - timedelta(days=days), today=TODAY, kind="call"
        )
    return ana


async def test_the_card_scrolls_to_its_last_line_at_80x24(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = well_known(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await scored(pilot)
        app.open_person(ana)
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")
        card = app.screen.query_one("#person-card", VerticalScroll)
        await wait_for(pilot, lambda: "more below" in str(card.border_subtitle), "the hint")
        assert not any("Who starts" in line for line in screen_lines(app))  # out of view
        await pilot.press("tab")
        assert app.focused is card
        for _ in range(card.max_scroll_y):
            await pilot.press("down")
        await wait_for(pilot, lambda: card.scroll_y == card.max_scroll_y, "the card's end")
        await wait_for(
            pilot, lambda: any("Who starts" in line for line in screen_lines(app)), "last line"
        )
        await wait_for(pilot, lambda: not card.border_subtitle, "the hint gone at the end")
