"""Shared fixtures: every test runs with its own data folders and a pinned "today"."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pytest
from click.testing import CliRunner, Result
from sqlite_utils import Database

from netdash.cli import cli
from netdash.store.db import memory_db, open_db

TODAY = date(2026, 11, 26)  # a Thursday
MARKUP_NAME = "[b]Bob[/b] [/"


@contextmanager
def connected(*args: Any, **kwargs: Any) -> Iterator[sqlite3.Connection]:
    """A plain SQLite connection for a test to look with: committed if the block ends well, and
    always closed. ``with connected(...)`` only commits; the connection lives on (its
    statement cache holds it in a cycle) until the garbage collector comes by, with its hold on
    the journal's -shm. A later open and close of the journal by Python (a copy) then drops
    this process's locks, another process closing takes itself for the last and deletes the
    -wal and -shm, and every later connection here reads a stale index: "disk I/O error"."""
    conn = sqlite3.connect(*args, **kwargs)
    try:
        with conn:
            yield conn
    finally:
        conn.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow run first: in parallel, the suite then ends as the short ones run out,
    not when a long one that happened to start last finishes. (A stable sort: the order is the
    same in every xdist worker, as xdist requires.)"""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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


CACHES = frozenset(
    {
        "depth_cache",
        "depth_cache_key",
        "depth_dirty",
        "journal_revision",
        "known_followers",
        "layer_history",
        "trash",
        "user_revision",
    }
)
"""Caches the journal rebuilds on reading, the revision counters and marks they are kept by, and
the trash itself: an undo must bring every other table back byte for byte."""

SEGMENTS = frozenset({"_search_data", "_search_idx"})
"""The search index's b-tree segments (FTS5's own tables): their bytes differ with the order the
same rows were written in, so journals are compared by the index's documents (``_search``,
``_search_content``) instead."""


def table_rows(
    source: Path | Database, skip: Collection[str] = ()
) -> dict[str, list[tuple[object, ...]]]:
    """Every table of a journal (a file, or an open database) and its rows, in a stable order,
    for comparing journals; the tables in ``skip`` left out."""
    query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    if isinstance(source, Database):
        return _rows_of(source.conn, query, skip)
    with connected(source) as conn:
        return _rows_of(conn, query, skip)


def _rows_of(
    conn: sqlite3.Connection, query: str, skip: Collection[str]
) -> dict[str, list[tuple[object, ...]]]:
    names = [row[0] for row in conn.execute(query) if row[0] not in {*skip, *SEGMENTS}]
    return {
        name: sorted(map(tuple, conn.execute(f'SELECT * FROM "{name}"').fetchall()), key=repr)
        for name in names
    }


def kept_rows(source: Path | Database) -> dict[str, list[tuple[object, ...]]]:
    """Every table but the caches: what a delete then an undo must leave exactly as it was."""
    return table_rows(source, skip=CACHES)


class Run(Protocol):
    """The ``run`` fixture: the netdash command line on the test's journal file."""

    def __call__(self, *args: str) -> Result: ...


@pytest.fixture
def run(journal_path: Path) -> Iterator[Run]:
    from netdash.store import trash

    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--db", str(journal_path), *args], catch_exceptions=False)

    yield invoke
    trash.keep_trash_for(trash.DEFAULT_KEEP_DAYS)  # the store's setting outlives a command


# ------------------------------------------------------------------ a journal of hostile text
# Names and notes as an import can bring them: escape sequences that would clear the screen,
# write the clipboard (OSC 52), retitle the window, plant a hyperlink, in 7-bit and C1 forms,
# and bidi overrides. Shown anywhere, none of these characters may reach the terminal.

RM_RF = "cm0gLXJmIH4v"  # base64 of "rm -rf ~/"
HOSTILE_PARTS = (
    "\x1b[2J\x1b[H",  # CSI: clear the screen, cursor home
    f"\x1b]52;c;{RM_RF}\x07",  # OSC 52 (clipboard), ended by BEL
    f"\x1b]52;c;{RM_RF}\x1b\\",  # … and by ST
    "\x1b]0;owned\x07",  # OSC 0 (window title)
    "\x1b]2;owned\x1b\\",  # OSC 2
    "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b2J",  # C1 CSI
    f"\x9d52;c;{RM_RF}\x9c",  # C1 OSC … C1 ST
    "\u202eevil\u202c \u2066iso\u2069",  # bidi override, isolate
    "\x00\x07\x08\x7f\x85\x1b",  # NUL, BEL, BS, DEL, NEL, a lone ESC
)
HOSTILE = "".join(HOSTILE_PARTS)
"""Every part in one string: for notes and the other long fields."""
HOSTILE_NAME = f"Mallory {HOSTILE_PARTS[0]}{HOSTILE_PARTS[1]}{HOSTILE_PARTS[6]}\u202eX"
HOSTILE_OTHER = f"Eve {HOSTILE_PARTS[2]}{HOSTILE_PARTS[7]}{HOSTILE_PARTS[8]}"
HOSTILE_ORG = f"Food {HOSTILE_PARTS[3]}{HOSTILE_PARTS[5]}Bank"
HOSTILE_TITLE = f"Contract {HOSTILE_PARTS[4]}{HOSTILE_PARTS[9]}"
HOSTILE_HANDLE = f"mal{HOSTILE_PARTS[0]}{HOSTILE_PARTS[7]}"  # handles have no spaces
TERMINAL_ACTIVE = frozenset(
    chr(code)
    for code in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
)
"""Characters a terminal acts on: C0, DEL, C1 and the bidi embeddings, overrides, isolates."""


