"""D on a person's page deletes them after asking (in the command line's words); ctrl+z
anywhere asks, then puts the newest deletion back and reloads what is shown."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.person import PersonScreen
from tests.conftest import TODAY, kept_rows


def count(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


async def test_delete_a_person_then_ctrl_z(app: NetdashApp, tui_db: Database) -> None:
    ana = add_person(tui_db, "Ana Souza")
    bo = add_person(tui_db, "Bo Lind")
    log_interaction(tui_db, people=[ana], occurred_on=date(2026, 11, 1), today=TODAY, kind="call")
    log_interaction(
        tui_db, people=[ana, bo], occurred_on=date(2026, 11, 2), today=TODAY, kind="call"
    )
    before = kept_rows(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_person(ana)
        await pilot.pause()
        await pilot.press("D")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        # one entry had only Ana (goes), one she shares with Bo (stays)
        assert confirm.question == (
            "Delete Ana Souza and 1 entry that had only them; 1 shared entry keep the others?"
            " It can be undone (netdash undo, or ctrl+z in the app)."
        )
        await pilot.press("n")
        assert count(tui_db, "people") == 2
        await pilot.press("D", "y")
        await pilot.pause()
        await pilot.pause()
        assert count(tui_db, "people") == 1 and count(tui_db, "interactions") == 1
        assert not isinstance(app.screen, PersonScreen)  # her page closed itself
        await pilot.press("ctrl+z")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question.startswith("Undo 'delete Ana Souza and 1 entry")
        await pilot.press("ctrl+z")  # a repeated key asks nothing twice
        assert app.screen is question
        await pilot.press("y")
        await pilot.pause()
        assert kept_rows(tui_db) == before
        assert app.notices[-1].message.startswith("Undone: delete Ana Souza")


async def test_ctrl_z_with_nothing_to_undo_says_so(app: NetdashApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.notices[-1].message == "Nothing to undo"
