"""Opening a journal: file permissions, pragmas, migrations and the too-new check."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from netdash.paths import make_private_folders
from netdash.store.errors import JournalError, SchemaTooNewError
from netdash.store.migrations import known_migration_names, migrations


def _create_private_file(path: Path) -> None:
    """Create the journal (and its folder) readable by the owner only, before SQLite opens it."""
    make_private_folders(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)


def _prepare(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")


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


def open_db(path: Path | str) -> Database:
    """Open (creating if missing) the journal at ``path``, upgraded to the current schema.

    A new file and its folder are created owner-only (0600 / 0700); WAL lets the TUI and the CLI
    use the journal at once; foreign keys keep the links between rows honest.
    """
    path = Path(path)
    if path.exists() and path.is_dir():
        raise JournalError(f"{path}: is a folder, not a journal file")
    if not path.exists():
        try:
            _create_private_file(path)
        except OSError as error:
            raise JournalError(
                f"{path}: cannot create the journal ({error.strerror or error})"
            ) from None
    elif path.stat().st_mode & 0o077:
        # A journal of private notes is the owner's alone; a file we may not chmod is left as is.
        with contextlib.suppress(OSError):
            path.chmod(0o600)
    try:
        conn = sqlite3.connect(str(path), timeout=5.0)
        db = Database(conn, execute_plugins=False)
        check_not_too_new(db, str(path))
    except sqlite3.DatabaseError as error:
        raise JournalError(f"{path}: not a netdash journal ({error})") from error
    _prepare(db)
    try:
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        pending = migrations.pending(db)
        if pending and migrations.applied(db):
            # an existing journal about to change shape: keep a copy of it as it was
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            try:
                backup(db, path.with_name(f"{path.stem}.before-{pending[0].name}-{stamp}.db"))
            except OSError as error:
                db.close()
                raise JournalError(
                    f"{path}: could not back it up before upgrading it ({error});"
                    " the journal was not changed"
                ) from error
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        db.close()
        raise JournalError(f"{path}: could not open the journal ({error})") from error
    return db


def backup(db: Database, target: Path) -> Path:
    """A consistent copy of the journal through SQLite's backup API (safe while others write),
    readable by its owner only."""
    make_private_folders(target.parent)
    if target.exists():
        raise JournalError(f"{target}: already exists; a backup never overwrites")
    _create_private_file(target)
    destination = sqlite3.connect(str(target))
    try:
        db.conn.backup(destination)
    finally:
        destination.close()
    return target


def memory_db() -> Database:
    """A fresh in-memory journal with the current schema, for tests and throwaway work."""
    db = Database(memory=True, execute_plugins=False)
    _prepare(db)
    migrations.apply(db)
    return db
