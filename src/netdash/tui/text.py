"""User text is data, never markup: every name and note reaches the screen through here as Text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from netdash.store.models import PersonRef


def people_text(people: Sequence[PersonRef], limit: int = 3) -> Text:
    names = [person.name for person in people[:limit]]
    more = len(people) - limit
    return Text(", ".join(names) + (f" +{more}" if more > 0 else ""), overflow="ellipsis")


def plain(value: str | None, style: str = "") -> Text:
    """Show a value exactly as typed, brackets and all."""
    return Text(value or "", style=style)


def count_of(number: int, singular: str, plural: str | None = None) -> str:
    """ "1 entry", "2 entries": numbers on screen read as English."""
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number:,} {word}"


def clip(text: str, width: int) -> str:
    """Cut to fit a column, with an ellipsis where it was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
