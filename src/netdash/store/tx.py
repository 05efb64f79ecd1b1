"""Write transactions that wait their turn instead of failing with "database is locked".

sqlite-utils' ``atomic()`` begins a *deferred* transaction: it reads first and asks for the
write lock later. If another process (``netdash log`` while the TUI is open) commits in between,
SQLite cannot upgrade the stale read and answers "database is locked" at once, without waiting.
``BEGIN IMMEDIATE`` takes the write lock up front, so the busy timeout applies and writers queue.

An import or a restore is one transaction (all or nothing), so it holds the write lock for as
long as it runs: seconds, a minute for a very large restore. How long a short write waits for
it depends on who is waiting, so it is set per thread with :func:`wait_for_writes`: a shell
command waits minutes and says once that it is waiting; the TUI's own thread may not freeze, so
it gives up at once with :class:`JournalBusy` and tries again on a timer, keeping what was
typed.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

from sqlite_utils import Database

from netdash.store.errors import JournalBusy

BUSY_TIMEOUT_MS = 5000
"""What every connection waits on a lock outside :func:`write_transaction` (set by open_db)."""

NOTICE_AFTER_SECONDS = 1.0
"""How long a write waits quietly before saying it is waiting."""


class Patience(NamedTuple):
    """A thread's wait for writers (a named tuple: every command imports it, and a frozen
    dataclass's class takes about a millisecond to make)."""

    seconds: float
    """How long a write on this thread waits for another writer before giving up."""
    notice: Callable[[], None] | None = None
    """Called once, on this thread, when the write has waited ``NOTICE_AFTER_SECONDS``."""


_DEFAULT = Patience(seconds=600.0)
_local = threading.local()


def wait_for_writes(seconds: float, notice: Callable[[], None] | None = None) -> Patience:
    """How long writes begun on the calling thread wait for another writer to finish. Returns
    what it was, for :func:`keep_waiting` to put back."""
    previous = _patience()
    _local.patience = Patience(seconds, notice)
    return previous


def keep_waiting(patience: Patience) -> None:
    """Put back what :func:`wait_for_writes` returned."""
    _local.patience = patience


@contextmanager
def without_waiting() -> Iterator[None]:
    """Writes begun in the block give up at once (JournalBusy) if another writer holds the
    journal: for caches, which the next reader can write, so a read never waits for an import."""
    previous = wait_for_writes(0.0)
    try:
        yield
    finally:
        keep_waiting(previous)


def _patience() -> Patience:
    patience = getattr(_local, "patience", None)
    return patience if isinstance(patience, Patience) else _DEFAULT


def _is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def _begin_within(conn: sqlite3.Connection, seconds: float) -> bool:
    """``BEGIN IMMEDIATE``, waiting at most ``seconds`` for the write lock; False if it stayed
    taken."""
    conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if not _is_busy(error):
            raise
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return True


def begin_write(db: Database) -> None:
    """Take the journal's write lock, waiting as long as this thread's patience allows."""
    patience = _patience()
    quiet = min(NOTICE_AFTER_SECONDS, patience.seconds)
    began = _begin_within(db.conn, quiet)
    if not began and patience.seconds > quiet:
        if patience.notice is not None:
            patience.notice()
        began = _begin_within(db.conn, patience.seconds - quiet)
    if began:
        _schema_read(db.conn)
        return
    raise JournalBusy(
        "the journal is busy with another write (an import or a restore) that has not finished"
        f" in {patience.seconds:g} s; nothing was written, try again when it is done"
    )


def _schema_read(conn: sqlite3.Connection) -> None:
    """Read the schema anew if another connection changed it (an import drops and rebuilds an
    index), now that the lock keeps it still: SQLite 3.40 could not re-prepare a write whose
    trigger writes the search index (FTS5) while reloading the schema ("no such table: people")."""
    conn.execute("SELECT 1 FROM sqlite_master WHERE rowid = 0").fetchall()  # one lookup


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One all-or-nothing write; nested inside another, it becomes a savepoint of that one."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    begin_write(db)
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def is_busy(error: BaseException) -> bool:
    """A write that met the journal held by another writer (an import, a restore), whether
    netdash's own patience ran out (JournalBusy) or SQLite's did ("database is locked")."""
    return isinstance(error, JournalBusy) or (
        isinstance(error, sqlite3.OperationalError) and _is_busy(error)
    )


@contextmanager
def one_snapshot(db: Database) -> Iterator[None]:
    """One read transaction over the block (or the caller's own), so every query in it reads
    the journal as it stood at the first: a write committed meanwhile is not half seen."""
    if db.conn.in_transaction:
        yield
        return
    db.execute("BEGIN")
    try:
        yield
    finally:
        if db.conn.in_transaction:
            db.execute("COMMIT")
