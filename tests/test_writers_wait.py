"""Writers wait their turn: a short write during a long import waits (and says so) or gives up
cleanly, and nothing typed is lost."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from netdash.cli import cli
from netdash.store.db import open_db
from netdash.store.errors import JournalBusy
from netdash.store.people import add_person
from netdash.store.tx import keep_waiting, wait_for_writes, write_transaction
from tests.conftest import connected, write_lock_held


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "netdash.db"
    open_db(path).close()
    return path


def names(path: Path) -> list[str]:
    with connected(path) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM people ORDER BY id")]


def test_a_shell_write_waits_for_the_import_and_says_so(journal: Path) -> None:
    """The lock is let go only once the shell says it is waiting: however slowly the process
    starts on a loaded machine, it meets the lock held."""
    with write_lock_held(journal):
        shell = subprocess.Popen(
            [sys.executable, "-m", "netdash", "--db", str(journal), "log", "coffee with Ana Souza"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert shell.stderr is not None
        said = shell.stderr.readline()  # blocks until it says something, or ends
        assert "waiting for another write to the journal to finish" in said, said
        time.sleep(0.5)
        assert shell.poll() is None  # still waiting while the import holds the journal
        assert names(journal) == []
    _, rest = shell.communicate(timeout=120)
    assert shell.returncode == 0, said + rest
    assert names(journal) == ["Ana Souza"]


def test_a_shell_write_that_waits_too_long_gives_up_in_one_line(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netdash.cli import kit as clikit

    monkeypatch.setattr(clikit, "WRITE_PATIENCE_SECONDS", 1.5)
    with write_lock_held(journal):
        result = CliRunner().invoke(cli, ["--db", str(journal), "people", "add", "Bo Chen"])
    assert result.exit_code == 2, result.output
    assert "busy with another write" in result.output and "nothing was written" in result.output
    assert names(journal) == []


def test_a_thread_that_may_not_wait_is_told_at_once(journal: Path) -> None:
    db = open_db(journal)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    before = wait_for_writes(0.1)
    try:
        with write_lock_held(journal), pytest.raises(JournalBusy), write_transaction(db):
            add_person(db, "Never Written")
        # SQLite was asked to wait 100 ms at most before the write lock, never its default
        begun = statements.index("BEGIN IMMEDIATE")
        waits = [s for s in statements[:begun] if s.startswith("PRAGMA busy_timeout")]
        assert waits[-1:] == ["PRAGMA busy_timeout = 100"], statements
        db.conn.set_trace_callback(None)
        with write_transaction(db):  # the lock is free again: the same write goes through
            add_person(db, "Written Later")
    finally:
        keep_waiting(before)
        db.close()
    assert names(journal) == ["Written Later"]


def test_a_read_never_waits_for_an_import(journal: Path) -> None:
    """stats rescores and would keep the scores in a cache: with the journal held, it serves
    them without keeping them rather than wait."""
    db = open_db(journal)
    add_person(db, "Ana Souza")
    db.close()
    with write_lock_held(journal):
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "netdash", "--db", str(journal), "stats", "--json"],
            capture_output=True,
            text=True,
        )
        took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert "waiting" not in result.stderr and took < 5.0
