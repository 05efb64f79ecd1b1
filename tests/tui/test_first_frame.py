"""Issue 14: the dashboard's first frame is styled once and drawn before the start's reads.

Textual styled every widget as it was mounted, again when the screen was first shown (a full
restyle on ScreenResume) and again when the breakpoint classes were set on the first resize;
its footer mounted and styled three sets of keys. The reads (scores, known followers, the
layer history) were started by timers that, on a loaded machine, fired before the first
frame, and their workers' Python shared the GIL with drawing it. These tests count the
mechanisms: styling passes per widget, and what was asked for before the first frame."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from netdash.store.audience import record_follower_count
from netdash.store.db import open_db
from netdash.store.follower_lists import known_followers
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.widgets.footer import OneFooter
from netdash.tui.widgets.numbers import NumberTable
from tests.conftest import TODAY
from tests.tui.waits import wait_for


class FirstFrame:
    """Counts of styling per node, and the start's requests, up to the first frame drawn."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.drawn = False
        self.styled: Counter[int] = Counter()
        self.asked: list[tuple[str, bool]] = []
        self.key_styles = 0
        """Stylings of footer keys, those of layouts thrown away too."""
        apply, display = Stylesheet.apply, App._display

        def counted(sheet: Stylesheet, node: DOMNode, *args: Any, **kwargs: Any) -> None:
            if not self.drawn:
                self.styled[id(node)] += 1
                self.key_styles += isinstance(node, FooterKey)
            apply(sheet, node, *args, **kwargs)

        def drawn(app: App[Any], screen: Any, renderable: Any) -> None:
            display(app, screen, renderable)
            if renderable is not None and not app._batch_count:
                self.drawn = True

        monkeypatch.setattr(Stylesheet, "apply", counted)
        monkeypatch.setattr(App, "_display", drawn)

    def watch(self, app: NetdashApp) -> None:
        request = app.in_turn.request

        def asked(key: str, *args: Any, **kwargs: Any) -> None:
            self.asked.append((key, self.drawn))
            request(key, *args, **kwargs)

        app.in_turn.request = asked  # type: ignore[method-assign]


def journal(path: Path) -> NetdashApp:
    db = open_db(path)
    ada = add_person(db, "Ada Lovelace")
    log_interaction(db, people=[ada], occurred_on=TODAY, today=TODAY, kind="call")
    record_follower_count(
        db, platform="mastodon", account="@me", followers=10, at="2026-11-01T09:00:00Z", source="t"
    )
    return NetdashApp(db, db_path=path, watch_interval=0)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_every_widget_is_styled_once_before_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """At both sides of the breakpoints (80x24 is narrow and short): each widget of the
    dashboard, and its footer's keys but for Textual's own class change, styled once."""
    first = FirstFrame(monkeypatch)
    app = journal(tmp_path / "journal.db")
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: first.drawn, "the first frame")
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        footer = screen.query_one(Footer)
        assert isinstance(footer, OneFooter)
        keys = set(footer.walk_children())
        panels = [node for node in screen.walk_children(with_self=True) if node not in keys]
        assert {type(node).__name__: first.styled[id(node)] for node in panels} == {
            type(node).__name__: 1 for node in panels
        }
        # a key is styled as it is mounted and again as Textual binds its compact class; the
        # bindings change three times at start, and Textual's footer laid its keys out each time
        assert first.key_styles <= 2 * 2 * len(footer.query(FooterKey))
        assert screen.has_class("-wide" if size[0] >= 100 else "-narrow")
        assert screen.has_class("-tall" if size[1] >= 32 else "-short")
    app.db.close()


async def test_the_start_reads_wait_for_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is asked of a worker before the first frame is drawn; then the scores first."""
    first = FirstFrame(monkeypatch)
    app = journal(tmp_path / "journal.db")
    first.watch(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(
            pilot,
            lambda: (
                {"depth", "known-followers", "dashboard-history"} <= {key for key, _ in first.asked}
            ),
            "the start's three reads",
        )
    app.db.close()
    assert all(drawn for _, drawn in first.asked), first.asked
    assert first.asked[0][0] == "depth"


async def test_the_frame_made_in_the_start_up_batch_is_sent_as_it_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual draws the whole screen while its start-up batch is open and drops that frame;
    the app sends it as the batch ends, the first frame to reach the terminal, before any
    piece of one, and once."""
    sent: list[tuple[object, int]] = []
    display = App._display

    def noted(app: App[Any], screen: Any, renderable: Any) -> None:
        if renderable is not None:
            sent.append((renderable, app._batch_count))
        display(app, screen, renderable)

    monkeypatch.setattr(App, "_display", noted)
    app = journal(tmp_path / "journal.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app._reads_started, "the start's reads")
        assert app.first_frame_out
    app.db.close()
    held = [frame for frame, batch in sent if batch and isinstance(frame, LayoutUpdate)]
    assert held, "no frame was made in the start-up batch (Textual changed: see _display)"
    out = [frame for frame, batch in sent if not batch]
    assert out[0] is held[-1]
    assert out.count(held[-1]) == 1


async def test_a_resize_to_the_same_size_after_the_first_frame_lays_nothing_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The driver's Resize, of the size the first frame was laid out for, comes once that
    frame is out, before the reads begin: laying the screen out again drew nothing new."""
    layouts = 0
    layout = Screen._refresh_layout

    def counted(screen: Screen[Any], *args: Any, **kwargs: Any) -> None:
        nonlocal layouts
        layouts += 1
        layout(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    monkeypatch.setattr(NetdashApp, "_begin_reads", lambda app: None)  # held back
    app = journal(tmp_path / "journal.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.first_frame_out, "the first frame")
        await pilot.pause()
        before = layouts
        app.screen.post_message(events.Resize(app.size, app.size))
        await pilot.pause()
        await pilot.pause()
        assert layouts == before
        await pilot.resize_terminal(100, 40)  # a new size is laid out, as ever
        await wait_for(pilot, lambda: layouts > before, "the layout of the new size")
    app.db.close()


@pytest.mark.parametrize("stored", [True, False])
async def test_known_followers_stored_are_in_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stored: bool
) -> None:
    """Counted and stored by an earlier reader, the people known among the followers are in
    the first frame, and no worker counts them (their lines came after it, growing the breadth
    panel in a layout of their own); not stored, a worker counts them after it."""
    app = journal(tmp_path / "journal.db")
    if stored:
        known_followers(app.db, names=False)
    at_first: list[str] = []
    display = App._display

    def noted(shown: App[Any], screen: Any, renderable: Any) -> None:
        if renderable is not None and not shown._batch_count and not at_first:
            panel = shown.screen.query_one("#breadth-numbers", NumberTable)
            at_first.append(" ".join(figure.label.plain for figure in panel.figures))
        display(shown, screen, renderable)

    monkeypatch.setattr(App, "_display", noted)
    first = FirstFrame(monkeypatch)
    first.watch(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(
            pilot,
            lambda: {"depth", "dashboard-history"} <= {k for k, _ in first.asked},
            "the reads",
        )
        await pilot.pause()
    app.db.close()
    assert ("0 people you know among 10 followers" in at_first[0]) is stored
    assert ("known-followers" in {key for key, _ in first.asked}) is not stored
