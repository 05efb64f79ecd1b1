"""Numbers in English: "1 account", "2 accounts", for every face (TUI, CLI, exports)."""

from __future__ import annotations


def count_of(number: int, singular: str, plural: str | None = None) -> str:
    """ "1 entry", "2 entries", "1,400 entries": a count and its noun, agreeing."""
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number:,} {word}"
