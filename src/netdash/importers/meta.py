"""What Instagram's and Facebook's JSON share: mojibake repair and tolerant entry reading."""

from __future__ import annotations

import json
from typing import Any

from netdash.importers.source import BadExport, ExportSource


def repair(text: str) -> str:
    """Meta writes UTF-8 bytes as one escape each ("Br\\u00c3\\u00b8ndum"): undo that."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text  # already proper text


def load_json(source: ExportSource, member: str) -> Any:
    text = source.read_text(member)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadExport(source.where(member), f"line {error.lineno}: {error.msg}") from None


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
    return repair(name.strip()), stamp if isinstance(stamp, int) else None
