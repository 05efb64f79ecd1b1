"""Issue 14: a burst of writes rescores once more, never twice at once, and the app's own cache
writes are not taken for another process's (which reloaded the dashboard and rescored again)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot

from netdash.domain.scoring import DepthSettings
from netdash.store import depth as store_depth
from netdash.store.db import open_db, user_revision
from netdash.store.depth_cache import Standing
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.log_form import LogForm
from netdash.tui.workers import OneAtATime
from tests.conftest import TODAY
from tests.tui.waits import scored, wait_for, workers_done


class Runs:
    """Every scoring run the app starts: how many, how many at once, the journal each read."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started = 0
        self.running = 0
        self.most_at_once = 0
        self.revisions: list[int] = []
        self.hold = threading.Event()
        self.hold.set()  # cleared: a run waits (in its worker) until it is set again

    def count(
        self, db: Database, today: date, settings: DepthSettings, known: Standing | None = None
    ) -> Standing:
        with self.lock:
            self.started += 1
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            self.revisions.append(user_revision(db))
        try:
            # a loaded machine can take minutes over eight saves; the test sets it in the end
            self.hold.wait(timeout=600)
            return REAL_DEPTH_STANDING(db, today, settings, known)
        finally:
            with self.lock:
                self.running -= 1


REAL_DEPTH_STANDING = store_depth.depth_standing


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[tuple[Database, Path, int]]:
    path = tmp_path / "journal.db"
    db = open_db(path)
    ada = add_person(db, "Ada Lovelace", cadence_days=7)
    log_interaction(db, people=[ada], occurred_on=TODAY, today=TODAY, kind="call")
    yield db, path, ada
    db.close()


async def test_eight_entries_back_to_back_start_two_runs_never_at_once(
    journal: tuple[Database, Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path, ada = journal
    runs = Runs()
    monkeypatch.setattr(store_depth, "depth_standing", runs.count)
    app = NetdashApp(db, db_path=path, watch_interval=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        await wait_for(pilot, lambda: not app.depth_runs.running, "the first scores")
        runs.started = 0
        runs.hold.clear()  # the burst's first run stays in flight until every entry is saved
        try:
            for _ in range(8):
                app.action_log(person_id=ada)
                await wait_for(pilot, lambda: isinstance(app.screen, LogForm), "the log form")
                await pilot.press("enter")
                await wait_for(pilot, lambda: not isinstance(app.screen, LogForm), "the save")
            assert runs.started == 1 and app.depth_runs.again
        finally:
            runs.hold.set()
        await wait_for(pilot, lambda: not app.depth_runs.running, "the burst's scores")
        await workers_done(pilot)
    assert db.execute("SELECT COUNT(*) FROM interactions").fetchone() == (9,)
    assert runs.started == 2  # the one under way when the burst began, and one after it
    assert runs.most_at_once == 1
    assert runs.revisions[-1] == user_revision(db)  # the last run read every entry


class Watched:
    """The change watcher's rounds and the reloads it asked for."""

    def __init__(self, app: NetdashApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.rounds = 0
        self.reloads = 0
        check, changed = app._check_external_writes, app.journal_changed

        def counted_check() -> None:
            self.rounds += 1
            check()

        def counted_change() -> None:
            self.reloads += 1
            changed()

        monkeypatch.setattr(app, "_check_external_writes", counted_check)
        monkeypatch.setattr(app, "journal_changed", counted_change)


async def settle(pilot: Pilot[Any], watched: Watched) -> None:
    """Every worker done, then three more rounds of the watcher, which would see their commits."""
    await workers_done(pilot)
    rounds = watched.rounds
    await wait_for(pilot, lambda: watched.rounds >= rounds + 3, "three watcher rounds")


async def test_the_apps_cache_writes_reload_nothing_another_connections_write_does(
    journal: tuple[Database, Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path, ada = journal
    app = NetdashApp(db, db_path=path, watch_interval=0.05)
    watched = Watched(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        await settle(pilot, watched)
        # the scores and the layer history were kept, each by a worker on its own connection
        assert db.execute("SELECT COUNT(*) FROM depth_cache_key").fetchone() == (1,)
        assert db.execute("SELECT COUNT(*) FROM layer_history").fetchone()[0] > 0
        assert watched.reloads == 0
        other = open_db(path)  # as `netdash log` in a second terminal would
        log_interaction(other, people=[ada], occurred_on=TODAY, today=TODAY, kind="message")
        other.close()
        await wait_for(pilot, lambda: watched.reloads == 1, "the reload")
        await settle(pilot, watched)  # the rescore it started keeps its cache: no second reload
        assert watched.reloads == 1


def test_one_at_a_time_folds_requests_into_one_more_run() -> None:
    started: list[Callable[[], None]] = []
    runs = OneAtATime(started.append)
    runs.request()
    runs.request()
    runs.request()
    assert len(started) == 1 and runs.again
    started[0]()
    assert len(started) == 2 and not runs.again
    started[1]()
    assert len(started) == 2 and not runs.running
