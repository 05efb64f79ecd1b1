"""Issue 14: how many followers the user knows is stored (m024) and read while no write that
could change it came since. Every kind of write that can change it is made here after a read
has stored the count, and the next read must equal a count made afresh."""

from __future__ import annotations

import shutil
from contextlib import suppress
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.domain.models import Handle
from netdash.export.dump import restore, write_json
from netdash.store.account_delete import delete_account, rename_account
from netdash.store.audience import latest_counts
from netdash.store.db import memory_db, open_db
from netdash.store.duplicates import merge_people
from netdash.store.errors import JournalBusy
from netdash.store.follower_lists import (
    STORED_SQL,
    KnownCounts,
    count_known,
    known_counts,
    known_followers,
    stored_known_followers,
)
from netdash.store.imports import ImportResult, import_snapshot
from netdash.store.people import add_person, delete_person, update_person
from netdash.store.snapshot import Follower, Snapshot
from netdash.store.stats import summary
from netdash.store.trash import undo
from netdash.store.tx import begin_write
from tests.conftest import connected

DATA = Path(__file__).resolve().parent.parent / "data"
DAYS = [f"2026-0{month}-01T23:59:59Z" for month in range(1, 5)]
NAMES = "abc"
TODAY = date(2026, 11, 26)


def put(db: Database, platform: str, at: str, names: list[str], file: str) -> ImportResult:
    snapshot = Snapshot(
        platform, at, "export", "me", None, follower_list=[Follower(f"9{n}", n) for n in names]
    )
    return import_snapshot(db, snapshot, file_name="x", sha256=f"{platform}{at}{names}{file}")


def stored(db: Database) -> KnownCounts | None:
    """The counts the journal holds as current, or None."""
    revision, counted, people, accounts = db.execute(STORED_SQL).fetchone()
    if counted != revision:
        return None
    pairs = (pair.split(":") for pair in accounts.split())
    return KnownCounts(people, {int(account): int(n) for account, n in pairs})


def test_a_read_stores_the_count_and_the_next_read_takes_it(db: Database) -> None:
    put(db, "mastodon", DAYS[0], ["a", "b", "c"], "1")
    add_person(db, "Ada", handles=[Handle("mastodon", "a")])
    add_person(db, "Bo", handles=[Handle("mastodon", "b"), Handle("twitter", "b")])
    add_person(db, "Cy", handles=[Handle("twitter", "c")])  # not a twitter follower
    assert stored(db) is None
    assert known_counts(db) == KnownCounts(2, {1: 2})  # Ada and Bo, on the mastodon account
    assert stored(db) == KnownCounts(2, {1: 2})
    db.execute("UPDATE known_followers SET people = 7")  # what is stored is what is read
    assert known_counts(db).people == summary(db, TODAY)["known_followers"] == 7
    assert known_followers(db, names=False).people == 7


def test_a_logged_entry_leaves_the_stored_count_current(db: Database) -> None:
    from netdash.store.journal import log_interaction

    put(db, "mastodon", DAYS[0], ["a"], "1")
    ada = add_person(db, "Ada", handles=[Handle("mastodon", "a")])
    known_counts(db)
    log_interaction(db, people=[ada], occurred_on=TODAY, today=TODAY, kind="call")
    update_person(db, ada, notes="met at the meetup")
    assert stored(db) == KnownCounts(1, {1: 1})


def test_the_first_frame_takes_the_counts_stored_or_none_and_never_counts(db: Database) -> None:
    """The dashboard's first frame reads the counts only while they are stored and current;
    a count to make (60 ms on a million followers) is left to a worker, and nothing is
    written: the read makes no count and stores none."""
    put(db, "mastodon", DAYS[0], ["a", "b"], "1")
    ada = add_person(db, "Ada", handles=[Handle("mastodon", "a")])
    assert stored_known_followers(db, latest_counts(db)) is None
    assert stored(db) is None  # not counted by that read
    assert stored_known_followers(db, latest_counts(db)) is None
    counted = known_followers(db, names=False)
    assert stored_known_followers(db, latest_counts(db)) == counted
    assert counted.people == 1 and [a.known_count for a in counted.accounts] == [1]
    update_person(db, ada, add_handles=[Handle("mastodon", "b")])  # a write the count uses
    assert stored_known_followers(db, latest_counts(db)) is None


