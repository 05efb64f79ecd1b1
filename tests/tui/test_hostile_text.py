"""The terminal is never hijacked: hostile names and notes on every screen reach it inert.

What would reach the terminal is read where Textual makes it: the screen's compositor renders
the same update ``App._display`` writes to the terminal (headless tests write nothing), and its
segments are the text between Textual's own style codes. Not one of them may hold a control
character, and the whole terminal sequence, with Textual's own codes taken out, holds no escape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from rich.text import Text
from sqlite_utils import Database
from textual._compositor import LayoutUpdate
from textual.app import App, ComposeResult
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets import Input, Static

from netdash.store.db import memory_db
from netdash.store.journal import count_interactions
from netdash.tui.app import NetdashApp
from netdash.tui.screens.duplicates import DuplicatesScreen
from netdash.tui.screens.log_form import LogForm
from netdash.tui.screens.person import PersonScreen
from netdash.tui.screens.person_form import PersonForm
from netdash.tui.text import InertFilter
from netdash.tui.widgets.text_input import TextInput
from tests.conftest import (
    HOSTILE,
    HOSTILE_NAME,
    HOSTILE_PARTS,
    TERMINAL_ACTIVE,
    seed_hostile,
)
from tests.tui.waits import wait_for

SIZE = (140, 45)
# Textual's own codes in a frame: styles (SGR), cursor moves, and its hyperlinks (OSC 8)
_OWN_CODES = re.compile(
    r"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H|\x1b\]8;id=[^;\x07\x1b]*;[^\x07\x1b]*\x1b\\"
)
_LINK_END = "\x1b]8;;\x1b\\"


def frame(app: NetdashApp) -> tuple[str, str]:
    """What the terminal would be sent for the current screen: (segment text, raw sequence).

    Private on purpose: no public Textual API shows the bytes of a frame, and Textual is pinned
    exactly, so these reads change only when the pin does."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate)
    texts = []
    for line in update.strips:
        for strip in line:
            for segment in strip:
                if segment.control is None:
                    texts.append(segment.text)
                    link = segment.style.link if segment.style else None
                    texts.append(link or "")
    return "".join(texts), update.render_segments(app.console)


def leaks(app: NetdashApp) -> list[str]:
    """Every terminal-active character in the frame, as ``repr`` (empty when all is inert)."""
    text, raw = frame(app)
    found = {repr(ch) for ch in text if ch in TERMINAL_ACTIVE}
    bare = _OWN_CODES.sub("", raw).replace(_LINK_END, "")
    found |= {repr(ch) for ch in bare if ch in TERMINAL_ACTIVE and ch != "\n"}
    return sorted(found)


def shown(app: NetdashApp) -> str:
    return frame(app)[0]


def seed_ids(db: Database) -> dict[str, int]:
    """The ids seed_hostile gave (it runs first, on an empty journal)."""
    first = db.execute("SELECT MIN(id) FROM people").fetchone()[0]
    return {"other": first, "mallory": first + 1, "twin": first + 2}


@pytest.fixture
def hostile_db() -> Iterator[Database]:
    database = memory_db()
    seed_hostile(database)
    yield database
    database.close()


@pytest.fixture
def notifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notification's title and message as it reaches Textual."""
    seen: list[str] = []
    original = App.notify

    def spy(self: App[Any], message: str, **kwargs: Any) -> None:
        seen.extend([message, kwargs.get("title", "")])
        original(self, message, **kwargs)

    monkeypatch.setattr(App, "notify", spy)
    return seen


