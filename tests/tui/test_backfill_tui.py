"""Backfill in the TUI: Who's this? (k), importing history with i, and entries that say which
import added them. Days are stored by hand (as tests/backfill/test_store.py does) or read by a
fake reader registered in place of the real ones (tests/tui/fake_history.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, ProgressBar, Select, Static

from netdash.actions import backfill as backfill_actions
from netdash.backfill import registry
from netdash.domain.evidence import Counterpart, Trace
from netdash.domain.evidence_days import fold
from netdash.store import strangers as strangers_store
from netdash.store.db import open_db
from netdash.store.evidence import BackfillResult, ImportMeta, backfill
from netdash.store.follow_ups import add_follow_ups
from netdash.store.journal import get_interaction, update_interaction
from netdash.store.people import add_person
from netdash.store.strangers import count_strangers, list_strangers
from netdash.tui.app import NetdashApp
from netdash.tui.entries import note_cell
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.entry_view import EntryView, source_words
from netdash.tui.screens.history_imported import HistoryImported
from netdash.tui.screens.import_form import ImportForm
from netdash.tui.screens.log_form import LogForm
from netdash.tui.screens.same_name import SameNameQuestion
from netdash.tui.screens.stranger_form import StrangerForm
from netdash.tui.screens.strangers import StrangersScreen
from netdash.tui.widgets.upcoming import UpcomingTable
from tests.conftest import MARKUP_NAME, TODAY, connected
from tests.tui import fake_history
from tests.tui.conftest import column_text, static_text
from tests.tui.test_submit_once import TIMINGS, twice
from tests.tui.waits import notified, wait_for, workers_done

ZOE = Counterpart("phone", "+44 7700 900123", "Zoe")
BOB = Counterpart("email", "bob@example.org", MARKUP_NAME)


def said(who: Counterpart, day: int, *, from_me: bool = False) -> Trace:
    return Trace(
        channel="whatsapp",
        conversation=f"chat with {who.name}",
        on=date(2026, 3, day),
        at=datetime(2026, 3, day, 9),
        people=(who,),
        from_me=from_me,
        unit="message",
    )


def stored(db: Database, traces: Iterable[Trace], file_name: str = "chat.txt") -> BackfillResult:
    meta = ImportMeta(source="whatsapp", file_name=file_name, sha256=file_name)
    return backfill(db, fold(traces).values(), meta)


@pytest.fixture
def strangers(tui_db: Database) -> Database:
    """Zoe seen on three days, Bob (a name full of markup) on one."""
    stored(tui_db, [said(ZOE, 2), said(ZOE, 3, from_me=True), said(ZOE, 5), said(BOB, 4)])
    return tui_db


async def open_strangers(app: NetdashApp, pilot: Pilot[None]) -> StrangersScreen:
    await pilot.press("k")
    await wait_for(pilot, lambda: isinstance(app.screen, StrangersScreen), "Who's this?")
    screen = app.screen
    assert isinstance(screen, StrangersScreen)
    table = screen.query_one("#strangers", DataTable)
    await wait_for(pilot, lambda: table.row_count > 0, "the strangers")
    return screen


async def test_k_lists_strangers_most_often_seen_first_shown_as_typed(
    app: NetdashApp, strangers: Database
) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_strangers(app, pilot)
        table = screen.query_one("#strangers", DataTable)
        assert column_text(table, 0) == ["Zoe", MARKUP_NAME]
        assert column_text(table, 1) == ["+44 7700 900123", "bob@example.org"]
        assert column_text(table, 2) == ["3", "1"]
        assert column_text(table, 3) == ["2026-03-05", "2026-03-04"]
        assert column_text(table, 4) == ["WhatsApp", "WhatsApp"]
        assert column_text(table, 5) == ["chat.txt", "chat.txt"]
        status = static_text(screen.query_one("#strangers-status", Static), 160)
        assert "2 people your imports mention, not in the journal" in status
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StrangersScreen)


async def test_enter_makes_a_person_with_the_number_and_says_to_import_again(
    app: NetdashApp, strangers: Database
) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_strangers(app, pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StrangerForm), "the form")
        form = app.screen
        assert isinstance(form, StrangerForm)
        name = form.query_one("#name", Input)
        assert name.value == "Zoe"
        seen = static_text(form.query_one("#stranger-seen", Static))
        assert "3 days on WhatsApp · 2026-03-02 to 2026-03-05 · from chat.txt" in seen
        await pilot.press(*" Adams", "enter")
        await notified(pilot, "Added Zoe Adams")
        assert "import chat.txt again to add their history" in app.notices[-1].message
        table = screen.query_one("#strangers", DataTable)
        await wait_for(pilot, lambda: column_text(table, 0) == [MARKUP_NAME], "Zoe gone")
    (person,) = strangers.execute(
        "SELECT p.name, c.value FROM people p JOIN contact_points c ON c.person_id = p.id"
    ).fetchall()
    assert tuple(person) == ("Zoe Adams", "+44 7700 900123")


async def test_a_name_someone_has_is_asked_about_and_no_offers_the_link(
    app: NetdashApp, strangers: Database
) -> None:
    zoe = add_person(strangers, "zoe")  # typed in before the import met her by her number
    async with app.run_test(size=(120, 30)) as pilot:
        await open_strangers(app, pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StrangerForm), "the form")
        form = app.screen
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SameNameQuestion), "the question")
        question = app.screen
        assert isinstance(question, SameNameQuestion)
        assert (
            question.question == f"There is already a zoe (#{zoe}, never logged). Add another Zoe?"
        )
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is form, "back to the form")
        assert isinstance(form, StrangerForm)
        link = form.query_one("#link", Input)
        assert (link.value, link.has_focus) == ("Zoe", True)
        assert strangers.execute("SELECT count(*) FROM people").fetchone()[0] == 1
        await pilot.press("ctrl+s")
        await notified(pilot, "is zoe")
    numbers = strangers.execute("SELECT value FROM contact_points WHERE person_id = ?", [zoe])
    assert [row[0] for row in numbers] == ["+44 7700 900123"]
    assert strangers.execute("SELECT count(*) FROM people").fetchone()[0] == 1


async def test_yes_adds_another_person_with_the_name(app: NetdashApp, strangers: Database) -> None:
    add_person(strangers, "Zoe")
    async with app.run_test(size=(120, 30)) as pilot:
        await open_strangers(app, pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StrangerForm), "the form")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SameNameQuestion), "the question")
        await pilot.press("y")
        await notified(pilot, "Added Zoe (#2)")
    names = strangers.execute("SELECT id, name FROM people ORDER BY id").fetchall()
    assert [tuple(row) for row in names] == [(1, "Zoe"), (2, "Zoe")]


@pytest.mark.parametrize("timing", TIMINGS)
async def test_the_stranger_form_adds_once(
    app: NetdashApp, strangers: Database, timing: str
) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await open_strangers(app, pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StrangerForm), "the form")
        await twice(pilot, "enter", timing)
        await workers_done(pilot)
        assert app.is_running  # a second Enter on the list may open the next one: no write
    assert [row[0] for row in strangers.execute("SELECT name FROM people")] == ["Zoe"]
    assert strangers.execute("SELECT count(*) FROM trash").fetchone()[0] == 2  # import, add


async def test_enter_links_to_a_person_already_there(app: NetdashApp, strangers: Database) -> None:
    bob = add_person(strangers, "Bob Okafor")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_strangers(app, pilot)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StrangerForm), "the form")
        form = app.screen
        assert isinstance(form, StrangerForm)
        form.query_one("#link", Input).value = "Bob Okafor"
        form.query_one("#link", Input).focus()
        await pilot.press("ctrl+s")
        await notified(pilot, "is Bob Okafor")
        table = screen.query_one("#strangers", DataTable)
        await wait_for(pilot, lambda: column_text(table, 0) == ["Zoe"], "Bob gone")
    emails = strangers.execute("SELECT value FROM contact_points WHERE person_id = ?", [bob])
    assert [row[0] for row in emails] == ["bob@example.org"]


async def test_a_link_to_nobody_is_refused_in_the_form(
    app: NetdashApp, strangers: Database
) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await open_strangers(app, pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StrangerForm), "the form")
        form = app.screen
        assert isinstance(form, StrangerForm)
        form.query_one("#link", Input).value = "Nobody Known"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "no person matches" in static_text(form.query_one("#form-error", Static))
    assert len(list_strangers(strangers)) == 2


async def test_x_ignores_for_good_and_ctrl_z_brings_them_back(
    app: NetdashApp, strangers: Database
) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_strangers(app, pilot)
        table = screen.query_one("#strangers", DataTable)
        await pilot.press("x")
        await notified(pilot, "Ignored Zoe for good")
        await wait_for(pilot, lambda: column_text(table, 0) == [MARKUP_NAME], "Zoe gone")
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: column_text(table, 0) == ["Zoe", MARKUP_NAME], "Zoe back")


async def test_the_dashboard_says_how_many_strangers_wait(
    app: NetdashApp, strangers: Database
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        recent = app.screen.query_one("#recent")
        await wait_for(
            pilot,
            lambda: str(recent.border_subtitle) == "2 people from your imports to review — k",
            "the hint",
        )
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, StrangersScreen), "Who's this?")
        await pilot.press("x", "x")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not recent.border_subtitle, "the hint gone")


async def test_logging_an_entry_does_not_count_the_strangers_again(
    app: NetdashApp, strangers: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts: list[int] = []

    def counted(db: Database) -> int:
        counts.append(count_strangers(db))
        return counts[-1]

    monkeypatch.setattr(strangers_store, "count_strangers", counted)
    ana = add_person(strangers, "Ana Souza")
    add_follow_ups(strangers, people=[ana], due_on=TODAY, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(UpcomingTable)
        recent = app.screen.query_one("#recent")
        await wait_for(pilot, lambda: table.row_count == 1, "the Upcoming row")
        await wait_for(pilot, lambda: bool(recent.border_subtitle), "the hint")
        table.focus()
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), "the log form")
        await pilot.press("enter")
        await wait_for(pilot, lambda: table.row_count == 0, "Upcoming read again")
        await workers_done(pilot)
        assert counts == [2]  # once, when the dashboard was loaded
        assert str(recent.border_subtitle) == "2 people from your imports to review — k"


async def test_the_palette_opens_whos_this(app: NetdashApp, strangers: Database) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"who's this")
        await workers_done(pilot)  # the palette searches in a worker
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StrangersScreen), "Who's this?")


async def test_nobody_to_review_says_how_to_import(app: NetdashApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, StrangersScreen), "Who's this?")
        await workers_done(pilot)
        status = static_text(app.screen.query_one("#strangers-status", Static), 200)
        assert "Nobody to review" in status


async def test_i_over_whos_this_opens_the_import_form(tmp_path: Path) -> None:
    """Who's this? opened from Audience sits over it: i still reaches the import form."""
    path = tmp_path / "journal.db"
    db = open_db(path)
    app = NetdashApp(db, db_path=path, watch_interval=0)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("k")
            await wait_for(pilot, lambda: isinstance(app.screen, StrangersScreen), "Who's this?")
            await pilot.press("i")
            await wait_for(pilot, lambda: isinstance(app.screen, ImportForm), "the import form")
    finally:
        db.close()


