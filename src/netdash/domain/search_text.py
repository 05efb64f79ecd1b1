"""What a search box's text means to FTS5, and where its words are in what it found: pure rules.

User text is never FTS5 query syntax: each word becomes a quoted phrase (a ``"`` in it doubled),
so ``AND``, ``*``, ``NEAR(`` or a lone ``"`` are words to find, never operators, and never an
error. Every word of two characters or more matches as a prefix, so "sou" finds "Souza" while
the user is still typing; one character alone matches only as a whole word (as a prefix it would
match most of a large journal on the first keystroke).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netdash.domain.name_index import fold

DEFAULT_LIMIT = 10
"""Hits of each kind a search shows unless asked for more (the CLI's ``--limit``)."""

MAX_WORDS = 12
"""Words of a query past this many are ignored: nobody types more, and each is a phrase to match."""

_WORD_CHARACTER = re.compile(r"[^\W_]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _typed_words(text: str) -> list[str]:
    """The words searched for: control characters are spaces (FTS5 ends a string at a NUL),
    punctuation alone is no word (FTS5 would see an empty phrase), and at most MAX_WORDS."""
    words = [word for word in _CONTROL.sub(" ", text).split() if _WORD_CHARACTER.search(word)]
    return words[:MAX_WORDS]


def _is_prefix(word: str) -> bool:
    """Two letters or more match as a prefix; one alone only as a whole word."""
    return len(_WORD_CHARACTER.findall(word)) > 1


def fts_query(text: str) -> str | None:
    """The FTS5 MATCH expression for what the user typed, or None when it holds no word at all
    (only spaces or punctuation), which finds nothing."""
    phrases = []
    for word in _typed_words(text):
        quoted = '"' + word.replace('"', '""') + '"'
        phrases.append(quoted + "*" if _is_prefix(word) else quoted)
    return " ".join(phrases) if phrases else None


@dataclass(frozen=True)
class Marked:
    """Text as found, and where its matched words are (start, end offsets): no marker
    characters in the text, so a terminal, a widget and JSON each mark them their own way."""

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


_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
"""A word as FTS5's unicode61 tokenizer sees one: a run of letters and digits (and the
combining accents a decomposed letter carries). Words are compared folded as names are
(:func:`~netdash.domain.name_index.fold`: case and accents off, "José" is "jose")."""

ELLIPSIS = "…"


def query_words(text: str) -> list[tuple[str, bool]]:
    """The folded words :func:`fts_query` searches for, each with whether it matches as a
    prefix (the last word of each typed word, as in its FTS5 phrase)."""
    words: list[tuple[str, bool]] = []
    for typed in _typed_words(text):
        tokens = _TOKEN.findall(typed)
        prefix = _is_prefix(typed)
        words += [
            (fold(token), prefix and at == len(tokens) - 1) for at, token in enumerate(tokens)
        ]
    return words


def mark(text: str, words: list[tuple[str, bool]], *, window: int = 0) -> Marked:
    """``text`` with the words a search matched marked, as FTS5's ``highlight()`` marks them;
    with ``window``, cut to about that many words around the first match, as ``snippet()``
    does, an ellipsis where it was cut. Done here rather than by FTS5, which re-reads a prefix's
    every term for each row it marks (4 ms a row for "talked about" on the large journal)."""
    tokens = list(_TOKEN.finditer(text))
    hits = [
        at
        for at, folded in enumerate(fold(token.group()) for token in tokens)
        if any(folded.startswith(word) if prefix else folded == word for word, prefix in words)
    ]
    if not hits:
        return Marked(text if not window else "", ())
    start, end = 0, len(text)
    if window and len(tokens) > window:
        first = max(0, min(hits[0] - window // 4, len(tokens) - window))
        last = first + window - 1
        start = tokens[first].start() if first else 0
        end = tokens[last].end() if last < len(tokens) - 1 else len(text)
        hits = [at for at in hits if first <= at <= last]
    lead = ELLIPSIS if start else ""
    shown = lead + text[start:end] + (ELLIPSIS if end < len(text) else "")
    offset = len(lead) - start
    marks = tuple((tokens[at].start() + offset, tokens[at].end() + offset) for at in hits)
    return Marked(shown, marks)
