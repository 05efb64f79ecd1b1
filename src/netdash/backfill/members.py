"""Which members of an export a backfill reader reads, judged by their first bytes, and how
far through them an import is, for the progress bar.

A backup folder or zip holds other files (MMS media, a viewer's stylesheet, other backups): a
reader names the suffixes worth opening and a test on a member's head; a single file given
directly is tested whatever its name, so a renamed export still works.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, cast

from netdash.domain.evidence import Tally
from netdash.importers.source import BadExport, ExportSource

HEAD_BYTES = 4096
"""How much of a member ``looks_like`` reads: an XML prolog, an mbox's first headers, a
WhatsApp chat's first line."""

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


def sizes(source: ExportSource, names: Iterable[str]) -> dict[str, int]:
    """Each member's size in bytes, for progress only: 0 where the export does not say
    cheaply (a tar's members). A zip is opened once for all of them."""
    wanted = list(names)
    found = dict.fromkeys(wanted, 0)
    path = source.path
    try:
        if path.is_dir():
            for name in wanted:
                found[name] = _stat_size(path / name)
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in wanted:
                    found[name] = archive.getinfo(name).file_size
        elif single(source) and wanted:
            found[wanted[0]] = path.stat().st_size
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        pass  # the bar then waits; the import itself says what cannot be read
    return found


def _stat_size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


class Counted(io.RawIOBase):
    """A member's bytes, telling the tally how far the whole import has read: ``before`` is
    what was read before this member (other members, or an earlier pass over this one)."""

    def __init__(self, handle: IO[bytes], tally: Tally, before: int = 0) -> None:
        super().__init__()
        self.handle = handle
        self.tally = tally
        self.before = before
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.handle.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        self.tally.advance(self.before + self.count)
        return len(data)

    def reading(self) -> IO[bytes]:
        """Itself, as the byte handle the line and JSON readers take."""
        return cast(IO[bytes], self)
