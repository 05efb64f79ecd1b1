"""Half-written files of a netdash that was killed, removed by the next netdash that runs.

Everything netdash writes whole (an export, a backup, a new or restored journal, the demo) is
first written under a hidden temporary name and moved into place when complete. A process
killed outright (SIGKILL, a power cut) cannot tidy up, and its temporary file may be large and
holds private notes. So each one is entered in a ledger in netdash's private data folder while
it exists; every command starts by removing those whose process is gone.

Only names netdash made are ever removed: a temporary name carries :data:`MARK`, and the
ledger entry says which process made it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_path

from netdash.paths import APP_NAME, make_private_folders

MARK = ".netdash-part-"
"""In every temporary name netdash makes, so a sweep can never remove a file of the user's."""

_COMPANIONS = ("", "-wal", "-shm", "-journal")


def ledger_folder() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / "unfinished"


def temporary_name(final: Path) -> str:
    """A prefix for ``mkstemp``/``mkdtemp`` beside ``final``: hidden, and marked as netdash's."""
    return f".{final.name}{MARK}"


@contextmanager
def tracked(path: Path) -> Iterator[Path]:
    """Keep ``path`` (a temporary file or folder this process just made) in the ledger until
    the block ends; if the process dies first, the next netdash removes it."""
    entry: Path | None = None
    try:
        folder = ledger_folder()
        make_private_folders(folder)
        fd, name = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".path", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(os.path.abspath(path))
        entry = Path(name)
    except OSError:
        entry = None  # no ledger (a read-only home): the work itself must not fail for it
    try:
        yield path
    finally:
        if entry is not None:
            entry.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process has that id
    return True


def remove_temporary(path: Path) -> None:
    """Remove a temporary file or folder netdash made, and SQLite's files beside it."""
    if MARK not in path.name:
        return
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    for suffix in _COMPANIONS:
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def sweep() -> int:
    """Remove what killed netdash processes left half-written; returns how many."""
    folder = ledger_folder()
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0  # no ledger yet: nothing was ever left
    removed = 0
    for entry in entries:
        pid_text = entry.name.split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        try:
            target = Path(entry.read_text(encoding="utf-8", errors="surrogateescape"))
        except OSError:
            continue
        if target.exists() or target.is_symlink():
            remove_temporary(target)
            removed += 1
        entry.unlink(missing_ok=True)
    return removed
