"""Journal work off the UI thread, one way: own connection, failure shown, stale dropped.

A worker must not share the app's connection (SQLite connections belong to their thread), must
not fail silently or take the app down with it, and a slow run must not overwrite what a newer
one found (the journal changed meanwhile). :func:`run_in_worker` does the last two for any job,
reads and imports alike, and carries a job's progress to the UI thread the same way;
:func:`read_in_worker` adds the first for a read.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import closing
from pathlib import Path
from queue import Empty, SimpleQueue
from typing import TYPE_CHECKING, TypeVar, cast

from sqlite_utils import Database
from textual.message import Message

if TYPE_CHECKING:
    from netdash.tui.app import NetdashApp

T = TypeVar("T")

KEPT = dict.fromkeys(
    ("depth", "known-followers", "dashboard-history", "dashboard-upcoming", "dashboard-strangers"),
    "in-turn",
)
"""Groups whose reads share a connection kept between runs, by its name: the reads that run in
turn (the scores, after each write too; the known followers; the layer history), never two
at once (:class:`InTurn`). Each opened its own at start, 5-20 ms each of the wait for the
filled dashboard (a probe connection, the schema read, the migrations checked)."""
IDLE_CHECK = 1.0
"""Seconds between a kept connection's looks at whether its app is still running."""
CLOSE_PATIENCE = 10.0
"""Seconds quitting waits for a kept connection's run under way (a rescore) to end."""

Report = Callable[[Callable[[], None]], None]
"""Given to a job: hands a callable showing its progress so far to the UI thread."""


