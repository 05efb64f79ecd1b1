"""Export files: created readable by their owner only, and whole or not at all.

An export holds the same private notes as the journal, so it gets the journal's 0600. It is
written beside its final name and moved into place at the end: an export interrupted half-way
leaves no half-file behind to be mistaken for a good one later.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from netdash.store.errors import InvalidInput


def _refuse_existing(path: Path, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        raise InvalidInput(f"{path}: already exists; choose another name or pass --force")


@contextmanager
def private_text_file(
    path: Path, *, overwrite: bool = False, newline: str = "\n"
) -> Iterator[TextIO]:
    """A UTF-8 text file at ``path``, mode 0600, that appears only once fully written."""
    _refuse_existing(path, overwrite)
    if path.exists() and path.is_dir():
        raise InvalidInput(f"{path}: is a folder")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an old partial file may have had other bits
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


@contextmanager
def private_folder(path: Path, *, overwrite: bool = False) -> Iterator[Path]:
    """A folder at ``path``, mode 0700, filled under a temporary name and moved into place."""
    _refuse_existing(path, overwrite)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(f".{path.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    try:
        yield partial
        if path.exists():
            shutil.rmtree(path)
        os.replace(partial, path)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def create_private(path: Path) -> TextIO:
    """Open a new 0600 text file inside a folder being filled by :func:`private_folder`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(fd, "w", encoding="utf-8", newline="")
