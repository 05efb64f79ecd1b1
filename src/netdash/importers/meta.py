"""What Instagram's and Facebook's JSON share: mojibake repair, tolerant entry reading, and the
account and date an export gives about itself (its zip name, its newest entry)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from netdash.importers import limits
from netdash.importers.source import BadExport, ExportSource
from netdash.importers.stream import JsonStream
from netdash.store.snapshot import iso_from_unix

SNIFF_BYTES = 1 << 16
# instagram-ada.example-2026-11-01-x1y2.zip, facebook-ada.example-2026-11-01-Ab3d.zip,
# twitter-2026-11-01-a1b2c3.zip (browsers may add " (1)")
EXPORT_NAME = re.compile(
    r"(?P<platform>instagram|facebook|twitter)-(?:(?P<user>[A-Za-z0-9._]+)-)?"
    r"(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![0-9])"
)


def repair(text: str) -> str:
    """Meta writes UTF-8 bytes as one escape each ("Br\\u00c3\\u00b8ndum"): undo that.

    Repair before stripping: the second byte of "à" is 0xA0, which str.strip takes for a space."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text  # already proper text


def load_json(source: ExportSource, member: str) -> Any:
    """A small JSON file read whole (at most limits.MAX_DOCUMENT_BYTES)."""
    text = source.read_text(member)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadExport(source.where(member), f"line {error.lineno}: {error.msg}") from None
    except RecursionError:
        raise BadExport(source.where(member), "nested too deeply") from None


def iter_entries(
    source: ExportSource, member: str, keys: tuple[str, ...]
) -> Iterator[tuple[Callable[[], int], object]]:
    """(line, entry) for each entry of a list file, one at a time: the file is the list, or an
    object whose first member named one of ``keys`` holding a list is it. Entries are at most
    MAX_ENTRY_BYTES. ``line()`` says where the entry starts, for a note about skipping it;
    counted only when asked, since counting lines for every entry made reading quadratic."""
    where = source.where(member)
    with source.open(member) as handle:
        stream = JsonStream(handle, where)
        if stream.peek() == "[":
            yield from _elements(stream, "the file")
            stream.end()
            return
        if stream.peek() != "{":
            raise stream.fail(f"expected a list, or an object with {_one_of(keys)}")
        found = False
        for key in stream.members("the file"):
            if key in keys and not found and stream.peek() == "[":
                found = True
                yield from _elements(stream, key)
            else:
                stream.value()
        stream.end()
        if not found:
            raise BadExport(where, f"expected a list, or an object with {_one_of(keys)}")


def _elements(stream: JsonStream, what: str) -> Iterator[tuple[Callable[[], int], object]]:
    for _ in stream.element_starts(what):
        buffer = stream.buffer
        yield _line_at(buffer.text, buffer.pos, buffer.lines_before), stream.value()


def _line_at(text: str, pos: int, lines_before: int) -> Callable[[], int]:
    """The line of ``pos`` in the buffer as it is now (it drops what is read as it goes)."""
    return lambda: lines_before + text.count("\n", 0, pos) + 1


def _one_of(keys: tuple[str, ...]) -> str:
    return repr(keys[0]) if len(keys) == 1 else f"one of {', '.join(map(repr, keys))}"


def checked_name(name: str, where: str, index: int) -> str:
    """A username or name from a list, refused if it is too long or holds a NUL."""
    if len(name) > limits.MAX_ID_CHARS:
        raise BadExport(
            where,
            f"item {index}: a name {len(name):,} characters long ({limits.MAX_ID_CHARS} at most)",
        )
    if "\0" in name:
        raise BadExport(where, f"item {index}: a name with a NUL character in it")
    return name


def username_of(entry: object, where: str, index: int) -> tuple[str | None, int | None]:
    """An Instagram-style entry's username (value → title → href) and its timestamp; the
    username is None when the entry names nobody (a deleted account), for the caller to skip."""
    if not isinstance(entry, dict):
        raise BadExport(where, f"item {index}: expected an object")
    items = entry.get("string_list_data")
    first = items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}
    name = first.get("value") or entry.get("title")
    if not name and isinstance(first.get("href"), str):
        name = first["href"].rstrip("/").rsplit("/", 1)[-1]
    stamp = first.get("timestamp")
    stamp = stamp if isinstance(stamp, int) and not isinstance(stamp, bool) else None
    if name is not None and not isinstance(name, str):
        raise BadExport(where, f"item {index}: the username is not text")
    name = repair(name).strip() if name else ""
    return (checked_name(name, where, index) if name else None), stamp


def timestamp_of(entry: object) -> int | None:
    """A Facebook-style entry's Unix seconds, if it has them."""
    stamp = entry.get("timestamp") if isinstance(entry, dict) else None
    return stamp if isinstance(stamp, int) and not isinstance(stamp, bool) else None


def sniff(source: ExportSource, member: str) -> str:
    """The start of a member as text, to tell a renamed file by what it holds."""
    with source.open(member) as handle:
        start = handle.read(SNIFF_BYTES)
    return start.decode("utf-8-sig", errors="replace").lstrip()


def first_key(text: str) -> str | None:
    """The first member name of the JSON object ``text`` starts, if it starts one."""
    found = re.match(r'\{\s*"([^"\\]{1,64})"\s*:', text)
    return found[1] if found else None


def single_member(source: ExportSource) -> str | None:
    """The one file of an export that is one file (named however the browser saved it)."""
    names = source.names
    return names[0] if len(names) == 1 else None


def name_parts(source: ExportSource, platform: str) -> tuple[str | None, str | None]:
    """(username, ISO date) from an export's own file name, each None if it does not say."""
    found = EXPORT_NAME.search(source.path.name)
    if found is None or found["platform"] != platform:
        return None, None
    return found["user"], f"{found['date']}T00:00:00Z"


@dataclass
class Dating:
    """Picks an export's date from the best evidence it has, and says which it used."""

    candidates: list[tuple[str, str]] = field(default_factory=list)

    def offer(self, observed_at: str | None, dated_by: str) -> None:
        if observed_at:
            self.candidates.append((observed_at, dated_by))

    def offer_unix(self, seconds: int | None, dated_by: str) -> None:
        if seconds is not None and 0 < seconds < 32_503_680_000:  # before the year 3000
            self.offer(iso_from_unix(seconds), dated_by)

    def best(self) -> tuple[str, str]:
        return self.candidates[0] if self.candidates else ("", "")


def skipped_note(count: int, what: str, where: str, lines: list[int]) -> str:
    """'followers without a username (deleted accounts?): 2 skipped (….json lines 4, 9)'."""
    shown = ", ".join(map(str, lines[:10])) + (", …" if len(lines) > 10 else "")
    plural = "line" if len(lines) == 1 else "lines"
    return f"{what}: {count:,} skipped ({where} {plural} {shown})"
