"""Deleting an account with a million followers takes 2 s: it runs in a worker, the app keeps
answering keys meanwhile, a second x waits for the first, and a failure is said in words."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.store import account_delete
from netdash.store.account_delete import AccountDeletion
from netdash.store.audience import record_follower_count
from netdash.store.db import open_db
from netdash.tui.app import NetdashApp
from netdash.tui.screens.audience import AudienceScreen
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.journal import JournalScreen
from tests.tui.waits import notified, wait_for, workers_done


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    """A journal file (a worker opens its own connection to it) with one account."""
    path = tmp_path / "journal.db"
    db = open_db(path)
    record_follower_count(
        db,
        platform="mastodon",
        account="@me@example.social",
        followers=1234,
        at="2026-11-20T23:59:59Z",
        source="manual",
    )
    yield db, path
    db.close()


def accounts(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT handle FROM accounts").fetchall()]


def warnings(app: NetdashApp) -> list[str]:
    return [notice.message for notice in app.notices if notice.severity == "warning"]


async def test_the_app_answers_keys_while_a_slow_delete_runs(
    journal: tuple[Database, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path = journal
    started, release = threading.Event(), threading.Event()
    real = account_delete.delete_account

    def slow_delete(db: Database, account_id: int) -> AccountDeletion:
        started.set()
        assert release.wait(30), "the test never let the delete finish"
        return real(db, account_id)

    monkeypatch.setattr(account_delete, "delete_account", slow_delete)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "Audience")
            await pilot.press("x")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
            await pilot.press("y")
            await notified(pilot, "Deleting the mastodon account me@example.social…")
            await wait_for(pilot, started.is_set, "the delete to start")
            # the delete is running: keys are still answered
            await pilot.press("x")
            await wait_for(pilot, lambda: bool(warnings(app)), "the refusal")
            assert warnings(app) == [
                "Still deleting the mastodon account me@example.social; wait for it to finish"
            ]
            assert isinstance(app.screen, AudienceScreen)  # no second question
            await pilot.press("j")
            await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), "the Journal")
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "Audience")
            assert accounts(db) == ["me@example.social"]  # not yet
        finally:
            release.set()
        await notified(pilot, "Deleted the mastodon account me@example.social")
        await workers_done(pilot)
        assert accounts(db) == []
        screen = app.screen
        assert isinstance(screen, AudienceScreen)
        assert screen._summaries == []  # the list was read again
        # and undo puts it back
        await pilot.press("ctrl+z", "y")
        await wait_for(pilot, lambda: accounts(db) == ["me@example.social"], "the undo")


async def test_a_failed_delete_is_said_and_x_works_again(
    journal: tuple[Database, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path = journal

    def broken(db: Database, account_id: int) -> AccountDeletion:
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(account_delete, "delete_account", broken)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "Audience")
        await pilot.press("x", "y")
        await notified(pilot, "Account not deleted")
        assert any(notice.message == "disk I/O error" for notice in app.notices)
        await workers_done(pilot)
        assert accounts(db) == ["me@example.social"]
        await pilot.press("x")  # not refused as "still deleting": the question comes back
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
