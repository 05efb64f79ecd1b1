"""Numbers in English: "1 account", "2 accounts", for every face (TUI, CLI, exports)."""

from __future__ import annotations


def count_of(number: int, singular: str, plural: str | None = None) -> str:
    """ "1 entry", "2 entries", "1,400 entries": a count and its noun, agreeing."""
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number:,} {word}"


def every(number: float, unit: str = "day") -> str:
    """ "every day", "every 2 days", "every 1.5 days": a cadence or half-life in words ("every
    1 days" read as a slip). Whole or not, the number is shown as written (``:g``)."""
    return f"every {unit}" if number == 1 else f"every {number:g} {unit}s"


def days_ago(days: int) -> str:
    """ "today", "1 day ago", "12 days ago": how long since a day, agreeing."""
    return "today" if days == 0 else f"{count_of(days, 'day')} ago"
