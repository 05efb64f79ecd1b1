"""e edits and x deletes a contribution or an outcome on their lists, through the give and
outcome forms filled in from the row; ctrl+z puts the old row back."""

from __future__ import annotations

from decimal import Decimal

from sqlite_utils import Database
from textual.widgets import DataTable, Input, Select, Static

from netdash.domain import dates
from netdash.store.community import add_contribution
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.community_forms import ContributionForm, OutcomeForm
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.contributions import ContributionDetail, ContributionsScreen
from netdash.tui.screens.outcomes import OutcomesScreen
from tests.conftest import kept_rows
from tests.tui.conftest import static_text
from tests.tui.waits import notified, wait_for

CONTRIBUTION = "SELECT id, organisation_id, occurred_on, minutes, money_minor, currency,"
CONTRIBUTION += " result_quantity, result_unit, role, note FROM contributions ORDER BY id"


def contributions(db: Database) -> list[tuple[object, ...]]:
    return db.execute(CONTRIBUTION).fetchall()


def count(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def two_contributions(db: Database) -> int:
    """Food Bank: 1.5 h with Ana, 120 meals (id 1); Code Club: 50 USD (id 2), both today."""
    today = dates.today()
    ana = add_person(db, "Ana Souza")
    add_contribution(
        db,
        organisation="Food Bank",
        cause="food security",
        occurred_on=today,
        today=today,
        minutes=90,
        result=(Decimal(120), "meals served"),
        role="volunteer",
        people=[ana],
        note="sorted tins",
    )
    add_contribution(
        db, organisation="Code Club", occurred_on=today, today=today, money=(5_000, "USD")
    )
    return ana


async def open_contributions(app: NetdashApp) -> ContributionsScreen:
    screen = ContributionsScreen()
    await app.push_screen(screen)
    return screen


async def test_e_edits_only_the_fields_changed_and_ctrl_z_restores(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = two_contributions(tui_db)
    before = contributions(tui_db)
    kept = kept_rows(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contributions(app)
        await pilot.pause()
        await pilot.press("down", "e")  # newest first, same day: Code Club (2), Food Bank (1)
        form = app.screen
        assert isinstance(form, ContributionForm)
        assert "Edit contribution" in static_text(form.query_one(".form-title", Static))
        boxes = {box.id: box.value for box in form.query(Input)}
        assert boxes == {
            "org": "Food Bank",
            "cause": "food security",
            "when": dates.today().isoformat(),
            "hours": "1.5",
            "money": "",
            "result": "120 meals served",
            "role": "volunteer",
            "with": f"Ana Souza #{ana}",
            "note": "sorted tins",
        }
        form.query_one("#hours", Input).value = "4"
        form.query_one("#money", Input).value = "$20"
        await pilot.press("enter", "enter")  # a double Enter saves once
        # the second Enter reaches the list once the form is gone: it opens the row, as Enter does
        await wait_for(pilot, lambda: isinstance(app.screen, ContributionDetail), "the row shown")
        await pilot.press("escape")
        await notified(pilot, "Changed the contribution to Food Bank")
        after = contributions(tui_db)
        food_bank = (*before[0][:3], 240, 2_000, "USD", *before[0][6:])
        assert after == [food_bank, before[1]]
        assert count(tui_db, "contribution_people") == 1
        assert count(tui_db, "trash") == 1  # saved once
        table = screen.query_one(DataTable)
        assert table.cursor_row == 1  # still on Food Bank
        assert "4 h" in str(table.get_row_at(1)[2])

        await pilot.press("ctrl+z")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await notified(pilot, "Undone")
        assert kept_rows(tui_db) == kept


async def test_x_asks_n_and_escape_keep_y_deletes_ctrl_z_returns_it(
    app: NetdashApp, tui_db: Database
) -> None:
    two_contributions(tui_db)
    kept = kept_rows(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contributions(app)
        await pilot.pause()
        await pilot.press("down", "x")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        day = dates.today().isoformat()
        assert f"the contribution to Food Bank on {day}" in confirm.question
        assert "ctrl+z" in confirm.question
        await pilot.press("n")
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen_stack[-1] is screen and kept_rows(tui_db) == kept

        await pilot.press("x", "y", "y")  # a second y must not delete anything more
        await notified(pilot, "Deleted the contribution to Food Bank")
        assert [row[0] for row in contributions(tui_db)] == [2]
        assert count(tui_db, "contribution_people") == 0
        assert screen.query_one(DataTable).row_count == 1

        await pilot.press("ctrl+z", "y")
        await notified(pilot, "Undone")
        assert kept_rows(tui_db) == kept  # id 1 again, with Ana
        await wait_for(pilot, lambda: screen.query_one(DataTable).row_count == 2, "both rows")


async def test_the_detail_edits_and_deletes_too(app: NetdashApp, tui_db: Database) -> None:
    two_contributions(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contributions(app)
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, ContributionDetail)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContributionForm)
        assert form.query_one("#org", Input).value == "Code Club"
        assert form.query_one("#money", Input).value == "50.00 USD"
        await pilot.press("escape")
        await pilot.press("enter", "x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await notified(pilot, "Deleted the contribution to Code Club")
        assert [row[0] for row in contributions(tui_db)] == [1]


async def test_an_edit_refused_stays_on_its_box(app: NetdashApp, tui_db: Database) -> None:
    two_contributions(tui_db)
    before = contributions(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contributions(app)
        await pilot.pause()
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContributionForm)
        form.query_one("#money", Input).value = "5 ABC"
        form.query_one("#with", Input).value = "Bo Lind"
        await pilot.pause()
        assert "Bo Lind (new)" in static_text(form.query_one("#with-preview", Static))
        await pilot.press("enter")
        assert app.screen is form
        assert form.focused is form.query_one("#money", Input)
        assert "ISO 4217" in static_text(form.query_one("#form-error", Static))
        await pilot.press("escape")
        assert contributions(tui_db) == before and count(tui_db, "people") == 1


async def test_e_and_x_on_empty_lists_say_so(app: NetdashApp, tui_db: Database) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contributions(app)
        await pilot.pause()
        await pilot.press("e")
        await notified(pilot, "No contribution selected")
        await pilot.press("x")
        assert app.screen is screen
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, OutcomesScreen), "Outcomes")
        outcomes = app.screen
        await pilot.press("e", "x")
        await notified(pilot, "No outcome selected")
        assert app.screen is outcomes


def credited_outcome(db: Database) -> tuple[int, int]:
    today = dates.today()
    ana = add_person(db, "Ana Souza")
    first = add_outcome(db, title="Talk at PyCon", occurred_on=today, today=today, kind="talk")
    add_outcome(
        db,
        title="Contract with Contoso",
        occurred_on=today,
        today=today,
        kind="client",
        value=(1_200_000, "USD"),
        people=[(ana, "introduced")],
        organisations=["Code Club", "Food Bank, Inc."],
        platforms=["mastodon"],
        note="after the meetup",
    )
    return ana, first


async def test_e_edits_an_outcome_keeping_its_credits(app: NetdashApp, tui_db: Database) -> None:
    ana, _ = credited_outcome(tui_db)
    credits = "SELECT outcome_id, person_id, organisation_id, platform, role FROM outcome_credits"
    assert tui_db.execute(credits).fetchall() == [
        (2, ana, None, None, "introduced"),
        (2, None, 1, None, ""),
        (2, None, 2, None, ""),
        (2, None, None, "mastodon", ""),
    ]
    talk = tui_db.execute("SELECT * FROM outcomes WHERE id = 1").fetchone()
    kept = kept_rows(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, OutcomesScreen), "Outcomes")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("e")  # the newest: the contract
        form = app.screen
        assert isinstance(form, OutcomeForm)
        assert "Edit outcome" in static_text(form.query_one(".form-title", Static))
        assert {box.id: box.value for box in form.query(Input)} == {
            "title": "Contract with Contoso",
            "when": dates.today().isoformat(),
            "value": "12000.00 USD",
            "people": f"Ana Souza #{ana}: introduced",
            "orgs": "Code Club, Food Bank, Inc.",
            "platforms": "mastodon",
            "note": "after the meetup",
        }
        assert form.query_one("#kind", Select).value == "client"
        form.query_one("#title", Input).value = "Contract with Contoso Ltd"
        await pilot.press("enter", "enter")  # the second Enter then opens the first person
        await wait_for(pilot, lambda: app.screen is not form, "the form closed")
        await notified(pilot, "Changed the outcome 'Contract with Contoso Ltd'")
        assert tui_db.execute("SELECT id, title, kind, value_minor, note FROM outcomes").fetchall()[
            -1
        ] == (2, "Contract with Contoso Ltd", "client", 1_200_000, "after the meetup")
        assert tui_db.execute("SELECT * FROM outcomes WHERE id = 1").fetchone() == talk
        assert tui_db.execute(credits).fetchall() == [
            (2, ana, None, None, "introduced"),
            (2, None, 1, None, ""),
            (2, None, 2, None, ""),
            (2, None, None, "mastodon", ""),
        ]
        assert count(tui_db, "organisations") == 2 and count(tui_db, "people") == 1
        assert count(tui_db, "trash") == 1

        await pilot.press("ctrl+z", "y")
        await notified(pilot, "Undone")
        assert kept_rows(tui_db) == kept


async def test_x_deletes_an_outcome_and_ctrl_z_returns_it(
    app: NetdashApp, tui_db: Database
) -> None:
    credited_outcome(tui_db)
    kept = kept_rows(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, OutcomesScreen), "Outcomes")
        await pilot.pause()
        await pilot.press("down", "x")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "the outcome 'Talk at PyCon'" in confirm.question and "ctrl+z" in confirm.question
        await pilot.press("escape")
        assert kept_rows(tui_db) == kept
        await pilot.press("x", "y")
        await notified(pilot, "Deleted the outcome 'Talk at PyCon'")
        assert [row[0] for row in tui_db.execute("SELECT id FROM outcomes")] == [2]
        await pilot.press("ctrl+z", "y")
        await notified(pilot, "Undone")
        assert kept_rows(tui_db) == kept