def test_the_stored_read_is_one_row_by_its_key(db: Database) -> None:
    plan = " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + STORED_SQL))
    assert "SCAN" not in plan
    assert "USING INTEGER PRIMARY KEY (rowid=?)" in plan


def test_a_busy_journal_gives_the_count_unstored(tmp_path: Path) -> None:
    """A read-only command must not fail, nor wait, when another process is writing."""
    path = tmp_path / "journal.db"
    writer, reader = open_db(path), open_db(path)
    try:
        put(writer, "mastodon", DAYS[0], ["a"], "1")
        add_person(writer, "Ada", handles=[Handle("mastodon", "a")])
        begin_write(writer)  # holds the write lock, as an import would
        assert known_counts(reader) == KnownCounts(1, {1: 1})
        assert stored(reader) is None
        writer.conn.execute("ROLLBACK")
        assert known_counts(reader) == KnownCounts(1, {1: 1})
        assert stored(reader) == KnownCounts(1, {1: 1})
    finally:
        writer.close()
        reader.close()


def test_a_count_taken_before_a_write_is_not_stored_after_it(db: Database) -> None:
    """The count is made outside the write lock: a write landing meanwhile moves the counter,
    and the stale count is then not kept."""
    from netdash.store import follower_lists

    put(db, "mastodon", DAYS[0], ["a"], "1")
    (revision,) = db.execute("SELECT revision FROM known_followers").fetchone()
    add_person(db, "Ada", handles=[Handle("mastodon", "a")])
    follower_lists._store_counts(db, revision, KnownCounts(0, {}))
    assert stored(db) is None
    assert known_counts(db) == KnownCounts(1, {1: 1})


def test_an_older_journal_upgrades_and_counts(tmp_path: Path) -> None:
    journal = tmp_path / "old.db"
    shutil.copyfile(DATA / "journal-m009_trash.db", journal)
    with connected(journal) as conn:
        assert conn.execute("SELECT COUNT(*) FROM follower_accounts").fetchone()[0]
    db = open_db(journal)
    try:
        assert stored(db) is None  # nothing counted yet: the first read counts
        assert known_counts(db) == count_known(db) == stored(db)
        platform, handle = db.execute(
            "SELECT a.platform, f.handle FROM follower_accounts f JOIN accounts a"
            " ON a.id = f.account_id WHERE f.handle IS NOT NULL AND f.last_seen ="
            " (SELECT MAX(observed_at) FROM follower_lists WHERE account_id = a.id)"
            " AND f.handle NOT IN (SELECT handle FROM handles) LIMIT 1"
        ).fetchone()
        before = known_counts(db).people
        add_person(db, "A follower", handles=[Handle(platform, handle)])
        assert stored(db) is None
        assert known_counts(db) == count_known(db) and known_counts(db).people == before + 1
    finally:
        db.close()


def test_export_and_restore_count_again(tmp_path: Path) -> None:
    source = memory_db()
    put(source, "mastodon", DAYS[0], ["a", "b"], "1")
    add_person(source, "Ada", handles=[Handle("mastodon", "a")])
    known_counts(source)
    dump = tmp_path / "dump.json"
    with dump.open("w") as out:
        write_json(source, out)
    target = open_db(tmp_path / "restored.db")
    try:
        known_counts(target)  # an empty journal's count, stored
        restore(target, dump)
        assert known_counts(target) == count_known(target) == KnownCounts(1, {1: 1})
    finally:
        target.close()
        source.close()


