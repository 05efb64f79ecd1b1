"""Read a JSON array one element at a time, so a million-follower file never sits in memory whole.

``json.JSONDecoder.raw_decode`` decodes one element from a text buffer that is topped up from
the file as needed; consumed text is dropped. A malformed or truncated file raises BadExport with
the line, and because importers consume the stream inside the import's transaction, nothing of
it is written.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from netdash.importers.source import BadExport

CHUNK = 1 << 20
_SEPARATORS = re.compile(r"[\s,]*")


class TextBuffer:
    """UTF-8 text read from a file a megabyte at a time, with line numbers for messages."""

    def __init__(self, handle: IO[bytes], where: str) -> None:
        self.handle = handle
        self.where = where
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.pos = 0
        self.lines_before = 0  # newlines in text already dropped
        self.eof = False

    def more(self) -> bool:
        if self.eof:
            return False
        chunk = self.handle.read(CHUNK)
        try:
            decoded = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            raise BadExport(self.where, f"is not UTF-8 text ({error.reason})") from None
        if self.pos > CHUNK:
            self.lines_before += self.text.count("\n", 0, self.pos)
            self.text = self.text[self.pos :]
            self.pos = 0
        self.text += decoded
        self.eof = not chunk
        return True

    def line(self, pos: int | None = None) -> int:
        return self.lines_before + self.text.count("\n", 0, self.pos if pos is None else pos) + 1

    def fail(self, problem: str, pos: int | None = None) -> BadExport:
        return BadExport(self.where, f"line {self.line(pos)}: {problem}")


def iter_json_array(handle: IO[bytes], where: str, *, after: str | None = None) -> Iterator[Any]:
    """Yield each element of the JSON array in ``handle``.

    ``after`` skips a prefix ending with that text first (``"="`` for Twitter's
    ``window.YTD.follower.part0 = [...]``).
    """
    buffer = TextBuffer(handle, where)
    decoder = json.JSONDecoder()
    buffer.more()
    if after is not None:
        while (found := buffer.text.find(after)) < 0:
            if not buffer.more():
                raise buffer.fail(f"expected {after!r} before the list")
        buffer.pos = found + len(after)
    while True:
        buffer.pos = _SEPARATORS.match(buffer.text, buffer.pos).end()  # type: ignore[union-attr]
        if buffer.pos < len(buffer.text):
            break
        if not buffer.more():
            raise buffer.fail("the file is empty; expected a list")
    if buffer.text[buffer.pos] != "[":
        raise buffer.fail("expected a list ('[')")
    buffer.pos += 1
    while True:
        buffer.pos = _SEPARATORS.match(buffer.text, buffer.pos).end()  # type: ignore[union-attr]
        if buffer.pos >= len(buffer.text):
            if buffer.more():
                continue
            raise buffer.fail("the list never ends: the file is cut short")
        if buffer.text[buffer.pos] == "]":
            rest = buffer.text[buffer.pos + 1 :].strip().rstrip(";").strip()
            while not buffer.eof:
                buffer.more()
                rest = buffer.text[buffer.pos + 1 :].strip().rstrip(";").strip()
            if rest:
                raise buffer.fail("unexpected text after the list", buffer.pos + 1)
            return
        try:
            element, end = decoder.raw_decode(buffer.text, buffer.pos)
        except json.JSONDecodeError as error:
            if buffer.more():
                continue  # the element may run past what is read so far
            raise buffer.fail(error.msg, error.pos) from None
        if end == len(buffer.text) and not buffer.eof:
            buffer.more()  # a number at the very end of the buffer may go on
            continue
        buffer.pos = end
        yield element
