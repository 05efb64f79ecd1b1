"""Issue 14: after an entry logged in the app the scores' run reads on the connection kept
from the run before (not a new one opened), and adds the entry to the kept time budget
instead of counting 90 days again; the budget shown is the one a fresh count gives."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.store import db as store_db
from netdash.store import time_budget
from netdash.store.db import open_db
from netdash.store.depth import TimeBudget
from netdash.store.journal import log_interaction
from netdash.store.people import add_person, update_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.log_form import LogForm
from tests.conftest import TODAY
from tests.tui.waits import scored, wait_for, workers_done


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[tuple[Database, Path, int]]:
    path = tmp_path / "journal.db"
    db = open_db(path)
    ada = add_person(db, "Ada Lovelace")
    update_person(db, ada, pinned_layer=5)
    log_interaction(db, people=[ada], occurred_on=TODAY, today=TODAY, kind="call")
    yield db, path, ada
    db.close()


def changed(app: NetdashApp, before: TimeBudget | None) -> bool:
    return app.budget is not before


async def test_logs_are_scored_on_one_kept_connection_and_added_to_the_budget(
    journal: tuple[Database, Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path, ada = journal
    opened: list[str] = []
    counts: list[int] = []
    open_journal, count = store_db.open_db, time_budget.counted

    def opening(where: Path | str) -> Database:
        opened.append(threading.current_thread().name)
        return open_journal(where)

    def counting(*args: object) -> time_budget.Counted | None:
        counts.append(1)
        return count(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(store_db, "open_db", opening)
    monkeypatch.setattr(time_budget, "counted", counting)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        await wait_for(pilot, lambda: not app.depth_runs.running, "the first scores")
        for _ in range(3):
            budget = app.budget
            app.action_log(person_id=ada)
            await wait_for(pilot, lambda: isinstance(app.screen, LogForm), "the log form")
            await pilot.press("enter")
            await wait_for(pilot, partial(changed, app, budget), "the new budget")
            await wait_for(pilot, lambda: not app.depth_runs.running, "the scores")
        await workers_done(pilot)
        assert app.depths is not None
        fresh = count(db, app.depths, TODAY)
        assert fresh is not None and app.budget == fresh.budget()
        # the call (0.5 h) and three entries of the form's default kind, in person (2 h
        # each), all with Ada, who is pinned in the inner 5
        assert app.budget is not None and (app.budget.hours, app.budget.inner5) == (6.5, 1.0)
    assert opened.count("netdash-kept") == 1  # four runs, one connection
    assert len(counts) == 1  # the first run counted; the three logs were added
    await_end = [thread for thread in threading.enumerate() if thread.name == "netdash-kept"]
    for thread in await_end:
        thread.join(timeout=5)
    assert not any(thread.is_alive() for thread in await_end)  # closed with the app


async def test_closing_the_kept_connection_leaves_the_apps_own_the_last(
    journal: tuple[Database, Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`netdash` quits with os._exit once the app's connection is closed: the kept one must be
    closed first, at once, so that the app's close checkpoints the journal and removes its
    write-ahead log, as it did before there was a kept connection."""
    db, path, _ = journal
    monkeypatch.setattr("netdash.tui.workers.IDLE_CHECK", 60.0)  # no help from the idle check
    others = set(threading.enumerate())  # earlier tests' kept threads may still be idling
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        await wait_for(pilot, lambda: not app.depth_runs.running, "the scores")
        await workers_done(pilot)
    (kept,) = [
        thread
        for thread in threading.enumerate()
        if thread.name == "netdash-kept" and thread not in others
    ]
    app.worker_generations.close_kept()
    assert not kept.is_alive()
    db.close()
    assert not Path(f"{path}-wal").exists()


def test_quitting_interrupts_a_run_under_way(tmp_path: Path) -> None:
    """A rescore of a large journal takes seconds: quitting interrupts it on the kept
    connection rather than waiting up to CLOSE_PATIENCE for it, and the run sees the error."""
    from netdash.tui.workers import CLOSE_PATIENCE, KeptConnection

    class Stopped:  # the app, as the kept connection sees it once it has stopped running
        is_running = False

    path = tmp_path / "journal.db"
    open_db(path).close()
    app = Stopped()
    kept = KeptConnection(app)  # type: ignore[arg-type]
    started = threading.Event()
    outcome: list[BaseException] = []

    def endless(db: Database) -> object:
        started.set()
        return db.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        ).fetchone()

    def run() -> None:
        try:
            kept.read(path, endless)
        except BaseException as error:
            outcome.append(error)

    reader = threading.Thread(target=run)
    reader.start()
    assert started.wait(10)
    began = time.monotonic()
    kept.close()
    reader.join(5)
    assert time.monotonic() - began < CLOSE_PATIENCE / 2
    assert not reader.is_alive()
    assert len(outcome) == 1 and "interrupted" in str(outcome[0])


async def test_the_entry_s_commit_leaves_the_log_and_the_kept_connection_folds_it_in(
    journal: tuple[Database, Path, int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The app's connection never copies the write-ahead log into the journal as it commits
    (the commit past 1,000 pages of log copied them and synced the file before the frame):
    the kept connection does, in its thread, after the scores' run."""
    import shutil

    db, path, ada = journal
    folded_by: list[str] = []
    fold = store_db.fold_log_in

    def folding(database: Database) -> None:
        folded_by.append(threading.current_thread().name)
        fold(database)

    monkeypatch.setattr(store_db, "fold_log_in", folding)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        await wait_for(pilot, lambda: not app.depth_runs.running, "the first scores")
        await workers_done(pilot)
        runs = len(folded_by)
        app.action_log(person_id=ada)
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), "the log form")
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(folded_by) > runs, "the log folded in")
        await wait_for(pilot, lambda: not app.depth_runs.running, "the scores")
        await workers_done(pilot)
        alone = tmp_path / "file-alone.db"  # the journal file without its log beside it
        shutil.copyfile(path, alone)
        copy = sqlite3.connect(alone)
        entries = copy.execute("SELECT COUNT(*) FROM interactions").fetchone()[0]
        copy.close()
    assert set(folded_by) == {"netdash-kept"}
    assert entries == 2  # the fixture's call and the form's entry
