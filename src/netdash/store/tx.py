"""Write transactions that wait their turn instead of failing with "database is locked".

sqlite-utils' ``atomic()`` begins a *deferred* transaction: it reads first and asks for the
write lock later. If another process (``netdash log`` while the TUI is open) commits in between,
SQLite cannot upgrade the stale read and answers "database is locked" at once, without waiting.
``BEGIN IMMEDIATE`` takes the write lock up front, so the busy timeout applies and writers queue.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One all-or-nothing write; nested inside another, it becomes a savepoint of that one."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")
