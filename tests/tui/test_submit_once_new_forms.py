"""The forms issue 13's second half added answer once too, pressed together and queued: the goal
and organisation-name forms on Community, the vouch form on a person's page and the give form in
its edit mode. And a guard: every modal netdash defines is double-submitted by some test, so a
new one cannot arrive without one."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date

import pytest
from sqlite_utils import Database
from textual.screen import ModalScreen
from textual.widgets import Input

import netdash.tui
from netdash.store.community import add_contribution
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.community import CommunityScreen
from netdash.tui.screens.community_forms import ContributionForm
from netdash.tui.screens.contributions import ContributionsScreen
from netdash.tui.screens.goal_form import GoalForm
from netdash.tui.screens.person import PersonScreen
from netdash.tui.screens.rename_form import RenameForm
from netdash.tui.screens.vouch_form import VouchForm
from tests.conftest import TODAY
from tests.tui.test_submit_once import TIMINGS, count, twice
from tests.tui.waits import wait_for, workers_done


def trash_items(db: Database) -> int:
    return count(db, "trash")


@pytest.mark.parametrize("timing", TIMINGS)
async def test_the_goal_form_saves_once(app: NetdashApp, tui_db: Database, timing: str) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CommunityScreen), "Community")
        await pilot.press("G")
        await wait_for(pilot, lambda: isinstance(app.screen, GoalForm), "the goal form")
        app.screen.query_one("#hours", Input).value = "40"
        await twice(pilot, "enter", timing)
        await workers_done(pilot)
        assert count(tui_db, "goals") == 1
        assert not any(isinstance(screen, GoalForm) for screen in app.screen_stack)
        assert app.is_running


@pytest.mark.parametrize("timing", TIMINGS)
async def test_the_rename_form_renames_once(app: NetdashApp, tui_db: Database, timing: str) -> None:
    add_contribution(tui_db, organisation="Food Bank", occurred_on=TODAY, today=TODAY, minutes=60)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CommunityScreen), "Community")
        await workers_done(pilot)
        await pilot.press("R")
        await wait_for(pilot, lambda: isinstance(app.screen, RenameForm), "rename")
        app.screen.query_one("#name", Input).value = "City Food Bank"
        await twice(pilot, "enter", timing)
        await workers_done(pilot)
        names = [row[0] for row in tui_db.execute("SELECT name FROM organisations")]
        assert names == ["City Food Bank"]
        assert trash_items(tui_db) == 1  # one rename kept for undo, not two
        assert app.is_running


@pytest.mark.parametrize("timing", TIMINGS)
async def test_the_vouch_form_saves_once(app: NetdashApp, tui_db: Database, timing: str) -> None:
    bo = add_person(tui_db, "Bo Chen")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_person(bo)
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Bo's page")
        await pilot.press("V")
        await wait_for(pilot, lambda: isinstance(app.screen, VouchForm), "the vouch form")
        app.screen.query_one("#topic", Input).value = "data engineering"
        await twice(pilot, "enter", timing)
        await workers_done(pilot)
        assert count(tui_db, "vouches") == 1
        assert app.is_running


@pytest.mark.parametrize("timing", TIMINGS)
async def test_an_edit_saves_once(app: NetdashApp, tui_db: Database, timing: str) -> None:
    add_contribution(
        tui_db, organisation="Food Bank", occurred_on=date(2026, 11, 20), today=TODAY, minutes=60
    )
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_contributions()
        await wait_for(pilot, lambda: isinstance(app.screen, ContributionsScreen), "the list")
        await workers_done(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ContributionForm), "the edit")
        app.screen.query_one("#hours", Input).value = "3"
        await twice(pilot, "enter", timing)
        await workers_done(pilot)
        minutes = [row[0] for row in tui_db.execute("SELECT minutes FROM contributions")]
        assert minutes == [180]  # 3 h, one row: edited, not added
        assert trash_items(tui_db) == 1
        assert app.is_running


#: Every modal screen netdash defines, and the test that answers it twice.
DOUBLE_SUBMITTED = {
    "LogForm": "test_submit_once.py::test_a_form_saves_once",
    "ContributionForm": "test_submit_once.py::test_a_form_saves_once, test_an_edit_saves_once",
    "OutcomeForm": "test_submit_once.py::test_a_form_saves_once",
    "PersonForm": "test_submit_once.py::test_the_person_form_saves_once",
    "SnoozeForm": "test_submit_once.py::test_the_snooze_form_answers_once",
    "ConfirmScreen": "test_submit_once.py::test_a_question_is_answered_once",
    "ImportForm": "test_submit_once.py::test_the_import_form_imports_once",
    "GoalForm": "test_the_goal_form_saves_once",
    "RenameForm": "test_the_rename_form_renames_once, test_audience_renames_an_account",
    "VouchForm": "test_the_vouch_form_saves_once",
    "SameNameQuestion": "test_new_person_same_name.py::test_a_double_enter_adds_one_ana",
    "ContributionDetail": "read-only: closes once (AnswerOnce), e/x hand over to the list",
    "EntryView": "read-only: closes once (AnswerOnce)",
    "StrangerForm": "test_backfill_tui.py::test_the_stranger_form_adds_once",
    "HistoryImported": "read-only: closes once (AnswerOnce); test_backfill_tui.py::"
    "test_a_dry_run_writes_nothing_and_a_bad_line_comes_back_to_the_form",
    "WhyScreen": "read-only, no answer",
    "ReviewScreen": "read-only, no answer",
    "HelpScreen": "read-only, no answer",
    "ChooseOncePalette": "test_submit_once.py::test_the_palette_chooses_once",
    "SearchScreen": "test_search.py::test_a_double_enter_opens_one_result",
}


def test_every_modal_is_double_submitted_by_a_test() -> None:
    for module in pkgutil.walk_packages(netdash.tui.__path__, "netdash.tui."):
        importlib.import_module(module.name)
    found: set[str] = set()
    waiting: list[type[object]] = [ModalScreen]
    while waiting:
        subclass: type[object]
        for subclass in waiting.pop().__subclasses__():
            waiting.append(subclass)
            if subclass.__module__.startswith("netdash."):
                found.add(subclass.__name__)
    found.discard("AnswerOnce")
    found.discard("FormScreen")
    assert found == set(DOUBLE_SUBMITTED), "a modal without a double-submit test"


@pytest.mark.parametrize("timing", TIMINGS)
async def test_audience_renames_an_account(app: NetdashApp, tui_db: Database, timing: str) -> None:
    """R on Audience: a handle another of your accounts has is refused on the box; a new one
    is saved once, and ctrl+z puts the old one back."""
    from netdash.store.audience import add_account
    from netdash.tui.screens.audience import AudienceScreen
    from netdash.tui.screens.confirm import ConfirmScreen

    add_account(tui_db, "mastodon", "me@example.social")
    add_account(tui_db, "mastodon", "me@other.social")
    handles = "SELECT handle FROM accounts ORDER BY id"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "Audience")
        await workers_done(pilot)
        await pilot.press("R")
        await wait_for(pilot, lambda: isinstance(app.screen, RenameForm), "the rename form")
        box = app.screen.query_one("#name", Input)
        taken = "me@other.social" if box.value == "me@example.social" else "me@example.social"
        box.value = taken
        await pilot.press("enter")
        error = str(app.screen.query_one("#form-error").render())
        assert "you already have the mastodon account" in error, error
        assert app.screen.focused is box
        box.value = "me@moved.social"
        await twice(pilot, "enter", timing)
        await workers_done(pilot)
        now = sorted(row[0] for row in tui_db.execute(handles))
        assert "me@moved.social" in now and len(now) == 2
        assert trash_items(tui_db) == 1
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the undo question")
        await pilot.press("y")
        await workers_done(pilot)
        assert sorted(row[0] for row in tui_db.execute(handles)) == [
            "me@example.social",
            "me@other.social",
        ]
