from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.store.db import open_db
from netdash.store.errors import JournalError, SchemaTooNewError
from netdash.store.migrations import known_migration_names
from netdash.store.people import add_person


def test_new_journal_is_private_wal_with_foreign_keys(journal_path: Path) -> None:
    db = open_db(journal_path)
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal_path.parent.stat().st_mode) == 0o700
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = set(db.table_names())
    for table in ("people", "interactions", "contributions", "outcomes", "follower_counts"):
        assert table in tables
    db.close()


def test_existing_journal_readable_by_others_is_made_private(journal_path: Path) -> None:
    open_db(journal_path).close()
    journal_path.chmod(0o644)
    open_db(journal_path).close()
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600


def test_reopening_keeps_every_row_and_applies_nothing_twice(journal_path: Path) -> None:
    db = open_db(journal_path)
    add_person(db, "Ada Lovelace")
    db.close()
    db = open_db(journal_path)
    assert [row["name"] for row in db.table("people").rows] == ["Ada Lovelace"]
    applied = db.execute("SELECT name FROM _sqlite_migrations ORDER BY id").fetchall()
    assert [row[0] for row in applied] == known_migration_names()
    db.close()


def test_newer_schema_is_refused_and_left_untouched(journal_path: Path) -> None:
    db = open_db(journal_path)
    db.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
        " VALUES ('netdash', 'm999_from_the_future', '2030-01-01')"
    )
    db.close()
    before = hashlib.sha256(journal_path.read_bytes()).hexdigest()
    with pytest.raises(SchemaTooNewError, match="newer netdash"):
        open_db(journal_path)
    assert hashlib.sha256(journal_path.read_bytes()).hexdigest() == before


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 100)
    before = bogus.read_bytes()
    with pytest.raises(JournalError, match="not a netdash journal"):
        open_db(bogus)
    assert bogus.read_bytes() == before
    # and is let go at once: a connection left to the garbage collector would keep it open
    assert str(bogus) not in open_files()


def open_files() -> set[str]:
    """What this process holds open (the listing's own descriptor is gone once read)."""
    held = set()
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            held.add(os.readlink(f"/proc/self/fd/{fd}"))
    return held


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="is a folder"):
        open_db(tmp_path)


def test_an_unrelated_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    """Another program's database is never adopted: same bytes, same mode, no -wal beside it."""
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE mine (x)")
    conn.execute("INSERT INTO mine VALUES (42)")
    conn.commit()
    conn.close()
    path.chmod(0o644)
    before = path.read_bytes()
    with pytest.raises(JournalError, match=r"another program's database \(tables: mine\)"):
        open_db(path)
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(item.name for item in tmp_path.iterdir()) == ["other.db"]


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00"[:6]])
def test_an_empty_or_foreign_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "journal.db"
    path.write_bytes(content)
    path.chmod(0o664)
    with pytest.raises(JournalError, match="not a netdash journal"):
        open_db(path)
    assert path.read_bytes() == content
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_an_empty_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(JournalError, match="an empty database, not a netdash journal"):
        open_db(path)
    assert path.read_bytes() == before


