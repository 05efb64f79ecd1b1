"""``netdash check``: SQLite's integrity check and the links between rows, read only.

Apart from :mod:`netdash.store.db` so that every other command, which opens the journal through
it, does not make the report's record class at import.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from netdash.store.db import _probe, _read_only, _sqlite_failure, explain_sqlite_error


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

    Read only (a check never changes what it checks, not even by folding a leftover log into
    it) and without the migrations ``open_db`` applies, so it also answers for a journal that
    will not open.
    """
    _probe(path, str(path))
    try:
        conn = _read_only(path)
    except sqlite3.DatabaseError as error:
        raise _sqlite_failure(path, error) from None
    try:
        try:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check(100)")]
        except sqlite3.DatabaseError as error:
            if explain_sqlite_error(str(path), error) and "damaged" not in str(
                explain_sqlite_error(str(path), error)
            ):
                raise _sqlite_failure(path, error) from None
            rows = [str(error)]
        # SQLite 3.40 returns its findings as one row with line breaks in it
        integrity = [line for row in rows for line in str(row).splitlines() if line.strip()]
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
