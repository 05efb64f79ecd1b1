"""Issue 13's keys: mode keys land on the mode's own list, a modal's footer lists only what
works in it, Escape on People clears the search first, Help opens at the current screen."""

from __future__ import annotations

from sqlite_utils import Database
from textual.widgets import Footer, Input

from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.commands import SCREENS, help_rows
from netdash.tui.screens.audience import AudienceScreen
from netdash.tui.screens.help import HelpScreen
from netdash.tui.screens.journal import JournalScreen
from netdash.tui.screens.known_followers import KnownFollowersScreen
from netdash.tui.screens.log_form import LogForm
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.screens.person import PersonScreen
from netdash.tui.widgets.paged_table import PagedTable
from tests.tui.test_small_terminal import screen_lines
from tests.tui.waits import scored, wait_for, workers_done


async def test_p_lands_on_the_people_list_not_a_person_left_open(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = add_person(tui_db, "Ana Souza")
    async with app.run_test(size=(120, 36)) as pilot:
        await scored(pilot)
        await pilot.press("p")
        app.open_person(ana)  # opened from People, left open over it
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")
        await pilot.press("d", "p")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen), "the People list")
        assert len(app.screen_stack) == 1


async def test_a_lands_on_the_audience_list_not_a_list_left_open(app: NetdashApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await scored(pilot)
        await app.show_known_followers()
        await wait_for(
            pilot, lambda: isinstance(app.screen, KnownFollowersScreen), "known followers"
        )
        await pilot.press("d", "a")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "Audience")
        assert len(app.screen_stack) == 1


async def test_a_modal_footer_shows_only_its_keys(app: NetdashApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await scored(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), "the log form")
        await wait_for(pilot, lambda: bool(app.screen.query(Footer)), "the form's footer")
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "Cancel" in footer and "Save" in footer, footer
        assert "Dashboard" not in footer and "People" not in footer, footer


async def test_escape_on_people_clears_the_search_first(app: NetdashApp, tui_db: Database) -> None:
    add_person(tui_db, "Ana Souza")
    add_person(tui_db, "Bo Lind")
    async with app.run_test(size=(120, 36)) as pilot:
        await scored(pilot)
        await pilot.press("p", "f", *"ana")
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        search = screen.query_one("#people-search", Input)
        table = screen.query_one(PagedTable)
        await wait_for(pilot, lambda: table.row_count == 1, "one match (Ana)")
        await pilot.press("escape")
        await wait_for(pilot, lambda: table.row_count == 2, "everyone again (Ana and Bo)")
        assert search.value == "" and search.has_focus
        await pilot.press("escape")
        assert table.has_focus


async def test_help_lists_every_screen_and_opens_at_the_current_one(app: NetdashApp) -> None:
    assert [title for title, _ in help_rows()] == list(SCREENS.values())
    async with app.run_test(size=(80, 24)) as pilot:
        await scored(pilot)
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), "the Journal")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "Help")
        await workers_done(pilot)
        await pilot.pause(0.1)
        assert any("Journal (this screen)" in line for line in screen_lines(app))
        assert any("filter by person" in line for line in screen_lines(app))
