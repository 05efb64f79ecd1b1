"""Two John Smiths in the TUI: `n` on each one's page logs with that one, by id."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database
from textual.widgets import Input, Static

from netdash.store.journal import get_interaction, log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.log_form import LogForm, _new_person, person_field
from netdash.tui.screens.person import PersonScreen
from netdash.tui.widgets.note_area import NoteArea
from tests.conftest import TODAY
from tests.tui.conftest import static_text
from tests.tui.waits import wait_for


def two_johns(db: Database) -> tuple[int, int]:
    """John #1 at Acme, seen 2026-11-01; John #2 at Globex, seen 2026-11-10 (the later one)."""
    first = add_person(db, "John Smith", company="Acme")
    second = add_person(db, "John Smith", company="Globex")
    log_interaction(
        db, people=[first], occurred_on=date(2026, 11, 1), today=date(2026, 11, 20), kind="call"
    )
    log_interaction(
        db, people=[second], occurred_on=date(2026, 11, 10), today=date(2026, 11, 20), kind="call"
    )
    return first, second


def logged_with(db: Database) -> list[tuple[int, str]]:
    return [
        (int(row[0]), str(row[1]))
        for row in db.execute(
            "SELECT ip.person_id, i.occurred_on FROM interaction_people ip"
            " JOIN interactions i ON i.id = ip.interaction_id ORDER BY i.id"
        ).fetchall()
    ]


async def test_n_on_each_johns_page_logs_with_that_john(app: NetdashApp, tui_db: Database) -> None:
    first, second = two_johns(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        for person in (second, first):
            app.open_person(person)
            await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "the page")
            await pilot.pause()
            await pilot.press("n")
            await wait_for(pilot, lambda: isinstance(app.screen, LogForm), "the log form")
            form = app.screen
            assert isinstance(form, LogForm)
            assert form.query_one("#who", Input).value == f"John Smith #{person}"
            await pilot.press("enter")
            await wait_for(pilot, lambda: not isinstance(app.screen, LogForm), "the save")
    # the two seeded entries, then one with #2 and one with #1, both today
    assert logged_with(tui_db) == [
        (first, "2026-11-01"),
        (second, "2026-11-10"),
        (second, TODAY.isoformat()),
        (first, TODAY.isoformat()),
    ]
    assert tui_db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 2


async def test_the_old_suggestion_and_the_preview(app: NetdashApp, tui_db: Database) -> None:
    first, second = two_johns(tui_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("n", *"John Smith")
        form = app.screen
        assert isinstance(form, LogForm)
        await pilot.pause()
        preview = static_text(form.query_one("#who-preview", Static), width=300)
        assert "2 people match" in preview
        assert f"John Smith #{first} (Acme, last contact 2026-11-01)" in preview
        assert f"John Smith #{second} (Globex, last contact 2026-11-10)" in preview
        form.query_one("#who", Input).value = f"John Smith (#{first})"
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, LogForm), "the save")
    # "John Smith (#1)" is John #1: a third entry for him, and no person named "#1"
    assert logged_with(tui_db)[-1] == (first, TODAY.isoformat())
    assert tui_db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 2


async def test_editing_an_entry_keeps_its_john(app: NetdashApp, tui_db: Database) -> None:
    _, second = two_johns(tui_db)
    entry_id = tui_db.execute(
        "SELECT interaction_id FROM interaction_people WHERE person_id = ?", [second]
    ).fetchone()[0]
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LogForm(entry=get_interaction(tui_db, entry_id)))
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm)
        assert form.query_one("#who", Input).value == f"John Smith #{second}"
        form.query_one("#note", NoteArea).text = "edited"
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, LogForm), "the save")
    assert tui_db.execute(
        "SELECT ip.person_id, i.note FROM interactions i"
        " JOIN interaction_people ip ON ip.interaction_id = i.id WHERE i.id = ?",
        [entry_id],
    ).fetchall() == [(second, "edited")]


def test_a_new_person_preview_names_anyone_with_the_name(tui_db: Database) -> None:
    ana = add_person(tui_db, "Ana Souza")
    assert _new_person(tui_db, "ANA SOUZA") == f"ANA SOUZA (new — another Ana Souza exists, #{ana})"
    assert _new_person(tui_db, "Bo") == "Bo (new)"
    assert person_field(7, "Smith, John") == "#7"  # a comma would split the Who box
    assert person_field(7, "John Smith") == "John Smith #7"
