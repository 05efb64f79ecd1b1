"""Files written whole, and the half-written ones of a netdash that was killed.

Everything netdash writes whole (an export, a backup, a new or restored journal, the demo,
``review -o``) is written under a hidden temporary name beside its destination and moved into
place when complete (:func:`written_whole`), so nothing half-written ever carries the real name.
A process killed outright (SIGKILL, a power cut) cannot tidy up, and its temporary file may be
large and holds private notes. So each one is entered in a ledger in netdash's private data
folder while it exists, the entry locked (``flock``) by the process that made it; every command
starts by removing those whose lock is free, that is whose process is gone — in whatever PID
namespace or container it ran.

Only names netdash made are ever removed: a temporary name carries :data:`MARK`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from netdash.paths import JOURNAL_COMPANIONS, make_private_folders, user_data_folder

MARK = ".netdash-part-"
"""In every temporary name netdash makes, so a sweep can never remove a file of the user's."""

_NAME_KEPT = 64
"""How much of the final name a temporary name repeats: a long name must still fit (255)."""


def ledger_folder() -> Path:
    return user_data_folder() / "unfinished"


def temporary_name(final: Path) -> str:
    """A prefix for ``mkstemp``/``mkdtemp`` beside ``final``: hidden, and marked as netdash's."""
    return f".{final.name[:_NAME_KEPT]}{MARK}"


@contextmanager
def tracked(path: Path) -> Iterator[Path]:
    """Keep ``path`` (a temporary file or folder this process just made) in the ledger until
    the block ends; if the process dies first, the next netdash removes it."""
    entry: Path | None = None
    handle = None
    try:
        folder = ledger_folder()
        make_private_folders(folder)
        # made under a name the sweep does not read, locked and filled, then given its name:
        # a sweep never sees an entry that is not locked and complete
        import tempfile  # here, not at the top: every command sweeps, few write whole

        fd, name = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".new", dir=folder)
        handle = os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape")
        fcntl.flock(handle, fcntl.LOCK_EX)  # held while this process lives
        handle.write(os.path.abspath(path))
        handle.flush()
        entry = Path(name).with_suffix(".path")
        os.replace(name, entry)
    except OSError:
        entry = None  # no ledger (a read-only home): the work itself must not fail for it
    try:
        yield path
    finally:
        if entry is not None:
            entry.unlink(missing_ok=True)
        if handle is not None:
            handle.close()


def remove_temporary(path: Path) -> None:
    """Remove a temporary file or folder netdash made, and SQLite's files beside it."""
    if MARK not in path.name:
        return
    if path.is_dir() and not path.is_symlink():
        import shutil

        shutil.rmtree(path, ignore_errors=True)
    for suffix in JOURNAL_COMPANIONS:
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
        if entry.suffix == ".new":  # one being made; left half-made if its process died
            _remove_unlocked(entry)
            continue
        try:
            with entry.open("r", encoding="utf-8", errors="surrogateescape") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # its process is alive (here or in another namespace)
                target = Path(handle.read())
                if target.name and (target.exists() or target.is_symlink()):
                    remove_temporary(target)
                    removed += 1
                entry.unlink(missing_ok=True)
        except OSError:
            continue
    return removed


def _remove_unlocked(entry: Path) -> None:
    try:
        with entry.open("rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            entry.unlink(missing_ok=True)
    except OSError:
        pass  # locked: its process is alive


def place_without_replacing(partial: Path, target: Path) -> None:
    """Give the finished ``partial`` its final name, failing with FileExistsError rather than
    replace a file that appeared there meanwhile (a hard link is atomic and never replaces; on
    a file system without links, a rename after a last look)."""
    try:
        os.link(partial, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:
        if target.exists() or target.is_symlink():
            raise FileExistsError(str(target)) from None
        os.replace(partial, target)


@contextmanager
def written_whole(
    final: Path, *, replace: bool = False, folder: bool = False, suffix: str = ""
) -> Iterator[Path]:
    """A new, private (0600 file or 0700 folder), tracked temporary path beside ``final``, to
    fill; moved to ``final`` when the block ends without error, removed in any case.

    ``final`` is replaced only with ``replace`` (otherwise FileExistsError, even for a file
    made meanwhile). A folder being replaced is moved aside and the new one moved in, two
    renames: only a kill between the two, microseconds apart, leaves neither.
    """
    import tempfile

    make_private_folders(final.parent)
    if folder:
        partial = Path(tempfile.mkdtemp(suffix, temporary_name(final), final.parent))
    else:
        fd, name = tempfile.mkstemp(suffix, temporary_name(final), final.parent)
        os.close(fd)
        partial = Path(name)
    with tracked(partial):
        try:
            yield partial
            if not folder and partial.exists():
                with partial.open("rb+") as handle:
                    os.fsync(handle.fileno())
            if not replace:
                place_without_replacing(partial, final)
            elif folder and final.is_dir():
                _swap_folder(partial, final)
            else:
                os.replace(partial, final)
        finally:
            remove_temporary(partial)


def _swap_folder(new: Path, final: Path) -> None:
    import tempfile

    aside = Path(tempfile.mkdtemp(prefix=temporary_name(final), dir=final.parent))
    with tracked(aside):
        try:
            os.replace(final, aside)  # an empty folder made by mkdtemp: replaced by the old one
            os.replace(new, final)
        finally:
            remove_temporary(aside)
