"""An entry dated after today (logged where the day had already begun) reads "today" on every
screen that says how long ago something was, never "in 1 days"."""

from __future__ import annotations

from datetime import timedelta

from sqlite_utils import Database
from textual.screen import Screen
from textual.widgets import DataTable, Static

from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.journal import JournalScreen
from netdash.tui.screens.person import PersonScreen
from tests.conftest import TODAY
from tests.tui.conftest import static_text
from tests.tui.waits import wait_for


def shown(screen: Screen[object]) -> str:
    """Every table cell and text block on a screen, as plain text."""
    parts = [static_text(widget, 200) for widget in screen.query(Static)]
    for table in screen.query(DataTable):
        for row in range(table.row_count):
            parts.extend(str(cell) for cell in table.get_row_at(row))
    return "\n".join(parts)


async def test_an_entry_from_tomorrow_reads_today(app: NetdashApp, tui_db: Database) -> None:
    tomorrow = TODAY + timedelta(days=1)  # 27 Nov, while today is pinned to 26 Nov
    bob = add_person(tui_db, "Bob")
    log_interaction(tui_db, people=[bob], occurred_on=tomorrow, today=tomorrow, kind="call")
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: "Bob" in shown(app.screen), "the dashboard's recent entries")
        assert "in 1 days" not in shown(app.screen) and "today" in shown(app.screen)
        recent = app.screen.query_one("#recent-table", DataTable)
        assert [str(cell) for cell in recent.get_row_at(0)][:2] == ["today", "Bob"]
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), "the Journal")
        await wait_for(pilot, lambda: "Bob" in shown(app.screen), "the Journal's rows")
        assert "in 1 days" not in shown(app.screen)  # the Journal gives the day as written
        journal = app.screen.query_one("#journal-table", DataTable)
        assert [str(cell) for cell in journal.get_row_at(0)][:2] == ["2026-11-27", "Bob"]
        app.open_person(bob)
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Bob's page")
        await wait_for(pilot, lambda: "2026-11-27" in shown(app.screen), "Bob's last contact")
        assert "2026-11-27 (today)" in shown(app.screen)
        assert "in 1 days" not in shown(app.screen)
