"""Every form and modal answers once, whatever arrives after (issue 13).

Enter pressed twice quickly (key repeat, or keys queued while the app was busy) used to save
twice and then pop the screen beneath the form: ``ScreenStackError``, and netdash exited. Each
test presses the answer twice, both ways: through ``pilot.press`` in one call, and queued
together before the app handles the first (the app busy).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from netdash.store.db import open_db
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.community_forms import ContributionForm, OutcomeForm
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.import_form import ImportForm
from netdash.tui.screens.log_form import LogForm
from netdash.tui.screens.person import PersonScreen
from netdash.tui.screens.snooze import SnoozeForm
from tests.conftest import TODAY
from tests.importers.conftest import FIXTURES
from tests.tui.conftest import edit_person
from tests.tui.waits import wait_for, workers_done

TIMINGS = ["pressed", "queued"]


async def twice(pilot: Pilot[None], key: str, timing: str) -> None:
    """``key`` twice: pressed in one call, or both queued before the first is handled."""
    if timing == "pressed":
        await pilot.press(key, key)
    else:
        char = "\r" if key == "enter" else key
        for _ in range(2):
            pilot.app.post_message(events.Key(key, char))
    await pilot.pause()
    await pilot.pause()


def count(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def said(app: NetdashApp, words: str) -> int:
    return sum(words in notice.message for notice in app.notices)


async def open_form(
    pilot: Pilot[None], key: str, kind: type[object], fields: dict[str, str]
) -> None:
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind), f"the {key} form")
    for field, value in fields.items():
        pilot.app.screen.query_one(f"#{field}", Input).value = value


@pytest.mark.parametrize("timing", TIMINGS)
@pytest.mark.parametrize(
    ("key", "kind", "fields", "table"),
    [
        ("n", LogForm, {"who": "Ana Souza"}, "interactions"),
        ("g", ContributionForm, {"org": "Food Bank", "hours": "4"}, "contributions"),
        ("o", OutcomeForm, {"title": "Contract with Contoso"}, "outcomes"),
    ],
)
async def test_a_form_saves_once(
    app: NetdashApp,
    tui_db: Database,
    timing: str,
    key: str,
    kind: type[object],
    fields: dict[str, str],
    table: str,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_form(pilot, key, kind, fields)
        await twice(pilot, "enter", timing)
        assert count(tui_db, table) == 1  # one save: one row
        # the form is gone; a second Enter that reached the dashboard may open what it points at
        assert not any(isinstance(screen, kind) for screen in app.screen_stack)
        assert said(app, "") == 1  # one "Saved" notice
        assert app.is_running


@pytest.mark.parametrize("timing", TIMINGS)
async def test_the_person_form_saves_once(app: NetdashApp, tui_db: Database, timing: str) -> None:
    person_id = add_person(tui_db, "Bo Chen")
    async with app.run_test(size=(120, 50)) as pilot:
        form = await edit_person(pilot, person_id)
        form.query_one("#tags", Input).value = "climbing"
        await twice(pilot, "enter", timing)
        assert said(app, "Person saved") == 1
        assert count(tui_db, "person_tags") == 1
        assert isinstance(app.screen, PersonScreen)
        assert app.is_running


@pytest.mark.parametrize("timing", TIMINGS)
async def test_the_snooze_form_answers_once(app: NetdashApp, tui_db: Database, timing: str) -> None:
    person_id = add_person(tui_db, "Bo Chen")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_person(person_id)
        await pilot.pause()
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SnoozeForm), "the snooze form")
        await twice(pilot, "enter", timing)
        # the default 7 days from today 2026-11-26: 2026-12-03
        assert said(app, "Snoozed until 2026-12-03") == 1
        assert isinstance(app.screen, PersonScreen)
        assert app.is_running


@pytest.mark.parametrize("timing", TIMINGS)
async def test_a_question_is_answered_once(app: NetdashApp, tui_db: Database, timing: str) -> None:
    ana = add_person(tui_db, "Ana Souza")
    for days in (1, 2):
        log_interaction(
            tui_db, people=[ana], occurred_on=TODAY - timedelta(days=days), today=TODAY, kind="call"
        )
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_person(ana)
        await pilot.pause()
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await twice(pilot, "y", timing)
        assert count(tui_db, "interactions") == 2 - 1  # two logged, one deleted, once
        assert said(app, "Entry deleted") == 1
        assert isinstance(app.screen, PersonScreen)
        assert app.is_running


@pytest.mark.parametrize("timing", TIMINGS)
async def test_the_import_form_imports_once(tmp_path: Path, timing: str) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_form(pilot, "i", ImportForm, {"path": str(FIXTURES / "twitter")})
        await twice(pilot, "enter", timing)
        await wait_for(pilot, lambda: said(app, "4 followers") > 0, "the import")
        await workers_done(pilot)
        assert said(app, "4 followers") == 1
        assert app.is_running
    assert count(db, "imports") == 1
    db.close()


@pytest.mark.parametrize("timing", TIMINGS)
@pytest.mark.parametrize("searched", [True, False], ids=["found", "searching"])
async def test_the_palette_chooses_once(
    app: NetdashApp, tui_db: Database, timing: str, searched: bool
) -> None:
    # a large journal, so the search is still running when the second Enter comes
    for number in range(2_000):
        add_person(tui_db, f"Person {number:04d}")
    wanted = add_person(tui_db, "Zoe Quist")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"zoe quist")
        if searched:
            await workers_done(pilot)
        await twice(pilot, "enter", timing)
        await workers_done(pilot)
        await pilot.pause()
        people = [s for s in app.screen_stack if isinstance(s, PersonScreen)]
        assert len(people) <= 1
        if searched:  # the search had finished: the first Enter chose Zoe
            assert len(people) == 1
        assert all(screen.person_id == wanted for screen in people)
        assert isinstance(app.screen_stack[0], DashboardScreen)
        assert app.is_running
