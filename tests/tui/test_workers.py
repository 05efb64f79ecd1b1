"""Workers: a superseded result never lands, and a failure is a notification, not a crash."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from textual.app import App
from textual.pilot import Pilot

from netdash.store.db import open_db
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.workers import read_in_worker


@pytest.fixture
def notifications(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    original = App.notify

    def spy(self: App[Any], message: str, **kwargs: Any) -> None:
        seen.append((message, kwargs.get("title", "")))
        original(self, message, **kwargs)

    monkeypatch.setattr(App, "notify", spy)
    return seen


async def until(pilot: Pilot[None], condition: Any) -> None:
    """Idle turns until ``condition()`` holds (bounded, so a bug fails instead of hanging)."""
    for _ in range(500):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the condition never held")


async def test_a_superseded_result_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    add_person(db, "Ana Souza")
    app = NetdashApp(db, db_path=path, watch_interval=0)
    results: list[str] = []
    release = threading.Event()

    def slow(db: Database) -> str:
        release.wait(10)
        return "older"

    async with app.run_test() as pilot:
        read_in_worker(app, "test", slow, results.append, failure="Failed")
        read_in_worker(app, "test", lambda db: "newer", results.append, failure="Failed")
        await until(pilot, lambda: results)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert results == ["newer"]
    db.close()


async def test_a_worker_opens_its_own_connection(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    add_person(db, "Ana Souza")
    app = NetdashApp(db, db_path=path, watch_interval=0)
    seen: list[bool] = []
    async with app.run_test() as pilot:
        read_in_worker(app, "test", lambda other: other is not db, seen.append, failure="Failed")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: seen)
        assert seen == [True]
    db.close()


@pytest.mark.parametrize("in_memory", [False, True])
async def test_a_failed_worker_is_shown_and_the_app_stays(
    tmp_path: Path, tui_db: Database, notifications: list[tuple[str, str]], in_memory: bool
) -> None:
    path = tmp_path / "journal.db"
    db = tui_db if in_memory else open_db(path)
    app = NetdashApp(db, db_path=None if in_memory else path, watch_interval=0)
    results: list[str] = []

    def broken(db: Database) -> str:
        raise ValueError("the disk is on fire")

    async with app.run_test() as pilot:
        read_in_worker(app, "test", broken, results.append, failure="Counting failed")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: notifications)
        assert ("the disk is on fire", "Counting failed") in notifications
        assert results == []
        assert app.is_running
    if not in_memory:
        db.close()
