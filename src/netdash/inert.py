"""Make user text safe to show on a terminal: its control characters visible, never obeyed.

Names and notes arrive from imports as their authors wrote them, escape sequences included: an
OSC 52 in a contact's name can write to the clipboard, ``ESC [2J`` blanks the screen, a bidi
override turns a line around. The journal keeps the text as written; everything that shows it
(the TUI, the CLI, Markdown) passes it through :func:`inert` first.

C0 controls become their Unicode control pictures (ESC shows as ``␛``); DEL, the C1 controls and
the bidi embeddings, overrides and isolates become ``\\uXXXX``, which is also how JSON writes
them, so JSON passed through here stays valid and means the same data.
"""

from __future__ import annotations

_KEEP = {"\t", "\n"}
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]

_TABLE: dict[int, str] = {
    code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEEP
}
_TABLE.update({code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *_BIDI)})

_ONE_LINE = dict(_TABLE)
_ONE_LINE.update({ord("\n"): " ", ord("\t"): " "})


def inert(text: str) -> str:
    """``text`` with every character a terminal would act on shown instead (tabs and line
    breaks kept)."""
    return text.translate(_TABLE)


def inert_line(text: str) -> str:
    """Like :func:`inert`, on one line: for table cells, titles and notifications."""
    return text.translate(_ONE_LINE)


def has_controls(text: str) -> bool:
    """Whether :func:`inert` would change ``text``."""
    return inert(text) != text