class Delivered(Message):
    """A worker's outcome or progress, to be handled on the UI thread (posting is thread-safe)."""

    def __init__(
        self,
        group: str,
        generation: int,
        deliver: Callable[[], None],
        *,
        progress: bool = False,
        ended: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.group = group
        self.generation = generation
        self.deliver = deliver
        self.progress = progress
        self.ended = ended
        """Runs after the outcome, delivered or dropped as superseded: a caller waiting for
        its run to end (a second delete refused meanwhile) is never left waiting."""

    def can_replace(self, message: Message) -> bool:
        """A flood of progress collapses into the latest; an outcome is never skipped."""
        return (
            self.progress
            and isinstance(message, Delivered)
            and message.progress
            and (message.group, message.generation) == (self.group, self.generation)
        )


class Generations:
    """The latest run started per group: a result from an older run is stale; and the
    connections of the groups that read on one kept between runs (KEPT)."""

    def __init__(self) -> None:
        self._latest: dict[str, int] = {}
        self._kept: dict[str, KeptConnection] = {}

    def kept(self, app: NetdashApp, group: str) -> KeptConnection:
        """The connection ``group``'s runs share (see :class:`KeptConnection`)."""
        kept = self._kept.get(group)
        if kept is None:
            kept = self._kept[group] = KeptConnection(app)
        return kept

    def close_kept(self) -> None:
        """Close the kept connections now that the app has stopped: the app's own connection
        must be the journal's last, which checkpoints it as it closes (and the process may
        end at once after, with no time for a thread's idle check)."""
        for kept in self._kept.values():
            kept.close()

    def start(self, group: str) -> int:
        self._latest[group] = self._latest.get(group, 0) + 1
        return self._latest[group]

    def is_latest(self, group: str, generation: int) -> bool:
        return self._latest.get(group) == generation


class OneAtATime:
    """Runs of a job that must not overlap, at most one waiting: a request while a run is in
    flight only marks "again", and one more run starts when it ends, reading the journal as it
    is then. A burst of writes thus costs the run under way and one after it, never a pile of
    runs competing for the CPU (each a full rescore, say) whose results the next one replaces.

    ``start`` begins a run and is handed the callable to call, on the UI thread, when that run
    has ended however it ended (``ended`` of :func:`run_in_worker`).
    """

    def __init__(self, start: Callable[[Callable[[], None]], None]) -> None:
        self._start = start
        self.running = False
        self.again = False

    def request(self) -> None:
        if self.running:
            self.again = True
            return
        self.running, self.again = True, False
        self._start(self._ended)

    def _ended(self) -> None:
        self.running = False
        if self.again:
            self.request()


Start = Callable[[Callable[[], None]], None]
"""Begins a worker run, handed the callable to call on the UI thread once the run has ended."""


class InTurn:
    """Jobs that must not overlap one another, run one after another: the dashboard's start
    reads (scores, known followers, the layer history) each hold their rows at their peak, and
    side by side their peaks added up (a full rescore beside a history rebuild). The waiting
    job of the lowest ``rank`` goes next, in the order asked among equals, so the scores go
    before the charts. A job asked for again while it waits keeps its place and runs once,
    started the newest way; asked for while it runs, it runs again after.

    ``start`` is as :class:`OneAtATime`'s; ``ended``, if given, runs (on the UI thread) after
    the job's run has ended, so a :class:`OneAtATime` can run its runs in turn with others.
    """

    def __init__(self) -> None:
        self._waiting: dict[str, tuple[int, Start, Callable[[], None] | None]] = {}
        self.running: str | None = None
        """The key of the job under way, None when none is."""

    def request(
        self, key: str, start: Start, ended: Callable[[], None] | None = None, rank: int = 0
    ) -> None:
        if key in self._waiting:
            ended = _then(self._waiting[key][2], ended)
        self._waiting[key] = rank, start, ended  # a key already waiting keeps its place
        self._next()

    def _next(self) -> None:
        if self.running is not None or not self._waiting:
            return
        key = min(self._waiting, key=lambda waiting: self._waiting[waiting][0])
        _, start, ended = self._waiting.pop(key)
        self.running = key

        def done() -> None:
            self.running = None
            try:
                if ended is not None:
                    ended()
            finally:
                self._next()

        try:
            start(done)
        except BaseException:
            self.running = None  # never started: the jobs after it are not held up for ever
            raise


def _then(
    first: Callable[[], None] | None, second: Callable[[], None] | None
) -> Callable[[], None] | None:
    """Both callables in turn (either may be None)."""
    if first is None or second is None:
        return first or second

    def both() -> None:
        try:
            first()
        finally:
            second()

    return both


class KeptConnection:
    """A connection kept from one run of a job to the next, in a thread of its own: the
    scores after each write. Opening the journal for each run cost a probe connection, the
    schema read twice and the migrations checked, 10-40 ms of the wait for the layers. Runs
    come one at a time (:class:`OneAtATime`); a run that fails closes the connection and the
    next opens a new one. The thread closes it and ends once the app has stopped running."""

    def __init__(self, app: NetdashApp) -> None:
        self._app = weakref.ref(app)
        self._jobs: SimpleQueue[tuple[Callable[[Database], object], Future[object]] | None]
        self._jobs = SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        """The thread serving runs; None once it ends, or before the first run."""
        self._started: threading.Thread | None = None
        """The last thread started, to wait for as the app closes."""
        self._open: Database | None = None
        """The kept connection while it is open: what quitting interrupts."""

    def read(self, path: Path, read: Callable[[Database], T]) -> T:
        """``read`` on the kept connection to ``path`` (opened on first use); blocks the
        calling worker thread until done."""
        done: Future[object] = Future()
        with self._lock:  # a thread about to end takes no job: a new one is started
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._serve, args=(path,), name="netdash-kept", daemon=True
                )
                self._thread.start()
                self._started = self._thread
            self._jobs.put((read, done))
        return cast(T, done.result())

    def _serve(self, path: Path) -> None:
        from netdash.store.db import fold_log_in, open_db

        db: Database | None = None
        try:
            while True:
                try:
                    job = self._jobs.get(timeout=IDLE_CHECK)
                except Empty:
                    if self._over():
                        return
                    continue
                if job is None:  # close(): the app has ended
                    return
                read, done = job
                try:
                    if db is None:
                        db = open_db(path)
                        self._open = db
                    done.set_result(read(db))
                    fold_log_in(db)  # the app's own commits leave it here, after the result
                except BaseException as error:  # handed to the run, which says it
                    done.set_exception(error)
                    if db is not None:
                        with self._lock:  # never interrupted once closed
                            self._open = None
                        db.close()
                        db = None
        finally:
            with self._lock:
                self._open = None
            if db is not None:
                db.close()

    def close(self) -> None:
        """Close the connection and end its thread. A run under way is interrupted (a rescore
        of a large journal takes seconds, and quitting should not wait for it; what it was
        writing rolls back, and the next start scores again)."""
        with self._lock:
            thread, self._thread = self._thread, None
            if thread is not None:
                self._jobs.put(None)
        serving = self._started  # also one that found the app stopped and is ending
        deadline = time.monotonic() + CLOSE_PATIENCE
        while serving is not None and serving.is_alive() and time.monotonic() < deadline:
            # again and again: an interrupt reaches only a statement already running, and
            # the run may be between two (or in Python)
            with self._lock:
                if (running := self._open) is not None:
                    running.conn.interrupt()
            serving.join(timeout=0.05)

    def _over(self) -> bool:
        """Whether the app has stopped (then no job waits, and none will be given to this
        thread)."""
        app = self._app()
        with self._lock:
            if (app is None or not app.is_running) and self._jobs.empty():
                self._thread = None
                return True
        return False


