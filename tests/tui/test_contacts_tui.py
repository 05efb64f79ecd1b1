"""Contact details on the Person screen and form, and the Duplicates screen, driven by keys."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database
from textual.widgets import DataTable, Input, Static

from netdash.domain.models import ContactPoint
from netdash.store.journal import log_interaction
from netdash.store.people import add_person, get_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.duplicates import DuplicatesScreen
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.screens.person import PersonScreen
from netdash.tui.screens.person_form import PersonForm
from tests.conftest import MARKUP_NAME, TODAY
from tests.tui.conftest import column_text, edit_person, static_text


async def test_person_card_shows_contact_details(app: NetdashApp, tui_db: Database) -> None:
    person_id = add_person(
        tui_db,
        "Priya Raman",
        points=[
            ContactPoint("email", "priya@example.net", "work"),
            ContactPoint("phone", "+351 9"),
        ],
        birthday="--12-16",
        company="Northwind [Analytics]",
        job_title="Director",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_person(person_id)
        await pilot.pause()
        card = static_text(app.screen.query_one("#person-details", Static))
        assert "Director, Northwind [Analytics]" in card  # brackets shown, not markup
        assert "16 December · in 20 days" in card
        assert "priya@example.net (work)" in card and "+351 9" in card


async def test_person_form_edits_emails_phones_birthday_and_work(
    app: NetdashApp, tui_db: Database
) -> None:
    person_id = add_person(tui_db, "Bo Chen", points=[ContactPoint("email", "old@x.org", "home")])
    async with app.run_test(size=(120, 50)) as pilot:
        form = await edit_person(pilot, person_id)
        assert form.query_one("#emails", Input).value == "old@x.org"
        form.query_one("#emails", Input).value = "old@x.org Bo@New.org"
        form.query_one("#phones", Input).value = "+1 555 0100, ext. 12; +44 20 7946 0000"
        form.query_one("#birthday", Input).value = "1990-02-30"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)  # refused: no such day
        assert "birthday" in static_text(form.query_one("#form-error", Static))
        form.query_one("#birthday", Input).value = "1990-02-28"
        form.query_one("#company", Input).value = "Contoso"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        person = get_person(tui_db, person_id)
        assert [(p.value, p.label) for p in person.of_kind("email")] == [
            ("old@x.org", "home"),  # unchanged, label kept
            ("Bo@new.org", ""),  # the local part as typed, the domain lower-cased
        ]
        assert [p.value for p in person.of_kind("phone")] == [
            "+1 555 0100, ext. 12",  # a comma inside a number does not split it
            "+44 20 7946 0000",
        ]
        assert (person.birthday, person.company) == ("1990-02-28", "Contoso")


async def test_duplicates_screen_merges_and_dismisses(app: NetdashApp, tui_db: Database) -> None:
    keep = add_person(tui_db, "Tomás Reyes", points=[ContactPoint("email", "t@example.org")])
    other = add_person(tui_db, MARKUP_NAME, points=[ContactPoint("email", "T@example.org")])
    log_interaction(tui_db, people=[other], occurred_on=date(2026, 11, 1), today=TODAY, kind="call")
    add_person(tui_db, "Ada Lovelace")
    add_person(tui_db, "ada lovelace")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DuplicatesScreen)
        table = screen.query_one(DataTable)
        # the one with more history is on the left, where m keeps it
        assert column_text(table, 0)[0] == f"{MARKUP_NAME} #2 · 1 logged"
        assert column_text(table, 1)[0] == "Tomás Reyes #1 · 0 logged"
        assert column_text(table, 2) == ["same e-mail t@example.org", "same name"]
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert get_person(tui_db, keep).name == "Tomás Reyes"  # kept apart
        await pilot.press("r")  # the other way: keep Tomás
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert get_person(tui_db, keep).interactions == 1
        assert tui_db.execute("SELECT COUNT(*) FROM people WHERE id = ?", [other]).fetchone() == (
            0,
        )
        assert table.row_count == 1 and column_text(table, 2) == ["same name"]
        await pilot.press("x")
        await pilot.pause()
        assert table.row_count == 0
        assert "No likely duplicates" in static_text(screen.query_one("#duplicates-status", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)


async def test_linkedin_connections_become_people_from_the_tui(
    app: NetdashApp, tui_db: Database
) -> None:
    from netdash.importers.registry import open_export
    from netdash.store.imports import import_snapshot
    from netdash.tui.screens.connections import ConnectionsScreen
    from netdash.tui.widgets.paged_table import PagedTable
    from tests.importers.conftest import FIXTURES

    with open_export(FIXTURES / "linkedin", "linkedin") as snapshot:
        import_snapshot(tui_db, snapshot, file_name="Connections.csv", sha256="x", account="me")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConnectionsScreen)
        table = screen.query_one(PagedTable)
        assert column_text(table, 1) == ["Priya Raman", "Wei Zhang", "Jen O'Neil", "Tomás Reyes"]
        status = static_text(screen.query_one("#connections-status", Static), width=200)
        assert "4 LinkedIn connections, 4 not yet people" in status
        await pilot.press("enter")  # Priya
        await pilot.pause()
        assert column_text(table, 4)[0] == "✓ Priya Raman"
        priya = get_person(tui_db, 1)
        assert priya.company == "Northwind Analytics" and priya.how_met == "LinkedIn"
        await pilot.press("enter")  # already a person: opens her
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f", *"fabrikam")
        await pilot.pause()
        assert column_text(table, 1) == ["Wei Zhang"]
        await pilot.press("escape")
        screen.query_one("#connections-search", Input).value = ""
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        count = tui_db.execute("SELECT COUNT(*) FROM people").fetchone()[0]
        assert count == 4
        assert all(cell.startswith("✓") for cell in column_text(table, 4))


async def test_a_pair_gone_stale_in_another_terminal_is_said_not_a_crash(
    app: NetdashApp, tui_db: Database
) -> None:
    from netdash.store.people import delete_person

    add_person(tui_db, "Ada Lovelace")
    gone = add_person(tui_db, "ada lovelace")
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_duplicates()
        await pilot.pause()
        delete_person(tui_db, gone)  # as if from another terminal, before the screen knows
        await pilot.press("x")
        await pilot.pause()
        assert any("no person with id" in n.message for n in app.notices)
        assert isinstance(app.screen, DuplicatesScreen)
        assert app.screen.query_one(DataTable).row_count == 0
