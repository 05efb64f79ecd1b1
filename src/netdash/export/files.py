"""Export files: created readable by their owner only, and whole or not at all.

An export holds the same private notes as the journal, so it gets the journal's 0600 (and any
folder made for it 0700). It is written under a unique temporary name beside its final one and
moved into place at the end: an export interrupted half-way leaves no half-file behind to be
mistaken for a good one later.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from netdash import paths
from netdash.domain.errors import InvalidInput
from netdash.leftovers import written_whole


def make_private_folders(folder: Path) -> None:
    """``folder`` and any missing parents, each 0700, or one line saying why not."""
    try:
        paths.make_private_folders(folder)
    except OSError as error:
        raise InvalidInput(f"{folder}: cannot create the folder ({_why(error)})") from None
    if not folder.is_dir():
        raise InvalidInput(f"{folder}: is not a folder")


def _target(path: Path) -> Path:
    """The output path made absolute with links followed, so "." and "out/" name a real place
    and a parent, and a link to a folder is written through, not replaced. A special file
    (``/dev/stdout``, a pipe) is kept as named: followed, it can lead to no path at all."""
    absolute = Path(os.path.abspath(path))
    if absolute.exists() and not absolute.is_file() and not absolute.is_dir():
        return absolute
    return Path(os.path.realpath(path))


def _why(error: OSError) -> str:
    return error.strerror or str(error)


@contextmanager
def private_text_file(
    path: Path, *, overwrite: bool = False, newline: str = "\n"
) -> Iterator[TextIO]:
    """A UTF-8 text file at ``path``, mode 0600, that appears only once fully written."""
    path = _target(path)
    if path.is_dir():
        raise InvalidInput(f"{path}: is a folder; give a file name")
    if path.exists() and not path.is_file():  # a pipe, /dev/null, a terminal: write into it
        try:
            with path.open("w", encoding="utf-8", newline=newline) as out:
                yield out
        except BrokenPipeError:
            return  # the reader had enough (`| head`), as with -o -
        except OSError as error:
            raise InvalidInput(f"{path}: cannot be written ({_why(error)})") from None
        return
    if path.exists() and not overwrite:
        raise _exists(path)
    make_private_folders(path.parent)  # here, for its one-line message
    try:
        with (
            written_whole(path, replace=overwrite) as partial,
            partial.open("w", encoding="utf-8", newline=newline) as out,
        ):
            yield out
    except FileExistsError:
        raise _exists(path) from None
    except OSError as error:  # a full disk, a folder made read-only meanwhile
        raise InvalidInput(f"{path}: cannot be written ({_why(error)})") from None


def _exists(path: Path) -> InvalidInput:
    return InvalidInput(f"{path}: already exists; choose another name or pass --force")


@contextmanager
def private_folder(path: Path, *, overwrite: bool = False) -> Iterator[Path]:
    """A folder at ``path``, mode 0700, filled under a temporary name and moved into place.

    With ``overwrite``, only a folder that holds nothing but CSV files (an earlier export) is
    replaced: pointed at a folder of other things by mistake, nothing there is deleted.
    """
    path = _target(path)
    if path.exists():
        if not path.is_dir():
            raise InvalidInput(f"{path}: is a file; --format csv writes a folder")
        if not overwrite:
            raise _exists(path)
        others = [item.name for item in path.iterdir() if item.suffix != ".csv" or item.is_dir()]
        if others:
            raise InvalidInput(
                f"{path}: holds {others[0]!r}, which is not an export's CSV file;"
                " not replacing it (choose an empty or new folder)"
            )
    make_private_folders(path.parent)
    try:
        with written_whole(path, replace=overwrite, folder=True) as partial:
            yield partial
    except FileExistsError:
        raise _exists(path) from None
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be written ({_why(error)})") from None


def create_private(path: Path) -> TextIO:
    """Open a new 0600 text file inside a folder being filled by :func:`private_folder`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(fd, "w", encoding="utf-8", newline="")