def test_each_kind_of_write_that_changes_the_count_moves_its_key(db: Database) -> None:
    """Each write below changes the count (checked), after a read stored it: the next read
    must count again, whichever table the write went through. (Renaming an account cannot
    change it: the lists are matched by platform, and are the account's whatever its name.)"""
    ada_handle = Handle("mastodon", "a")
    ada = add_person(db, "Ada", handles=[ada_handle])
    bo = add_person(db, "Bo")
    steps = [
        ("a follower list", lambda: put(db, "mastodon", DAYS[0], ["a", "b"], "1")),
        ("a handle added", lambda: update_person(db, bo, add_handles=[Handle("mastodon", "b")])),
        ("a newer list", lambda: put(db, "mastodon", DAYS[1], ["a"], "2")),
        ("its undo", lambda: undo(db)),
        ("a same-day list", lambda: put(db, "mastodon", DAYS[0], ["a"], "3")),
        ("another of that day", lambda: put(db, "mastodon", DAYS[0], ["a", "b"], "4")),
        ("a merge", lambda: merge_people(db, ada, bo)),
        ("the merge undone", lambda: undo(db)),
        ("a handle removed", lambda: update_person(db, ada, remove_handles=[ada_handle])),
        ("a person deleted", lambda: delete_person(db, bo)),
        ("the deletion undone", lambda: undo(db)),
        ("the account deleted", lambda: delete_account(db, 1)),
        ("the account back", lambda: undo(db)),
    ]  # fmt: skip
    for said, write in steps:
        before = known_counts(db)
        assert stored(db) == before, said
        write()
        assert known_counts(db) == count_known(db) != before, said
        assert stored(db) == count_known(db), said


PLATFORMS = ("mastodon", "twitter")
Step = tuple[str, str, int, frozenset[str]]
NONE = st.just(frozenset[str]())
ANY_NAMES = st.frozensets(st.sampled_from(NAMES))
ONE_NAME = st.frozensets(st.sampled_from(NAMES), max_size=1)
ON = st.sampled_from(PLATFORMS)
PICK = st.integers(0, 4)


def _step(kind: str, platform: st.SearchStrategy[str], pick: st.SearchStrategy[int],
          names: st.SearchStrategy[frozenset[str]]) -> st.SearchStrategy[Step]:  # fmt: skip
    return st.tuples(st.just(kind), platform, pick, names)


STEP = st.one_of(
    _step("put", ON, st.integers(0, 3), ANY_NAMES),
    _step("undo", st.just(""), st.just(0), NONE),
    _step("person", ON, st.just(0), ANY_NAMES),
    _step("add handle", ON, PICK, ONE_NAME),
    _step("remove handle", ON, PICK, ONE_NAME),
    _step("delete person", st.just(""), PICK, NONE),
    _step("merge", st.just(""), PICK, NONE),
    _step("delete account", ON, st.just(0), NONE),
    _step("rename account", ON, st.integers(0, 3), NONE),
)


def _nth(db: Database, table: str, index: int) -> int | None:
    rows = db.execute(f"SELECT id FROM {table} ORDER BY id").fetchall()
    return int(rows[index % len(rows)][0]) if rows else None


def _account(db: Database, platform: str) -> int | None:
    row = db.execute("SELECT id FROM accounts WHERE platform = ?", [platform]).fetchone()
    return int(row[0]) if row else None


def _write(db: Database, step: Step, number: int) -> None:
    """One write of the kind named, on the people and accounts the numbers pick."""
    kind, platform, pick, names = step
    handles = [Handle(platform, name) for name in sorted(names)]
    person = _nth(db, "people", pick)
    if kind == "put":
        put(db, platform, DAYS[pick], sorted(names), str(number))
    elif kind == "undo":
        undo(db)
    elif kind == "person":
        add_person(db, f"P{number}", handles=handles)
    elif kind == "add handle" and person is not None:
        update_person(db, person, add_handles=handles)
    elif kind == "remove handle" and person is not None:
        update_person(db, person, remove_handles=handles)
    elif kind == "delete person" and person is not None:
        delete_person(db, person)
    elif kind == "merge" and person is not None:
        merge_people(db, person, _nth(db, "people", pick + 1) or person)
    elif kind == "delete account" and (account := _account(db, platform)) is not None:
        delete_account(db, account)
    elif kind == "rename account" and (account := _account(db, platform)) is not None:
        rename_account(db, account, f"me{pick}")


@settings(max_examples=150, deadline=None)
@given(st.lists(STEP, min_size=1, max_size=12))
def test_after_any_writes_the_stored_count_is_a_fresh_count(
    steps: list[Step],
) -> None:
    db = memory_db()
    for number, step in enumerate(steps):
        known_counts(db)  # stored before each write, so a write that should move it is seen
        with suppress(InvalidInput, JournalBusy):  # nothing to undo, a handle taken or absent
            _write(db, step, number)
        fresh = count_known(db)
        assert known_counts(db) == fresh, step
        per_account = {a.id: a.known_count for a in known_followers(db).accounts if a.known_count}
        assert fresh.accounts == per_account
    db.close()
