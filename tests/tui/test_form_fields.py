"""A refusal lands on the box it is about: forms read ``InvalidInput.field``, not the message."""

from __future__ import annotations

from typing import Any

import pytest
from sqlite_utils import Database
from textual.screen import Screen
from textual.widgets import Input, Static

from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.community_forms import ContributionForm
from netdash.tui.screens.form import FormScreen
from netdash.tui.screens.log_form import LogForm
from netdash.tui.widgets.note_area import NoteArea
from tests.tui.conftest import edit_person, static_text


def assert_refused_at(form: Screen[Any], box: str, words: str) -> None:
    assert isinstance(form, FormScreen)
    assert words in static_text(form.query_one("#form-error", Static))
    assert form.focused is form.query_one(f"#{box}")
    assert [widget.id for widget in form.query(".-invalid")] == [box]


@pytest.mark.parametrize(
    ("box", "typed", "words"),
    [
        ("birthday", "1990-02-30", "birthday"),
        ("tags", "x" * 600, "tag is 600 characters"),
        ("cadence", "0", "cadence is a number of days"),
        ("emails", "not-an-address", "not an e-mail address"),
        ("phones", "call me", "not a phone number"),
        ("name", " ", "a person needs a name"),
    ],
)
async def test_person_form_points_at_the_box(
    app: NetdashApp, tui_db: Database, box: str, typed: str, words: str
) -> None:
    person_id = add_person(tui_db, "Bo Chen")
    async with app.run_test(size=(120, 50)) as pilot:
        form = await edit_person(pilot, person_id)
        form.query_one(f"#{box}", Input).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused, nothing written
        assert_refused_at(form, box, words)


async def test_log_form_points_at_the_note(app: NetdashApp, tui_db: Database) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"Grace Hopper")
        form = app.screen
        assert isinstance(form, LogForm)
        form.query_one("#note", NoteArea).text = "x" * 30_000
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert_refused_at(form, "note", "note is 30,000 characters")
        assert tui_db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("values", "box", "words"),
    [
        ({"org": "Food Bank", "hours": "lots"}, "hours", "hours as a number"),
        ({"org": "Food Bank", "hours": "NaN"}, "hours", "hours must be a number, not NaN"),
        ({"org": " ", "hours": "4"}, "org", "needs an organisation"),
        ({"org": "Food Bank", "money": "5 ABC"}, "money", "ISO 4217"),
    ],
)
async def test_contribution_form_points_at_the_box(
    app: NetdashApp, tui_db: Database, values: dict[str, str], box: str, words: str
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        form = app.screen
        assert isinstance(form, ContributionForm)
        for field, value in values.items():
            form.query_one(f"#{field}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert_refused_at(form, box, words)
        assert tui_db.execute("SELECT COUNT(*) FROM contributions").fetchone()[0] == 0
