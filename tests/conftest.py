"""Shared fixtures: every test runs with its own data folders and a pinned "today"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.store.db import memory_db, open_db

TODAY = date(2026, 11, 26)  # a Thursday
MARKUP_NAME = "[b]Bob[/b] [/"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real home: data and config folders live under the test's tmp_path."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("NETDASH_DB", raising=False)
    monkeypatch.setenv("NETDASH_TODAY", TODAY.isoformat())
    return home


@pytest.fixture
def db() -> Iterator[Database]:
    database = memory_db()
    yield database
    database.close()


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal" / "netdash.db"


@pytest.fixture
def file_db(journal_path: Path) -> Iterator[Database]:
    database = open_db(journal_path)
    yield database
    database.close()


def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table of a journal file and its rows, in a stable order, for comparing files."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
