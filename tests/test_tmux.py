"""The real `netdash` in a real terminal (tmux): launch, log a connection by keystrokes, quit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import connected

pytestmark = [
    pytest.mark.tmux,
    # On a developer's machine without tmux this is skipped; in CI (which installs tmux) never.
    pytest.mark.skipif(
        shutil.which("tmux") is None and not os.environ.get("CI"), reason="tmux is not installed"
    ),
]


class Terminal:
    def __init__(self, session: str) -> None:
        self.session = session

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", *args], capture_output=True, text=True, check=True, timeout=10
        )
        return result.stdout

    def send(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", self.session, *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.screen()
            if predicate(text):
                return text
            time.sleep(0.1)  # a polling step: the wait is on the screen's text
        raise AssertionError(f"screen never matched; last screen:\n{self.screen()}")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    journal = tmp_path / "netdash.db"
    netdash = Path(sys.executable).parent / "netdash"
    assert netdash.exists(), "netdash must be installed in the test environment"
    session = f"netdash-test-{uuid.uuid4().hex[:8]}"
    env = {
        "TERM": "xterm-256color",
        "NETDASH_TODAY": "2026-11-26",
        "HOME": str(tmp_path / "home"),
        "PATH": os.environ.get("PATH", ""),
    }
    exports = " ".join(f"{key}={value}" for key, value in env.items())
    command = f"env -i {exports} {netdash} --db {journal}; echo NETDASH-EXITED-$?; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
        check=True,
        timeout=10,
    )
    try:
        yield Terminal(session), journal
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, timeout=10)


def test_log_a_connection_with_keystrokes(terminal: tuple[Terminal, Path]) -> None:
    term, journal = terminal
    term.wait_for(lambda s: "Your journal is empty" in s)
    term.send("n")
    term.wait_for(lambda s: "Log a connection" in s)
    term.send("Ada Lovelace", literal=True)
    term.wait_for(lambda s: "Ada Lovelace (new)" in s)
    term.send("Enter")
    screen = term.wait_for(lambda s: "Latest in the journal" in s and "Ada Lovelace" in s)
    assert "People in your journal" in screen
    with connected(journal) as conn:
        assert conn.execute("SELECT name FROM people").fetchall() == [("Ada Lovelace",)]
        assert conn.execute("SELECT occurred_on, kind FROM interactions").fetchall() == [
            ("2026-11-26", "in_person")
        ]
    term.send("C-q")
    term.wait_for(lambda s: "NETDASH-EXITED-0" in s)
