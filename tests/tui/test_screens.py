"""People, Person, Journal, help, palette and live refresh, driven by keys."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database
from textual.geometry import Region
from textual.widgets import DataTable, Input, Static

from netdash.domain.models import Handle
from netdash.store.db import open_db
from netdash.store.journal import NewPerson, count_interactions, log_interaction
from netdash.store.people import add_person, get_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.help import HelpScreen
from netdash.tui.screens.journal import JournalScreen
from netdash.tui.screens.log_form import LogForm
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.screens.person import PersonScreen
from netdash.tui.screens.person_form import PersonForm
from netdash.tui.widgets.note_area import NoteArea
from netdash.tui.widgets.numbers import NumberTable
from netdash.tui.widgets.paged_table import PagedTable
from netdash.tui.widgets.window_table import WindowTable
from tests.conftest import MARKUP_NAME, TODAY
from tests.tui.conftest import column_text, static_text
from tests.tui.waits import wait_for, workers_done


def shown_title(screen: PersonScreen) -> str:
    """The card's border title as drawn on its top edge (the public getter returns it as
    markup, and Textual does not escape a trailing ``[/`` there)."""
    card = screen.query_one("#person-card")
    (top,) = card.render_lines(Region(0, 0, card.outer_size.width, 1))
    return top.text.strip("╭╮┌┐┏┓╔╗ ").strip("─━═").strip()


def seed(db: Database) -> dict[str, int]:
    ids = {
        "ana": add_person(db, "Ana Souza", tags=["work"], handles=[Handle("github", "ana")]),
        "bo": add_person(db, "Bo Chen"),
        "bob": add_person(db, MARKUP_NAME),
    }
    for days, who, kind, tags in [
        (10, ["ana"], "call", ["work"]),
        (2, ["bo"], "message", []),
        (1, ["ana", "bob"], "event", ["party"]),
    ]:
        log_interaction(
            db,
            people=[ids[w] for w in who],
            occurred_on=TODAY - timedelta(days=days),
            today=TODAY,
            kind=kind,
            tags=tags,
            note=f"{kind} note",
        )
    return ids


async def test_people_search_sort_and_open(app: NetdashApp, tui_db: Database) -> None:
    ids = seed(tui_db)
    add_person(tui_db, "Cy Never")
    log_interaction(
        tui_db, people=[NewPerson("Zed Today")], occurred_on=TODAY, today=TODAY, kind="call"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        table = screen.query_one(PagedTable)
        by_name = [MARKUP_NAME, "Ana Souza", "Bo Chen", "Cy Never", "Zed Today"]
        assert column_text(table, 0) == by_name
        await pilot.press("s")
        by_contact = ["Zed Today", MARKUP_NAME, "Ana Souza", "Bo Chen", "Cy Never"]
        assert column_text(table, 0) == by_contact
        assert column_text(table, 1)[-1] == "never"
        await pilot.press("s", "s", "s")  # score, overdue, then name again
        assert column_text(table, 0) == by_name
        await pilot.press("f", *"work")  # a tag
        await pilot.pause()
        assert screen.focused is screen.query_one("#people-search", Input)
        assert column_text(table, 0) == ["Ana Souza"]
        assert "1 person matching 'work'" in static_text(screen.query_one("#people-status", Static))
        await pilot.press("enter", "enter")  # leave the search, open the person
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == ids["ana"]


async def test_people_list_loads_a_page_at_a_time(app: NetdashApp, tui_db: Database) -> None:
    with tui_db.atomic():
        for index in range(250):
            add_person(tui_db, f"Person {index:03d}")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        table = app.screen.query_one(PagedTable)
        assert table.total == 250
        assert table.row_count == PagedTable.PAGE_SIZE
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == 250


async def test_person_screen_edit_and_log_with_them(app: NetdashApp, tui_db: Database) -> None:
    ids = seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_person(ids["bob"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PersonScreen)
        assert shown_title(screen) == MARKUP_NAME
        assert "1 logged" in static_text(screen.query_one("#person-details", Static))
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#name", Input).value = "Bob [the builder]"
        form.query_one("#handles", Input).value = "github:bob mastodon:@bob@example.social"
        await pilot.press("enter")
        await pilot.pause()
        person = get_person(tui_db, ids["bob"])
        assert person.name == "Bob [the builder]"
        assert [str(h) for h in person.handles] == ["github:bob", "mastodon:bob@example.social"]
        assert shown_title(screen) == "Bob [the builder]"
        await pilot.press("n")
        assert isinstance(app.screen, LogForm)
        assert app.screen.query_one("#who", Input).value == f"Bob [the builder] #{ids['bob']}"
        await pilot.press("enter")
        await pilot.pause()
        assert get_person(tui_db, ids["bob"]).interactions == 2
        assert screen.query_one(PagedTable).row_count == 2


async def test_person_form_refuses_bad_handles(app: NetdashApp, tui_db: Database) -> None:
    ids = seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_person(ids["bo"])
        await pilot.pause()
        await pilot.press("e")
        form = app.screen
        form.query_one("#handles", Input).value = "not-a-handle"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        assert "PLATFORM:HANDLE" in static_text(form.query_one("#form-error", Static))
        await pilot.press("escape")
        assert get_person(tui_db, ids["bo"]).handles == ()


async def test_journal_filter_edit_and_delete(app: NetdashApp, tui_db: Database) -> None:
    seed(tui_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        table = screen.query_one(WindowTable)
        assert column_text(table, 2) == ["event", "message", "call"]
        await pilot.press("f", *"Ana Souza", "enter")
        await pilot.pause()
        assert column_text(table, 2) == ["event", "call"]
        screen.query_one("#filter-tag", Input).value = "#party"
        await pilot.pause()
        assert column_text(table, 2) == ["event"]
        await pilot.press("r")
        await pilot.pause()
        assert table.row_count == 3
        # edit the newest entry's note
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, LogForm)
        form.query_one("#note", NoteArea).text = "a better note"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert tui_db.execute(
            "SELECT COUNT(*) FROM interactions WHERE note = 'a better note'"
        ).fetchone() == (1,)
        # delete asks first; n keeps it, y deletes it
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert count_interactions(tui_db) == 3
        await pilot.press("x", "y")
        await pilot.pause()
        assert count_interactions(tui_db) == 2
        assert table.row_count == 2


async def test_help_lists_keys(app: NetdashApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_jumps_to_a_person(app: NetdashApp, tui_db: Database) -> None:
    ids = seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bo chen")
        await workers_done(pilot)  # the palette searches in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == ids["bo"]


async def test_palette_runs_actions(app: NetdashApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"log a connection")
        await workers_done(pilot)  # the palette searches in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LogForm)


async def test_writes_from_another_process_show_up(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    db = open_db(path)
    app = NetdashApp(db, watch_interval=0.1)
    async with app.run_test(size=(120, 40)) as pilot:
        other = open_db(path)  # as `netdash log` in a second terminal would
        log_interaction(
            other,
            people=[NewPerson("From Elsewhere")],
            occurred_on=TODAY,
            today=TODAY,
            kind="call",
        )
        other.close()
        recent = app.screen.query_one("#recent-table", DataTable)
        await wait_for(pilot, lambda: column_text(recent, 1) == ["From Elsewhere"], "the new row")
    db.close()


async def test_palette_shows_markup_names_as_text(app: NetdashApp, tui_db: Database) -> None:
    ids = seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bob")
        await workers_done(pilot)  # the palette searches in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == ids["bob"]


async def test_dashboard_shows_breadth_beside_depth(app: NetdashApp, tui_db: Database) -> None:
    from netdash.store.audience import record_follower_count
    from netdash.store.follower_lists import backfill_list_dates

    for followers, day in ((1200, "2026-11-01"), (1234, "2026-11-20")):
        record_follower_count(
            tui_db,
            platform="mastodon",
            account="@me@example.social",
            followers=followers,
            at=f"{day}T23:59:59Z",
            source="manual",
        )
    tui_db.execute(
        "INSERT INTO follower_accounts VALUES (1, '42', 'ada@example.social', '2026-11-01',"
        " '2026-11-20')"
    )
    add_person(tui_db, "Ada", handles=[Handle("mastodon", "ada@example.social")])
    backfill_list_dates(tui_db)  # the follower row was written by hand: date its list
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        breadth = static_text(app.screen.query_one("#breadth-numbers", NumberTable))
        assert "mastodon me@example.social" in breadth
        assert "1,234" in breadth and "+34 since 2026-11-01 (typed)" in breadth
        assert "\n  1 person you know among 1,234 followers" in breadth  # the account's own line
        assert "1 person you know among 1,234 followers" in breadth  # the total
