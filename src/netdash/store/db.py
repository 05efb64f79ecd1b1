"""Opening a journal: file permissions, pragmas, migrations and the too-new check."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from netdash.leftovers import remove_temporary, temporary_name, tracked
from netdash.paths import make_private_folders
from netdash.store.errors import JournalError, SchemaTooNewError
from netdash.store.migrations import known_migration_names, migrations
from netdash.store.tx import BUSY_TIMEOUT_MS

SQLITE_HEADER = b"SQLite format 3\x00"


def _create_private_file(path: Path) -> None:
    """Create an empty file readable by the owner only (and its folder), before SQLite opens it."""
    make_private_folders(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    os.close(fd)


def _prepare(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _why(error: OSError) -> str:
    return error.strerror or str(error)


def check_not_too_new(db: Database, label: str) -> None:
    """Refuse a journal carrying migrations this version does not know, before writing anything."""
    known = set(known_migration_names())
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise SchemaTooNewError(
            f"{label}: this journal was written by a newer netdash (schema step "
            f"{unknown[-1]!r} is unknown here); upgrade netdash to open it."
            " The file was not changed."
        )


def _check_file_is_journal(path: Path) -> None:
    """Refuse, before anything is changed, a path that cannot be a netdash journal: a device, a
    file of another kind, an empty file nobody made with netdash (netdash never leaves one:
    new journals are built aside and moved in whole)."""
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
    tables = db.table_names()
    if migrations.applied(db):
        return
    listed = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
    what = f"another program's database (tables: {listed})" if tables else "an empty database"
    raise JournalError(
        f"{path}: is {what}, not a netdash journal; it was not changed"
        " (give a new file name for a new journal)"
    )


def is_netdash_journal(path: Path) -> bool:
    """Whether ``path`` holds a netdash journal; only read, never changed."""
    try:
        _check_file_is_journal(path)
        from urllib.parse import quote  # only here: not on every start

        conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True)
    except (JournalError, sqlite3.Error):
        return False
    try:
        return bool(migrations.applied(Database(conn, execute_plugins=False)))
    except sqlite3.Error:
        return True  # unreadable as it is (a WAL journal in a read-only place): assume the worst
    finally:
        conn.close()


def _build_new_journal(path: Path) -> None:
    """Make a new journal at ``path``: built under a hidden name beside it and moved in whole, so
    a process killed half-way leaves no empty or half-made journal under the real name."""
    make_private_folders(path.parent)
    fd, partial_name = tempfile.mkstemp(prefix=temporary_name(path), suffix=".new", dir=path.parent)
    os.close(fd)  # mkstemp: created exclusively, 0600
    partial = Path(partial_name)
    with tracked(partial):
        try:
            database = Database(sqlite3.connect(partial_name), execute_plugins=False)
            try:
                _prepare(database)
                database.execute("PRAGMA journal_mode = WAL")
                migrations.apply(database)
                database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                database.close()
            with contextlib.suppress(FileExistsError):  # another process made it meanwhile
                place_without_replacing(partial, path)
        finally:
            remove_temporary(partial)


def place_without_replacing(partial: Path, target: Path) -> None:
    """Give the finished ``partial`` its final name, failing with FileExistsError rather than
    replace a file that appeared there meanwhile (a hard link is atomic and never replaces; on
    a file system without links, a rename after a last look)."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(partial, target)


def _sqlite_failure(path: Path, error: sqlite3.DatabaseError) -> JournalError:
    return JournalError(
        explain_sqlite_error(str(path), error) or f"{path}: could not use the journal ({error})"
    )


def explain_sqlite_error(label: str, error: sqlite3.DatabaseError) -> str | None:
    """One line for a SQLite failure that is about the file, not about netdash (read-only,
    locked, damaged, not a database, a full disk); None for anything else, which is a bug."""
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


