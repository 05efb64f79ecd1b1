"""Issue 14, the longest stalls: full garbage collections run when the app is quiet (no input
for a moment, no worker running), not inside the frames of whatever the user just asked for.
Python's own full collections took 100-290 ms each on the large journal once screens had been
closed, every 1-2 s of work."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from typing import Any, cast

import pytest
from textual.app import App

from netdash.tui.app import NetdashApp
from netdash.tui.collector import FULL_EVERY, NEVER, OVERDUE, QUIET_SECONDS, QuietCollections
from tests.tui.waits import scored, wait_for


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def middle_collections(count: int) -> None:
    """``count`` collections of the middle generation: what makes a full one due."""
    for _ in range(count):
        gc.collect(1)


@pytest.fixture
def full_ones() -> Iterator[list[int]]:
    """The full collections that ran meanwhile (whoever ran them), by their objects freed."""
    ran: list[int] = []

    def noted(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            ran.append(info["collected"])

    gc.callbacks.append(noted)
    yield ran
    gc.callbacks.remove(noted)


@pytest.fixture
def by_hand() -> Iterator[None]:
    """No automatic collection meanwhile: the test's own count what is due."""
    before = gc.get_threshold()
    gc.set_threshold(NEVER, NEVER, NEVER)
    yield
    gc.set_threshold(*before)


@pytest.mark.usefixtures("by_hand")
def test_a_full_collection_waits_for_a_quiet_moment(full_ones: list[int]) -> None:
    clock, busy = Clock(), [False]
    quiet = QuietCollections(busy=lambda: busy[0], clock=clock)
    gc.collect()
    middle_collections(FULL_EVERY - 1)
    clock.now += 1
    assert not quiet.tick()  # not due yet: Python would not have collected either
    middle_collections(1)
    quiet.active()
    assert not quiet.tick()  # a key a moment ago
    clock.now += QUIET_SECONDS
    busy[0] = True
    assert not quiet.tick()  # a worker (the review being built) is running
    busy[0] = False
    full_ones.clear()
    assert quiet.tick()
    assert len(full_ones) == 1 and gc.get_count()[2] == 0


@pytest.mark.usefixtures("by_hand")
def test_an_overdue_collection_runs_however_busy(full_ones: list[int]) -> None:
    quiet = QuietCollections(busy=lambda: True, clock=Clock())
    gc.collect()
    middle_collections(OVERDUE - 1)
    assert not quiet.tick()
    middle_collections(1)
    assert quiet.tick()


@pytest.mark.usefixtures("by_hand")
def test_no_full_collection_while_a_save_holds_them_off() -> None:
    clock = Clock()
    quiet = QuietCollections(busy=lambda: False, clock=clock)
    middle_collections(OVERDUE)
    gc.disable()  # as hold_for_save does from a form's Enter to its frame
    try:
        assert not quiet.tick()
    finally:
        gc.enable()
    assert quiet.tick()


async def test_the_app_takes_full_collections_over_and_gives_them_back(
    app: NetdashApp, full_ones: list[int]
) -> None:
    before = gc.get_threshold()
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)  # from when everyone's scores land, as the started heap is frozen
        assert gc.get_threshold() == (before[0], before[1], NEVER)
        quiet = app.quiet_collections
        pressed = time.monotonic()
        await pilot.press("f19")  # a key that does nothing
        assert quiet.last_active >= pressed
        asked = time.monotonic()
        app.screen.refresh()  # a frame, with no key
        await wait_for(pilot, lambda: quiet.last_active >= asked, "the frame")
        gc.collect()
        full_ones.clear()
        middle_collections(FULL_EVERY)
        await wait_for(pilot, lambda: full_ones != [], "a full collection once quiet")
        assert gc.get_count()[2] < FULL_EVERY
    assert gc.get_threshold() == before


def test_scores_landing_after_the_app_stopped_take_nothing_over() -> None:
    quiet = QuietCollections(busy=lambda: False)
    quiet.stop()
    before = gc.get_threshold()
    quiet.start(cast("App[Any]", None))  # never reaches the app: nothing to set a timer on
    assert gc.get_threshold() == before
