"""Reading the journal off the UI thread, one way: own connection, failure shown, stale dropped.

A worker must not share the app's connection (SQLite connections belong to their thread), must
not fail silently or take the app down with it, and a slow run must not overwrite what a newer
one found (the journal changed meanwhile). :func:`read_in_worker` does all three.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from sqlite_utils import Database
from textual.message import Message

if TYPE_CHECKING:
    from netdash.tui.app import NetdashApp

T = TypeVar("T")


class Delivered(Message):
    """A worker's outcome, to be handled on the UI thread (posting is thread-safe)."""

    def __init__(self, group: str, generation: int, deliver: Callable[[], None]) -> None:
        super().__init__()
        self.group = group
        self.generation = generation
        self.deliver = deliver


class Generations:
    """The latest run started per group: a result from an older run is stale."""

    def __init__(self) -> None:
        self._latest: dict[str, int] = {}

    def start(self, group: str) -> int:
        self._latest[group] = self._latest.get(group, 0) + 1
        return self._latest[group]

    def is_latest(self, group: str, generation: int) -> bool:
        return self._latest.get(group) == generation


def read_in_worker(
    app: NetdashApp,
    group: str,
    read: Callable[[Database], T],
    done: Callable[[T], None],
    *,
    failure: str,
) -> None:
    """Run ``read`` on its own connection in a thread and hand its result to ``done`` on the UI
    thread, unless a newer run of ``group`` has started since. A failure is a notification
    titled ``failure``. An in-memory journal cannot be opened twice: it is read here."""
    generation = app.worker_generations.start(group)
    path = app.db_path
    if path is None:
        _deliver(app, group, generation, read, done, failure, app.db)
        return

    def work() -> None:
        from netdash.store.db import open_db

        try:
            db = open_db(path)
        except Exception as error:  # shown to the user, not swallowed
            app.post_message(Delivered(group, generation, _failed(app, failure, error)))
            return
        try:
            _deliver(app, group, generation, read, done, failure, db)
        finally:
            db.close()

    app.run_worker(work, thread=True, group=group, exit_on_error=False)


def _deliver(
    app: NetdashApp,
    group: str,
    generation: int,
    read: Callable[[Database], T],
    done: Callable[[T], None],
    failure: str,
    db: Database,
) -> None:
    try:
        result = read(db)
    except Exception as error:  # shown to the user, not swallowed
        app.post_message(Delivered(group, generation, _failed(app, failure, error)))
        return
    app.post_message(Delivered(group, generation, lambda: done(result)))


def _failed(app: NetdashApp, title: str, error: Exception) -> Callable[[], None]:
    def notify() -> None:
        app.notify(str(error) or type(error).__name__, title=title, severity="error", markup=False)

    return notify


def on_delivered(app: NetdashApp, message: Delivered) -> None:
    """Hand over a worker's outcome if no newer run of its group has started."""
    if app.worker_generations.is_latest(message.group, message.generation):
        message.deliver()