async def test_a_row_deleted_elsewhere_while_asking_is_said_not_raised(
    app: NetdashApp, tui_db: Database
) -> None:
    """Another terminal deletes the contribution while the question is open: y says so, the
    app keeps running and the list drops the row."""
    from netdash.store.contributions import delete_contribution

    two_contributions(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contributions(app)
        await pilot.pause()
        await pilot.press("x")  # newest first, same day: Code Club (2)
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        delete_contribution(tui_db, 2)  # the other terminal
        await pilot.press("y")
        await notified(pilot, "Already deleted")
        assert app.is_running and count(tui_db, "contributions") == 1


async def test_the_detail_edits_the_row_it_showed_whatever_is_under_the_cursor(
    app: NetdashApp, tui_db: Database
) -> None:
    """A reload while the detail is open (another terminal's write) can put another row under
    the list's cursor; e in the detail still edits the contribution it showed."""
    two_contributions(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contributions(app)
        await pilot.pause()
        await pilot.press("enter")  # newest first, same day: Code Club (2)
        assert isinstance(app.screen, ContributionDetail) and app.screen.row.id == 2
        screen.query_one("#contributions", DataTable).move_cursor(row=1)  # Food Bank now
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContributionForm)
        assert form.query_one("#org", Input).value == "Code Club"
