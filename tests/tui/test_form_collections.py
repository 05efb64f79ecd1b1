"""Issue 14, Enter → frame's slow tail: a full garbage collection landing between a form's Enter
and the frame that shows the entry. Closed forms must not stay alive for every collection to
walk, and no automatic collection starts before that frame."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from sqlite_utils import Database
from textual._styles_cache import StylesCache
from textual.widgets import DataTable

from netdash.store.people import add_person
from netdash.tui import collector
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.log_form import LogForm
from netdash.tui.widgets.note_area import NoteArea
from tests.tui.conftest import column_text
from tests.tui.waits import wait_for


def alive(kind: type) -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, kind))


@pytest.fixture(autouse=True)
def unfrozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Frozen objects are neither collected nor listed by gc.get_objects: counting needs none."""
    monkeypatch.setattr(collector, "_frozen", True)


async def test_closed_log_forms_leave_nothing_alive(app: NetdashApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        for name in ("Ada", "Bo"):  # a cancelled form and a saved one
            await pilot.press("n", *name, "escape" if name == "Ada" else "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.pause()
        styles_after_two = alive(StylesCache)
        assert alive(NoteArea) <= 1  # the theme watcher lets it go (textual#6666)
        for name in ("Cy", "Di", "Ed", "Flo"):
            await pilot.press("n", *name, "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.pause()
        # six forms closed: at most the last is still in Textual's hands (before: all five)
        assert alive(NoteArea) <= 1
        # a form has ~35 widgets, each with a styles cache; four more forms left 140 more
        # alive (and their drawn lines) before; now at most the last form's
        assert alive(StylesCache) < styles_after_two + 50


async def test_no_collection_from_enter_to_the_entrys_frame(
    app: NetdashApp, tui_db: Database
) -> None:
    add_person(tui_db, "Ada Lovelace")
    enabled_at_frame: list[bool] = []
    async with app.run_test(size=(120, 40)) as pilot:
        display = app._display

        def seen(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            shown = app.screen
            if not isinstance(shown, DashboardScreen) or not shown.query("#recent-table"):
                return
            if "Ada Lovelace" in column_text(shown.query_one("#recent-table", DataTable), 1):
                enabled_at_frame.append(gc.isenabled())

        app._display = seen  # type: ignore[method-assign]
        await pilot.press("n", *"Ada Lovelace")
        assert isinstance(app.screen, LogForm)
        assert gc.isenabled()
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(enabled_at_frame))
        assert enabled_at_frame[0] is False  # the entry's frame came with collections held
        await pilot.pause(collector.HOLD_SECONDS + 0.1)
        assert gc.isenabled()  # and after it they run again


def test_the_started_heap_is_frozen_once(monkeypatch: pytest.MonkeyPatch) -> None:
    freezes: list[int] = []
    monkeypatch.setattr(collector, "_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(1))
    collector.keep_started_heap()
    collector.keep_started_heap()
    assert freezes == [1]


async def test_the_heap_is_frozen_once_everyones_scores_land(
    app: NetdashApp, tui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No form need open: a session of the Journal or the year in review alone otherwise had
    every full collection walk the whole started heap in the middle of its frames."""
    add_person(tui_db, "Ada Lovelace")
    freezes: list[bool] = []
    monkeypatch.setattr(collector, "_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(app.depths is not None))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.depths is not None, "everyone's scores")
        assert freezes == [True]  # once, with everyone's depth among what it keeps
        await pilot.press("n", *"Bo", "enter")  # a form after it freezes nothing more
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        assert freezes == [True]
