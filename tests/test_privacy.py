"""Nothing but `netdash fetch` opens a network connection: the other commands run with the
network blocked (every socket connect refused inside the process) and still work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.importers.conftest import FIXTURES

BLOCKER = """
import socket

def _refuse(*args, **kwargs):
    raise PermissionError("network blocked by the privacy test")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
"""


@pytest.fixture
def blocked(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER)
    return {
        **os.environ,
        "PYTHONPATH": str(site),
        "NETDASH_DB": str(tmp_path / "journal.db"),
        "NETDASH_TODAY": "2026-11-26",
    }


def netdash(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netdash", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_blocker_really_blocks(blocked: dict[str, str]) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env=blocked,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "network blocked by the privacy test" in probe.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("log", "yesterday: coffee with Ana Souza #work"),
        ("people", "add", "Bo Chen", "--handle", "github:bo"),
        ("people", "list", "--json"),
        ("followers", "set", "mastodon", "10", "--account", "me@x.social"),
        ("import", "twitter", str(FIXTURES / "twitter")),
        ("give", "2h at Food Bank, 10 meals served"),
        ("outcome", "A talk", "--kind", "talk"),
        ("stats", "--json"),
        ("reach-out",),
        ("review",),
        ("backup",),
        ("accounts", "add", "github", "ada"),
        ("import", str(FIXTURES / "contacts" / "contacts_v3.vcf")),
        ("import", "google-contacts", str(FIXTURES / "contacts" / "google_contacts.csv")),
        ("connections", "list"),
        ("people", "duplicates"),
        ("export", "-o", "-"),
        ("export", "--format", "vcard", "-o", "-"),
    ],
)
def test_plain_commands_work_offline(blocked: dict[str, str], args: tuple[str, ...]) -> None:
    result = netdash(blocked, *args)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fetch_is_the_one_that_tries(blocked: dict[str, str]) -> None:
    assert netdash(blocked, "accounts", "add", "github", "ada").returncode == 0
    result = netdash(blocked, "fetch")
    assert result.returncode == 2
    assert "cannot connect" in result.stderr


def test_export_and_restore_work_offline(blocked: dict[str, str], tmp_path: Path) -> None:
    assert netdash(blocked, "people", "add", "Ana Souza", "--email", "ana@x.org").returncode == 0
    exported = tmp_path / "out.json"
    assert netdash(blocked, "export", "-o", str(exported)).returncode == 0
    restored = netdash(blocked, "--db", str(tmp_path / "new.db"), "restore", str(exported))
    assert restored.returncode == 0, restored.stderr
