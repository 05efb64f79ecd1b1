"""Workers: a superseded result never lands, and a failure is a notification, not a crash."""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.store.db import open_db
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.workers import Report, read_in_worker, run_in_worker
from tests.tui.waits import notified, wait_for


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
        await wait_for(pilot, lambda: bool(results), "a result")
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
        await wait_for(pilot, lambda: bool(seen), "the worker's answer")
        assert seen == [True]
    db.close()


@pytest.mark.parametrize("in_memory", [False, True])
async def test_a_failed_worker_is_shown_and_the_app_stays(
    tmp_path: Path, tui_db: Database, in_memory: bool
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
        await notified(pilot, "the disk is on fire")
        assert [(notice.title, notice.message) for notice in app.notices] == [
            ("Counting failed", "the disk is on fire")
        ]
        assert results == []
        assert app.is_running
    if not in_memory:
        db.close()


async def test_progress_reaches_the_ui_thread_and_ended_runs_after_the_outcome(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    events: list[str] = []
    ui_thread = threading.get_ident()

    def job(report: Report) -> str:
        for step in range(1, 4):
            report(partial(events.append, f"step {step}"))
        return "done"

    def ended() -> None:
        assert threading.get_ident() == ui_thread
        events.append("ended")

    async with app.run_test() as pilot:
        run_in_worker(app, "test", job, events.append, failure="Failed", ended=ended)
        await wait_for(pilot, lambda: "ended" in events, "the run to end")
        # a flood of progress may collapse into its latest, but what is shown comes in order
        assert events[-3:] == ["step 3", "done", "ended"]
        assert events == [*sorted(events[:-2]), "done", "ended"]
    db.close()


async def test_a_failed_job_is_shown_and_still_ends(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    ended: list[bool] = []

    def broken(report: Report) -> str:
        raise OSError("No space left on device")

    async with app.run_test() as pilot:
        run_in_worker(
            app, "test", broken, print, failure="Import failed", ended=lambda: ended.append(True)
        )
        await notified(pilot, "No space left on device")
        assert ended == [True]
        assert [(notice.title, notice.severity) for notice in app.notices] == [
            ("Import failed", "error")
        ]
    db.close()


async def test_ended_runs_for_a_run_whose_result_was_dropped(tmp_path: Path) -> None:
    """A superseded run's result is dropped but its ``ended`` still runs: a screen refusing a
    second write until the first ends (or a one-at-a-time runner) is never left waiting."""
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    results: list[str] = []
    ended: list[str] = []
    release = threading.Event()

    def slow(db: Database) -> str:
        release.wait(10)
        return "older"

    async with app.run_test() as pilot:
        read_in_worker(
            app, "test", slow, results.append, failure="Failed", ended=partial(ended.append, "1")
        )
        read_in_worker(
            app,
            "test",
            lambda db: "newer",
            results.append,
            failure="Failed",
            ended=partial(ended.append, "2"),
        )
        await wait_for(pilot, lambda: ended == ["2"], "the newer run's end")
        release.set()
        await wait_for(pilot, lambda: sorted(ended) == ["1", "2"], "the older run's end")
        assert results == ["newer"]
    db.close()
