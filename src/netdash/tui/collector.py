"""When Python's cyclic garbage collector walks the app's heap.

A full collection walks every tracked object: after start, ~100,000 of them on the
10,000-person journal (modules, Textual's styles and widgets, the scores), 40-100 ms on this
machine, and one comes every few seconds while entries are logged. Landing between a form's
Enter and the frame that shows the entry, it was the whole of that frame's slow tail.
"""

from __future__ import annotations

import gc
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