def test_a_new_journal_is_made_whole_under_its_name(tmp_path: Path) -> None:
    """A journal being created never shows an empty file under its real name: a failure half-way
    leaves nothing, so the next run starts afresh instead of meeting an 'empty file'."""
    from netdash.store.migrations import migrations

    path = tmp_path / "new" / "netdash.db"

    def interrupted(database: object) -> None:
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrations, "apply", interrupted)
        with pytest.raises(KeyboardInterrupt):
            open_db(path)
    assert list(path.parent.iterdir()) == []
    open_db(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_journal_is_recognised_whatever_its_name(tmp_path: Path) -> None:
    """is_netdash_journal opens the file read-only through a URI: '?' and '#' are quoted."""
    from netdash.store.db import is_netdash_journal

    path = tmp_path / "odd?name#1 %20.db"
    open_db(path).close()
    assert is_netdash_journal(path)
    other = tmp_path / "other?.db"
    other.write_bytes(b"")
    assert not is_netdash_journal(other)


def test_a_read_only_look_at_a_journal_stays_consistent_while_another_writes(
    tmp_path: Path,
) -> None:
    """check and the --db probe read through a read-only connection that still takes SQLite's
    read locks: a writer's checkpoint cannot change the pages under it (with `immutable` it
    could, and a sound journal read as damaged)."""
    from netdash.store.db import _read_only

    path = tmp_path / "j.db"
    db = open_db(path)
    for index in range(300):
        add_person(db, f"Person {index}")
    db.close()
    reader = _read_only(path)
    reader.execute("BEGIN")
    assert reader.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 300
    writer = sqlite3.connect(path)
    writer.execute("DELETE FROM people WHERE id > 10")
    writer.commit()
    writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    writer.close()
    assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert reader.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 300
    reader.execute("COMMIT")
    assert reader.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 10
    reader.close()


def test_opening_the_journal_again_in_a_process_that_has_it_open_loses_nothing(
    journal_path: Path,
) -> None:
    """The TUI opens the journal again for each read in a worker while it holds it open. Every
    SQLite connection holds a lock on the file that says "still in use"; a plain open() and
    close() of the file in that process drops all of the process's locks on it (POSIX locks
    belong to the process, not the descriptor). Another process closing the journal then took
    itself for the last user and deleted the -wal and -shm files under the TUI: the TUI's next
    save went to a deleted log, and readers of the two logs saw a "malformed" journal."""
    db = open_db(journal_path)
    add_person(db, "Ada Lovelace")
    open_db(journal_path).close()  # what a TUI worker does, the UI's connection open
    other = "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('SELECT 1 FROM people')"
    subprocess.run([sys.executable, "-c", other, str(journal_path)], check=True)
    assert Path(f"{journal_path}-wal").exists(), "another process deleted the log in use"
    add_person(db, "Grace Hopper")
    seen = (
        "import sqlite3, sys;"
        " print(sqlite3.connect(sys.argv[1]).execute('SELECT name FROM people').fetchall())"
    )
    result = subprocess.run(
        [sys.executable, "-c", seen, str(journal_path)], check=True, capture_output=True, text=True
    )
    db.close()
    assert "Grace Hopper" in result.stdout, result.stdout


def test_a_journal_s_header_marks_it_current_and_spares_the_look_at_its_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new or upgraded journal carries this version's mark in SQLite's header, and opening
    it reads the header alone, not its schema, before the connection that uses it; a journal
    without the mark gets the read-only look at its tables as before."""
    from netdash.store import db as db_module
    from netdash.store.migrations import migrations
    from netdash.store.migrations_known import CURRENT_MARK

    looked: list[str] = []
    check_tables = db_module._check_tables_are_netdash

    def looking(probe: object, path: Path) -> None:
        looked.append(path.name)
        check_tables(probe, path)  # type: ignore[arg-type]

    monkeypatch.setattr(db_module, "_check_tables_are_netdash", looking)
    new = tmp_path / "new.db"
    open_db(new).close()  # built: no look at the tables of a file netdash made
    open_db(new).close()
    older = tmp_path / "older.db"
    database = Database(older)
    migrations.apply(database, stop_before="m026_depth_reads")
    database.close()
    open_db(older).close()  # looked at, then upgraded and marked
    open_db(older).close()
    assert looked == ["older.db"]
    for path in (new, older):
        with contextlib.closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_MARK
    assert CURRENT_MARK >> 16 == 0x6E64  # "nd"


def test_a_header_that_vouches_for_another_program_s_file_is_not_believed(
    tmp_path: Path,
) -> None:
    """A file whose header carries the mark but whose tables are another program's is refused,
    and no step is applied to it."""
    from netdash.store.migrations_known import CURRENT_MARK

    path = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE mine (x)")
        conn.execute(f"PRAGMA user_version = {CURRENT_MARK}")
        conn.commit()
    with pytest.raises(JournalError, match=r"another program's database \(tables: mine\)"):
        open_db(path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master")]
    assert tables == ["mine"]


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_app_s_connection_never_folds_the_log_in_and_a_worker_s_does(
    journal_path: Path,
) -> None:
    """A commit that takes the write-ahead log past SQLite's 1,000 pages copies them into the
    journal in that commit, syncing the file (the Enter's frame waits for it): on the app's
    connection it leaves them in the log, for the worker's connection to fold in after its
    run."""
    from netdash.store.db import fold_log_in, leave_checkpoints_to_workers

    app_db, worker_db = open_db(journal_path), open_db(journal_path)
    try:
        leave_checkpoints_to_workers(app_db)
        folded = _file_digest(journal_path)
        with app_db.conn:  # about 1,300 pages of notes in one commit, and one more commit
            app_db.conn.executemany(
                "INSERT INTO people(name, notes, created_at, updated_at)"
                " VALUES (?, ?, '2026-11-30', '2026-11-30')",
                ((f"Person {n}", "x" * 4000) for n in range(1300)),
            )
        add_person(app_db, "Ana")
        assert _file_digest(journal_path) == folded  # all of it still only in the log
        fold_log_in(worker_db)
        assert _file_digest(journal_path) != folded
        busy, logged, copied = worker_db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert (busy, copied) == (0, logged) and logged > 1000
        reopened = sqlite3.connect(journal_path)  # the file alone, log aside, has every row
        assert reopened.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 1301
        reopened.close()
    finally:
        app_db.close()
        worker_db.close()


def test_a_connection_left_as_sqlite_makes_it_folds_the_log_in_as_it_commits(
    journal_path: Path,
) -> None:
    """The check above can fail: a connection of a one-shot command keeps SQLite's default."""
    db = open_db(journal_path)
    try:
        folded = _file_digest(journal_path)
        with db.conn:
            db.conn.executemany(
                "INSERT INTO people(name, notes, created_at, updated_at)"
                " VALUES (?, ?, '2026-11-30', '2026-11-30')",
                ((f"Person {n}", "x" * 4000) for n in range(1300)),
            )
        add_person(db, "Ana")
        assert _file_digest(journal_path) != folded
    finally:
        db.close()
