"""+ on People adds a person; a name someone already has (any case) is asked about once in the
form, as `people add` refuses without --allow-same-name: Enter or y adds another, n or Escape
goes back to the name. A double Enter adds one person, and netdash stays open."""

from __future__ import annotations

from datetime import date

import pytest
from sqlite_utils import Database
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.screens.person import PersonScreen
from netdash.tui.screens.person_form import PersonForm
from netdash.tui.screens.same_name import SameNameQuestion
from tests.conftest import TODAY
from tests.tui.waits import notified, scored, wait_for


def ana_at_acme(db: Database) -> int:
    """Ana Souza #1, at Acme, last seen 3 May of this year."""
    ana = add_person(db, "Ana Souza", company="Acme")
    log_interaction(db, people=[ana], occurred_on=date(TODAY.year, 5, 3), today=TODAY, kind="call")
    return ana


def people(db: Database) -> list[tuple[str, str | None]]:
    return [(r[0], r[1]) for r in db.execute("SELECT name, company FROM people ORDER BY id")]


async def new_person_form(pilot: Pilot[None], name: str, company: str = "") -> PersonForm:
    """People, +, the name and company typed into the empty form, as a person would."""
    app = pilot.app
    await scored(pilot)
    await pilot.press("p")
    await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen), "People")
    await pilot.press("plus")
    await wait_for(pilot, lambda: isinstance(app.screen, PersonForm), "the form")
    form = app.screen
    assert isinstance(form, PersonForm)
    assert str(form.query_one(".form-title", Static).content) == "New person"
    assert form.focused is form.query_one("#name", Input)
    await pilot.press(*name)
    form.query_one("#company", Input).value = company
    return form


async def test_a_new_name_is_added_without_a_question(app: NetdashApp, tui_db: Database) -> None:
    ana = ana_at_acme(tui_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await new_person_form(pilot, "Bo Lind", "Globex")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Bo's page")
        await notified(pilot, f"Added Bo Lind (#{ana + 1})")
        screen = app.screen
        assert isinstance(screen, PersonScreen) and screen.person_id == ana + 1
    assert people(tui_db) == [("Ana Souza", "Acme"), ("Bo Lind", "Globex")]


async def test_yes_adds_another_ana_souza(app: NetdashApp, tui_db: Database) -> None:
    ana = ana_at_acme(tui_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await new_person_form(pilot, "ana souza", "Initech")  # any case is the same name
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SameNameQuestion), "the question")
        question = app.screen
        assert isinstance(question, SameNameQuestion)
        assert question.question == (
            f"There is already an Ana Souza (#{ana}, Acme, last contact 3 May)."
            " Add another ana souza?"
        )
        assert people(tui_db) == [("Ana Souza", "Acme")]  # nothing written while asking
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "the new page")
    assert people(tui_db) == [("Ana Souza", "Acme"), ("ana souza", "Initech")]


async def test_no_goes_back_to_the_name_and_a_new_name_is_not_asked_about(
    app: NetdashApp, tui_db: Database
) -> None:
    ana_at_acme(tui_db)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await new_person_form(pilot, "Ana Souza")
        form.query_one("#company", Input).focus()  # the cursor elsewhere when saving
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SameNameQuestion), "the question")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is form, "the form again")
        name = form.query_one("#name", Input)
        assert form.focused is name and name.value == "Ana Souza"  # kept, to be told apart
        assert people(tui_db) == [("Ana Souza", "Acme")]
        # asked again: n is no too
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SameNameQuestion), "the question")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is form, "the form again")
        name.value = "Ana Souza Lima"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "the new page")
    assert people(tui_db) == [("Ana Souza", "Acme"), ("Ana Souza Lima", None)]


@pytest.mark.parametrize("timing", ["pressed", "queued"])
async def test_a_double_enter_adds_one_ana(app: NetdashApp, tui_db: Database, timing: str) -> None:
    """Pressed, the first Enter saves (and asks) and the second answers. Queued before the
    question is shown, the second reaches the form, which is already asking: the question
    stays for an answer nobody gave yet."""
    ana_at_acme(tui_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await new_person_form(pilot, "Ana Souza", "Initech")
        if timing == "pressed":
            await pilot.press("enter", "enter")
        else:  # both queued before the first is handled: the app busy
            for _ in range(2):
                app.post_message(events.Key("enter", "\r"))
            await wait_for(pilot, lambda: isinstance(app.screen, SameNameQuestion), "asking")
            await pilot.pause()
            asking = [s for s in app.screen_stack if isinstance(s, SameNameQuestion)]
            assert len(asking) == 1 and app.screen is asking[0]  # asked once
            assert people(tui_db) == [("Ana Souza", "Acme")]
            await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "the new page")
        await pilot.pause()
        assert app.is_running
    assert people(tui_db) == [("Ana Souza", "Acme"), ("Ana Souza", "Initech")]


def test_two_of_the_name_and_never_logged(tui_db: Database) -> None:
    from netdash.actions.same_name import same_name_question
    from netdash.store.same_name import same_name

    first = ana_at_acme(tui_db)
    second = add_person(tui_db, "ANA SOUZA")
    question = same_name_question(
        tui_db, "Ana Souza", same_name(tui_db, "Ana Souza"), date(TODAY.year + 1, 1, 1)
    )
    assert question == (
        f"There are already 2 people called Ana Souza (#{first}, Acme, last contact"
        f" 3 May {TODAY.year}; #{second}, never logged). Add another Ana Souza?"
    )
