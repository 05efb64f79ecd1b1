"""Work in a thread of its own, its outcome handed back as a :class:`~concurrent.futures.Future`:
the review reads its people beside its other reads, and the TUI runs a build at a lower
priority. A job's exception reaches whoever waits for it, never the thread's own excepthook."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")


def in_thread(job: Callable[[], T], name: str) -> Future[T]:
    """``job()`` started in a daemon thread named ``name``; the Future holds what it returned,
    or what it raised (``result()`` raises it again in the waiting thread)."""
    outcome: Future[T] = Future()

    def run() -> None:
        try:
            outcome.set_result(job())
        except BaseException as error:  # handed to the waiting thread
            outcome.set_exception(error)

    threading.Thread(target=run, name=name, daemon=True).start()
    return outcome