# ------------------------------------------------------------------------------ importing


@pytest.fixture
def history_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A journal file with Ana in it, and the fake reader as the only history source."""
    fake = {"whatsapp": "tests.tui.fake_history"}
    monkeypatch.setattr(backfill_actions, "BACKFILL_SOURCES", fake)
    monkeypatch.setattr(registry, "BACKFILL_SOURCES", fake)
    path = tmp_path / "journal.db"
    db = open_db(path)
    add_person(db, "Ana Souza")
    db.close()
    yield path


def chat_file(tmp_path: Path) -> Path:
    chat = tmp_path / "WhatsApp Chat with Ana.fakechat"
    chat.write_text(
        "2026-03-02 09:00|me|Ana Souza\n"
        "2026-03-02 10:00|them|Ana Souza\n"
        "# a system line\n"
        "2026-03-03 09:00|them|phone:+44 7700 900123:Zoe\n",
        encoding="utf-8",
    )
    return chat


async def fill_import_form(
    app: NetdashApp, pilot: Pilot[None], path: Path, **boxes: str
) -> ImportForm:
    await pilot.press("i")
    await wait_for(pilot, lambda: isinstance(app.screen, ImportForm), "the import form")
    form = app.screen
    assert isinstance(form, ImportForm)
    form.query_one("#path", Input).value = str(path)
    for box, value in boxes.items():
        form.query_one(f"#{box}", Input).value = value
    return form


async def test_history_is_detected_imported_with_progress_and_summarised(
    history_journal: Path, tmp_path: Path
) -> None:
    chat = chat_file(tmp_path)
    fake_history.GATE = threading.Event()
    db = open_db(history_journal)
    app = NetdashApp(db, db_path=history_journal, watch_interval=0)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            form = await fill_import_form(app, pilot, chat, me="Me Myself")
            assert form.query_one("#source", Select).value == Select.NULL  # detect it
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: not isinstance(app.screen, ImportForm), "the import")
            bar = app.screen.query_one("#import-progress", ProgressBar)
            await wait_for(pilot, lambda: bar.display and bar.progress == 1, "progress shown")
            assert bar.total == 4
            await pilot.press("j")  # the UI answers while the reader is held
            await pilot.pause()
            assert app.current_mode == "journal"
            await pilot.press("a")
            await pilot.pause()
            fake_history.GATE.set()
            await wait_for(pilot, lambda: isinstance(app.screen, HistoryImported), "the summary")
            summary = static_text(app.screen.query_one("#history-summary", Static), 120)
            assert "Added 1 entry from WhatsApp Chat with Ana.fakechat (whatsapp)" in summary
            assert "you: Me Myself" in summary
            assert "Ana Souza: 1 day on WhatsApp · 2026-03-02" in summary
            assert "1 not in the journal: k opens Who's this?" in summary
            assert "1 line skipped" in summary
            assert "ctrl+z takes it back (or netdash imports undo 1)" in summary
            await pilot.press("k")
            await wait_for(pilot, lambda: isinstance(app.screen, StrangersScreen), "Who's this?")
            table = app.screen.query_one("#strangers", DataTable)
            await wait_for(pilot, lambda: column_text(table, 0) == ["Zoe"], "Zoe listed")
            await pilot.press("escape")
            status = app.screen.query_one("#audience-status", Static)
            await wait_for(  # counted in a worker
                pilot,
                lambda: "1 person from your imports to review — k" in static_text(status, 120),
                "the count in the status line",
            )
    finally:
        fake_history.GATE = None
        db.close()
    with connected(history_journal) as conn:
        (entry,) = conn.execute("SELECT note, source_import FROM interactions").fetchall()
        assert tuple(entry) == ("WhatsApp: 2 messages", 1)


async def test_a_dry_run_writes_nothing_and_a_bad_line_comes_back_to_the_form(
    history_journal: Path, tmp_path: Path
) -> None:
    chat = chat_file(tmp_path)
    db = open_db(history_journal)
    app = NetdashApp(db, db_path=history_journal, watch_interval=0)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            form = await fill_import_form(app, pilot, chat)
            form.query_one("#source", Select).value = "whatsapp"
            form.query_one("#dry-run", Checkbox).value = True
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, HistoryImported), "the summary")
            summary = static_text(app.screen.query_one("#history-summary", Static), 120)
            assert summary.startswith("Would add 1 entry")
            assert "ctrl+z" not in summary
            await pilot.press("escape")
            await pilot.pause()
            chat.write_text("2026-03-02 09:00|me|Ana Souza\nnot a line\n", encoding="utf-8")
            second = await fill_import_form(app, pilot, chat)
            await pilot.press("ctrl+s")
            await wait_for(
                pilot, lambda: isinstance(app.screen, ImportForm) and app.screen is not second
            )
            error = static_text(app.screen.query_one("#form-error", Static), 200)
            assert "Not imported; nothing written." in error and ":2: not a message line" in error
    finally:
        db.close()
    with connected(history_journal) as conn:
        assert conn.execute("SELECT count(*) FROM interactions").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM strangers").fetchone() == (0,)


# ---------------------------------------------------------------------- backfilled entries


def test_an_entry_whose_import_is_gone_names_it_by_number(tui_db: Database) -> None:
    assert source_words(tui_db, 404) == "import #404 (no longer in the list of imports)"


async def test_a_backfilled_entry_says_where_it_came_from_and_an_edit_keeps_it(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = add_person(tui_db, "Ana Souza")
    result = stored(tui_db, [said(Counterpart("name", "Ana Souza"), 2)], "WhatsApp Chat.txt")
    (entry_id,) = [row[0] for row in tui_db.execute("SELECT id FROM interactions")]
    assert result.import_id is not None
    assert source_words(tui_db, result.import_id) == (
        f"from WhatsApp Chat.txt · import #{result.import_id}"
    )
    entry = get_interaction(tui_db, entry_id)
    assert str(note_cell(entry)) == f"WhatsApp: 1 message · import #{result.import_id}"
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryView), "the entry")
        details = static_text(app.screen.query_one("#entry-details", Static), 120)
        (line,) = [line for line in details.splitlines() if line.startswith("Imported")]
        assert line.split() == ["Imported", *"from WhatsApp Chat.txt · import #1".split()]
    update_interaction(
        tui_db,
        entry_id,
        people=[ana],
        occurred_on=date(2026, 3, 2),
        today=TODAY,
        kind="message",
        initiated_by="them",
        depth=3,
        note="talked about her move",
        tags=[],
    )
    kept = tui_db.execute(
        "SELECT source_import, source_key, note FROM interactions WHERE id = ?", [entry_id]
    ).fetchone()
    assert kept[0] == result.import_id and kept[1] and kept[2] == "talked about her move"


def test_the_summary_counts_what_it_does_not_list() -> None:
    from netdash.actions.backfill import Backfilled
    from netdash.store.evidence import PersonDays
    from netdash.tui.screens.history_imported import PEOPLE_LISTED, history_lines

    people = {
        n: PersonDays(n, f"Person {n:02}", {"mail": 1, "sms": n}, "2026-01-01", "2026-02-01")
        for n in range(1, PEOPLE_LISTED + 4)
    }
    result = BackfillResult(import_id=7, days=90, entries_added=90, links_added=1, people=people)
    lines = history_lines(Backfilled("mbox", "all.mbox", result, (), dry_run=False))
    assert lines[0] == "Added 90 entries from all.mbox (mbox), import #7"
    last = PEOPLE_LISTED + 3  # the most days first
    assert (
        lines[1] == f"  Person {last}: 1 day on Mail, {last} days on SMS · 2026-01-01 to 2026-02-01"
    )
    assert "  and 3 more people" in lines
    assert "  1 person added to days already in the journal" in lines
    assert lines[-1] == "  ctrl+z takes it back (or netdash imports undo 7)"
    unchanged = BackfillResult(days=1)
    assert history_lines(Backfilled("mbox", "all.mbox", unchanged, (), dry_run=False)) == [
        "Nothing new in all.mbox: 1 day, all already in the journal"
    ]
