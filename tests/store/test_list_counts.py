"""Issue 14: each account's latest follower list keeps its counts (m015), so ``stats`` and the
Audience screen read them instead of scanning the list. Every writer of the follower tables is
checked the same way: the stored counts are those :func:`list_changes` scans, or none."""

from __future__ import annotations

import json
import shutil
from contextlib import suppress
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.export.dump import restore, write_json
from netdash.store.account_delete import delete_account
from netdash.store.db import memory_db, open_db
from netdash.store.demo_data import DemoRows, write_demo_rows
from netdash.store.follower_lists import follower_list_stats, list_changes, list_dates
from netdash.store.imports import ImportResult, import_snapshot
from netdash.store.migration_list_counts import mark_uncounted_trash
from netdash.store.snapshot import Follower, Snapshot
from netdash.store.trash import undo
from tests.conftest import connected

DATA = Path(__file__).resolve().parent.parent / "data"
DAYS = [f"2026-0{month}-01T23:59:59Z" for month in range(1, 7)]


def put(db: Database, at: str, names: list[str], file: str = "") -> ImportResult:
    snapshot = Snapshot(
        "mastodon", at, "export", "me", None, follower_list=[Follower(n, n) for n in names]
    )
    return import_snapshot(db, snapshot, file_name="x", sha256=f"{at}{names}{file}")


def stored(db: Database) -> dict[int, tuple[str, int, int, int]]:
    """Every list row that holds counts, by account."""
    rows = db.execute(
        "SELECT account_id, observed_at, listed, new, gone FROM follower_lists"
        " WHERE listed IS NOT NULL OR new IS NOT NULL OR gone IS NOT NULL"
    ).fetchall()
    found: dict[int, tuple[str, int, int, int]] = {}
    for account_id, *counts in rows:
        assert account_id not in found, "counts on two lists of one account"
        found[account_id] = tuple(counts)  # type: ignore[assignment]
    return found


def assert_counts_hold(db: Database) -> None:
    """Stored counts only on an account's latest list, equal to the scan; the readers agree."""
    for account_id, (at, listed, new, gone) in stored(db).items():
        days = list_dates(db, account_id)
        assert days[0] == at
        scan = list_changes(db, account_id, at, days[1] if len(days) > 1 else None)
        assert (listed, new, gone) == (scan.listed, scan.new, scan.gone)
    for (account_id,) in db.execute("SELECT id FROM accounts").fetchall():
        days = list_dates(db, account_id)
        if days:
            scan = list_changes(db, account_id, days[0], days[1] if len(days) > 1 else None)
            assert follower_list_stats(db, account_id) == scan


def test_an_import_stores_the_counts_it_reported(db: Database) -> None:
    put(db, DAYS[0], ["a", "b", "c"])
    assert stored(db) == {1: (DAYS[0], 3, 0, 0)}  # a first list: nothing new, nothing gone
    result = put(db, DAYS[1], ["a", "b", "d", "e"])
    # against {a, b, c}: new d, e; gone c; the first list's counts went
    assert stored(db) == {1: (DAYS[1], 4, 2, 1)}
    assert (result.gained, result.lost) == (2, 1)
    assert_counts_hold(db)


def test_a_same_day_export_replaces_the_counts(db: Database) -> None:
    put(db, DAYS[0], ["a", "b", "c"])
    put(db, DAYS[1], ["a", "b", "d", "e"])
    put(db, DAYS[1], ["a", "d", "f"], file="again")
    assert stored(db) == {1: (DAYS[1], 3, 2, 2)}  # {a, d, f}: new d, f; gone b, c
    assert_counts_hold(db)


def test_an_older_list_recounts_the_latest(db: Database) -> None:
    put(db, DAYS[0], ["a", "b"])
    put(db, DAYS[2], ["a", "c"])
    assert stored(db) == {1: (DAYS[2], 2, 1, 1)}  # against {a, b}: new c, gone b
    put(db, DAYS[1], ["a", "c"])  # between them: the latest's list before is now this one
    assert stored(db) == {1: (DAYS[2], 2, 0, 0)}
    assert_counts_hold(db)


def test_undo_of_an_import_puts_the_counts_back(db: Database) -> None:
    put(db, DAYS[0], ["a", "b"])
    put(db, DAYS[2], ["a", "c"])
    before = stored(db)
    put(db, DAYS[1], ["b"])  # an older list: changes the latest's counts
    put(db, DAYS[3], ["c", "d"])
    undo(db)
    undo(db)
    assert stored(db) == before
    assert_counts_hold(db)


def test_deleting_an_account_and_its_undo(db: Database) -> None:
    put(db, DAYS[0], ["a", "b"])
    put(db, DAYS[1], ["a", "c"])
    before = stored(db)
    delete_account(db, 1)
    assert stored(db) == {}
    undo(db)
    assert stored(db) == before
    assert_counts_hold(db)


