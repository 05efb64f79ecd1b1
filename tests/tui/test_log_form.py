"""The core loop by keyboard: n, a name, Enter."""

from __future__ import annotations

from sqlite_utils import Database
from textual.widgets import DataTable, Input, Select, Static

from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.log_form import LogForm
from netdash.tui.widgets.numbers import NumberTable
from tests.conftest import MARKUP_NAME, TODAY
from tests.tui.conftest import column_text, static_text


async def test_empty_dashboard_teaches(app: NetdashApp) -> None:
    async with app.run_test(size=(120, 40)):
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert screen.has_class("-empty")
        welcome = screen.query_one("#welcome", Static)
        assert welcome.display
        assert "log a connection" in static_text(welcome)
        assert "netdash demo" in static_text(welcome)


async def test_n_name_enter_logs_and_refreshes(app: NetdashApp, tui_db: Database) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, LogForm)
        assert app.screen.focused is app.screen.query_one("#who", Input)
        await pilot.press(*"Ada Lovelace", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert tui_db.execute("SELECT name FROM people").fetchall() == [("Ada Lovelace",)]
        assert tui_db.execute(
            "SELECT occurred_on, kind, initiated_by, depth FROM interactions"
        ).fetchall() == [(TODAY.isoformat(), "in_person", "me", 2)]
        numbers = static_text(app.screen.query_one("#depth-numbers", NumberTable))
        assert "People in your journal" in numbers and " 1 " in numbers.replace("\n", " ")
        assert not app.screen.has_class("-empty")
        recent = app.screen.query_one("#recent-table", DataTable)
        assert column_text(recent, 1) == ["Ada Lovelace"]
        assert any("Ada Lovelace (new)" in n.message for n in app.notices)
        this_year = static_text(app.screen.query_one("#this-year", NumberTable), width=120)
        assert "2026 so far" in this_year and "0 outcomes" in this_year


async def test_escape_writes_nothing(app: NetdashApp, tui_db: Database) -> None:
    async with app.run_test() as pilot:
        await pilot.press("n", *"Grace", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert tui_db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0


async def test_invalid_input_is_shown_in_the_form(app: NetdashApp, tui_db: Database) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "enter")
        form = app.screen
        assert isinstance(form, LogForm)
        assert "Who was it" in static_text(form.query_one("#form-error", Static))
        await pilot.press(*"Grace Hopper", "tab")
        when = form.query_one("#when", Input)
        assert form.focused is when
        when.value = "yesterdy"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LogForm)
        assert "not a date" in static_text(form.query_one("#form-error", Static))
        assert form.focused is when
        assert tui_db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0


async def test_every_field_by_keyboard(app: NetdashApp, tui_db: Database) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"Grace Hopper, Ana", "tab")
        form = app.screen
        form.query_one("#when", Input).value = "3 days ago"
        await pilot.press("tab")  # kind
        assert form.focused is form.query_one("#kind", Select)
        await pilot.press("enter", "down", "enter")  # in person -> call
        await pilot.press("tab", "enter", "down", "enter")  # me -> them
        await pilot.press("tab", "enter", "down", "down", "enter")  # 2 -> 4
        # in the note Enter makes a new line; ctrl+s saves from anywhere
        await pilot.press("tab", *"#navy work", "tab", *"talked about COBOL", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        row = tui_db.execute(
            "SELECT occurred_on, kind, initiated_by, depth, note FROM interactions"
        ).fetchone()
        assert row == ("2026-11-23", "call", "them", 4, "talked about COBOL")
        assert {r[0] for r in tui_db.execute("SELECT name FROM tags")} == {"navy", "work"}
        assert tui_db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 2


async def test_type_ahead_completes_existing_people(app: NetdashApp, tui_db: Database) -> None:
    ada = add_person(tui_db, "Ada Lovelace")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"ada l")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        form = app.screen
        assert form.query_one("#who", Input).value == "Ada Lovelace"
        assert "Ada Lovelace" in static_text(form.query_one("#who-preview", Static))
        await pilot.press("enter")
        await pilot.pause()
        assert tui_db.execute("SELECT person_id FROM interaction_people").fetchall() == [(ada,)]


async def test_markup_names_are_shown_as_typed(app: NetdashApp, tui_db: Database) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *MARKUP_NAME, "tab", "tab", "tab", "tab", "tab", "tab")
        await pilot.press(*"[red]note[/red] [/", "ctrl+s")  # Enter in the note: a new line
        await pilot.pause()
        assert tui_db.execute("SELECT name FROM people").fetchone() == (MARKUP_NAME,)
        recent = app.screen.query_one("#recent-table", DataTable)
        assert column_text(recent, 1) == [MARKUP_NAME]
        assert column_text(recent, 3) == ["[red]note[/red] [/"]
        assert any(MARKUP_NAME in n.message for n in app.notices)
