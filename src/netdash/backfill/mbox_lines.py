"""Split an mbox into its messages' header blocks without ever holding a body.

The file is read a megabyte at a time. In a body only the next ``\\nFrom `` is searched for
(``bytes.find``, so a 2 GB mailbox of attachments is passed over at the speed of memory), and
checked to be a real separator line; a header block is cut out, and only the header lines the
reader needs are kept. Memory holds one chunk and one header block, whatever the file's size.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import IO, cast

from netdash.domain.evidence import Tally
from netdash.importers.source import BadExport

CHUNK = 1 << 20

MAX_HEADER_BYTES = 256 * 1024
"""A message whose header block passes this is skipped (real ones: a few kilobytes)."""

MAX_SEPARATOR_BYTES = 4096
"""The longest ``From `` line looked at (real ones: under a hundred bytes)."""

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
"""The headers kept for the parser; Subject and every Content-* header are dropped here."""

SEPARATOR = re.compile(rb"From \S* +[A-Z][a-z]{2} +[A-Z][a-z]{2} +\d{1,2} +\d{1,2}:\d\d")
"""A ``From `` line that starts a message: the sender, then an asctime date (``Sun Aug  7
11:40:37 2022``; Gmail: ``Mon Jan 01 00:00:00 +0000 2026``). A body line such as ``From time
to time`` that a writer forgot to quote as ``>From`` is not one."""

_BLANK = re.compile(rb"\r?\n\r?\n")


def blocks(handle: IO[bytes], where: str, tally: Tally, start: int = 0) -> Iterator[bytes | None]:
    """The kept header lines of each message in order (None for a block over
    MAX_HEADER_BYTES). A file whose first line is not a ``From `` line is not an mbox:
    BadExport naming line 1. ``tally`` advances from ``start`` as bytes are read."""
    chunks = _Chunks(handle, where, tally, start)
    data = chunks.more(b"")
    while 0 < len(data) < 5 and len(longer := chunks.more(data)) > len(data):
        data = longer
    if not data:
        return  # an empty mailbox (a mail client's empty folder)
    if not data.startswith(b"From "):
        raise BadExport(f"{where}:1", "does not start with a 'From ' line: not an mbox file")
    rest: bytes | None
    rest, pos = chunks.past_line(data, 0)
    while rest is not None:
        headers, rest, pos = _header_block(chunks, rest, pos)
        yield headers
        if rest is not None:
            rest, pos = _next_message(chunks, rest, pos)


class _Chunks:
    def __init__(self, handle: IO[bytes], where: str, tally: Tally, start: int) -> None:
        self.reader = io.BufferedReader(cast(io.RawIOBase, handle), CHUNK)
        self.where = where
        self.tally = tally
        self.done = start

    def more(self, kept: bytes) -> bytes:
        """``kept`` and the next chunk; ``kept`` alone (maybe empty) at the end of the file."""
        try:
            chunk = self.reader.read(CHUNK)
        except BadExport:
            raise
        except (OSError, EOFError, ValueError) as error:
            raise BadExport(self.where, f"cannot be read ({error})") from None
        self.done += len(chunk)
        self.tally.advance(self.done)
        return kept + chunk if chunk else kept

    def past_line(self, data: bytes, pos: int) -> tuple[bytes | None, int]:
        """Past the line at ``pos``: (data, position of the next line), or None at the end."""
        while (end := data.find(b"\n", pos)) < 0:
            data, pos = self.more(b""), 0  # what is left of the line is passed over, not kept
            if not data:
                return None, 0
        return data, end + 1


def _header_block(chunks: _Chunks, data: bytes, pos: int) -> tuple[bytes | None, bytes | None, int]:
    """The kept lines of the header block at ``pos`` and where its body starts."""
    while True:
        if data.startswith((b"\n", b"\r\n"), pos):  # no headers at all
            return b"", data, pos
        blank = _BLANK.search(data, pos)
        if blank is not None:
            if blank.start() - pos > MAX_HEADER_BYTES:
                return None, data, blank.end()
            block, body = data[pos : blank.start() + 1], blank.end()
            separator = _separator_in(block)
            if separator >= 0:  # a message with headers and no body: the next one starts
                return _kept(block[:separator]), data, pos + separator
            return _kept(block), data, body
        if len(data) - pos > MAX_HEADER_BYTES:
            return None, data, pos  # far too long: the body search goes on from here
        longer = chunks.more(data[pos:])
        if len(longer) == len(data) - pos:  # the file ends in the headers
            return _kept(longer), None, 0
        data, pos = longer, 0


def _next_message(chunks: _Chunks, data: bytes, pos: int) -> tuple[bytes | None, int]:
    """Past the body at ``pos`` and the next separator line: where the next headers start."""
    while True:
        found = data.find(b"\nFrom ", max(pos - 1, 0))  # the line break before the body's start
        while found >= 0:
            line_end = data.find(b"\n", found + 1)
            if line_end < 0 and len(data) - found < MAX_SEPARATOR_BYTES:
                break  # the line goes on in the next chunk: read on, then look again
            if SEPARATOR.match(data, found + 1):
                return chunks.past_line(data, found + 1)
            found = data.find(b"\nFrom ", found + 1)
        keep = data[found:] if found >= 0 else data[-5:]  # "\nFrom " may be cut by the chunk
        longer = chunks.more(keep)
        if len(longer) == len(keep):
            return None, 0
        data, pos = longer, 0


def _separator_in(block: bytes) -> int:
    """Where a separator line starts inside a header block, or -1."""
    found = block.find(b"\nFrom ")
    while found >= 0:
        if SEPARATOR.match(block, found + 1):
            return found + 1
        found = block.find(b"\nFrom ", found + 1)
    return -1


def _kept(block: bytes) -> bytes:
    """The WANTED header lines of a block, with their continuation lines."""
    kept = []
    keeping = False
    for line in block.splitlines(keepends=True):
        if line[:1] not in (b" ", b"\t"):
            keeping = line.split(b":", 1)[0].strip().lower() in WANTED
        if keeping:
            kept.append(line)
    return b"".join(kept)
