"""Which members of an export a backfill reader reads, judged by their first bytes.

A backup folder or zip holds other files (MMS media, a viewer's stylesheet, other backups): a
reader names the suffixes worth opening and a test on a member's head; a single file given
directly is tested whatever its name, so a renamed export still works.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable

from netdash.importers.source import BadExport, ExportSource

HEAD_BYTES = 4096
"""How much of a member ``looks_like`` reads: an XML prolog or an mbox's first headers."""

MAX_CANDIDATES = 10_000
"""Members opened to look at their head, at most: a backup of MMS media has thousands of
files that are not backups, and none is opened unless its name has a wanted suffix."""


def head(source: ExportSource, member: str) -> bytes:
    """The first HEAD_BYTES of a member (fewer if it is shorter)."""
    with source.open(member) as handle:
        try:
            return handle.read(HEAD_BYTES)
        except (OSError, EOFError, ValueError) as error:
            raise BadExport(source.where(member), f"cannot be read ({error})") from None


def matching(
    source: ExportSource, suffixes: tuple[str, ...], test: Callable[[bytes], str | None]
) -> list[tuple[str, str]]:
    """(member, what ``test`` says it is) for each member whose head passes ``test``."""
    names = source.names
    alone = single(source)
    found = []
    opened = 0
    for name in names:
        if not alone and not name.lower().endswith(suffixes):
            continue
        opened += 1
        if opened > MAX_CANDIDATES:
            break
        kind = test(head(source, name))
        if kind is not None:
            found.append((name, kind))
    return found


def single(source: ExportSource) -> bool:
    """Whether the export is one file given directly (not a folder or an archive)."""
    path = source.path
    return len(source.names) == 1 and not path.is_dir() and not zipfile.is_zipfile(path)


def size(source: ExportSource, member: str) -> int:
    """A member's size in bytes, for progress; 0 when the archive does not say cheaply."""
    path = source.path
    try:
        if path.is_dir():
            return os.stat(path / member).st_size
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                return archive.getinfo(member).file_size
        if len(source.names) == 1:
            return path.stat().st_size
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return 0
    return 0
