"""The dashboard's start reads run one after another, never side by side (their peaks of
memory added up), the scores first."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import netdash.store.depth as store_depth
import netdash.store.depth_board as depth_board
import netdash.store.follower_lists as follower_lists
import netdash.store.history as store_history
from netdash.store.audience import record_follower_count
from netdash.store.db import open_db
from netdash.store.depth import cached_depth
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens import dashboard
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.workers import InTurn, OneAtATime
from tests.conftest import TODAY
from tests.tui.waits import wait_for


class Started:
    """Starts that record their key and keep the callable ending them."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.ends: list[Callable[[], None]] = []

    def start(self, key: str) -> Callable[[Callable[[], None]], None]:
        def begin(ended: Callable[[], None]) -> None:
            self.keys.append(key)
            self.ends.append(ended)

        return begin


def test_jobs_run_one_at_a_time_lowest_rank_first() -> None:
    turn, started = InTurn(), Started()
    turn.request("known", started.start("known"), rank=1)
    turn.request("history", started.start("history"), rank=2)
    turn.request("depth", started.start("depth"), rank=0)
    turn.request("history", started.start("history again"), rank=2)  # waiting: runs once
    assert started.keys == ["known"] and turn.running == "known"
    started.ends[-1]()
    assert started.keys == ["known", "depth"]
    turn.request("depth", started.start("depth again"))  # asked while it runs: once more after
    started.ends[-1]()
    assert started.keys == ["known", "depth", "depth again"]
    started.ends[-1]()
    assert started.keys == ["known", "depth", "depth again", "history again"]
    started.ends[-1]()
    assert turn.running is None and len(started.keys) == 4


def test_a_one_at_a_time_job_takes_its_turn_and_hears_its_end() -> None:
    turn, started = InTurn(), Started()
    runs = OneAtATime(lambda ended: turn.request("depth", started.start("depth"), ended))
    turn.request("history", started.start("history"), rank=2)
    runs.request()
    assert runs.running and started.keys == ["history"]  # waits for the history's run
    started.ends[-1]()
    assert started.keys == ["history", "depth"]
    started.ends[-1]()
    assert not runs.running and turn.running is None


def test_a_start_that_fails_holds_nothing_up() -> None:
    turn, started = InTurn(), Started()

    def broken(ended: Callable[[], None]) -> None:
        raise RuntimeError("no worker")

    with pytest.raises(RuntimeError):
        turn.request("broken", broken)
    turn.request("known", started.start("known"))
    assert started.keys == ["known"]


async def test_the_dashboards_start_reads_never_overlap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scores, known followers and the layer history, each slowed down so that side by side
    they would overlap: counted in flight, never more than one at once, and all three ran."""
    path = tmp_path / "journal.db"
    db = open_db(path)
    ada = add_person(db, "Ada Lovelace")
    log_interaction(db, people=[ada], occurred_on=TODAY, today=TODAY, kind="call")
    record_follower_count(
        db, platform="mastodon", account="@me", followers=10, at="2026-11-01T09:00:00Z", source="t"
    )
    lock = threading.Lock()
    flight = {"now": 0, "most": 0}
    ran: list[str] = []

    def slowed(name: str, read: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            with lock:
                flight["now"] += 1
                flight["most"] = max(flight["most"], flight["now"])
                ran.append(name)
            try:
                time.sleep(0.2)
                return read(*args, **kwargs)
            finally:
                with lock:
                    flight["now"] -= 1

        return counted

    monkeypatch.setattr(store_depth, "depth_standing", slowed("depth", store_depth.depth_standing))
    monkeypatch.setattr(
        dashboard, "known_followers", slowed("known", follower_lists.known_followers)
    )
    monkeypatch.setattr(
        store_history, "layer_history", slowed("history", store_history.layer_history)
    )
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(ran) == 3 and app.in_turn.running is None, "the reads")
    db.close()
    assert sorted(ran) == ["depth", "history", "known"]
    assert flight["most"] == 1


async def test_the_scores_are_read_before_the_layer_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The known followers done quickly, the history must still wait for the scores: asked for
    first, a rebuild of the history (seconds on a large journal) held the scores up behind it."""
    path = tmp_path / "journal.db"
    db = open_db(path)
    ada = add_person(db, "Ada Lovelace")
    log_interaction(db, people=[ada], occurred_on=TODAY, today=TODAY, kind="call")
    ran: list[str] = []

    def noted(name: str, read: Callable[..., Any]) -> Callable[..., Any]:
        def note(*args: Any, **kwargs: Any) -> Any:
            ran.append(name)
            return read(*args, **kwargs)

        return note

    monkeypatch.setattr(store_depth, "depth_standing", noted("depth", store_depth.depth_standing))
    monkeypatch.setattr(
        store_history, "layer_history", noted("history", store_history.layer_history)
    )
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(ran) >= 2 and app.in_turn.running is None, "the reads")
    db.close()
    assert ran[:2] == ["depth", "history"]


async def test_everyone_s_depth_is_read_after_the_dashboard_is_filled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With stored scores the start reads the dashboard's part of them alone, and everyone's
    depth (10,000 on a large journal) only once the known followers and the history are in:
    read first, it held every panel back and its memory counted at the filled frame."""
    path = tmp_path / "journal.db"
    db = open_db(path)
    ada = add_person(db, "Ada Lovelace")
    log_interaction(db, people=[ada], occurred_on=TODAY, today=TODAY, kind="call")
    record_follower_count(
        db, platform="mastodon", account="@me", followers=10, at="2026-11-01T09:00:00Z", source="t"
    )
    app = NetdashApp(db, db_path=path, watch_interval=0)
    cached_depth(db, TODAY, app.depth_settings)  # stored for today, as a second launch finds
    ran: list[str] = []

    def noted(name: str, read: Callable[..., Any]) -> Callable[..., Any]:
        def note(*args: Any, **kwargs: Any) -> Any:
            ran.append(name)
            return read(*args, **kwargs)

        return note

    monkeypatch.setattr(depth_board, "read_board", noted("board", depth_board.read_board))
    monkeypatch.setattr(depth_board, "full_board", noted("everyone", depth_board.full_board))
    monkeypatch.setattr(
        dashboard, "known_followers", noted("known", follower_lists.known_followers)
    )
    monkeypatch.setattr(
        store_history, "layer_history", noted("history", store_history.layer_history)
    )
    charts = DashboardScreen._show_history
    monkeypatch.setattr(DashboardScreen, "_show_history", noted("charts", charts))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.depths is not None, "everyone's depth")
        assert app.board is not None and app.board.standing is not None
    db.close()
    assert ran == ["board", "known", "history", "charts", "everyone"]
