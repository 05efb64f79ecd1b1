"""User text is data, never markup, and never terminal controls: every name and note reaches the
screen through here as Text, its control characters shown as pictures (see netdash.inert)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.text import Text
from textual.color import Color
from textual.filter import LineFilter
from textual.strip import Strip

from netdash.domain.models import PersonRef
from netdash.domain.words import count_of
from netdash.inert import has_controls, inert, inert_line

__all__ = [
    "InertFilter",
    "clip",
    "count_of",
    "inert_strip",
    "people_text",
    "plain",
    "plain_lines",
]


def people_text(people: Sequence[PersonRef], limit: int = 3) -> Text:
    names = [inert_line(person.name) for person in people[:limit]]
    more = len(people) - limit
    return Text(", ".join(names) + (f" +{more}" if more > 0 else ""), overflow="ellipsis")


def plain(value: str | None, style: str = "", *, width: int | None = None) -> Text:
    """Show a value as typed, brackets and all, on one line; cut to ``width`` if given."""
    shown = inert_line(value or "")
    return Text(clip(shown, width) if width else shown, style=style)


def plain_lines(value: str | None, style: str = "") -> Text:
    """Like :func:`plain`, keeping line breaks: for notes and questions."""
    return Text(inert(value or ""), style=style)


def clip(text: str, width: int) -> str:
    """Cut to fit a column, with an ellipsis where it was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def inert_strip(strip: Strip) -> Strip:
    """A line of an editing box (which keeps the text as typed) with its control characters
    drawn as pictures, at the width it had."""
    if not any(has_controls(segment.text) for segment in strip if segment.control is None):
        return strip
    # A control takes no cells, its picture one or more: the line grows, and is cut back.
    width = strip.cell_length
    shown = Strip(
        Segment(inert_line(segment.text), segment.style) if segment.control is None else segment
        for segment in strip
    )
    return shown.crop(0, width)


class InertFilter(LineFilter):
    """The last guard before the terminal: drops any character a terminal would act on.

    User text is made visible where it is shown (``plain``); this catches what a widget of
    Textual's own shows as it was given. The characters dropped take no cells, so every line
    keeps its width.
    """

    def __init__(self, enabled: bool = True) -> None:
        super().__init__(enabled)
        candidates = (*range(0x20), *range(0x7F, 0xA0), *range(0x2000, 0x2070))
        self._drop: dict[int, None] = {
            code: None for code in candidates if code < 0x20 or has_controls(chr(code))
        }

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        drop = self._drop
        kept: list[Segment] = []
        for segment in segments:
            text = segment.text
            if segment.control is None and text:
                cleaned = text.translate(drop)
                if cleaned != text:
                    if cleaned:
                        kept.append(Segment(cleaned, segment.style))
                    continue
            kept.append(segment)
        return kept


STATUS_STYLE = {"on track": "", "due": "red", "late": "bold red"}
"""How a keep-in-touch status is shown (the Person page, People, the dashboard's Reach out)."""


def strangers_hint(count: int) -> str:
    """How many people the imports met wait in Who's this? (k opens it), as the dashboard and
    the Audience screen both say it; nobody waiting: nothing said."""
    if not count:
        return ""
    return f"{count_of(count, 'person', 'people')} from your imports to review — k"
