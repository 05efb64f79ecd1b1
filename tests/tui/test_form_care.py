"""Forms point at the right box and keep what was typed; failed workers say so (issue 13)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from textual.widgets import Input, Static

from netdash.store import depth
from netdash.store.db import open_db
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.community_forms import ContributionForm, OutcomeForm
from netdash.tui.screens.form import FormScreen, shortened
from netdash.tui.screens.import_form import in_form_words
from netdash.tui.screens.log_form import LogForm
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.widgets.note_area import NoteArea
from netdash.tui.workers import Report, run_in_worker
from tests.tui.conftest import edit_person, static_text
from tests.tui.waits import notified, wait_for


@pytest.mark.parametrize("typed", ["-", "+", "-7"])
async def test_a_sign_in_keep_in_touch_is_a_field_error(
    app: NetdashApp, tui_db: Database, typed: str
) -> None:
    person_id = add_person(tui_db, "Bo Chen")
    async with app.run_test(size=(120, 50)) as pilot:
        form = await edit_person(pilot, person_id)
        form.query_one("#cadence", Input).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and app.is_running  # refused, not a ValueError
        assert form.focused is form.query_one("#cadence", Input)
        words = static_text(form.query_one("#form-error", Static))
        assert "number of days" in words
    assert tui_db.execute("SELECT cadence_days FROM people").fetchone() == (None,)


@pytest.mark.parametrize(("box", "other"), [("who", "when"), ("when", "who"), ("note", "who")])
async def test_a_refusal_about_a_long_paste_stays_in_view(
    app: NetdashApp, tui_db: Database, box: str, other: str
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, LogForm)
        form.query_one(f"#{other}", Input).value = "Grace Hopper" if other == "who" else "today"
        field = form.query_one(f"#{box}")
        if isinstance(field, NoteArea):  # the note is a text area: several lines
            field.text = "x" * 30_000
        else:
            assert isinstance(field, Input)
            field.value = "x" * 30_000  # a paste too long for any box
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#form-error", Static)
        assert static_text(error).strip()
        # on screen: the refusal's box lies inside the 80x24 terminal and the form's own view
        assert 0 < error.region.height <= 4
        assert error.region.bottom <= 24 and error.region.right <= 80
        assert form.query_one("#log-form").region.contains_region(error.region)
        assert form.focused is field
    assert tui_db.execute("SELECT COUNT(*) FROM people").fetchone() == (0,)


def test_a_shortened_refusal_keeps_its_start_and_its_end() -> None:
    message = "'" + "x" * 1_000 + "': not a date"
    short = shortened(message, limit=41)
    # (41 - 1) // 2 = 20 characters each side of the ellipsis: 20 + 1 + 20 = 41
    assert short == "'" + "x" * 19 + "…" + "x" * 7 + "': not a date"
    assert shortened("fine", limit=41) == "fine"


async def test_the_give_form_keeps_the_cause_and_previews_new_people(
    app: NetdashApp, tui_db: Database
) -> None:
    add_person(tui_db, "Ana Souza")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        form = app.screen
        assert isinstance(form, ContributionForm)
        form.query_one("#with", Input).value = "Ana Souza, Cy New"
        await pilot.pause()
        preview = static_text(form.query_one("#with-preview", Static))
        assert "Ana Souza" in preview and "Cy New (new)" in preview
        assert "Ana Souza (new)" not in preview
        for field, value in (("org", "Food Bank"), ("cause", "food security"), ("hours", "4")):
            form.query_one(f"#{field}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    assert tui_db.execute("SELECT name, cause FROM organisations").fetchall() == [
        ("Food Bank", "food security")
    ]


async def test_the_outcome_form_previews_new_people_by_name_not_role(
    app: NetdashApp, tui_db: Database
) -> None:
    add_person(tui_db, "Ana Souza")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        form = app.screen
        assert isinstance(form, OutcomeForm)
        form.query_one("#people", Input).value = "Ana Souza: introduced, Cy New"
        await pilot.pause()
        preview = static_text(form.query_one("#people-preview", Static))
        assert "Ana Souza" in preview and "Cy New (new)" in preview
        assert "introduced" not in preview and "Ana Souza (new)" not in preview


def test_an_import_refusal_in_the_forms_words() -> None:
    said, box = in_form_words(
        "you have several mastodon accounts (a@x.social, b@y.social); pass --account"
    )
    assert (said, box) == (
        "you have several mastodon accounts (a@x.social, b@y.social); type which one is yours"
        " under Your account",
        "account",
    )
    said, box = in_form_words(
        "x.zip: not an export netdash knows (…); name the source: netdash import SOURCE PATH"
    )
    assert box == "source" and "netdash import" not in said
    assert in_form_words("x.zip: truncated") == ("x.zip: truncated", "path")


@pytest.mark.parametrize(
    ("refusal", "said"),
    [
        (  # calendar
            "cannot tell which guest is you (a@x.org or b@y.org): pass --me YOUR@ADDRESS",
            "cannot tell which guest is you (a@x.org or b@y.org): type your address under You are",
        ),
        (  # mbox
            "cannot tell which address is yours: pass --me ADDRESS",
            "cannot tell which address is yours: type your address under You are",
        ),
        (  # telegram
            "cannot tell which sender is you in the group 'Team':"
            " pass --me NAME (your name as Telegram shows it)",
            "cannot tell which sender is you in the group 'Team':"
            " type your name under You are (your name as Telegram shows it)",
        ),
        (  # whatsapp
            "cannot tell which of its senders (Ana, Rui) is you: pass --me NAME,"
            " your name as the chat shows it",
            "cannot tell which of its senders (Ana, Rui) is you: type your name under You are,"
            " your name as the chat shows it",
        ),
        (  # meta-messages
            "cannot tell which participant is you: pass --me NAME (your name as Messenger or"
            " Instagram shows it)",
            "cannot tell which participant is you: type your name under You are (your name as"
            " Messenger or Instagram shows it)",
        ),
    ],
)
def test_a_history_readers_refusal_names_the_you_are_box(refusal: str, said: str) -> None:
    assert in_form_words(refusal) == (said, "me")


async def test_scoring_that_fails_is_said_and_the_app_stays_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("the scores table is damaged")

    monkeypatch.setattr(depth, "depth_standing", broken)
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await notified(pilot, "the scores table is damaged")
        assert [(n.title, n.severity) for n in app.notices] == [("Scores not computed", "error")]
        await pilot.press("p")  # keys still work
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen), "People")
        assert app.is_running
    db.close()


async def test_a_result_that_cannot_be_shown_is_said_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    ended: list[bool] = []

    def done(result: int) -> None:
        raise KeyError(result)  # a bug in showing the result, on the UI thread

    def job(report: Report) -> int:
        return 7

    async with app.run_test() as pilot:
        run_in_worker(app, "test", job, done, failure="Not shown", ended=lambda: ended.append(True))
        await notified(pilot, "Not shown")
        assert ended == [True]
        assert app.is_running
    db.close()
