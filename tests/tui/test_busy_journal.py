"""An import holds the journal: the TUI never freezes, never exits, and loses nothing typed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from netdash.store.db import open_db
from netdash.store.journal import NewPerson, log_interaction
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.log_form import LogForm
from tests.conftest import TODAY, write_lock_held
from tests.tui.conftest import static_text
from tests.tui.waits import wait_for


async def test_a_save_during_an_import_waits_keeps_the_entry_and_saves_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        with write_lock_held(path):
            await pilot.press("n", *"Ada Lovelace", "enter")
            form = app.screen
            assert isinstance(form, LogForm)
            error = form.query_one("#form-error", Static)
            await wait_for(pilot, lambda: "Waiting for an import" in static_text(error))
            await pilot.press("enter", "enter")  # impatient: still one entry in the end
            # The keys were handled while the import still holds the journal: the form is
            # still waiting, not frozen in SQLite's busy wait and not given up.
            assert app.screen is form and app.is_running
            assert "Waiting for an import" in static_text(error)
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
    rows = db.execute(
        "SELECT p.name FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id"
        " JOIN people p ON p.id = ip.person_id"
    ).fetchall()
    db.close()
    assert rows == [("Ada Lovelace",)]


async def test_a_delete_during_an_import_is_refused_in_words_and_netdash_stays_open(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    log_interaction(db, people=[NewPerson("Bo Chen")], occurred_on=TODAY, today=TODAY, kind="call")
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:

        def warnings() -> list[str]:
            return [notice.message for notice in app.notices if notice.severity == "warning"]

        await pilot.press("j")
        await pilot.pause()
        with write_lock_held(path):
            await pilot.press("x")
            await pilot.pause()
            await pilot.press("y")
            await wait_for(pilot, lambda: bool(warnings()), "a warning")
            assert app.is_running
        assert "busy with an import" in warnings()[0]
        assert db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == 1
        await pilot.press("x")  # the journal is free again: the same delete goes through
        await pilot.pause()
        await pilot.press("y")
        await wait_for(
            pilot, lambda: db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == 0
        )
    db.close()
