"""Issue 16: `/` from anywhere opens one search; its results follow the typing and Enter opens
what was found. The list filters `/` used to open moved to `f`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList

from netdash.domain.models import Handle
from netdash.store.community import add_contribution
from netdash.store.db import open_db
from netdash.store.journal import log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.contributions import ContributionsScreen
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.entry_view import EntryView
from netdash.tui.screens.journal import JournalScreen
from netdash.tui.screens.outcomes import OutcomesScreen
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.screens.person import PersonScreen
from netdash.tui.screens.search import SearchScreen
from tests.conftest import TERMINAL_ACTIVE
from tests.tui.waits import scored, wait_for

TODAY = date(2026, 11, 26)
MARKUP = "[b]Bob[/b] [/"


def seed(db: Database) -> dict[str, int]:
    ana = add_person(db, "Ana Souza", handles=[Handle("mastodon", "ana@example.social")])
    add_person(db, MARKUP, notes="met at the harbour \x1b[2J")
    entry = log_interaction(db, people=[ana], occurred_on=date(2026, 11, 2), today=TODAY,
                            kind="call", note="about the harbour festival")  # fmt: skip
    given = add_contribution(db, organisation="Harbour Cleanup", occurred_on=date(2025, 6, 1),
                             today=TODAY, minutes=90)  # fmt: skip
    older = add_contribution(db, organisation="Harbour Cleanup", occurred_on=date(2025, 3, 1),
                             today=TODAY, minutes=30)  # fmt: skip
    outcome = add_outcome(db, title="Harbour talk", occurred_on=date(2026, 5, 5), today=TODAY)
    add_outcome(db, title="Client", occurred_on=date(2026, 9, 9), today=TODAY)
    return {"ana": ana, "entry": entry.interaction_id, "given": given.contribution_id,
            "older": older.contribution_id, "outcome": outcome}  # fmt: skip


def shown(screen: SearchScreen) -> list[str]:
    return [str(option.prompt) for option in screen.query_one(OptionList).options]


async def search_for(pilot: Pilot[None], app: NetdashApp, text: str) -> SearchScreen:
    await pilot.press("slash", *text)
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await wait_for(pilot, lambda: screen.query_text == text and screen.searches > 0)
    await wait_for(pilot, lambda: screen.results.query == text, f"results for {text!r}")
    await pilot.pause()
    return screen


async def test_slash_from_the_dashboard_finds_and_opens_a_person(
    app: NetdashApp, tui_db: Database
) -> None:
    ids = seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        assert isinstance(app.screen, DashboardScreen)
        screen = await search_for(pilot, app, "sou")
        assert shown(screen) == ["People", f"#{ids['ana']}  Ana Souza"]
        assert screen.query_one(Input).has_focus
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")
        assert isinstance(app.screen, PersonScreen) and app.screen.person_id == ids["ana"]


async def test_results_are_grouped_and_user_text_shows_as_typed(
    app: NetdashApp, tui_db: Database
) -> None:
    ids = seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        screen = await search_for(pilot, app, "harbour")
        assert shown(screen) == [
            "People",
            "#2  [b]Bob[/b] [/  met at the harbour ␛[2J",
            "Entries",
            f"#{ids['entry']}  2026-11-02  Ana Souza  about the harbour festival",
            "Community work",
            f"#{ids['given']}  2025-06-01  Harbour Cleanup",
            "#2  2025-03-01  Harbour Cleanup",
            "Outcomes",
            f"#{ids['outcome']}  2026-05-05  Harbour talk",
        ]
        assert not set("".join(shown(screen))) & TERMINAL_ACTIVE
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


@pytest.mark.parametrize("downs", [2, 4, 5])
async def test_enter_opens_an_entry_a_contribution_or_an_outcome(
    app: NetdashApp, tui_db: Database, downs: int
) -> None:
    ids = seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        await search_for(pilot, app, "harbour")
        await pilot.press(*["down"] * downs, "enter")  # the first down goes to the list
        if downs == 2:
            await wait_for(pilot, lambda: isinstance(app.screen, EntryView), "the entry")
            assert isinstance(app.screen, EntryView) and app.screen.entry.id == ids["entry"]
            return
        # the second contribution found (the older) and the outcome are each the second row of
        # their screen's table: the cursor must move to them
        kind = ContributionsScreen if downs == 4 else OutcomesScreen
        table_id = "#contributions" if downs == 4 else "#outcomes"
        wanted = str(ids["older"] if downs == 4 else ids["outcome"])
        await wait_for(pilot, lambda: isinstance(app.screen, kind), kind.__name__)
        table = app.screen.query_one(table_id, DataTable)
        await wait_for(
            pilot,
            lambda: (
                table.row_count > 1
                and table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == wanted
            ),
            "the cursor on the result",
        )
        assert table.cursor_row == 1
        if downs == 4:
            assert isinstance(app.screen, ContributionsScreen) and app.screen.year == 2025


async def test_slash_on_the_lists_is_the_search_and_f_their_filter(
    app: NetdashApp, tui_db: Database
) -> None:
    seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        for mode, kind, box in (
            ("p", PeopleScreen, "#people-search"),
            ("j", JournalScreen, "#filter-person"),
        ):
            await pilot.press(mode)
            await wait_for(pilot, lambda: isinstance(app.screen, kind), kind.__name__)  # noqa: B023
            await pilot.press("slash")
            assert isinstance(app.screen, SearchScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, kind)
            await pilot.press("f")
            assert app.screen.query_one(box, Input).has_focus
            await pilot.press("escape")  # from the filter back to the list


async def test_typing_in_a_worker_shows_the_newest_query(tmp_path: Path) -> None:
    """On a journal file each search runs in a worker; typed fast, the last word wins."""
    path = tmp_path / "journal.db"
    db = open_db(path)
    try:
        seed(db)
        app = NetdashApp(db, db_path=path, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await scored(pilot)
            screen = await search_for(pilot, app, "harbour talk")
            assert shown(screen) == ["Outcomes", "#1  2026-05-05  Harbour talk"]
            await pilot.press(*["backspace"] * len("harbour talk"), *"client")
            await wait_for(pilot, lambda: screen.results.query == "client", "the newest query")
            await pilot.pause()
            assert shown(screen) == ["Outcomes", "#2  2026-09-09  Client"]
            await pilot.press(*["backspace"] * 6, *"nothing here")
            await wait_for(pilot, lambda: screen.results.query == "nothing here")
            assert shown(screen) == []
    finally:
        db.close()


async def test_enter_before_the_results_opens_the_top_result_of_what_was_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typed "ana" and Enter at once: the results for "an" are on screen, those for "ana" still
    on the way (a worker, on a journal file); Enter opens Ana when they come, never a result of
    the older text."""
    import threading

    from netdash.store.search import search as searched
    from netdash.tui.screens import search as screen_module

    held = threading.Event()

    def slow_for_ana(db: Database, text: str, *, limit: int) -> object:
        if text == "ana":
            held.wait(10)
        return searched(db, text, limit=limit)

    monkeypatch.setattr(screen_module, "search", slow_for_ana)
    path = tmp_path / "journal.db"
    db = open_db(path)
    try:
        ids = seed(db)
        app = NetdashApp(db, db_path=path, watch_interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await scored(pilot)
            screen = await search_for(pilot, app, "an")
            await pilot.press("a", "enter")
            await pilot.pause(0.2)
            assert app.screen is screen  # nothing opened from the results for "an"
            held.set()
            await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")
            assert isinstance(app.screen, PersonScreen) and app.screen.person_id == ids["ana"]
    finally:
        held.set()
        db.close()


async def test_slash_in_a_form_is_typed_not_a_search(app: NetdashApp, tui_db: Database) -> None:
    seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        await pilot.press("n", "slash")
        form = app.screen
        assert not isinstance(form, SearchScreen)
        assert form.query_one("#who", Input).value == "/"
        form.set_focus(None)  # not in a text box: the key reaches the app's binding
        await pilot.press("slash")
        assert app.screen is form


async def test_a_double_enter_opens_one_result(app: NetdashApp, tui_db: Database) -> None:
    seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        screen = await search_for(pilot, app, "sou")
        screen._enter_in_box()
        screen._enter_in_box()  # a second Enter queued before the first one's page opened
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")
        assert sum(isinstance(s, PersonScreen) for s in app.screen_stack) == 1
