"""What Instagram's and Facebook's JSON share: mojibake repair and tolerant entry reading."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from netdash.importers import limits
from netdash.importers.source import BadExport, ExportSource
from netdash.importers.stream import JsonStream


def repair(text: str) -> str:
    """Meta writes UTF-8 bytes as one escape each ("Br\\u00c3\\u00b8ndum"): undo that."""
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


def iter_entries(source: ExportSource, member: str, keys: tuple[str, ...]) -> Iterator[object]:
    """Each entry of a list file one at a time: the file is the list, or an object whose first
    member named one of ``keys`` holding a list is it. Entries are at most MAX_ENTRY_BYTES."""
    where = source.where(member)
    with source.open(member) as handle:
        stream = JsonStream(handle, where)
        if stream.peek() == "[":
            yield from stream.elements("the file")
            stream.end()
            return
        if stream.peek() != "{":
            raise stream.fail(f"expected a list, or an object with {_one_of(keys)}")
        found = False
        for key in stream.members("the file"):
            if key in keys and not found and stream.peek() == "[":
                found = True
                yield from stream.elements(key)
            else:
                stream.value()
        stream.end()
        if not found:
            raise BadExport(where, f"expected a list, or an object with {_one_of(keys)}")


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


def username_of(entry: object, where: str, index: int) -> tuple[str, int | None]:
    """An Instagram-style entry's username (value → title → href) and its timestamp."""
    if not isinstance(entry, dict):
        raise BadExport(where, f"item {index}: expected an object")
    items = entry.get("string_list_data")
    first = items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}
    name = first.get("value") or entry.get("title")
    if not name and isinstance(first.get("href"), str):
        name = first["href"].rstrip("/").rsplit("/", 1)[-1]
    if not isinstance(name, str) or not name.strip():
        raise BadExport(where, f"item {index}: no username (value, title or href)")
    stamp = first.get("timestamp")
    return checked_name(repair(name.strip()), where, index), stamp if isinstance(
        stamp, int
    ) else None
