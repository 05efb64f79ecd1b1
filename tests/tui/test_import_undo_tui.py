"""An import from the Audience screen says ctrl+z takes it back, and ctrl+z does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.store import imports
from netdash.store.db import open_db
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.audience import AudienceScreen
from tests.conftest import kept_rows
from tests.importers.conftest import FIXTURES
from tests.tui.test_audience import import_from
from tests.tui.waits import notified, wait_for, workers_done


@pytest.fixture
def file_journal(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    path = tmp_path / "journal.db"
    db = open_db(path)
    add_person(db, "Ana Souza")
    yield db, path
    db.close()


async def test_a_follower_import_says_ctrl_z_takes_it_back_and_it_does(
    file_journal: tuple[Database, Path],
) -> None:
    db, path = file_journal
    before = kept_rows(path)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "the Audience")
        await import_from(pilot, FIXTURES / "twitter")
        await notified(pilot, "4 followers")
        (notice,) = [n for n in app.notices if n.title == "Imported"]
        assert notice.message.endswith("\nctrl+z / netdash undo takes it back")
        await pilot.press("ctrl+z", "y")
        await workers_done(pilot)
        await wait_for(pilot, lambda: kept_rows(path) == before, "the import undone")


async def test_an_address_book_import_says_so_too(file_journal: tuple[Database, Path]) -> None:
    db, path = file_journal
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "the Audience")
        await import_from(pilot, FIXTURES / "contacts" / "contacts_v3.vcf")
        await notified(pilot, "Imported people")
        (notice,) = [n for n in app.notices if n.title == "Imported people"]
        assert notice.message.endswith("\nctrl+z / netdash undo takes it back")


async def test_a_list_over_the_limit_says_take_a_backup(
    file_journal: tuple[Database, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "KEEP_LIST_UP_TO", 3)
    db, path = file_journal
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "the Audience")
        await import_from(pilot, FIXTURES / "twitter")
        await notified(pilot, "not kept in the trash")
        (notice,) = [n for n in app.notices if n.title == "Imported"]
        assert "take a `netdash backup` before a large import" in notice.message


async def test_a_first_import_in_the_tui_needs_no_account_and_says_its_date(
    file_journal: tuple[Database, Path], tmp_path: Path
) -> None:
    """The `i` form on a fresh journal: no account typed, a renamed LinkedIn file."""
    import shutil

    db, path = file_journal
    renamed = tmp_path / "Connections (2).csv"
    shutil.copyfile(FIXTURES / "linkedin" / "Connections.csv", renamed)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "the Audience")
        await import_from(pilot, renamed)
        await notified(pilot, "4 followers")
        (notice,) = [n for n in app.notices if n.title == "Imported"]
        lines = notice.message.splitlines()
        assert lines[0].startswith("linkedin (me) · 4 followers")
        assert lines[1] == "as of 2025-02-14 (the newest connection)"
        assert "made one called 'me'; R renames it" in lines[2]
    assert db.execute("SELECT platform, handle FROM accounts").fetchall() == [("linkedin", "me")]
