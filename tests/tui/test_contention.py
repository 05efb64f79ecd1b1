"""A 1,000,000-follower import holds the journal while the TUI and ten shell commands save:
every entry lands, the import lands whole, and nothing fails."""

from __future__ import annotations

import asyncio
import importlib.util
import sqlite3
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from netdash.store.db import open_db
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.log_form import LogForm
from tests.tui.conftest import static_text
from tests.tui.waits import wait_for

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "crash_safety.py"
FOLLOWERS = 1_000_000
WRITERS = ["Ana Souza", "Bo Chen", "Chen Li", "Dara Okafor", "Eli Cohen", "Femi Adeyemi",
           "Gita Rao", "Hana Sato", "Ines Moreau", "Jun Park"]  # fmt: skip


def build_archive(path: Path) -> None:
    spec = importlib.util.spec_from_file_location("crash_safety", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build_archive(path, FOLLOWERS, "2026-02-01T00:00:00.000Z", first_id=10**12)


@pytest.mark.slow
async def test_a_million_row_import_while_the_tui_and_ten_shell_writers_save(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "twitter.zip"
    build_archive(archive)
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0.5)
    netdash = [sys.executable, "-m", "netdash", "--db", str(path)]
    async with app.run_test(size=(120, 40)) as pilot:
        importer = await asyncio.create_subprocess_exec(
            *netdash, "import", "twitter", str(archive),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        # wait until the import holds the write lock, then everyone else tries to write
        probe = sqlite3.connect(path, timeout=0)

        def import_holds_the_lock() -> bool:
            assert importer.returncode is None, "the import ended before it took the lock"
            try:
                probe.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                return True
            probe.rollback()
            return False

        await wait_for(pilot, import_holds_the_lock, "the import to hold the lock", timeout=60)
        probe.close()
        writers = [
            await asyncio.create_subprocess_exec(
                *netdash,
                "log",
                f"call with {name}",
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            for name in WRITERS
        ]
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), "the log form")
        form = app.screen
        assert isinstance(form, LogForm)
        await pilot.press(*"Ada Lovelace", "enter")
        # the form says it waits for the import; on a loaded machine the import can end while
        # the name is typed, and the form saves at once and closes: either way it saved once
        await wait_for(
            pilot,
            lambda: (
                not form.is_attached
                or "Waiting" in static_text(form.query_one("#form-error", Static))
            ),
        )
        results = [await process.communicate() for process in (importer, *writers)]
        for process, (_, errors) in zip((importer, *writers), results, strict=True):
            assert process.returncode == 0, errors.decode()[-2000:]
        # a writer that met the import's lock said it waits; on a loaded machine the last
        # writers may start only after the import is done (all ten landing is checked below)
        assert any(b"waiting for another write" in errors for _, errors in results[1:])
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), timeout=10)
    people = {row[0] for row in db.execute("SELECT name FROM people")}
    followers = db.execute("SELECT COUNT(*) FROM follower_accounts").fetchone()[0]
    entries = db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0]
    db.close()
    assert people == {"Ada Lovelace", *WRITERS}
    assert entries == 11
    assert followers == FOLLOWERS
