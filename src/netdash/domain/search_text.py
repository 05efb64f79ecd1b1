"""What a search box's text means to FTS5, and how a marked snippet comes back: pure rules.

User text is never FTS5 query syntax: each word becomes a quoted phrase (a ``"`` in it doubled),
so ``AND``, ``*``, ``NEAR(`` or a lone ``"`` are words to find, never operators, and never an
error. Every word of two characters or more matches as a prefix, so "sou" finds "Souza" while
the user is still typing; one character alone matches only as a whole word (as a prefix it would
match most of a large journal on the first keystroke).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
"""What the store asks FTS5 to put around each matched word: private-use characters, which no
terminal acts on and JSON carries as they are, split out by :func:`split_marks` before display."""

MAX_WORDS = 12
"""Words of a query past this many are ignored: nobody types more, and each is a phrase to match."""

_WORD_CHARACTER = re.compile(r"[^\W_]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def fts_query(text: str) -> str | None:
    """The FTS5 MATCH expression for what the user typed, or None when it holds no word at all
    (only spaces or punctuation), which finds nothing."""
    phrases = []
    for word in _CONTROL.sub(" ", text).split():  # FTS5 ends a string at a NUL
        if not _WORD_CHARACTER.search(word):
            continue  # punctuation alone: FTS5 would see an empty phrase
        quoted = '"' + word.replace('"', '""') + '"'
        letters = _WORD_CHARACTER.findall(word)
        phrases.append(quoted + "*" if len(letters) > 1 else quoted)
        if len(phrases) == MAX_WORDS:
            break
    return " ".join(phrases) if phrases else None


@dataclass(frozen=True)
class Marked:
    """A snippet as plain text and where its matched words are (start, end offsets)."""

    text: str
    marks: tuple[tuple[int, int], ...]

    def parts(self) -> list[tuple[str, bool]]:
        """The text cut into (piece, matched) runs, for a widget or a terminal to style."""
        pieces: list[tuple[str, bool]] = []
        at = 0
        for start, end in self.marks:
            if start > at:
                pieces.append((self.text[at:start], False))
            pieces.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            pieces.append((self.text[at:], False))
        return pieces


def split_marks(snippet: str) -> Marked:
    """The text of a snippet FTS5 marked with :data:`MARK_OPEN`/:data:`MARK_CLOSE`, and the
    offsets of its marks; stray marks (the user's own text holding those characters) are dropped."""
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for character in snippet:
        if character == MARK_OPEN:
            start = length
        elif character == MARK_CLOSE:
            if start is not None and length > start:
                marks.append((start, length))
            start = None
        else:
            text.append(character)
            length += 1
    return Marked("".join(text), tuple(marks))
