"""Running a migration's SQL script statement by statement, so it stays inside the migration's
transaction (``executescript`` would commit first)."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database


def run_script(db: Database, script: str) -> None:
    """Run a script inside the migration's transaction (executescript would commit)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
