"""Issue 16 in the app: the person form reads "every 4 weeks, at worst 6", and the Person page,
People and the dashboard's Reach out tell on track, due and late apart."""

from __future__ import annotations

from datetime import timedelta

from sqlite_utils import Database
from textual.widgets import Input, Static

from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.screens.person import PersonScreen
from netdash.tui.widgets.paged_table import PagedTable
from tests.conftest import TODAY
from tests.tui.conftest import column_text, edit_person, static_text
from tests.tui.test_depth_tui import reach_out_rows
from tests.tui.waits import scored, wait_for, workers_done


def seen(db: Database, person_id: int, days: int) -> None:
    log_interaction(
        db, people=[person_id], occurred_on=TODAY - timedelta(days=days), today=TODAY, kind="call"
    )


def three(db: Database) -> tuple[int, int, int]:
    """Ana due (no maximum), Bo late, Cy on track; Bo's urgency is the lower of the two overdue
    ((50/28) * at most 1.5 = 2.68 < (60/7) * at least 0.5 = 4.29)."""
    ana = add_person(db, "Ana Souza", cadence_days=7)
    seen(db, ana, 60)
    bo = add_person(db, "Bo Chen", cadence_days=28, cadence_max_days=42)
    seen(db, bo, 50)
    cy = add_person(db, "Cy Reyes", cadence_days=28, cadence_max_days=42)
    seen(db, cy, 10)
    return ana, bo, cy


async def test_the_form_reads_a_cadence_with_a_maximum_and_shows_it_back(
    app: NetdashApp, tui_db: Database
) -> None:
    person_id = add_person(tui_db, "Bo Chen")
    async with app.run_test(size=(120, 50)) as pilot:
        form = await edit_person(pilot, person_id)
        form.query_one("#cadence", Input).value = "every 4 weeks, at worst 6"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, "the form saved")
        row = "SELECT cadence_days, cadence_max_days FROM people"
        assert tui_db.execute(row).fetchone() == (28, 42)
        form = await edit_person(pilot, person_id)
        assert form.query_one("#cadence", Input).value == "every 4 weeks, at worst 6"
        form.query_one("#cadence", Input).value = "6 weeks, at worst 4"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused at the box, nothing written
        assert form.focused is form.query_one("#cadence", Input)
        assert "sooner than the ideal" in static_text(form.query_one("#form-error", Static))
        assert tui_db.execute(row).fetchone() == (28, 42)
        form.query_one("#cadence", Input).value = ""  # empty clears, as --cadence none
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, "the form saved")
        assert tui_db.execute(row).fetchone() == (None, None)


async def test_reach_out_marks_the_late_and_puts_them_first(
    app: NetdashApp, tui_db: Database
) -> None:
    three(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        assert reach_out_rows(app) == [
            "Bo Chen  late\n8 days past the 42-day limit",  # 50 - 42
            "Ana Souza\n53 days past a 7-day cadence",  # 60 - 7, as before
        ]


async def test_people_and_the_person_page_say_on_track_due_or_late(
    app: NetdashApp, tui_db: Database
) -> None:
    _, bo, _ = three(tui_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("p")
        await scored(pilot)
        await workers_done(pilot)
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        table = screen.query_one(PagedTable)
        assert column_text(table, 0) == ["Ana Souza", "Bo Chen", "Cy Reyes"]
        assert column_text(table, 5) == ["due · 53 days", "late · 8 days", "on track"]
        await pilot.press("s", "s", "s")  # name -> last contact -> score -> overdue
        # the late first, as in the reach-out queue, though Ana is more days past her cadence
        assert column_text(table, 0) == ["Bo Chen", "Ana Souza", "Cy Reyes"]
        app.open_person(bo)
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Bo's page")
        card = static_text(app.screen.query_one("#person-details", Static), width=140)
        assert "every 4 weeks, at worst 6 (set for them) · late" in card
