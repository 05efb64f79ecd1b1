"""When Python's cyclic garbage collector walks the app's heap.

A full collection walks every tracked object: after start, ~100,000 of them on the
10,000-person journal (modules, Textual's styles and widgets, the scores), 40-100 ms on this
machine, and one comes every few seconds while entries are logged. Landing between a form's
Enter and the frame that shows the entry, it was the whole of that frame's slow tail.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

_frozen = False


def keep_started_heap() -> None:
    """Move everything alive now out of the collector's reach (``gc.freeze``), once a process:
    the app is started and what it built (imports, styles, the dashboard's widgets) lives as
    long as it does. Later full collections walk only what was made since. Garbage among the
    frozen objects is still freed when its last reference goes; only a reference cycle among
    them would stay, once. Called when everyone's scores first land and when a form opens,
    whichever comes first: a session that opens no form (the Journal, the year in review)
    otherwise walked the whole started heap, 100-270 ms, in the middle of its frames."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


HOLD_SECONDS = 0.25
"""How long after a form's Enter no collection starts: the frame that shows what it saved
comes in ~20 ms (p95 under 60), and the collection due meanwhile runs after it."""

_holds = 0
"""Holds started: only the timer of the latest lets collections run again."""


def hold_for_save(app: App[Any]) -> None:
    """No automatic collection from a form's Enter until the frame after it is on screen
    (``HOLD_SECONDS``; another Enter meanwhile starts the wait again). Nothing is skipped:
    the objects it would have walked are walked by the first collection after."""
    global _holds
    _holds += 1
    gc.disable()
    app.set_timer(HOLD_SECONDS, partial(_collect_again, _holds), name="collections resume")


def _collect_again(hold: int) -> None:
    if hold == _holds:
        gc.enable()


def hold_no_longer() -> None:
    """Collections on again as the app stops: a hold's timer stops with it, and an app closed
    within HOLD_SECONDS of an Enter left the process without them."""
    global _holds
    _holds += 1
    gc.enable()


FULL_EVERY = 10
"""Collections of the middle generation between two full ones: Python's own third threshold.
Python also waits while little is new beside what is old, but after :func:`keep_started_heap`
little is old, so it collected in full at every tenth."""
QUIET_SECONDS = 0.2
"""Time since the last key, click, paste or frame drawn before a full collection may run: a
fast typist's keys come closer together, and a frame means work under way (the review's
Markdown is laid out on the UI thread once its worker has ended)."""
CHECK_SECONDS = 0.1
OVERDUE = 30
"""Middle-generation collections (each 0.1-1 s apart while the app works) after which a full
collection runs without waiting for a quiet moment, so a session that never pauses still
frees its cycles. Garbage piles up meanwhile (closed forms, drawn lines): a full collection
freeing 150,000 objects took 610 ms on a two-core machine; at three times Python's own
spacing, one frees about three times what one of Python's did."""
NEVER = 1 << 30
"""A third threshold Python's count never reaches: full collections are left to us."""


class QuietCollections:
    """Full collections only when the app is quiet: no input and no frame for QUIET_SECONDS,
    and no worker running (the year in review is built in one while its screen waits). With
    the closed screens of a session to free (8,000-40,000 objects), Python's own full
    collections took 100-290 ms on a two-core machine, every 1-2 s of work, and landed inside
    whatever frame was being made: the review's and the Journal's longest stalls. The younger
    generations are still collected as Python would (4-16 ms each)."""

    def __init__(self, busy: Callable[[], bool], clock: Callable[[], float] = time.monotonic):
        self._busy, self._clock = busy, clock
        self._last_active = clock()
        self._thresholds: tuple[int, int, int] | None = None
        self._stopped = False

    def start(self, app: App[Any]) -> None:
        """Take full collections over from Python, checked every CHECK_SECONDS: once the
        started heap is frozen. Before, Python's rule (a full collection only when a quarter
        as much is new as is old) kept them rare, and one here would walk all of it. Never
        again once stopped: scores landing late must not leave the process without them."""
        if self._thresholds is None and not self._stopped:
            self._thresholds = gc.get_threshold()
            gc.set_threshold(self._thresholds[0], self._thresholds[1], NEVER)
            app.set_interval(CHECK_SECONDS, self.tick, name="full collections")

    def stop(self) -> None:
        """Python's own thresholds again (the app has stopped)."""
        self._stopped = True
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def active(self) -> None:
        """A key, a click, a paste or a frame: not quiet for QUIET_SECONDS."""
        self._last_active = self._clock()

    @property
    def last_active(self) -> float:
        return self._last_active

    def tick(self) -> bool:
        """A full collection if one is due and the app quiet, or long overdue; whether it ran.
        Never while a form's Enter holds collections off (:func:`hold_for_save`)."""
        due = gc.get_count()[2]
        if not gc.isenabled() or due < FULL_EVERY:
            return False
        quiet = self._clock() - self._last_active >= QUIET_SECONDS and not self._busy()
        if quiet or due >= OVERDUE:
            gc.collect()
            return True
        return False
