"""Notes run to several lines (issue 13): typed in the log form's text area, a list shows the
first line and "…", and the entry opens (Space) to read every line, control characters inert."""

from __future__ import annotations

from sqlite_utils import Database
from textual.widgets import Static

from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.entries import first_line
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.entry_view import EntryView
from netdash.tui.screens.journal import JournalScreen
from netdash.tui.screens.log_form import LogForm
from netdash.tui.screens.person import PersonScreen
from netdash.tui.widgets.note_area import NoteArea
from netdash.tui.widgets.paged_table import PagedTable
from netdash.tui.widgets.window_table import WindowTable
from tests.conftest import TODAY
from tests.tui.conftest import column_text, static_text
from tests.tui.waits import wait_for

THREE_LINES = "Met at the climbing gym\nShe is moving to Lisbon\nSend her the book list"
NOTE_COLUMN = 5  # Date, With (or When), Kind, By, Depth, Note


def one_entry(db: Database, note: str) -> int:
    """Ana and one entry today with ``note``; Ana's id."""
    ana = add_person(db, "Ana Souza")
    log_interaction(db, people=[ana], occurred_on=TODAY, today=TODAY, kind="call", note=note)
    return ana


def test_a_list_shows_the_first_line_and_says_there_is_more() -> None:
    assert first_line(THREE_LINES) == "Met at the climbing gym …"
    assert first_line("one line only") == "one line only"
    assert first_line("\n  padded first  \n") == "padded first"  # blank lines around are no more
    assert first_line("") == ""


async def test_a_multi_line_note_is_saved_with_its_line_breaks(
    app: NetdashApp, tui_db: Database
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Ana Souza")
        form = app.screen
        assert isinstance(form, LogForm)
        note = form.query_one("#note", NoteArea)
        note.focus()
        await pilot.press(*"first", "enter", *"second", "enter", *"third")
        await pilot.pause()
        assert app.screen is form  # Enter in the note made new lines, it did not save
        assert note.text == "first\nsecond\nthird"
        assert note.size.height == 3  # grown to the three lines
        await pilot.press("tab")  # Tab still moves on
        assert form.focused is not note
        await pilot.press("ctrl+s", "ctrl+s")  # saves once, however often it is pressed
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), "the save")
        assert app.is_running
    assert tui_db.execute("SELECT note FROM interactions").fetchall() == [("first\nsecond\nthird",)]


async def test_enter_outside_the_note_still_saves(app: NetdashApp, tui_db: Database) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"Ana Souza")
        app.screen.query_one("#note", NoteArea).text = "two\nlines"
        await pilot.press("enter")  # the focus is on Who
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), "the save")
    assert tui_db.execute("SELECT note FROM interactions").fetchall() == [("two\nlines",)]


async def test_the_journal_shows_the_first_line_and_space_shows_them_all(
    app: NetdashApp, tui_db: Database
) -> None:
    one_entry(tui_db, THREE_LINES)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), "the Journal")
        table = app.screen.query_one(WindowTable)
        await wait_for(pilot, lambda: table.row_count == 1, "the entry")
        assert column_text(table, NOTE_COLUMN) == ["Met at the climbing gym …"]
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryView), "the entry's view")
        shown = static_text(app.screen.query_one("#entry-details", Static))
        for line in THREE_LINES.splitlines():
            assert line in shown
        assert "Ana Souza #1" in shown and "call" in shown.lower()
        assert "2 · " in shown  # the default depth, in words after it
        await pilot.press("escape", "escape")  # one closes the view, a second stays harmless
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), "the Journal")
        assert app.is_running


async def test_the_person_timeline_reads_an_entry_whole(app: NetdashApp, tui_db: Database) -> None:
    ana = one_entry(tui_db, THREE_LINES)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_person(ana)
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")
        table = app.screen.query_one(PagedTable)
        await wait_for(pilot, lambda: table.row_count == 1, "the timeline")
        assert column_text(table, NOTE_COLUMN) == ["Met at the climbing gym …"]
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryView), "the entry's view")
        shown = static_text(app.screen.query_one("#entry-details", Static))
        assert "Send her the book list" in shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")


async def test_a_note_with_an_escape_sequence_shows_inert(
    app: NetdashApp, tui_db: Database
) -> None:
    one_entry(tui_db, "clear \x1b[2J screen\nbell \x07 here")
    app.inert_filter.enabled = False  # the view must make it inert by itself
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), "the Journal")
        table = app.screen.query_one(WindowTable)
        await wait_for(pilot, lambda: table.row_count == 1, "the entry")
        assert column_text(table, NOTE_COLUMN) == ["clear ␛[2J screen …"]
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryView), "the entry's view")
        shown = static_text(app.screen.query_one("#entry-details", Static))
        assert "clear ␛[2J screen" in shown and "bell ␇ here" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        await pilot.press("escape", "e")  # the edit form's note box draws it inert too
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), "the edit form")
        note = app.screen.query_one("#note", NoteArea)
        assert note.text == "clear \x1b[2J screen\nbell \x07 here"  # kept as stored
        await pilot.pause()
        drawn = "".join(segment.text for segment in note.render_line(0))
        assert "␛[2J" in drawn and "\x1b" not in drawn