def open_db(path: Path | str) -> Database:
    """Open (creating if missing) the journal at ``path``, upgraded to the current schema.

    A new file and its folder are created owner-only (0600 / 0700); WAL lets the TUI and the CLI
    use the journal at once; foreign keys keep the links between rows honest. Anything that is
    not a netdash journal is refused before a byte of it changes.
    """
    path = Path(path)
    if path.exists() and path.is_dir():
        raise JournalError(f"{path}: is a folder, not a journal file")
    if not path.exists():
        try:
            _build_new_journal(path)
        except OSError as error:
            raise JournalError(f"{path}: cannot create the journal ({_why(error)})") from None
        except sqlite3.DatabaseError as error:
            raise _sqlite_failure(path, error) from None
    _check_file_is_journal(path)
    try:
        conn = sqlite3.connect(str(path), timeout=5.0)
        db = Database(conn, execute_plugins=False)
    except sqlite3.DatabaseError as error:
        raise _sqlite_failure(path, error) from None
    try:
        _check_tables_are_netdash(db, path)
        check_not_too_new(db, str(path))
    except JournalError:
        db.close()
        raise
    except sqlite3.DatabaseError as error:
        db.close()
        raise _sqlite_failure(path, error) from None
    if path.stat().st_mode & 0o077:
        # A journal of private notes is the owner's alone; a file we may not chmod is left as is.
        with contextlib.suppress(OSError):
            path.chmod(0o600)
    try:
        _prepare(db)
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        pending = migrations.pending(db)
        if pending and migrations.applied(db):
            # an existing journal about to change shape: keep a copy of it as it was
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            try:
                backup(db, path.with_name(f"{path.stem}.before-{pending[0].name}-{stamp}.db"))
            except (OSError, JournalError) as error:
                db.close()
                raise JournalError(
                    f"{path}: could not back it up before upgrading it ({error});"
                    " the journal was not changed"
                ) from error
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        db.close()
        raise _sqlite_failure(path, error) from error
    return db


@dataclass(frozen=True)
class CheckReport:
    """What ``netdash check`` found: SQLite's own integrity check and the links between rows."""

    integrity: list[str]
    """The integrity check's complaints, none for a sound file."""
    broken_links: list[tuple[str, int | None, str]]
    """(table, rowid, the table it should point into) for each row whose link leads nowhere."""
    pages: int

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.broken_links


def check_journal(path: Path) -> CheckReport:
    """Run SQLite's full integrity check and its foreign-key check on the file at ``path``.

    Opened without the migrations ``open_db`` applies (a damaged file could not take them, and
    a check never changes what it checks), so it also answers for a journal that will not open.
    """
    _check_file_is_journal(path)
    try:
        conn = sqlite3.connect(str(path), timeout=5.0)
    except sqlite3.DatabaseError as error:
        raise _sqlite_failure(path, error) from None
    try:
        conn.execute("PRAGMA query_only = ON")
        try:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check(100)")]
        except sqlite3.DatabaseError as error:
            integrity = [str(error)]
        try:
            links = [(row[0], row[1], row[2]) for row in conn.execute("PRAGMA foreign_key_check")]
        except sqlite3.DatabaseError as error:
            integrity.append(f"the links between rows could not be checked ({error})")
            links = []
        try:
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        except sqlite3.DatabaseError:
            pages = 0
    finally:
        conn.close()
    return CheckReport(
        integrity=[] if integrity == ["ok"] else integrity, broken_links=links, pages=pages
    )


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
    problems = is_damaged(db)
    if problems:
        raise JournalError(
            f"the journal is damaged ({problems[0]}); not backing it up."
            " Run `netdash check` to see what is wrong and what to do"
        )
    make_private_folders(target.parent)
    fd, partial_name = tempfile.mkstemp(
        prefix=temporary_name(target), suffix=".partial", dir=target.parent
    )
    os.close(fd)
    partial = Path(partial_name)
    with tracked(partial):
        try:
            destination = sqlite3.connect(partial_name)
            try:
                db.conn.backup(destination)
            finally:
                destination.close()
            with partial.open("rb+") as handle:
                os.fsync(handle.fileno())
            if replace:
                os.replace(partial, target)
            else:
                place_without_replacing(partial, target)
        except FileExistsError:
            raise JournalError(
                f"{target}: already exists; choose another name or pass --force"
            ) from None
        finally:
            remove_temporary(partial)
    return target


def memory_db() -> Database:
    """A fresh in-memory journal with the current schema, for tests and throwaway work."""
    db = Database(memory=True, execute_plugins=False)
    _prepare(db)
    migrations.apply(db)
    return db
