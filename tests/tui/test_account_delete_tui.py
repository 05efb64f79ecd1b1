"""x on the Audience screen deletes the selected account after asking what goes with it;
ctrl+z puts every row back."""

from __future__ import annotations

from sqlite_utils import Database

from netdash.store.audience import record_follower_count
from netdash.tui.app import NetdashApp
from netdash.tui.screens.audience import AudienceScreen
from netdash.tui.screens.confirm import ConfirmScreen
from tests.conftest import kept_rows


async def test_x_deletes_the_selected_account_and_ctrl_z_undoes(
    app: NetdashApp, tui_db: Database
) -> None:
    for followers, day in ((1200, "2026-10-01"), (1234, "2026-11-20")):
        record_follower_count(
            tui_db,
            platform="mastodon",
            account="@me@example.social",
            followers=followers,
            at=f"{day}T23:59:59Z",
            source="mastodon api",
        )
    before = kept_rows(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AudienceScreen)
        await pilot.press("x")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        # two counts were recorded, no list and no contacts
        assert confirm.question == (
            "Delete the mastodon account me@example.social and 2 follower counts?"
            " It can be undone (netdash undo, or ctrl+z in the app)."
        )
        await pilot.press("n")
        assert kept_rows(tui_db) == before
        await pilot.press("x", "y")
        await pilot.pause()
        assert kept_rows(tui_db)["accounts"] == [] and kept_rows(tui_db)["follower_counts"] == []
        await pilot.press("ctrl+z", "y")
        await pilot.pause()
        assert kept_rows(tui_db) == before
