"""What the JSON chat readers (Telegram, Meta) share: walking a large JSON document without
holding it, counting bytes for the progress bar, and putting a chat's own local time on the
user's clock (an epoch: :func:`netdash.backfill.clock.moment`).

The walk reuses :class:`netdash.importers.stream.JsonStream` (stdlib ``raw_decode`` over a
buffer that drops what it has read) rather than adding ijson: it already caps every value at
limits.MAX_ENTRY_BYTES, turns every malformation into BadExport with a line, and costs no
import time; a chat message is one small value, so ``raw_decode`` sees each once.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import IO

from netdash.backfill.clock import wall
from netdash.backfill.members import Counted
from netdash.domain.evidence import Tally
from netdash.importers.stream import JsonStream

MAX_DEPTH = 32
"""How deep :func:`skip` walks member by member; deeper values (no real export has them) are
decoded whole, within the stream's own size and nesting caps."""


def stream_of(handle: IO[bytes], where: str, tally: Tally, before: int = 0) -> JsonStream:
    """A JSON stream over ``handle`` that reports progress as it reads."""
    return JsonStream(Counted(handle, tally, before).reading(), where)


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
        return wall(naive, zone)
    except (OverflowError, OSError, ValueError):
        return None
