"""Read JSON one entry at a time, so a million-follower file never sits in memory whole.

``json.JSONDecoder.raw_decode`` decodes one entry from a text buffer that is topped up from the
file as needed; consumed text is dropped. An entry larger than limits.MAX_ENTRY_BYTES is refused
(so a gigabyte-long string is not decoded again and again as the buffer grows), and so is one
nested too deeply. A malformed or truncated file raises BadExport with the line, and because
importers consume the stream inside the import's transaction, nothing of it is written.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from netdash.importers import limits
from netdash.importers.source import BadExport

CHUNK = 1 << 20
_SEPARATORS = re.compile(r"[\s,]*")
_SPACE = re.compile(r"\s*")
_TRAILER = " \t\r\n;"


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
        try:
            chunk = self.handle.read(CHUNK)
        except BadExport:
            raise
        except (EOFError, OSError, ValueError) as error:  # zipfile's BadZipFile is a ValueError
            raise BadExport(self.where, f"cannot be read ({error})") from None
        try:
            decoded = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            raise BadExport(self.where, f"is not UTF-8 text ({error.reason})") from None
        if self.pos > CHUNK or self.pos == len(self.text):
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

    def too_long(self, what: str = "an entry") -> BadExport:
        cap = limits.size(limits.MAX_ENTRY_BYTES)
        return self.fail(f"{what} is longer than {cap}; no real export has one that long")

    def decode(self, decoder: json.JSONDecoder) -> Any:
        """The JSON value at ``pos``, reading on as far as it goes (at most MAX_ENTRY_BYTES)."""
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                # an unterminated string, or a value cut at the end of what is read so far
                cut = error.msg.startswith("Unterminated") or error.pos >= len(self.text) - 8
                if len(self.text) - self.pos > limits.MAX_ENTRY_BYTES:
                    if cut:
                        raise self.too_long() from None
                elif self.more():
                    continue  # the value may run past what is read so far
                elif error.msg.startswith("Unterminated") or error.pos >= len(self.text.rstrip()):
                    raise self.fail(
                        "the file ends in the middle of an entry: it is cut short"
                    ) from None
                raise self.fail(error.msg, error.pos) from None
            except RecursionError:  # [[[[… a million deep
                raise self.fail("nested too deeply") from None
            except ValueError as error:  # 10**5000 and the like
                raise self.fail(f"cannot be read: {error}") from None
            if end - self.pos > limits.MAX_ENTRY_BYTES:
                raise self.too_long()
            if end == len(self.text) and self.more():
                continue  # a number at the very end of the buffer may go on
            self.pos = end
            return value

    def skip(self, pattern: re.Pattern[str]) -> bool:
        """Move past ``pattern`` (whitespace, separators); False at the end of the file."""
        while True:
            self.pos = pattern.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return True
            if not self.more():
                return False

    def rest_is_blank(self, allowed: str) -> bool:
        """Whether nothing but ``allowed`` characters follows ``pos``, to the end of the file."""
        while True:
            if self.text[self.pos :].strip(allowed):
                return False
            self.pos = len(self.text)
            if not self.more():
                return True


def iter_json_array(handle: IO[bytes], where: str, *, after: str | None = None) -> Iterator[Any]:
    """Yield each element of the JSON array in ``handle``.

    ``after`` skips a prefix ending with that text first (``"="`` for Twitter's
    ``window.YTD.follower.part0 = [...]``); the prefix must be short.
    """
    buffer = TextBuffer(handle, where)
    decoder = json.JSONDecoder()
    buffer.more()
    if after is not None:
        while (found := buffer.text.find(after)) < 0:
            if len(buffer.text) > limits.MAX_ENTRY_BYTES or not buffer.more():
                raise buffer.fail(f"expected {after!r} before the list")
        buffer.pos = found + len(after)
    if not buffer.skip(_SEPARATORS):
        raise buffer.fail("the file is empty; expected a list")
    if buffer.text[buffer.pos] != "[":
        raise buffer.fail("expected a list ('[')")
    buffer.pos += 1
    while True:
        if not buffer.skip(_SEPARATORS):
            raise buffer.fail("the list never ends: the file is cut short")
        if buffer.text[buffer.pos] == "]":
            buffer.pos += 1
            start = buffer.pos
            if not buffer.rest_is_blank(_TRAILER):
                raise buffer.fail("unexpected text after the list", start)
            return
        yield buffer.decode(decoder)


class JsonStream:
    """Pull values, object members and array elements from a JSON file in order, each value at
    most limits.MAX_ENTRY_BYTES long."""

    def __init__(self, handle: IO[bytes], where: str) -> None:
        self.where = where
        self.buffer = TextBuffer(handle, where)
        self.decoder = json.JSONDecoder()
        self.buffer.more()

    def fail(self, problem: str) -> BadExport:
        return self.buffer.fail(problem)

    def peek(self) -> str:
        if not self.buffer.skip(_SPACE):
            raise self.fail("the file ends too soon: it is cut short or empty")
        return self.buffer.text[self.buffer.pos]

    def expect(self, char: str, what: str) -> None:
        if self.peek() != char:
            raise self.fail(f"expected {what}")
        self.buffer.pos += 1

    def value(self) -> Any:
        self.peek()
        return self.buffer.decode(self.decoder)

    def members(self, what: str) -> Iterator[str]:
        """Each key of an object; the caller reads (or skips) its value before the next."""
        self.expect("{", f"{what} to be an object ('{{')")
        first = True
        while True:
            if self.peek() == "}":
                self.buffer.pos += 1
                return
            if not first:
                self.expect(",", f"',' or '}}' in {what}")
            key = self.value()
            if not isinstance(key, str):
                raise self.fail(f"expected a name in quotes in {what}")
            self.expect(":", f"':' after {key[:40]!r}")
            first = False
            yield key

    def elements(self, what: str) -> Iterator[Any]:
        for _ in self.element_starts(what):
            yield self.value()

    def element_starts(self, what: str) -> Iterator[None]:
        """Stops at the start of each element of a list, for the caller to read it (and note
        where it began)."""
        self.expect("[", f"{what} to be a list ('[')")
        first = True
        while True:
            if self.peek() == "]":
                self.buffer.pos += 1
                return
            if not first:
                self.expect(",", f"',' or ']' in {what}")
            first = False
            self.peek()
            yield

    def end(self) -> None:
        if not self.buffer.rest_is_blank(" \t\r\n"):
            raise self.fail("unexpected text after the end")
