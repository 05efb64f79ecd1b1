"""Read a JSON export one row at a time: restoring a large journal never holds the file whole.

A small pull parser over the export's two outer levels (the envelope object, and ``tables``:
an object of arrays); each row is decoded on its own with ``json.JSONDecoder.raw_decode``.
Any valid JSON of that shape reads, whatever its key order or whitespace.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from netdash.importers.source import BadExport
from netdash.importers.stream import TextBuffer

_SPACE = re.compile(r"\s*")


class JsonStream:
    """Pull values, object members and array elements from a JSON file in order."""

    def __init__(self, path: Path) -> None:
        self.where = str(path)
        try:
            self.handle = path.open("rb")
        except FileNotFoundError:
            raise BadExport(self.where, "no such file") from None
        except IsADirectoryError:
            raise BadExport(self.where, "is a folder; restore reads the JSON export file") from None
        except OSError as error:
            raise BadExport(self.where, f"cannot be read ({error.strerror})") from None
        self.buffer = TextBuffer(self.handle, self.where)
        self.decoder = json.JSONDecoder()
        self.buffer.more()

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> JsonStream:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fail(self, problem: str) -> BadExport:
        return self.buffer.fail(problem)

    def peek(self) -> str:
        buffer = self.buffer
        while True:
            buffer.pos = _SPACE.match(buffer.text, buffer.pos).end()  # type: ignore[union-attr]
            if buffer.pos < len(buffer.text):
                return buffer.text[buffer.pos]
            if not buffer.more():
                raise self.fail("the file ends too soon: it is cut short or empty")

    def expect(self, char: str, what: str) -> None:
        if self.peek() != char:
            raise self.fail(f"expected {what}")
        self.buffer.pos += 1

    def value(self) -> Any:
        buffer = self.buffer
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(buffer.text, buffer.pos)
            except json.JSONDecodeError as error:
                if buffer.more():
                    continue  # the value may run past what is read so far
                if error.msg.startswith("Unterminated") or error.pos >= len(buffer.text.rstrip()):
                    raise self.fail(
                        "the file ends in the middle of a row: it is cut short"
                    ) from None
                raise BadExport(self.where, f"line {buffer.line(error.pos)}: {error.msg}") from None
            except (RecursionError, ValueError) as error:  # [[[[… a million deep; 10**5000
                problem = "nested too deeply" if isinstance(error, RecursionError) else str(error)
                raise self.fail(f"cannot be read: {problem}") from None
            if end == len(buffer.text) and buffer.more():
                continue  # a number at the very end of the buffer may go on
            buffer.pos = end
            return value

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
            self.expect(":", f"':' after {key!r}")
            first = False
            yield key

    def elements(self, what: str) -> Iterator[Any]:
        self.expect("[", f"{what} to be a list ('[')")
        first = True
        while True:
            if self.peek() == "]":
                self.buffer.pos += 1
                return
            if not first:
                self.expect(",", f"',' or ']' in {what}")
            first = False
            yield self.value()

    def end(self) -> None:
        buffer = self.buffer
        while not buffer.eof:
            buffer.more()
        if _SPACE.match(buffer.text, buffer.pos).end() != len(buffer.text):  # type: ignore[union-attr]
            raise self.fail("unexpected text after the export")


HEADER_KEYS = ("format", "version", "schema")


def read_header(path: Path) -> dict[str, Any]:
    """The envelope's values (everything but the rows), streaming past the rows if the file
    puts ``tables`` before them. Refuses a file that is not a JSON object."""
    header: dict[str, Any] = {}
    with JsonStream(path) as stream:
        if stream.peek() != "{":
            raise stream.fail('not a netdash export (expected a JSON object with "format")')
        for key in stream.members("the export"):
            if key != "tables":
                header[key] = stream.value()
                continue
            header["tables"] = True
            if all(name in header for name in HEADER_KEYS):
                return header  # the usual order: the envelope first, so no need to read on
            for _ in _rows(stream, lambda table: None):
                pass
        stream.end()
    return header


def read_rows(path: Path, check_table: Callable[[str], None]) -> Iterator[tuple[str, int, Any]]:
    """Every row as (table, index within the table, row), in file order."""
    with JsonStream(path) as stream:
        for key in stream.members("the export"):
            if key == "tables":
                yield from _rows(stream, check_table)
            else:
                stream.value()
        stream.end()


def _rows(stream: JsonStream, check_table: Callable[[str], None]) -> Iterator[tuple[str, int, Any]]:
    for table in stream.members('"tables"'):
        check_table(table)
        for index, row in enumerate(stream.elements(f"tables.{table}")):
            yield table, index, row
