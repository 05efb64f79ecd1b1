"""Issue 13: netdash on a standard 80x24 terminal (and 100x30, 200x60): every main screen's
labels on one line each, the panels that matter shown, and Help in the footer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlite_utils import Database

from netdash.domain import dates
from netdash.store.audience import record_follower_count
from netdash.store.community import add_contribution
from netdash.store.journal import NewPerson, log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.journal import JournalScreen
from netdash.tui.screens.person import PersonScreen
from tests.conftest import TODAY
from tests.tui.waits import scored, wait_for, workers_done

SIZES = [(80, 24), (100, 30), (200, 60)]


def small_journal(db: Database) -> int:
    """Ana, a week overdue on her 7-day cadence, two accounts and some community work.
    Returns Ana's id."""
    ana = add_person(db, "Ana Souza", cadence_days=7)
    for days_ago, note in ((14, "coffee"), (40, "dinner")):  # last contact 14 days ago > 7
        log_interaction(
            db,
            people=[ana],
            occurred_on=TODAY - timedelta(days=days_ago),
            today=TODAY,
            kind="in_person",
            note=note,
        )
    log_interaction(
        db,
        people=[NewPerson("Bo Lind")],
        occurred_on=TODAY - timedelta(days=1),
        today=TODAY,
        kind="call",
    )
    for platform, handle, counts in (
        ("mastodon", "@me@example.social", (1_234, 1_240)),
        ("github", "me-example", (980, 975)),
    ):
        for days_ago, count in zip((2, 1), counts, strict=True):
            record_follower_count(
                db,
                platform=platform,
                account=handle,
                followers=count,
                at=dates.stamp_for_day(TODAY - timedelta(days=days_ago)),
                source="manual",
                today=TODAY,
            )
    add_contribution(
        db,
        organisation="Food Bank",
        occurred_on=TODAY,
        today=TODAY,
        minutes=240,
        money=(320_000, "USD"),
    )
    return ana


def screen_lines(app: NetdashApp) -> list[str]:
    """The terminal's rows as text (the compositor's render: what a terminal would show)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def whole_on_a_line(lines: list[str], label: str) -> bool:
    return any(label in line for line in lines)


@pytest.mark.parametrize("size", SIZES)
async def test_dashboard_fits(tui_db: Database, size: tuple[int, int]) -> None:
    small_journal(tui_db)
    app = NetdashApp(tui_db, watch_interval=0)
    async with app.run_test(size=size) as pilot:
        await scored(pilot)
        await workers_done(pilot)
        lines = screen_lines(app)
        assert len(lines) == size[1]
        for label in (
            "People in your journal",
            "Followers, all platforms",
            "Depth · real relationships",
            "Breadth · audience",
            "Latest in the journal",
            "Reach out",
            "community work: 4 h, 3,200.00 USD",  # 240 min = 4 h; 320,000 cents
        ):
            assert whole_on_a_line(lines, label), (label, "\n".join(lines))
        # the reach-out list is shown, with Ana (14 days since a 7-day cadence)
        assert whole_on_a_line(lines, "Ana Souza"), "\n".join(lines)
        assert "? Help" in lines[-1], lines[-1]
        assert lines[-1].rstrip().endswith("^p palette"), lines[-1]  # nothing after it


@pytest.mark.parametrize("size", SIZES)
async def test_journal_and_person_fit(tui_db: Database, size: tuple[int, int]) -> None:
    ana = small_journal(tui_db)
    app = NetdashApp(tui_db, watch_interval=0)
    async with app.run_test(size=size) as pilot:
        await scored(pilot)
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), "the Journal")
        await workers_done(pilot)
        lines = screen_lines(app)
        assert whole_on_a_line(lines, "3 entries, newest first"), "\n".join(lines)  # 2 + 1
        assert any("Date" in line and "With" in line and "Kind" in line for line in lines)
        assert "? Help" in lines[-1], lines[-1]
        app.open_person(ana)
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")
        await workers_done(pilot)
        lines = screen_lines(app)
        for label in ("Ana Souza", "Last contact", "Timeline · 2 entries", "2 weeks ago"):
            assert whole_on_a_line(lines, label), (label, "\n".join(lines))
        assert "? Help" in lines[-1], lines[-1]
