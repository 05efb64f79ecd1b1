"""Split an mbox into its messages' header blocks without ever holding a body.

The file is read a line at a time (a line longer than PIECE bytes comes in pieces, so a
megabyte of base64 without a line break costs PIECE bytes, not a megabyte); header lines the
reader does not need are dropped as they pass, body lines are only looked at for the
``From `` line that starts the next message.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, cast

from netdash.backfill.model import Tally
from netdash.importers.source import BadExport

PIECE = 1 << 16
"""The most of one line read at once."""

MAX_HEADER_BYTES = 256 * 1024
"""A message whose kept header lines pass this is skipped (real ones: a few hundred bytes)."""

WANTED = frozenset(
    {
        b"from",
        b"to",
        b"cc",
        b"date",
        b"message-id",
        b"in-reply-to",
        b"references",
        b"list-id",
        b"list-unsubscribe",
        b"precedence",
        b"auto-submitted",
        b"x-gmail-labels",
        b"delivered-to",
        b"x-original-to",
    }
)
"""The headers kept for the parser; Subject and every Content-* header are never kept."""

SEPARATOR = re.compile(rb"From \S* +[A-Z][a-z]{2} +[A-Z][a-z]{2} +\d{1,2} +\d{1,2}:\d\d")
"""A ``From `` line that starts a message: the sender, then an asctime date (``Sun Aug  7
11:40:37 2022``; Gmail: ``Mon Jan 01 00:00:00 +0000 2026``). A body line such as ``From time
to time`` that a writer forgot to quote as ``>From`` is not one."""


@dataclass
class Block:
    """One message's kept header lines (None when they were too long), and where it starts."""

    line: int
    headers: bytes | None


def blocks(handle: IO[bytes], where: str, progress: Progress) -> Iterator[Block]:
    """Each message's header block, in order. A file whose first line is not a ``From ``
    line is not an mbox: BadExport naming line 1."""
    reader = io.BufferedReader(cast(io.RawIOBase, handle), 1 << 20)
    first = _readline(reader, where)
    if not first:
        return  # an empty mailbox (a mail client's empty folder)
    if not first.startswith(b"From "):
        raise BadExport(f"{where}:1", "does not start with a 'From ' line: not an mbox file")
    progress.add(len(first))
    splitter = _Splitter(where, first.endswith(b"\n"))
    while piece := _readline(reader, where):
        progress.add(len(piece))
        block = splitter.take(piece)
        if block is not None:
            yield block
    if (last := splitter.finish()) is not None:
        yield last


class Progress:
    """Bytes read so far, reported now and then (each line would be too often)."""

    def __init__(self, tally: Tally, start: int = 0) -> None:
        self.tally = tally
        self.done = start
        self.pending = 0

    def add(self, count: int) -> None:
        self.done += count
        self.pending += count
        if self.pending >= 1 << 20:
            self.pending = 0
            self.flush()

    def flush(self) -> None:
        self.tally.advance(self.done)


def _readline(reader: io.BufferedReader[io.RawIOBase], where: str) -> bytes:
    try:
        return reader.readline(PIECE)
    except BadExport:
        raise
    except (OSError, EOFError, ValueError) as error:
        raise BadExport(where, f"cannot be read ({error})") from None


class _Splitter:
    """The state between lines: in a header block or in a body, and what is kept so far."""

    def __init__(self, where: str, at_start: bool) -> None:
        self.where = where
        self.at_start = at_start
        self.line = 1
        self.in_header = True
        self.start = 2
        self.kept: list[bytes] = []
        self.size = 0
        self.keeping = False
        self.too_long = False

    def take(self, piece: bytes) -> Block | None:
        starts = self.at_start
        self.at_start = piece.endswith(b"\n")
        if starts:
            self.line += 1
        if not self.in_header:
            if starts and piece.startswith(b"From ") and SEPARATOR.match(piece):
                self._begin()
            return None
        if starts and piece in (b"\n", b"\r\n"):
            self.in_header = False
            return self._block()
        if starts and piece.startswith(b"From ") and SEPARATOR.match(piece):
            block = self._block()  # a message with headers and no body at all
            self._begin()
            return block
        if starts and piece[:1] not in (b" ", b"\t"):
            name = piece.split(b":", 1)[0].strip().lower()
            self.keeping = name in WANTED
        if self.keeping:
            self.size += len(piece)
            if self.size > MAX_HEADER_BYTES:
                self.too_long = True
                self.kept = []
            elif not self.too_long:
                self.kept.append(piece)
        return None

    def finish(self) -> Block | None:
        return self._block() if self.in_header else None

    def _begin(self) -> None:
        self.in_header = True
        self.start = self.line + 1
        self.kept = []
        self.size = 0
        self.keeping = False
        self.too_long = False

    def _block(self) -> Block:
        headers = None if self.too_long else b"".join(self.kept)
        return Block(self.start, headers)
