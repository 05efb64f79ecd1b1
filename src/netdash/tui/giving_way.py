"""Work that gives way to the UI thread: run in a thread of its own at a lower OS priority.

On a loaded machine (two cores shared with other processes) a build's threads compete with the
UI thread for the cores as well as the GIL, and the screen it is built for stalls while it is
drawn: the year in review's reads, two threads of SQL, held its first frames back 60-140 ms.
Lowered (nice +10) they still take any core nobody else wants, and the UI thread gets one
as soon as it wakes. Linux keeps a priority per thread, and a thread's threads inherit it;
elsewhere the work runs as it would have.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import TypeVar

from netdash.threads import in_thread

T = TypeVar("T")

NICER = 10
"""How much lower the work's priority is (Unix nice, added): the UI thread, at the process's
own, gets about ten times the CPU of a lowered thread that wants the same core."""


def giving_way(job: Callable[[], T]) -> T:
    """``job()`` run in a new thread at a lower priority, waited for here: its result, or its
    exception raised again. The caller's own thread keeps its priority (a worker pool's thread
    goes on to run other work, and an ordinary process cannot raise a priority back)."""

    def lowered() -> T:
        lower_this_thread()
        return job()

    return in_thread(lowered, "giving-way").result()


def lower_this_thread() -> None:
    """Lower the calling thread's priority by NICER, where the OS keeps one per thread."""
    if sys.platform != "linux":
        return
    with suppress(OSError):  # not allowed here (a sandbox): the work runs as it would have
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), thread_priority() + NICER)


def thread_priority() -> int:
    """The calling thread's nice value (Linux; the process's elsewhere)."""
    if sys.platform != "linux":
        return os.getpriority(os.PRIO_PROCESS, 0)
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
