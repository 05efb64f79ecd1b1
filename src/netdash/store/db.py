"""Opening a journal: file permissions, pragmas, migrations and the too-new check."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

from sqlite_utils import Database

from netdash.leftovers import written_whole
from netdash.store.errors import JournalError, SchemaTooNewError
from netdash.store.migrations_known import (
    CURRENT_MARK,
    STEPS,
    applied_steps,
    is_current,
    mark_current,
)
from netdash.store.tx import BUSY_TIMEOUT_MS, begin_write

SQLITE_HEADER = b"SQLite format 3\x00"
DEMO_APPLICATION_ID = 0x6E64656D  # "ndem": SQLite's header field for what kind of file this is
"""Marks a file as a demo journal, so ``demo --rebuild`` knows it may replace it."""


def mark_demo(db: Database) -> None:
    """Mark a journal as one the demo built, and fold its log in, ready to be moved."""
    db.execute(f"PRAGMA application_id = {DEMO_APPLICATION_ID}")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _prepare(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def keeps_only_derived_rows(db: Database) -> None:
    """For a connection that writes nothing but what can be worked out again (the day's scores
    kept by a command that only reads): its commits wait for no fsync of the log. In WAL mode
    SQLite keeps the journal consistent at this setting whatever happens; a power cut may lose
    only these last commits, which the next read recomputes. The checkpoint at close still
    syncs. (A fsync is milliseconds of the one-shot command's wall time after a write.)"""
    db.execute("PRAGMA synchronous = NORMAL")


def leave_checkpoints_to_workers(db: Database) -> None:
    """For the app's own connection, whose commits the UI waits on: a commit never folds the
    write-ahead log into the journal. SQLite's default does so on the commit that takes the log
    past 1,000 pages, copying them all and syncing the file, in that commit: 30 ms for 3,300
    pages on this machine's disk, and it waits for whatever else of the file is still being
    written back (350 ms on a journal copied just before). The app's worker connection folds it
    in after its runs instead (:func:`fold_log_in`), and the last connection to close does."""
    db.execute("PRAGMA wal_autocheckpoint = 0")


def fold_log_in(db: Database) -> None:
    """Copy what the write-ahead log holds into the journal file, as far as no reader needs
    the older pages (a passive checkpoint: it waits for nobody and nobody waits for it). When
    the log holds nothing new it is a look at the log's header; never raises (a busy or
    interrupted checkpoint is left to the next)."""
    with contextlib.suppress(sqlite3.Error):
        db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


def _why(error: OSError) -> str:
    return error.strerror or str(error)


def data_version(db: Database) -> int:
    """SQLite's counter of commits by other connections: a change means someone else wrote."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


JOURNAL_REVISION = "SELECT revision FROM journal_revision"
"""The count every write the depth model reads bumps (migration m004's triggers)."""


def journal_revision(db: Database) -> int:
    """:data:`JOURNAL_REVISION` read: what the score cache and the kept time budget are keyed
    by, and what a log brackets its own writes with."""
    return int(db.execute(JOURNAL_REVISION).fetchone()[0])


ENTRY_COUNT = "SELECT entries FROM journal_counts"
"""How many entries the journal holds, as m027's triggers keep it (no walk of an index)."""


def entry_count(db: Database) -> int:
    """:data:`ENTRY_COUNT` read."""
    return int(db.execute(ENTRY_COUNT).fetchone()[0])


def user_revision(db: Database) -> int:
    """A count of writes to the user's own tables (triggers keep it, migration m011). The app's
    caches (scores, layer history) do not move it, so a change is news for the screens where a
    change of :func:`data_version` may only be a worker keeping its cache."""
    return int(db.execute("SELECT revision FROM user_revision").fetchone()[0])


def check_not_too_new(db: Database, label: str) -> None:
    """Refuse a journal carrying migrations this version does not know, before writing anything."""
    _refuse_unknown_steps(applied_steps(db.conn), label)


def _refuse_unknown_steps(applied: list[str], label: str) -> None:
    known = set(STEPS)
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise SchemaTooNewError(
            f"{label}: this journal was written by a newer netdash (schema step "
            f"{unknown[-1]!r} is unknown here); upgrade netdash to open it."
            " The file was not changed."
        )


def _check_file_is_journal(path: Path) -> None:
    """Refuse, before anything is changed, a path that cannot be a netdash journal: a device, a
    file of another kind, an empty file nobody made with netdash (netdash never leaves one:
    new journals are built aside and moved in whole).

    The bytes are read only of a file SQLite has refused or found holding no tables: opening
    and closing a journal in use outside SQLite drops every lock this process holds on it (see
    :func:`_probe`)."""
    if not path.is_file():
        raise JournalError(f"{path}: is not a regular file, so not a netdash journal")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise JournalError(f"{path}: cannot be read ({_why(error)})") from None
    if not header:
        raise JournalError(
            f"{path}: is an empty file, not a netdash journal; it was not changed"
            " (remove it, or choose another path for a new journal)"
        )
    if header != SQLITE_HEADER:
        raise JournalError(
            f"{path}: is not a SQLite file, so not a netdash journal; it was not changed"
        )


def _check_tables_are_netdash(db: Database, path: Path) -> None:
    """Another program's SQLite file is refused untouched: netdash adopts only its own."""
    if applied_steps(db.conn):
        return
    tables = db.table_names()
    listed = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
    what = f"another program's database (tables: {listed})" if tables else "an empty database"
    raise JournalError(
        f"{path}: is {what}, not a netdash journal; it was not changed"
        " (give a new file name for a new journal)"
    )


def is_netdash_journal(path: Path) -> bool:
    """Whether ``path`` holds a netdash journal; only read, never changed."""
    try:
        _probe(path, str(path))
    except SchemaTooNewError:
        return True
    except JournalError:
        return False
    return True


def _build_new_journal(path: Path) -> None:
    """Make a new journal at ``path``: built under a hidden name beside it and moved in whole, so
    a process killed half-way leaves no empty or half-made journal under the real name."""
    from netdash.store.migrations import migrations  # only to run them

    with contextlib.suppress(FileExistsError), written_whole(path, suffix=".new") as partial:
        database = Database(sqlite3.connect(str(partial)), execute_plugins=False)
        try:
            _prepare(database)
            database.execute("PRAGMA journal_mode = WAL")
            migrations.apply(database)
            mark_current(database.conn)
            database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            database.close()


def _sqlite_failure(path: Path, error: sqlite3.DatabaseError) -> JournalError:
    return JournalError(
        explain_sqlite_error(str(path), error) or f"{path}: could not use the journal ({error})"
    )


def explain_sqlite_error(label: str, error: BaseException) -> str | None:
    """One line for a SQLite failure that is about the file, not about netdash (read-only,
    locked, damaged, not a database, a full disk); None for anything else, which is a bug.
    Callers above the store pass any exception: only the store knows what SQLite raises."""
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    text = str(error)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return (
            f"{label}: the journal is read-only here (the file or its folder may not be"
            " written, and netdash writes -wal and -shm files beside it); nothing was changed"
        )
    if "unable to open" in lowered:
        return (
            f"{label}: cannot open the journal (its folder may not be readable or writable:"
            " netdash keeps -wal and -shm files beside it)"
        )
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return (
            f"{label}: the journal is damaged ({text}); run `netdash check` to see what is"
            " wrong and what to do"
        )
    if "locked" in lowered or "busy" in lowered:
        return f"{label}: another program kept the journal busy for too long ({text}); try again"
    if "disk is full" in lowered or "disk i/o" in lowered:
        return f"{label}: the journal could not be written ({text}); nothing was changed"
    return None


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file: it never checkpoints a leftover log into it
    nor rolls a hot journal back. Where SQLite cannot make its -shm file beside a journal (a
    read-only folder) and no log is there, the file is read as it stands (``immutable``):
    nobody can be writing to it then. It is tried with a read of the header, which parses no
    schema."""
    from urllib.parse import quote  # only here: not on every start

    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        conn.execute("PRAGMA user_version").fetchall()
    except sqlite3.DatabaseError as error:
        conn.close()  # now, not at the next garbage collection: it holds the file open
        if not isinstance(error, sqlite3.OperationalError) or "unable to open" not in str(error):
            raise
        pending = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
        if pending or os.access(path.parent, os.W_OK):
            raise
        return sqlite3.connect(f"{uri}&immutable=1", uri=True)
    return conn


def _probe(path: Path, label: str) -> None:
    """Refuse, reading only, what is not a netdash journal this version may open.

    SQLite reads the file first, never Python: POSIX locks belong to a process, not to a file
    descriptor, so a plain open() and close() of a journal this process has open (the TUI opens
    it again for each read in a worker) silently drops the lock by which each connection says
    "in use". Another process closing the journal then takes itself for the last user and
    deletes the -wal and -shm files under the open connections: their next writes go to a
    deleted log and readers see a "malformed" journal. Only a file SQLite refuses, or finds
    with no tables, is read byte by byte, to say what it is; no connection can be using it.
    """
    if not path.is_file() or path.stat().st_size == 0:
        _check_file_is_journal(path)
    try:
        conn = _read_only(path)
    except sqlite3.DatabaseError as error:
        _refused(path, label, error)
    refusal: JournalError | sqlite3.DatabaseError | None = None
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_MARK:
            return  # this version's journal, said by its header: no schema parsed
        probe = Database(conn, execute_plugins=False)
        _check_tables_are_netdash(probe, Path(label))
        check_not_too_new(probe, label)
    except SchemaTooNewError:
        raise
    except (JournalError, sqlite3.DatabaseError) as error:
        refusal = error
    finally:
        conn.close()  # before any bytes are read
    if isinstance(refusal, JournalError):  # no netdash tables: nobody's journal
        _check_file_is_journal(path)
        raise refusal
    if refusal is not None:
        _refused(path, label, refusal)


def _refused(path: Path, label: str, error: sqlite3.DatabaseError) -> NoReturn:
    """Say why SQLite could not read the file: for one it cannot open or finds not a database,
    what its bytes show (unreadable, empty, another kind of file); a damaged or busy journal,
    maybe in use here, is never opened outside SQLite."""
    lowered = str(error).lower()
    if "not a database" in lowered or "unable to open" in lowered:
        _check_file_is_journal(path)
    raise _sqlite_failure(Path(label), error) from None


def open_db(path: Path | str) -> Database:
    """Open (creating if missing) the journal at ``path``, upgraded to the current schema.

    A new file and its folder are created owner-only (0600 / 0700); WAL lets the TUI and the CLI
    use the journal at once; foreign keys keep the links between rows honest. Anything that is
    not a netdash journal is refused, found out through a read-only connection, before a byte
    of it (or of its log) changes. A link is followed: to a journal, or to where one will be.
    """
    path = Path(path)
    if path.is_dir():
        raise JournalError(f"{path}: is a folder, not a journal file")
    real = Path(os.path.realpath(path))
    if not real.exists():
        stale = [
            f"{real}{suffix}" for suffix in ("-wal", "-journal") if Path(f"{real}{suffix}").exists()
        ]
        if stale:  # SQLite would replay a deleted journal's log into the new one
            raise JournalError(
                f"{path}: no journal here, but {Path(stale[0]).name} (the log of one that was"
                " deleted) is; move it away to start a new journal, or put the journal back"
            )
        try:
            _build_new_journal(real)
        except OSError as error:
            raise JournalError(f"{path}: cannot create the journal ({_why(error)})") from None
        except sqlite3.DatabaseError as error:
            raise _sqlite_failure(path, error) from None
    _probe(real, str(path))
    try:
        db = Database(sqlite3.connect(str(real), timeout=5.0), execute_plugins=False)
    except sqlite3.DatabaseError as error:
        raise _sqlite_failure(path, error) from None
    if real.stat().st_mode & 0o077:
        # A journal of private notes is the owner's alone; a file we may not chmod is left as is.
        with contextlib.suppress(OSError):
            real.chmod(0o600)
    try:
        _prepare(db)
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        applied = applied_steps(db.conn)
        _refuse_unknown_steps(applied, str(path))  # again: a header can vouch for what it is not
        if not is_current(applied):  # the steps are imported only to run them
            if db.execute("PRAGMA user_version").fetchone()[0] == CURRENT_MARK:
                _check_tables_are_netdash(db, path)  # the header spared the probe this look
            _upgrade(db, path)
    except sqlite3.DatabaseError as error:
        db.close()
        raise _sqlite_failure(path, error) from error
    except BaseException:
        db.close()
        raise
    return db


def _upgrade(db: Database, path: Path) -> None:
    """Bring an older journal to the current schema in one transaction, after a copy of it as
    it was. It waits its turn like any writer (another netdash may be importing); the copy is
    read between two waits, since SQLite's backup cannot read from a connection that is
    writing."""
    from netdash.store.migrations import migrations

    begin_write(db)
    db.conn.execute("ROLLBACK")
    pending = migrations.pending(db)
    if pending and migrations.applied(db):
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        try:
            backup(db, path.with_name(f"{path.stem}.before-{pending[0].name}-{stamp}.db"))
        except (OSError, JournalError) as error:
            raise JournalError(
                f"{path}: could not back it up before upgrading it ({error});"
                " the journal was not changed"
            ) from error
    begin_write(db)
    try:
        migrations.apply(db)  # nothing, if another netdash upgraded it meanwhile
        mark_current(db.conn)
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


@contextmanager
def held_alone(path: Path) -> Iterator[bool]:
    """Whether no other process has the journal at ``path`` open, that answer held true for the
    block. Each SQLite connection to a WAL journal holds a shared lock on one byte of its -shm
    file (the "dead man switch" at offset 128, in SQLite's unix VFS) for as long as it is open:
    while this process holds that byte exclusively, nobody else can open the journal. Enter
    it with this process's own connections closed."""
    import fcntl

    try:
        fd = os.open(f"{path}-shm", os.O_RDWR)
    except FileNotFoundError:
        yield True  # the last connection to close removes it
        return
    except OSError:
        yield False  # cannot tell: assume somebody does
        return
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128, os.SEEK_SET)
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # (closing drops the lock too)


def is_damaged(db: Database) -> list[str]:
    """The problems SQLite's integrity check finds; none for a sound journal.

    The quick check runs first (it skips the indexes, so it is cheap); only when it complains is
    the full check asked, and its answer is the one kept: SQLite 3.40's quick check reports a
    NULL in every NOT NULL column of a WITHOUT ROWID table that has rows, which is not true.
    """
    rows = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        rows = [row[0] for row in db.execute("PRAGMA integrity_check(20)").fetchall()]
    return [] if rows == ["ok"] else rows


def backup(db: Database, target: Path, *, replace: bool = False) -> Path:
    """A consistent copy of the journal through SQLite's backup API (safe while others write),
    readable by its owner only.

    The copy is made under a hidden name beside ``target`` and moved in only when complete, so
    a backup killed half-way never leaves a file that looks like a backup (and opens empty).
    A journal SQLite finds damaged is not copied: a backup of damage hides the damage.
    """
    if target.exists() and not replace:
        raise JournalError(f"{target}: already exists; choose another name or pass --force")
    if replace and (target.exists() or Path(f"{target}-wal").exists()):
        with held_alone(target) as alone:
            if not alone:
                raise JournalError(f"{target}: is open in another program; close it first")
            for suffix in ("-wal", "-shm", "-journal"):  # its log would be replayed into the copy
                Path(f"{target}{suffix}").unlink(missing_ok=True)
    problems = is_damaged(db)
    if problems:
        raise JournalError(
            f"the journal is damaged ({problems[0].splitlines()[0]}); not backing it up."
            " Run `netdash check` to see what is wrong and what to do"
        )
    try:
        with written_whole(target, replace=replace, suffix=".partial") as partial:
            destination = sqlite3.connect(str(partial))
            try:
                db.conn.backup(destination)
            finally:
                destination.close()
    except FileExistsError:
        raise JournalError(
            f"{target}: already exists; choose another name or pass --force"
        ) from None
    return target


def memory_db() -> Database:
    """A fresh in-memory journal with the current schema, for tests and throwaway work."""
    from netdash.store.migrations import migrations

    db = Database(memory=True, execute_plugins=False)
    _prepare(db)
    migrations.apply(db)
    return db
