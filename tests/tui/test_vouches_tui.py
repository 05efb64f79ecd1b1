"""A person's vouches by keyboard: V adds one with them, Tab chooses one, e edits it, x deletes
it after asking, and ctrl+z puts it back; a double Enter saves once; "every day", not "every 1
days"."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import Input, Static

from netdash.store.people import add_person
from netdash.store.vouches import add_vouch
from netdash.tui.app import NetdashApp
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.person import PersonScreen, VouchTable
from netdash.tui.screens.vouch_form import VouchForm
from tests.conftest import TODAY, kept_rows
from tests.tui.conftest import static_text
from tests.tui.waits import notified, wait_for, workers_done


def vouch_rows(db: Database) -> list[tuple[object, ...]]:
    return list(
        db.execute(
            "SELECT id, person_id, direction, topic, occurred_on, note FROM vouches ORDER BY id"
        ).fetchall()
    )


async def open_page(app: NetdashApp, pilot: Pilot[None], person_id: int) -> PersonScreen:
    app.open_person(person_id)
    await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "the person's page")
    screen = app.screen
    assert isinstance(screen, PersonScreen)
    return screen


async def test_v_adds_a_vouch_with_this_person_and_a_double_enter_saves_once(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = add_person(tui_db, "Ana Souza")
    add_person(tui_db, "Bo Lind")
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_page(app, pilot, ana)
        assert not page.query_one(VouchTable).display  # no vouches: no list taking rows
        await pilot.press("V")
        await wait_for(pilot, lambda: isinstance(app.screen, VouchForm), "the vouch form")
        await pilot.press(*"data engineering")
        await pilot.press("enter", "enter")  # a key repeat: one vouch, the page not popped
        await wait_for(pilot, lambda: app.screen is page, "the page again")
        await notified(pilot, "Vouch saved")
        # given (the default), today as the box said, no note
        assert [row[1:] for row in vouch_rows(tui_db)] == [
            (ana, "given", "data engineering", TODAY.isoformat(), "")
        ]
        await wait_for(pilot, lambda: page.query_one(VouchTable).row_count == 1, "the list")
        assert page.query_one(VouchTable).display


async def test_a_day_to_come_is_refused_on_the_when_box(app: NetdashApp, tui_db: Database) -> None:
    ana = add_person(tui_db, "Ana Souza")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(app, pilot, ana)
        await pilot.press("V")
        await wait_for(pilot, lambda: isinstance(app.screen, VouchForm), "the vouch form")
        form = app.screen
        await pilot.press(*"python", "tab", "tab")  # past the topic to When
        form.query_one("#when", Input).value = "2030-01-01"
        await pilot.press("enter")
        assert app.screen is form
        assert "has not happened yet" in static_text(form.query_one("#form-error", Static))
        assert form.focused is form.query_one("#when")
        assert vouch_rows(tui_db) == []


async def test_e_edits_the_chosen_vouch_and_ctrl_z_puts_it_back(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = add_person(tui_db, "Ana Souza")
    old = add_vouch(
        tui_db, ana, direction="given", topic="python", occurred_on=date(2026, 1, 5), note=""
    )
    newer = add_vouch(
        tui_db, ana, direction="received", topic="design", occurred_on=date(2026, 3, 1)
    )
    before = kept_rows(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_page(app, pilot, ana)
        await pilot.press("e")  # the timeline has the focus: e edits the person
        assert not isinstance(app.screen, VouchForm)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is page, "the page")
        await pilot.press("tab")  # to the vouch list: newest first, so "design" then "python"
        assert page.focused is page.query_one(VouchTable)
        await pilot.press("down", "e")
        await wait_for(pilot, lambda: isinstance(app.screen, VouchForm), "the vouch form")
        form = app.screen
        assert form.query_one("#topic", Input).value == "python"
        await pilot.press("ctrl+a", "ctrl+k", *"data engineering", "enter")
        await wait_for(pilot, lambda: app.screen is page, "the page again")
        await notified(pilot, "Vouch saved")
        rows = vouch_rows(tui_db)
        assert rows == [
            (old.id, ana, "given", "data engineering", "2026-01-05", ""),
            (newer.id, ana, "received", "design", "2026-03-01", ""),
        ]
        await pilot.press("ctrl+z", "y")
        await wait_for(pilot, lambda: kept_rows(tui_db) == before, "the old vouch back")


async def test_x_deletes_the_chosen_vouch_after_asking_and_ctrl_z_restores_it(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = add_person(tui_db, "Ana Souza")
    add_vouch(tui_db, ana, direction="received", topic="design", occurred_on=date(2026, 3, 1))
    before = kept_rows(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_page(app, pilot, ana)
        await pilot.press("tab", "x")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question == (
            "Delete the vouch received on design (2026-03-01)?"
            " It can be undone (netdash undo, or ctrl+z in the app)."
        )
        await pilot.press("n")
        assert len(vouch_rows(tui_db)) == 1
        await pilot.press("x", "y")
        await notified(pilot, "ctrl+z undoes it")
        assert vouch_rows(tui_db) == []
        # the list went with its last row, and the timeline has the keys again
        await wait_for(pilot, lambda: not page.query_one(VouchTable).display, "no list")
        assert page.focused is not page.query_one(VouchTable)
        await pilot.press("ctrl+z", "y")
        await wait_for(pilot, lambda: kept_rows(tui_db) == before, "the vouch back, same id")
        await wait_for(pilot, lambda: page.query_one(VouchTable).row_count == 1, "the list")


async def test_a_one_day_cadence_reads_every_day(app: NetdashApp, tui_db: Database) -> None:
    from datetime import timedelta

    from netdash.store.journal import log_interaction

    ana = add_person(tui_db, "Ana Souza", cadence_days=1)
    bo = add_person(tui_db, "Bo Lind", cadence_days=2)
    log_interaction(
        tui_db, people=[ana], occurred_on=TODAY - timedelta(days=1), today=TODAY, kind="call"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        page = await open_page(app, pilot, ana)
        card = static_text(page.query_one("#person-details", Static), width=120)
        assert "every day" in card and "every 1 days" not in card
        await pilot.press("w")  # the Why screen's standing line too
        await wait_for(pilot, lambda: bool(app.screen.query("#why-standing")), "Why")
        standing = static_text(app.screen.query_one("#why-standing", Static), width=120)
        assert "Keep in touch every day (" in standing and "last contact 1 day ago" in standing
        await pilot.press("escape")
        await pilot.press("escape")
        page = await open_page(app, pilot, bo)
        card = static_text(page.query_one("#person-details", Static), width=120)
        assert "every 2 days" in card


async def test_the_page_with_vouches_fits_80x24(app: NetdashApp, tui_db: Database) -> None:
    from netdash.store.journal import log_interaction
    from tests.tui.test_small_terminal import screen_lines

    ana = add_person(tui_db, "Ana Souza", cadence_days=7)
    for day in range(1, 6):
        log_interaction(
            tui_db, people=[ana], occurred_on=date(2026, 11, day), today=TODAY, kind="call"
        )
    for topic in ("python", "design", "hiring", "cooking"):
        add_vouch(tui_db, ana, direction="given", topic=topic, occurred_on=date(2026, 2, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(app, pilot, ana)
        await workers_done(pilot)
        await wait_for(pilot, lambda: "? Help" in screen_lines(app)[-1], "the footer")
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert "Vouches · 4 · V adds one · Tab chooses one: e edits it, x deletes it" in text
        assert "Timeline · 5 entries" in text and "2026-11-05" in text  # the timeline has rows
        assert "? Help" in lines[-1], lines[-1]
        await pilot.press("tab")
        await wait_for(pilot, lambda: "Edit vouch" in screen_lines(app)[-1], "the list's keys")
        lines = screen_lines(app)
        assert "e Edit vouch" in lines[-1] and "x Delete" in lines[-1], lines[-1]
        assert "? Help" in lines[-1], lines[-1]