def seed_hostile(db: Database) -> dict[str, int]:
    """Fill a journal with hostile text in every field a screen or command shows; return ids."""
    from decimal import Decimal

    from netdash.domain.models import Handle
    from netdash.store.audience import ensure_account
    from netdash.store.community import add_contribution, add_goal
    from netdash.store.journal import NewPerson, log_interaction
    from netdash.store.outcomes import add_outcome
    from netdash.store.people import add_person

    other = add_person(db, HOSTILE_OTHER, notes=HOSTILE, tags=[f"t{HOSTILE_PARTS[8]}"])
    mallory = add_person(
        db,
        HOSTILE_NAME,
        handles=[Handle("github", HOSTILE_HANDLE)],
        tags=[f"tag{HOSTILE_PARTS[0]}", f"x{HOSTILE_PARTS[7]}"],
        met_on=date(2025, 3, 1),
        how_met=HOSTILE,
        introduced_by=other,
        notes=f"line one {HOSTILE}\nline two {HOSTILE}",
        cadence_days=7,
        company=HOSTILE_ORG,
        job_title=HOSTILE_TITLE,
    )
    twin = add_person(db, HOSTILE_NAME)  # the same name: a likely duplicate
    for day, note in ((date(2026, 10, 1), HOSTILE), (date(2026, 9, 3), f"second {HOSTILE}")):
        log_interaction(
            db,
            people=[mallory, other],
            occurred_on=day,
            today=TODAY,
            kind="helped_me",
            initiated_by="them",
            depth=4,
            note=note,
            tags=[f"j{HOSTILE_PARTS[1]}"],
        )
    log_interaction(
        db,
        people=[NewPerson(f"Trent {HOSTILE_PARTS[5]}")],
        occurred_on=date(2026, 11, 20),
        today=TODAY,
        kind="call",
        note=HOSTILE,
    )
    add_contribution(
        db,
        organisation=HOSTILE_ORG,
        cause=HOSTILE_TITLE,
        occurred_on=date(2026, 6, 1),
        today=TODAY,
        minutes=240,
        result=(Decimal(120), f"meals {HOSTILE_PARTS[3]}"),
        role=HOSTILE_PARTS[2],
        people=[mallory],
        note=HOSTILE,
    )
    add_goal(db, 2026, result=(Decimal(500), f"meals {HOSTILE_PARTS[3]}"), organisation=HOSTILE_ORG)
    add_outcome(
        db,
        title=HOSTILE_TITLE,
        occurred_on=date(2026, 7, 1),
        today=TODAY,
        kind="client",
        people=[(mallory, "introduced")],
        organisations=[HOSTILE_ORG],
        note=HOSTILE,
    )
    # Refused as input now, but a journal from before may hold them: stored as netdash did
    # (e-mails and labels lower-cased, runs of whitespace made one space).
    for kind, value, label in (
        ("email", f"m{HOSTILE_PARTS[7]}@example.org".lower(), ""),
        ("phone", " ".join(f"+44 20 7946 0000 {HOSTILE_PARTS[9]}".split()), "w\x1b[2j"),
    ):
        db.execute(
            "INSERT INTO contact_points(person_id, kind, value, label, preferred)"
            " VALUES (?, ?, ?, ?, 0)",
            [mallory, kind, value, label],
        )
    db.execute(
        "INSERT INTO accounts(platform, handle, created_at)"
        " VALUES ('mastodon', ?, '2026-01-01T00:00:00Z')",
        [HOSTILE_HANDLE.lower()],
    )
    (hostile_account,) = db.execute(
        "SELECT id FROM accounts WHERE handle = ?", [HOSTILE_HANDLE.lower()]
    ).fetchone()
    for followers, stamp in ((100, "2026-01-05"), (140, "2026-11-01")):
        db.execute(
            "INSERT INTO follower_counts(account_id, observed_at, followers, source)"
            " VALUES (?, ?, ?, ?)",
            [hostile_account, f"{stamp}T23:59:59Z", followers, f"export{HOSTILE_PARTS[4]}"],
        )
    linkedin = ensure_account(db, "linkedin", "me")
    db.execute(
        "INSERT INTO connections(account_id, remote_id, name, url, email, company, position,"
        " connected_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [linkedin, "r1", HOSTILE_OTHER + " Jr", "https://x.example/", None, HOSTILE_ORG,
         HOSTILE_TITLE, "2024-02-02"],
    )  # fmt: skip
    db.execute(
        "INSERT INTO vouches(person_id, direction, topic, occurred_on, note, created_at)"
        " VALUES (?, 'given', ?, '2026-05-05', ?, '2026-05-05T00:00:00Z')",
        [mallory, HOSTILE_TITLE, HOSTILE],
    )
    db.conn.commit()
    return {"mallory": mallory, "other": other, "twin": twin}


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Hold a journal's write lock as a long import does, until the block ends."""
    conn = sqlite3.connect(path)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO tags(name) VALUES ('held by the import')")
    try:
        yield
    finally:
        conn.rollback()
        conn.close()
