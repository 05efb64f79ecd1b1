"""Waits on conditions, never on durations: a loaded machine makes any fixed pause too short.

Each helper lets the app run in small steps until what the test needs has happened, and fails
with a message naming it after a timeout generous enough for a busy CI runner.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from netdash.tui.app import NetdashApp

TIMEOUT = 30.0
"""Seconds before a wait gives up: only a hung app takes this long, so it can be generous."""

STEP = 0.02
"""Seconds between checks: short, so a test is never slower than the app."""


async def wait_for(
    pilot: Pilot[Any],
    condition: Callable[[], bool],
    what: str = "the condition",
    timeout: float = TIMEOUT,
) -> None:
    """Let the app run until ``condition()`` holds; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout:g} s waiting for {what}"
        await pilot.pause(STEP)


def netdash(pilot: Pilot[Any]) -> NetdashApp:
    app = pilot.app
    assert isinstance(app, NetdashApp)
    return app


async def scored(pilot: Pilot[Any]) -> None:
    """Wait until everyone's depth has landed (it starts a moment after the first frames)."""
    app = netdash(pilot)
    await wait_for(pilot, lambda: app.depths is not None, "the depth scores")
    await pilot.pause()


async def workers_done(pilot: Pilot[Any]) -> None:
    """Wait until no worker is running, then let the messages they posted be handled.

    (``App.workers.wait_for_complete`` raises if a worker was cancelled, as the command
    palette's searches are on every key, so this polls the workers' state instead.)
    """
    workers = pilot.app.workers
    await wait_for(
        pilot, lambda: all(worker.is_finished for worker in workers), "the workers to finish"
    )
    await pilot.pause()


async def notified(pilot: Pilot[Any], text: str) -> None:
    """Wait until a notification's title or message contains ``text``."""
    app = netdash(pilot)
    await wait_for(
        pilot,
        lambda: any(text in notice.title or text in notice.message for notice in app.notices),
        f"a notification saying {text!r}",
    )
