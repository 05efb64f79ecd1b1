"""The Audience screen, and importing an export from the TUI in a worker."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, ProgressBar, Static

from netdash.actions import imports
from netdash.actions.imports import import_followers
from netdash.store.audience import record_follower_count
from netdash.store.db import open_db
from netdash.store.imports import ImportResult
from netdash.tui.app import NetdashApp
from netdash.tui.screens import audience as audience_screen
from netdash.tui.screens.audience import AudienceScreen
from netdash.tui.screens.import_form import ImportForm
from tests.conftest import connected
from tests.importers.conftest import FIXTURES
from tests.tui.conftest import column_text, static_text
from tests.tui.waits import notified, wait_for


async def import_from(pilot: Pilot[None], path: Path) -> None:
    """Press i, give the import form ``path`` and press Enter, as a person would."""
    await pilot.press("i")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ImportForm), "the import form")
    form = pilot.app.screen
    assert isinstance(form, ImportForm)
    form.query_one("#path", Input).value = str(path)
    await pilot.press("enter")


@pytest.fixture
def file_journal(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    path = tmp_path / "journal.db"
    db = open_db(path)
    for followers, day in ((1200, "2026-10-01"), (1234, "2026-11-20")):
        record_follower_count(
            db,
            platform="mastodon",
            account="@me@example.social",
            followers=followers,
            following=80,
            at=f"{day}T23:59:59Z",
            source="mastodon api",
        )
    yield db, path
    db.close()


async def test_accounts_with_change_history_and_list(file_journal: tuple[Database, Path]) -> None:
    db, path = file_journal
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AudienceScreen)
        table = screen.query_one("#accounts", DataTable)
        assert column_text(table, 1) == ["me@example.social"]
        assert column_text(table, 2) == ["1,234"] and column_text(table, 3) == ["+34"]
        # the change is measured against the count fetched on 10-01: the cell says so, in the
        # dashboard's words (store.audience.compared_with)
        assert column_text(table, 4) == ["since 2026-10-01 (fetched)"]
        detail = screen.query_one("#detail-text", Static)
        await wait_for(pilot, lambda: "none imported" in static_text(detail))


async def test_import_from_the_tui_runs_in_a_worker(file_journal: tuple[Database, Path]) -> None:
    db, path = file_journal
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await import_from(
            pilot, FIXTURES / "twitter"
        )  # from the dashboard: opens Audience and the form
        screen = app.screen
        assert isinstance(screen, AudienceScreen)
        table = screen.query_one("#accounts", DataTable)
        await wait_for(pilot, lambda: "ada_example" in column_text(table, 1))
        assert not screen.query_one("#import-progress", ProgressBar).display
        assert any("4 followers" in n.message for n in app.notices)
    with connected(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM follower_accounts").fetchone() == (4,)
        assert conn.execute("SELECT source, rows FROM imports").fetchall() == [
            ("twitter archive", 4)
        ]


async def test_a_bad_export_is_refused_in_the_tui_and_writes_nothing(
    file_journal: tuple[Database, Path], tmp_path: Path
) -> None:
    db, path = file_journal
    from netdash.store.audience import add_account

    add_account(db, "twitter", "ada_one")  # two accounts: the import must be told which
    add_account(db, "twitter", "ada_two")
    bad = tmp_path / "follower.js"
    bad.write_text("window.YTD.follower.part0 = [ {")
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("i")
        form = app.screen
        assert isinstance(form, ImportForm)
        await pilot.press(*"/no/such/file", "enter")
        await pilot.pause()
        assert "no such file" in static_text(form.query_one("#form-error", Static))
        form.query_one("#path", Input).value = str(bad)
        await pilot.press("enter")
        # refused: the form comes back with the path kept and the reason in it, not a toast
        await wait_for(pilot, lambda: isinstance(app.screen, ImportForm), "the form again")
        again = app.screen
        assert isinstance(again, ImportForm) and again is not form
        assert again.query_one("#path", Input).value == str(bad)
        said = " ".join(static_text(again.query_one("#form-error", Static)).split())
        # in the form's words, at the box that fixes it (not the command line's --account)
        assert "type which one is yours under Your account" in said and "--account" not in said
        assert again.focused is again.query_one("#account", Input)
        await pilot.press(*"ada_example", "enter")
        # the account given, the broken file is what is wrong: the form again, at the path
        await wait_for(
            pilot, lambda: app.screen is not again and isinstance(app.screen, ImportForm)
        )
        third = app.screen
        assert isinstance(third, ImportForm)
        assert third.query_one("#account", Input).value == "ada_example"
        assert "follower.js" in static_text(third.query_one("#form-error", Static))
        assert third.focused is third.query_one("#path", Input)
        assert not [n for n in app.notices if "refused" in n.title]
    with connected(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM imports").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM follower_accounts").fetchone() == (0,)


async def test_an_address_book_imported_from_the_tui_becomes_people(
    file_journal: tuple[Database, Path],
) -> None:
    db, path = file_journal
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await import_from(pilot, FIXTURES / "contacts" / "contacts_v3.vcf")
        await notified(pilot, "Imported people")
        assert any("3 new people" in n.message for n in app.notices)
    with connected(path) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM people ORDER BY name")]
    assert names == ["Jen O'Neil", "Priya Raman", "Tomás Reyes"]


async def test_a_second_import_is_refused_while_the_first_runs_which_is_reported(
    file_journal: tuple[Database, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path = file_journal
    started, release = threading.Event(), threading.Event()

    def held(*args: Any, **kwargs: Any) -> ImportResult:
        started.set()
        release.wait(30)
        return import_followers(*args, **kwargs)

    monkeypatch.setattr(imports, "import_followers", held)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await import_from(pilot, FIXTURES / "twitter")
        await wait_for(pilot, started.is_set, "the import to start")
        screen = app.screen
        assert isinstance(screen, AudienceScreen)
        await pilot.press("i")
        await notified(pilot, "An import is running")
        assert app.screen is screen  # no second form
        assert screen.query_one("#import-progress", ProgressBar).display
        release.set()
        await notified(pilot, "4 followers")
        assert not screen.query_one("#import-progress", ProgressBar).display
        await pilot.press("i")  # and the next import may start
        await wait_for(pilot, lambda: isinstance(app.screen, ImportForm), "the import form")


async def test_a_failed_import_is_shown_and_the_screen_stays_usable(
    file_journal: tuple[Database, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path = file_journal

    def broken(*args: Any, **kwargs: Any) -> ImportResult:
        raise OSError("No space left on device")

    monkeypatch.setattr(imports, "import_followers", broken)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await import_from(pilot, FIXTURES / "twitter")
        await notified(pilot, "Import failed")
        assert [(n.title, n.message) for n in app.notices] == [
            ("Import failed", "No space left on device")
        ]
        screen = app.screen
        assert isinstance(screen, AudienceScreen)
        assert not screen.query_one("#import-progress", ProgressBar).display
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportForm), "the import form")
        assert app.is_running
    with connected(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM imports").fetchone() == (0,)


async def test_the_screen_agrees_with_the_import_on_one_days_two_exports(
    file_db: Database,
) -> None:
    from netdash.domain.models import Handle
    from netdash.store.imports import import_snapshot
    from netdash.store.people import add_person
    from netdash.store.snapshot import Follower, Snapshot

    def put(at: str, names: list[str], file: str) -> ImportResult:
        listed = [Follower(name, name) for name in names]
        snapshot = Snapshot("mastodon", at, "export", "me", follower_list=listed)
        return import_snapshot(file_db, snapshot, file_name=file, sha256=file)

    put("2026-09-01T23:59:59Z", ["a", "b", "c"], "1")
    put("2026-10-01T23:59:59Z", ["a", "b", "d", "e"], "2")
    result = put("2026-10-01T23:59:59Z", ["a", "d", "f"], "3")
    add_person(file_db, "Ann", handles=[Handle("mastodon", "a")])
    add_person(file_db, "Bea", handles=[Handle("mastodon", "b")])  # only in the replaced list
    # latest list {a, d, f} against 09-01's {a, b, c}: new d, f = 2; gone b, c = 2
    assert (result.gained, result.lost) == (2, 2)
    app = NetdashApp(file_db, watch_interval=0)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AudienceScreen)
        table = screen.query_one("#accounts", DataTable)
        # counted in a worker: Ann; Bea is not in the latest list
        await wait_for(pilot, lambda: column_text(table, 8) == ["1"], "the known count")
        detail = screen.query_one("#detail-text", Static)
        await wait_for(pilot, lambda: "2 new · 2 gone" in static_text(detail))
        text = static_text(detail)
        assert "3 accounts as of 2026-10-01" in text
        assert "Since the list of 2026-09-01" in text
        assert "1 person you know among 3 followers: Ann" in text
        status = static_text(screen.query_one("#audience-status", Static))
        assert "1 person you know among 3 followers" in status


async def test_the_strangers_waiting_are_counted_off_the_ui_thread(
    file_journal: tuple[Database, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, path = file_journal
    threads: list[threading.Thread] = []

    def counted(db: Database) -> int:  # not an indexed count: it waits for no frame
        threads.append(threading.current_thread())
        return 2

    monkeypatch.setattr(audience_screen, "count_strangers", counted)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "the Audience")
        status = app.screen.query_one("#audience-status", Static)
        await wait_for(
            pilot,
            lambda: "2 people from your imports to review — k" in static_text(status, 120),
            "the count in the status line",
        )
    assert threads and threading.main_thread() not in threads
