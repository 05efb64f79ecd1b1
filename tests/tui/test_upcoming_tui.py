"""The dashboard's Upcoming panel and follow-ups from the log form, driven by keyboard."""

from __future__ import annotations

from datetime import timedelta

from sqlite_utils import Database
from textual.widgets import Input, Static

from netdash.store.follow_ups import add_follow_ups, open_follow_ups
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.log_form import LogForm
from netdash.tui.screens.person import PersonScreen
from netdash.tui.widgets.upcoming import UpcomingTable
from tests.conftest import MARKUP_NAME, TODAY
from tests.tui.conftest import column_text, static_text
from tests.tui.waits import wait_for, workers_done


def upcoming_rows(app: NetdashApp) -> list[str]:
    return column_text(app.screen.query_one(UpcomingTable), 0)


async def test_the_panel_lists_follow_ups_then_birthdays_by_day(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = add_person(tui_db, "Ana Souza")
    add_person(tui_db, MARKUP_NAME, birthday="1990-11-28")
    add_person(tui_db, "Far Away", birthday="1990-06-01")  # not within 30 days
    add_follow_ups(tui_db, people=[ana], due_on=TODAY, today=TODAY, about="the intro")
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_done(pilot)
        table = app.screen.query_one(UpcomingTable)
        await wait_for(pilot, lambda: table.row_count == 2, "the Upcoming rows")
        assert table.display
        assert upcoming_rows(app) == [
            "Ana Souza\nfollow up today · the intro",
            f"{MARKUP_NAME}\nbirthday in 2 days · turns 36",  # shown as typed
        ]


async def test_x_marks_the_follow_up_done_and_enter_opens_the_person(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = add_person(tui_db, "Ana Souza")
    add_follow_ups(tui_db, people=[ana], due_on=TODAY, today=TODAY - timedelta(3))
    add_person(tui_db, "Bo Chen", birthday="--11-27")
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(UpcomingTable)
        await wait_for(pilot, lambda: table.row_count == 2, "the Upcoming rows")
        table.focus()
        await pilot.press("down", "x")  # a birthday: nothing to mark done
        await pilot.pause()
        assert len(open_follow_ups(tui_db)) == 1
        await pilot.press("up", "x")
        await wait_for(pilot, lambda: table.row_count == 1, "the follow-up gone from the panel")
        assert open_follow_ups(tui_db) == []
        assert any("Done: follow-up with Ana Souza" in n.message for n in app.notices)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Bo's page")
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_name == "Bo Chen"


async def test_nothing_coming_says_what_to_do(app: NetdashApp, tui_db: Database) -> None:
    add_person(tui_db, "Ana Souza")
    async with app.run_test(size=(120, 40)) as pilot:
        note = app.screen.query_one("#upcoming-note", Static)
        await wait_for(pilot, lambda: "Nothing in the next 30 days" in static_text(note), "hint")
        assert "follow up with" in static_text(note)
        assert not app.screen.query_one(UpcomingTable).display


async def test_the_log_form_takes_a_follow_up_line_in_who(
    app: NetdashApp, tui_db: Database
) -> None:
    add_person(tui_db, "Ana Souza")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, LogForm)
        await pilot.press(*"follow up with Ana Souza next friday about the intro")
        preview = app.screen.query_one("#who-preview", Static)
        await wait_for(
            pilot, lambda: "follow-up due Friday 27 November" in str(preview.content), "preview"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        assert [
            (f.person.name, f.due_on.isoformat(), f.about) for f in open_follow_ups(tui_db)
        ] == [("Ana Souza", "2026-11-27", "the intro")]
        assert tui_db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == 0
        table = app.screen.query_one(UpcomingTable)
        await wait_for(pilot, lambda: table.row_count == 1, "the follow-up in the panel")


async def test_the_form_reads_a_follow_up_with_the_journal_s_names(
    app: NetdashApp, tui_db: Database
) -> None:
    add_person(tui_db, "Ana Souza")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"follow up with ana friday")
        preview = app.screen.query_one("#who-preview", Static)
        await wait_for(
            pilot, lambda: "follow-up due Friday 27 November" in str(preview.content), "preview"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        assert [(f.person.name, f.about) for f in open_follow_ups(tui_db)] == [("Ana Souza", "")]


async def test_a_past_day_in_the_form_is_refused_in_place(
    app: NetdashApp, tui_db: Database
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"follow up with Ana 2026-11-01", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LogForm)
        assert "is in the past" in static_text(app.screen.query_one("#form-error", Static))
        assert app.screen.focused is app.screen.query_one("#who", Input)
        assert tui_db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0


async def test_logging_with_them_from_the_panel_marks_it_done(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = add_person(tui_db, "Ana Souza")
    add_follow_ups(tui_db, people=[ana], due_on=TODAY, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(UpcomingTable)
        await wait_for(pilot, lambda: table.row_count == 1, "the Upcoming row")
        table.focus()
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), "the log form")
        await pilot.press("enter")
        await wait_for(pilot, lambda: open_follow_ups(tui_db) == [], "the follow-up done")
        await wait_for(pilot, lambda: table.row_count == 0, "the panel emptied")


async def test_a_long_panel_adds_its_rows_a_page_at_a_time(
    app: NetdashApp, tui_db: Database
) -> None:
    """Hundreds of birthdays in 30 days (a large journal): the first page is added, the next
    as the cursor nears the last row added, and End goes to the panel's last row."""
    count = UpcomingTable.PAGE * 2 + 5
    for number in range(count):
        day = TODAY + timedelta(days=1 + number % 25)
        add_person(tui_db, f"Person {number:03}", birthday=f"--{day:%m-%d}")
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(UpcomingTable)
        await wait_for(pilot, lambda: table.row_count > 0, "the Upcoming rows")
        assert table.row_count == UpcomingTable.PAGE
        assert len(table.items_by_key) == count
        table.focus()
        first_page = upcoming_rows(app)
        for _ in range(UpcomingTable.PAGE - table.size.height // 2):
            await pilot.press("down")
        await wait_for(pilot, lambda: table.row_count > UpcomingTable.PAGE, "the next page")
        assert upcoming_rows(app)[: UpcomingTable.PAGE] == first_page
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == count
        assert table.cursor_row == count - 1
        last = list(table.items_by_key.values())[-1]
        assert upcoming_rows(app)[-1].startswith(last.person.name)
