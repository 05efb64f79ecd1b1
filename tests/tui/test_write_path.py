"""Issue 14: Enter in the log form reaches the dashboard's frame with the new row by index
lookups alone on the UI thread; the numbers the entry moves follow from a worker, and the
panels an entry cannot change are not read again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from textual.widgets import DataTable

from netdash.store.audience import record_follower_count
from netdash.store.db import open_db
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import HISTORY_DELAY, DashboardScreen
from netdash.tui.widgets.numbers import NumberTable
from tests.conftest import TODAY
from tests.tui.conftest import column_text, static_text
from tests.tui.waits import scored, wait_for, workers_done

PANELS_AN_ENTRY_CANNOT_CHANGE = ("follower_counts", "outcome", "contributions")
"""The dashboard's other panels: follower counts, this year's outcomes and community work."""

JOURNAL_SIZED = ("COUNT(*) FROM interactions", "COUNT(*) FROM people")
"""depth_numbers' counts: they grow with the journal and go to a worker after a write."""


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    path = tmp_path / "journal.db"
    db = open_db(path)
    people = [add_person(db, f"Person {index}") for index in range(20)]
    for index in range(60):
        log_interaction(
            db,
            people=[people[index % 20], people[(index * 7 + 1) % 20]],
            occurred_on=TODAY - timedelta(days=index),
            today=TODAY,
            kind="call",
        )
    record_follower_count(
        db,
        platform="mastodon",
        account="@me@example.social",
        followers=120,
        at=TODAY.isoformat(),
        source="manual",
    )
    yield db, path
    db.close()


def _plan(db: Database, sql: str) -> list[str]:
    return [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]


ONE_ROW = ("SCAN CONSTANT", "SCAN (subquery", "SCAN user_revision", "SCAN journal_revision")
"""Scans that read no journal rows: a constant, a subquery's own rows, a one-row counter."""


def _reads_the_journal(sql: str, plan: list[str]) -> bool:
    """A step reading every row of a table or index; an index walked in order that stops
    after a LIMIT (no sort in a temporary B-tree) reads that many rows only."""
    scans = [step for step in plan if step.startswith("SCAN ") and not step.startswith(ONE_ROW)]
    walks = all(" INDEX " in step for step in scans) and "LIMIT" in sql.upper()
    return bool(scans) and not (walks and not any("TEMP B-TREE" in step for step in plan))


async def test_enter_reaches_the_frame_by_index_lookups_on_the_ui_thread(
    journal: tuple[Database, Path],
) -> None:
    db, path = journal
    ui = threading.get_ident()
    statements: list[str] = []
    tracing = threading.Event()

    def traced(sql: str) -> None:
        if tracing.is_set() and threading.get_ident() == ui:
            statements.append(sql)

    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        await workers_done(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        recent = screen.query_one("#recent-table", DataTable)
        display = app._display
        numbers_runs = app.worker_generations._latest
        runs_before = numbers_runs.get("dashboard-numbers")
        runs_at_frame: list[int | None] = []

        def framed(screen_: Any, renderable: Any) -> None:  # the bench's frame (bench/frames.py)
            display(screen_, renderable)
            if renderable is not None and "Zed Newcomer" in column_text(recent, 1):
                if tracing.is_set():
                    runs_at_frame.append(numbers_runs.get("dashboard-numbers"))
                tracing.clear()

        app._display = framed  # type: ignore[method-assign,assignment]
        db.conn.set_trace_callback(traced)
        await pilot.press("n", *"Zed Newcomer")
        await wait_for(pilot, lambda: app.screen is not screen, "the log form")
        tracing.set()
        await pilot.press("enter")
        await wait_for(pilot, lambda: not tracing.is_set(), "the frame with the new row")
        db.conn.set_trace_callback(None)
        app._display = display  # type: ignore[method-assign]
        # the numbers' worker starts after that frame: its thread would share the GIL with it
        assert runs_at_frame == [runs_before]
        reads = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
        assert reads, "the new row is read on the UI thread"
        for sql in reads:
            assert not any(heavy in sql for heavy in JOURNAL_SIZED), sql
            assert not any(table in sql for table in PANELS_AN_ENTRY_CANNOT_CHANGE), sql
            assert not _reads_the_journal(sql, _plan(db, sql)), (sql, _plan(db, sql))
        # the numbers the entry moved catch up from the worker
        numbers = screen.query_one("#depth-numbers", NumberTable)
        await wait_for(
            pilot, lambda: " 21" in static_text(numbers), "21 people in the journal's numbers"
        )
        assert " 61" in static_text(numbers)


async def test_the_first_entry_shows_every_panel_at_once(tmp_path: Path) -> None:
    """The welcome gives way to the panels in the frame after Enter: the fast path would
    leave them hidden until the worker's numbers came."""
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        screen = app.screen
        assert screen.has_class("-empty")
        await pilot.press("n", *"Ada First", "enter")
        await wait_for(pilot, lambda: app.screen is screen, "the dashboard again")
        assert not screen.has_class("-empty")
        assert column_text(screen.query_one("#recent-table", DataTable), 1) == ["Ada First"]
    db.close()


async def test_a_burst_of_entries_reads_the_layer_history_once_after_it(
    journal: tuple[Database, Path],
) -> None:
    """Each entry put the history's read off again: read 0.1 s after every entry, its delivery
    drew the charts on the UI thread just as the next entry's frame was due (the third of
    eight logged back to back took 87 ms instead of 15)."""
    db, path = journal
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        await workers_done(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        reads: list[float] = []
        screen._load_history = lambda: reads.append(0.0)  # type: ignore[method-assign]
        for _ in range(3):  # back to back: each puts the read off again (each set its own)
            screen.entry_logged()
        await wait_for(pilot, lambda: bool(reads), "the history read after the entries")
        await pilot.pause(HISTORY_DELAY * 3)  # any other timer set would have fired by now
        assert len(reads) == 1
