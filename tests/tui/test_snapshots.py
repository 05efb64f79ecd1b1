"""A few pictures that must not change by accident. Update with --snapshot-update, then look."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from netdash.demo import SCALES, populate
from netdash.store.db import memory_db
from netdash.tui.app import NetdashApp
from netdash.tui.widgets.chart import LineChart
from netdash.tui.widgets.numbers import NumberTable
from tests.conftest import TODAY
from tests.tui.conftest import static_text
from tests.tui.waits import scored, wait_for, workers_done

SIZE = (120, 36)


@pytest.fixture
def demo_db() -> Iterator[Database]:
    database = memory_db()
    populate(database, SCALES["normal"], seed=7, today=TODAY)
    yield database
    database.close()


async def no_blink(pilot: Pilot[None]) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


def test_empty_dashboard(snap_compare, tui_db: Database) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(NetdashApp(tui_db, watch_interval=0), terminal_size=SIZE)


async def let_scores_arrive(pilot: Pilot[None]) -> None:
    """Scores and both charts: each fills in from its own worker after the first frame."""
    await scored(pilot)
    charts = list(pilot.app.screen.query(LineChart))
    await wait_for(pilot, lambda: all(chart.series is not None for chart in charts), "the charts")
    # and the known followers, counted after a timer: under load they came after the charts
    panels = list(pilot.app.screen.query("#breadth-numbers").results(NumberTable))
    await wait_for(
        pilot,
        lambda: all("People you know: …" not in static_text(panel) for panel in panels),
        "the known followers",
    )
    # and the dashboard's Upcoming panel, read after the first frame too
    notes = list(pilot.app.screen.query("#upcoming-note").results(Static))
    await wait_for(
        pilot, lambda: all("Reading" not in static_text(n) for n in notes), "the Upcoming panel"
    )
    await workers_done(pilot)
    await pilot.pause()


def test_demo_dashboard(snap_compare, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        NetdashApp(demo_db, watch_interval=0), run_before=let_scores_arrive, terminal_size=SIZE
    )


def test_history(snap_compare, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    async def open_history(pilot: Pilot[None]) -> None:
        await pilot.press("h")
        await pilot.pause()
        await let_scores_arrive(pilot)

    assert snap_compare(
        NetdashApp(demo_db, watch_interval=0), run_before=open_history, terminal_size=SIZE
    )


def test_log_form(snap_compare, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    async def type_a_name(pilot: Pilot[None]) -> None:
        # the dashboard behind the form is whole (its charts drawn, its known followers
        # counted) before the picture: under load they arrived during it, or not
        await let_scores_arrive(pilot)
        await pilot.press("n", *"Ada H")
        # the preview under Who fills a row when its typing is handled: the form's height,
        # and so where it sits, wait for it
        preview = pilot.app.screen.query_one("#who-preview", Static)
        await wait_for(pilot, lambda: "Ada H" in str(preview.content), "the Who preview")
        await no_blink(pilot)

    assert snap_compare(
        NetdashApp(demo_db, watch_interval=0), run_before=type_a_name, terminal_size=SIZE
    )


def test_person(snap_compare, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    async def open_first_person(pilot: Pilot[None]) -> None:
        await scored(pilot)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("s", "enter")
        await pilot.pause()

    assert snap_compare(
        NetdashApp(demo_db, watch_interval=0), run_before=open_first_person, terminal_size=SIZE
    )


def test_strangers(snap_compare, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    """Who's this? on the demo journal (three strangers from its chats and calendar), after a
    chat and a mailbox that mention three more."""
    from dataclasses import replace

    from netdash.domain.evidence import Counterpart
    from tests.tui.test_backfill_tui import said, stored

    zoe = Counterpart("phone", "+44 7700 900456", "Zoe")
    mail = Counterpart("email", "kim.lee@example.org", "Kim Lee")
    stored(demo_db, [said(zoe, day) for day in (2, 3, 9, 12)], "WhatsApp Chat with Zoe.txt")
    bob = Counterpart("email", "bob@example.net", "[b]Bob[/b] [/")
    mails = [
        replace(said(who, day), channel="mail", unit="mail") for who, day in ((mail, 4), (bob, 5))
    ]
    stored(demo_db, mails, "mail.mbox")

    async def open_strangers(pilot: Pilot[None]) -> None:
        await scored(pilot)
        await pilot.press("k")

        def listed() -> bool:
            tables = pilot.app.screen.query("#strangers").results(DataTable)
            return any(table.row_count == 6 for table in tables)  # the demo has 3

        await wait_for(pilot, listed, "the list")
        await workers_done(pilot)
        await pilot.pause()

    assert snap_compare(
        NetdashApp(demo_db, watch_interval=0), run_before=open_strangers, terminal_size=SIZE
    )