def run_in_worker(
    app: NetdashApp,
    group: str,
    job: Callable[[Report], T],
    done: Callable[[T], None],
    *,
    failure: str,
    ended: Callable[[], None] | None = None,
    failed: Callable[[Exception], None] | None = None,
) -> None:
    """Run ``job`` in a thread and hand its result to ``done`` on the UI thread, unless a newer
    run of ``group`` has started since. A failure is a notification titled ``failure``, and is
    handed to ``failed`` too for a screen that waits on the result to say so in place. What the
    job reports is shown on the UI thread too; ``ended`` runs there after ``done`` or the
    notification, whichever way the run ended. The job opens any connection it needs."""
    generation = app.worker_generations.start(group)

    def work() -> None:
        _run(app, group, generation, job, done, failure, ended, failed)

    app.run_worker(work, thread=True, group=group, exit_on_error=False)


def read_in_worker(
    app: NetdashApp,
    group: str,
    read: Callable[[Database], T],
    done: Callable[[T], None],
    *,
    failure: str,
    failed: Callable[[Exception], None] | None = None,
    ended: Callable[[], None] | None = None,
    give_way: bool = False,
) -> None:
    """:func:`run_in_worker` for a read on its own connection, kept for the group's next runs
    in KEPT. An in-memory journal cannot be opened twice: it is read here, on the UI thread,
    and delivered the same way. ``give_way`` reads in a thread of lower priority
    (:mod:`netdash.tui.giving_way`), on a connection of its own."""
    path = app.db_path
    if path is None:
        generation = app.worker_generations.start(group)
        _run(app, group, generation, lambda report: read(app.db), done, failure, ended, failed)
        return

    kept = app.worker_generations.kept(app, KEPT[group]) if group in KEPT else None

    def job(report: Report) -> T:
        if kept is not None:
            return kept.read(path, read)
        if give_way:
            from netdash.tui.giving_way import giving_way

            return giving_way(lambda: _read_on_own(path, read))
        return _read_on_own(path, read)

    run_in_worker(app, group, job, done, failure=failure, failed=failed, ended=ended)


def _read_on_own(path: Path, read: Callable[[Database], T]) -> T:
    from netdash.store.db import open_db

    with closing(open_db(path)) as db:
        return read(db)


def write_in_worker(
    app: NetdashApp,
    group: str,
    write: Callable[[Database], T],
    done: Callable[[T], None],
    *,
    failure: str,
    ended: Callable[[], None] | None = None,
) -> None:
    """A slow write (deleting an account with a million followers takes 2 s) on its own
    connection, as :func:`read_in_worker` reads: the UI answers keys meanwhile. ``ended`` runs
    however it ended, so a screen can refuse a second write until then."""
    read_in_worker(app, group, write, done, failure=failure, ended=ended)


def _run(
    app: NetdashApp,
    group: str,
    generation: int,
    job: Callable[[Report], T],
    done: Callable[[T], None],
    failure: str,
    ended: Callable[[], None] | None,
    failed: Callable[[Exception], None] | None = None,
) -> None:
    def report(show: Callable[[], None]) -> None:
        app.post_message(Delivered(group, generation, show, progress=True))

    try:
        result = job(report)
    except Exception as error:  # shown to the user, not swallowed
        outcome = _failed(app, failure, error, failed)
    else:

        def outcome() -> None:
            done(result)

    def deliver() -> None:
        try:
            outcome()
        except Exception as error:  # showing the result failed: said too, never a crash
            _failed(app, failure, error)()

    app.post_message(Delivered(group, generation, deliver, ended=ended))


def _failed(
    app: NetdashApp,
    title: str,
    error: Exception,
    failed: Callable[[Exception], None] | None = None,
) -> Callable[[], None]:
    def notify() -> None:
        app.notify(reason(error), title=title, severity="error", markup=False)
        if failed is not None:
            failed(error)

    return notify


def reason(error: Exception) -> str:
    """An error in words for the user: its message, or its kind when it has none."""
    return str(error) or type(error).__name__


def on_delivered(app: NetdashApp, message: Delivered) -> None:
    """Hand over a worker's outcome if no newer run of its group has started."""
    try:
        if app.worker_generations.is_latest(message.group, message.generation):
            message.deliver()
    finally:
        if message.ended is not None:
            message.ended()