def test_an_undo_kept_before_the_counts_forgets_them(db: Database) -> None:
    put(db, DAYS[0], ["a", "b"])
    put(db, DAYS[2], ["a", "c"])
    put(db, DAYS[1], ["a", "b", "c"])  # an older list, kept in the trash as before m015:
    (item_id, text) = db.execute("SELECT id, rows FROM trash ORDER BY id DESC").fetchone()
    tables = json.loads(text)
    for table in tables:
        if table["table"] == "follower_lists":
            table["columns"] = table["columns"][:2]
            table["before"] = [row[:2] for row in table["before"] if row[2] is None]
            table["after"] = [row[:2] for row in table["after"] if row[2] is None]
    db.execute("UPDATE trash SET rows = ? WHERE id = ?", [json.dumps(tables), item_id])
    undo(db, item_id)  # puts back first_seen, which the latest's "new" counts: not its counts
    assert stored(db) == {}
    assert_counts_hold(db)


def test_an_undo_kept_before_the_counts_that_left_the_days_alone(db: Database) -> None:
    put(db, DAYS[0], ["a", "b", "c"])
    put(db, DAYS[0], ["a", "b", "d"], file="again")  # the same counts: its row stays as it was
    (item_id, text) = db.execute("SELECT id, rows FROM trash ORDER BY id DESC").fetchone()
    tables = [table for table in json.loads(text) if table["table"] != "follower_lists"]
    db.execute("UPDATE trash SET rows = ? WHERE id = ?", [json.dumps(tables), item_id])
    mark_uncounted_trash(db)  # as m015 does to the items it finds
    undo(db, item_id)
    assert stored(db) == {}
    assert_counts_hold(db)


def test_a_same_day_list_undone_keeps_its_counts(db: Database) -> None:
    put(db, DAYS[0], ["a", "b", "c"])
    before = stored(db)
    put(db, DAYS[0], ["a", "b", "d"], file="again")  # the same counts: its row is unchanged
    undo(db)
    assert stored(db) == before
    assert_counts_hold(db)


def test_the_demo_lists_keep_their_counts_as_an_import_would(db: Database) -> None:
    """The demo and benchmark journals' lists come without an import: they are counted once
    when built, so their stats read the counts as a user's would (not a scan per read)."""
    rows = DemoRows()
    rows.accounts.append((1, "mastodon", "me", "2026-01-01T00:00:00Z"))
    rows.follower_accounts += [(1, "a", "a", DAYS[0], DAYS[1]), (1, "b", "b", DAYS[1], DAYS[1])]
    write_demo_rows(db, rows)
    assert stored(db) == {1: (DAYS[1], 2, 1, 0)}
    assert follower_list_stats(db, 1).new == 1
    assert_counts_hold(db)
    put(db, DAYS[2], ["b"])
    assert stored(db) == {1: (DAYS[2], 1, 0, 1)}
    assert_counts_hold(db)


def test_export_and_restore_keep_the_counts(tmp_path: Path) -> None:
    source = memory_db()
    put(source, DAYS[0], ["a", "b"])
    put(source, DAYS[1], ["a", "c"])
    dump = tmp_path / "dump.json"
    with dump.open("w") as out:
        write_json(source, out)
    target = open_db(tmp_path / "restored.db")
    try:
        restore(target, dump)
        assert stored(target) == stored(source) == {1: (DAYS[1], 2, 1, 1)}
        assert_counts_hold(target)
    finally:
        target.close()
        source.close()


def test_an_older_journal_upgrades_with_no_counts(tmp_path: Path) -> None:
    journal = tmp_path / "old.db"
    shutil.copyfile(DATA / "journal-m009_trash.db", journal)
    with connected(journal) as conn:
        lists = set(conn.execute("SELECT * FROM follower_lists"))
        followers = set(conn.execute("SELECT * FROM follower_accounts"))
    assert lists and followers
    db = open_db(journal)
    assert set(db.execute("SELECT account_id, observed_at FROM follower_lists")) == lists
    assert set(db.execute("SELECT * FROM follower_accounts")) == followers
    assert stored(db) == {}  # the readers scan until an import counts
    assert_counts_hold(db)
    (account_id,) = db.execute("SELECT account_id FROM follower_lists LIMIT 1").fetchone()
    platform, handle = db.execute(
        "SELECT platform, handle FROM accounts WHERE id = ?", [account_id]
    ).fetchone()
    snapshot = Snapshot(
        platform, "2027-01-01T00:00:00Z", "export", handle, follower_list=[Follower("z", "z")]
    )
    import_snapshot(db, snapshot, file_name="x", sha256="new")
    assert list(stored(db)) == [account_id]
    assert_counts_hold(db)
    db.close()


STEP = st.one_of(
    st.tuples(st.just("put"), st.integers(0, 5), st.sets(st.sampled_from("abcdefg"))),
    st.tuples(st.just("undo"), st.just(0), st.just(frozenset[str]())),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(STEP, min_size=1, max_size=8))
def test_any_imports_and_undos_keep_the_counts_true(steps: list[tuple[str, int, set[str]]]) -> None:
    db = memory_db()
    for number, (step, day, names) in enumerate(steps):
        if step == "put":
            put(db, DAYS[day], sorted(names), file=str(number))
        else:
            with suppress(InvalidInput):  # the journal moved on, or nothing to undo
                undo(db)
        assert_counts_hold(db)
    db.close()
