"""Read a JSON export one row at a time: restoring a large journal never holds the file whole.

A small pull parser over the export's two outer levels (the envelope object, and ``tables``:
an object of arrays); each row is decoded on its own with ``json.JSONDecoder.raw_decode``.
Any valid JSON of that shape reads, whatever its key order or whitespace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from netdash.importers import stream
from netdash.importers.source import BadExport, check_readable


class JsonStream(stream.JsonStream):
    """The export file, pulled a value at a time (each row at most limits.MAX_ENTRY_BYTES)."""

    def __init__(self, path: Path) -> None:
        where = str(path)
        try:
            folder = check_readable(path)
        except BadExport as error:
            problem = str(error).removeprefix(f"{where}: ")
            raise BadExport(
                where, problem.replace("no such file or folder", "no such file")
            ) from None
        if folder:
            raise BadExport(where, "is a folder; restore reads the JSON export file")
        try:
            self.handle = path.open("rb")
        except OSError as error:
            raise BadExport(where, f"cannot be read ({error.strerror})") from None
        super().__init__(self.handle, where)

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> JsonStream:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


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
