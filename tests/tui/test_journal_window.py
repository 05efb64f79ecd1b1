"""Issue 14: the Journal holds a window of rows read by keyset, so End, PageDown and a search
cost the same at 200 entries and 200,000; every row is still reached, in the full query's order."""

from __future__ import annotations

import itertools
import random
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import Static

from netdash.store.db import open_db
from netdash.store.journal import (
    EntryFilter,
    entry_key,
    interactions_from,
    list_interactions,
    log_interaction,
    update_interaction,
)
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.journal import JournalScreen
from netdash.tui.widgets.window_table import WindowTable
from tests.conftest import TODAY, table_rows
from tests.tui.waits import wait_for

ENTRIES = 5_000
KEPT = Path(__file__).resolve().parent.parent / "data" / "journal-m009_trash.db"


def fill(db: Database, entries: int = ENTRIES) -> None:
    """Entries on random days, about seven a day (ties in the sort key at every page edge),
    ids not in date order, each naming one of 40 people."""
    people = [add_person(db, f"Person {n}") for n in range(40)]
    rng = random.Random(14)
    kinds = ["call", "message", "video"]
    with db.conn:
        for _ in range(entries):
            day = TODAY - timedelta(days=rng.randrange(entries // 7))
            cursor = db.conn.execute(
                "INSERT INTO interactions(occurred_on, kind, initiated_by, depth, note,"
                " created_at) VALUES (?, ?, 'me', 2, '', '2026-01-01T00:00:00Z')",
                [day.isoformat(), rng.choice(kinds)],
            )
            db.conn.execute(
                "INSERT INTO interaction_people(interaction_id, person_id) VALUES (?, ?)",
                [cursor.lastrowid, rng.choice(people)],
            )


def full(db: Database, which: EntryFilter | None = None) -> list[str]:
    """The reference: every entry the filter keeps, by the plain query, in the Journal's order."""
    return [str(e.id) for e in list_interactions(db, which=which, limit=10**9)]


@pytest.mark.parametrize(
    "which", [EntryFilter(), EntryFilter(kind="video"), EntryFilter(people=(3, 7))]
)
def test_keyset_pages_walk_the_whole_list_both_ways(tui_db: Database, which: EntryFilter) -> None:
    fill(tui_db, 1_000)
    expected = full(tui_db, which)
    for size in (1, 7, 100):
        down, key = [], None
        while page := interactions_from(tui_db, which, key, size):
            down += [str(e.id) for e in page]
            key = entry_key(page[-1])
        up, key = [], None
        while page := interactions_from(tui_db, which, key, size, backwards=True):
            up += [str(e.id) for e in page]
            key = entry_key(page[-1])
        assert down == expected and up == expected[::-1], size


def test_every_page_query_searches_an_index(tui_db: Database) -> None:
    fill(tui_db, 500)
    statements: list[str] = []
    tui_db.conn.set_trace_callback(statements.append)
    some = entry_key(interactions_from(tui_db, EntryFilter(), None, 250)[-1])
    for which in (EntryFilter(), EntryFilter(kind="video"), EntryFilter(since=TODAY)):
        for key in (None, some):
            for backwards in (False, True):
                interactions_from(tui_db, which, key, 100, backwards=backwards)
    tui_db.conn.set_trace_callback(None)
    pages = [sql for sql in statements if "LIMIT" in sql]
    assert len(pages) >= 12
    used = ""
    for sql in pages:
        steps = [row[3] for row in tui_db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        assert not [s for s in steps if s.rstrip() in ("SCAN i", "SCAN interactions")], steps
        assert not [s for s in steps if "TEMP B-TREE" in s], (sql, steps)
        used += " ".join(steps)
    assert "interactions_occurred" in used and "interactions_kind_occurred" in used


def test_the_m009_journal_upgrades_with_the_kind_index(tmp_path: Path) -> None:
    journal_file = tmp_path / KEPT.name
    shutil.copyfile(KEPT, journal_file)
    before = table_rows(journal_file)
    db = open_db(journal_file)
    try:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master")]
        assert "interactions_kind_occurred" in names
    finally:
        db.close()
    after = table_rows(journal_file)
    for table, rows in before.items():
        if table != "_sqlite_migrations":
            now = after[table]
            if table == "follower_lists":  # m015's counts: none until an import stores them
                now = [row[:2] for row in now]
            # m017's parts, m021's maximum: none yet; m023's sources
            if table in ("people", "contact_points", "interactions", "imports"):
                width = len(rows[0]) if rows else 0
                assert all(set(row[width:]) <= {None} for row in now), table
                now = [row[:width] for row in now]
            assert now == rows, table


def window_keys(table: WindowTable[object]) -> list[str]:
    return [
        str(table.coordinate_to_cell_key(Coordinate(row, 0))[0].value)
        for row in range(table.row_count)
    ]


def check_window(table: WindowTable[object], expected: list[str]) -> int:
    """The table holds a slice of the full list, no longer than its window, where it says;
    the cursor's place in the whole list."""
    assert table.row_count <= table.window
    first = table.first_index
    assert first is not None
    assert window_keys(table) == expected[first : first + table.row_count]
    position = table.position
    assert position is not None and table.selected_key == expected[position]
    return position


def status(app: NetdashApp) -> str:
    """Which entry of how many, as the Journal's status line says it."""
    return str(app.screen.query_one("#journal-status", Static).render()).split(", newest first")[0]


async def open_journal(app: NetdashApp, pilot: Pilot[None]) -> WindowTable[object]:
    await pilot.press("j")
    await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), "the Journal")
    table = app.screen.query_one(WindowTable)
    await wait_for(pilot, lambda: table.row_count > 0, "the entries")
    return table


async def test_end_shows_the_true_last_entries(app: NetdashApp, tui_db: Database) -> None:
    fill(tui_db)
    expected = full(tui_db)
    async with app.run_test(size=(120, 30)) as pilot:
        table = await open_journal(app, pilot)
        assert 0 < table.row_count <= table.window < ENTRIES
        await pilot.press("end")
        assert check_window(table, expected) == ENTRIES - 1
        assert window_keys(table) == expected[-table.row_count :]
        assert status(app) == f"{ENTRIES:,} of {ENTRIES:,} entries"
        await pilot.press("home")
        assert check_window(table, expected) == 0
        assert status(app) == f"1 of {ENTRIES:,} entries"


async def test_page_down_and_up_visit_every_row_once_in_order(
    app: NetdashApp, tui_db: Database
) -> None:
    fill(tui_db)
    expected = full(tui_db)
    async with app.run_test(size=(120, 30)) as pilot:
        table = await open_journal(app, pilot)
        seen, step = [check_window(table, expected)], 0
        while seen[-1] < ENTRIES - 1:
            await pilot.press("pagedown")
            seen.append(check_window(table, expected))
            step = step or seen[1] - seen[0]
            assert 0 < seen[-1] - seen[-2] <= step, seen[-3:]
        assert step > 0 and len(seen) > ENTRIES // step  # many windows crossed, none skipped
        moves = [b - a for a, b in itertools.pairwise(seen)]
        assert set(moves[:-1]) == {step}  # a page at a time: every row passed under the view
        while seen[-1] > 0:
            await pilot.press("pageup")
            seen.append(check_window(table, expected))
            assert 0 < seen[-2] - seen[-1] <= step
        for _ in range(3):  # row by row across the window's edge and back
            await pilot.press("end", *["up"] * (table.window // 2))
            check_window(table, expected)


async def test_the_cursor_stays_on_its_entry_across_a_reload(
    app: NetdashApp, tui_db: Database
) -> None:
    fill(tui_db)
    async with app.run_test(size=(120, 30)) as pilot:
        table = await open_journal(app, pilot)
        await pilot.press(*["pagedown"] * 30)
        key = table.selected_key
        assert key is not None
        # another terminal logs an entry on the newest day, then this one moves a year back
        log_interaction(tui_db, people=[1], occurred_on=TODAY, today=TODAY, kind="call")
        app.journal_changed()
        await pilot.pause()
        assert table.selected_key == key
        moved = check_window(table, full(tui_db))  # counted afresh: one entry above it now
        assert status(app) == f"{moved + 1:,} of {ENTRIES + 1:,} entries"
        entry = next(e for e in list_interactions(tui_db, limit=10**9) if str(e.id) == key)
        update_interaction(
            tui_db,
            entry.id,
            people=[p.id for p in entry.people],
            occurred_on=TODAY - timedelta(days=400),
            today=TODAY,
            kind=entry.kind,
            initiated_by=entry.initiated_by,
            depth=entry.depth,
            note=entry.note,
            tags=entry.tags,
        )
        app.journal_changed()
        await pilot.pause()
        assert table.selected_key == key
        check_window(table, full(tui_db))
