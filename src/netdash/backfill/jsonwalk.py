"""What the JSON chat readers (Telegram, Meta) share: walking a large JSON document without
holding it, counting bytes for the progress bar, and putting an epoch on the user's day.

The walk reuses :class:`netdash.importers.stream.JsonStream` (stdlib ``raw_decode`` over a
buffer that drops what it has read) rather than adding ijson: it already caps every value at
limits.MAX_ENTRY_BYTES, turns every malformation into BadExport with a line, and costs no
import time; a chat message is one small value, so ``raw_decode`` sees each once.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import IO, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from netdash.domain.evidence import Tally
from netdash.importers.source import BadExport, ExportSource
from netdash.importers.stream import JsonStream

MAX_DEPTH = 32
"""How deep :func:`skip` walks member by member; deeper values (no real export has them) are
decoded whole, within the stream's own size and nesting caps."""

LAST_SECOND = 253_402_300_799
"""9999-12-31T23:59:59Z: a timestamp past it is not a date (datetime cannot hold it)."""


MAX_CALL_SECONDS = 7 * 24 * 3600
"""A call said to last longer than a week is a broken field, not a call length."""


def minutes(seconds: int) -> float | None:
    """A call's length in minutes; None for a length no call has (negative, over a week)."""
    return seconds / 60 if 0 <= seconds <= MAX_CALL_SECONDS else None


class Counted:
    """A member's bytes, telling the tally how far the whole import has read."""

    def __init__(self, handle: IO[bytes], tally: Tally, before: int = 0) -> None:
        self.handle = handle
        self.tally = tally
        self.before = before
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.count += len(data)
        self.tally.advance(self.before + self.count)
        return data


def stream_of(handle: IO[bytes], where: str, tally: Tally, before: int = 0) -> JsonStream:
    """A JSON stream over ``handle`` that reports progress as it reads."""
    return JsonStream(cast(IO[bytes], Counted(handle, tally, before)), where)


def skip(stream: JsonStream, depth: int = 0) -> None:
    """Pass over the next value, member by member, so a large one (Telegram's left_chats,
    a long contacts list) is never decoded whole."""
    start = stream.peek()
    if depth >= MAX_DEPTH or start not in "{[":
        stream.value()
    elif start == "{":
        for _ in stream.members("an object"):
            skip(stream, depth + 1)
    else:
        for _ in stream.element_starts("a list"):
            skip(stream, depth + 1)


def member_sizes(source: ExportSource, members: Iterable[str]) -> dict[str, int]:
    """Each member's size in bytes as far as cheaply known (0 when not), for progress only."""
    wanted = list(members)
    sizes = dict.fromkeys(wanted, 0)
    try:
        if source.path.is_dir():
            for member in wanted:
                sizes[member] = (source.path / member).stat().st_size
        elif zipfile.is_zipfile(source.path):
            with zipfile.ZipFile(source.path) as archive:
                for member in wanted:
                    sizes[member] = archive.getinfo(member).file_size
        elif source.names == wanted:
            sizes[wanted[0]] = source.path.stat().st_size
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        pass
    return sizes


def time_zone(name: str | None, where: str) -> tzinfo | None:
    """The user's zone (None: the machine's own), refused with BadExport if unknown."""
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise BadExport(
            where, f"unknown time zone {name!r} (an IANA name: Europe/Berlin)"
        ) from None


def moment(seconds: float, zone: tzinfo | None) -> datetime | None:
    """An epoch as the user's wall clock (aware), or None if it is no date at all."""
    if not 0 < seconds <= LAST_SECOND:
        return None
    try:
        stamp = datetime.fromtimestamp(seconds, zone)
        return stamp if zone is not None else stamp.astimezone()
    except (OverflowError, OSError, ValueError):
        return None


def local_naive(text: str, zone: tzinfo | None) -> datetime | None:
    """A chat's own local timestamp (``2024-01-15T10:30:00``) on the user's clock, aware so it
    orders with the others; None if it is not one."""
    try:
        naive = datetime.fromisoformat(text)
    except ValueError:
        return None
    try:
        if naive.tzinfo is not None:
            return naive.astimezone(zone)
        return naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()
    except (OverflowError, OSError, ValueError):
        return None