async def _suggested(pilot: Any, app: NetdashApp) -> None:
    """The type-ahead runs in a worker: wait for it, then for the frame that shows it."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _palette_hits(pilot: Any, app: NetdashApp) -> None:
    """Wait until the palette lists what was typed."""

    def listed() -> bool:
        screen = app.screen
        return isinstance(screen, CommandPalette) and bool(
            screen.query_one(CommandList).option_count
        )

    await wait_for(pilot, listed, "the palette to list a match")


async def test_every_screen_shows_hostile_text_inert(
    hostile_db: Database, notifications: list[str]
) -> None:
    app = NetdashApp(hostile_db, watch_interval=0)
    # Each place must make user text inert by itself: the last guard (which only ever takes
    # characters out of a frame) is off, so it hides nothing here.
    app.inert_filter.enabled = False
    ids = seed_ids(hostile_db)
    mallory, eve = ids["mallory"], ids["other"]
    leaked: dict[str, list[str]] = {}

    hidden: list[str] = []

    def check(where: str, visible: str = "") -> None:
        found = leaks(app)
        if found:
            leaked[where] = found
        if visible and visible not in shown(app):
            hidden.append(where)  # dropped rather than shown as pictures

    async with app.run_test(size=SIZE) as pilot:
        app.refresh_depth()  # the reach-out queue, now rather than after DEPTH_DELAY
        await pilot.pause()
        check("dashboard", visible="Mallory ␛[2J")

        for key, where, visible in (
            ("p", "people", "Mallory ␛[2J"),
            ("j", "journal", "second ␛[2J"),
            ("c", "community", "Food ␛]0;owned␇"),
            ("u", "outcomes", "Contract ␛]2;owned␛\\"),
            ("a", "audience", "mal␛[2j"),
        ):
            await pilot.press(key)
            await pilot.pause()
            check(where, visible)
        app.open_person(mallory)
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        check("person")
        for key, where in (("w", "why"), ("e", "person form"), ("s", "snooze")):
            await pilot.press(key)
            await pilot.pause()
            check(where)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("x")  # delete the entry: the question names everyone in it
        await pilot.pause()
        check("confirm delete")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()

        app.action_connections()
        await pilot.pause()
        check("connections")
        await pilot.press("enter")  # make the connection a person: a notification names them
        await pilot.pause()
        check("connections, promoted")
        await pilot.press("escape")
        await pilot.pause()

        app.action_duplicates()
        await pilot.pause()
        assert isinstance(app.screen, DuplicatesScreen)
        check("duplicates")
        await pilot.press("m")
        await pilot.pause()
        check("confirm merge")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("x")  # not the same person: the notification names both
        await pilot.pause()
        check("duplicates, dismissed")
        await pilot.press("escape")
        await pilot.pause()

        for key, where in (("question_mark", "help"), ("v", "review")):
            await pilot.press(key)
            await pilot.pause()
            check(where)
            await pilot.press("escape")
            await pilot.pause()

        # the log form: a suggestion drawn after what was typed, the preview, an error
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LogForm)
        await pilot.press(*"Mal")
        await _suggested(pilot, app)
        check("log form, type-ahead")
        await pilot.press("right")  # take the first: two people have that name, so by id
        await pilot.pause()
        who = app.screen.query_one("#who", Input)
        assert who.value.startswith(HOSTILE_NAME + " #")  # the name as stored, then the id
        who.value = HOSTILE_NAME  # the name alone: which of the two?
        await pilot.pause()
        check("log form, ambiguous preview")
        await pilot.press("enter")
        await pilot.pause()
        check("log form, error")
        who = app.screen.query_one("#who", Input)
        who.value = ""
        await pilot.press(*"Eve")
        await _suggested(pilot, app)
        await pilot.press("right")
        await pilot.pause()
        before = count_interactions(hostile_db, person_id=eve)
        await pilot.press("enter")  # saved: "Logged: <name>"
        await pilot.pause()
        assert not isinstance(app.screen, LogForm)
        assert count_interactions(hostile_db, person_id=eve) == before + 1
        check("logged")

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"mallory")
        await _palette_hits(pilot, app)
        check("command palette")
        await pilot.press("escape")
        await pilot.pause()

    assert leaked == {}
    assert hidden == []
    assert notifications, "nothing was notified: the test did not reach the notifications"
    bad = [message for message in notifications if set(message) & TERMINAL_ACTIVE]
    assert bad == []


async def test_the_person_form_keeps_every_character_it_did_not_touch(
    hostile_db: Database,
) -> None:
    """What the form draws is inert; what it saves is the name as it was."""
    app = NetdashApp(hostile_db, watch_interval=0)
    app.inert_filter.enabled = False
    mallory = seed_ids(hostile_db)["mallory"]
    async with app.run_test(size=SIZE) as pilot:
        app.open_person(mallory)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        assert app.screen.query_one("#name", Input).value == HOSTILE_NAME
        assert app.screen.query_one("#notes", Input).value.startswith("line one \x1b[2J")
        assert leaks(app) == []
        assert "Mallory ␛[2J␛[H␛]52;c;" in shown(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PersonForm)
    row = hostile_db.execute("SELECT name, how_met FROM people WHERE id = ?", [mallory]).fetchone()
    assert row == (HOSTILE_NAME, HOSTILE)


class _RawScreen(Screen[None]):
    """A widget that shows text as it was given, as a library widget might."""

    def compose(self) -> ComposeResult:
        yield Static(Text(f"raw {HOSTILE}"))
        yield TextInput(HOSTILE_NAME)


async def test_the_last_guard_drops_what_a_widget_left_raw() -> None:
    db = memory_db()
    app = NetdashApp(db, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(_RawScreen())
        await pilot.pause()
        assert leaks(app) == []
        app.inert_filter.enabled = False
        app.screen.query_one(Static).refresh()
        await pilot.pause()
        assert leaks(app) != []  # the guard is what kept this frame clean
    db.close()


def test_the_guard_keeps_every_line_its_width() -> None:
    from rich.segment import Segment
    from textual.color import Color

    segments = [Segment("a\x1b[2Jb"), Segment("\x9b\u202e"), Segment("c")]
    kept = InertFilter().apply(segments, Color(0, 0, 0))
    assert "".join(segment.text for segment in kept) == "a[2Jbc"
    assert sum(segment.cell_length for segment in kept) == sum(s.cell_length for s in segments)


async def test_titles_are_shown_inert() -> None:
    db = memory_db()
    title = f"netdash {HOSTILE_PARTS[4]}{HOSTILE_PARTS[6]}"
    app = NetdashApp(db, watch_interval=0, title=title)
    async with app.run_test(size=SIZE) as pilot:
        app.sub_title = "\x1b]0;owned\x07journal.db"
        await pilot.pause()
        assert "␛]0;owned␇journal.db" in app.sub_title
        app.inert_filter.enabled = False
        app.refresh(repaint=True, layout=True)
        await pilot.pause()
        assert leaks(app) == []
    db.close()
