"""Errors about what the user typed; each message is one line a person can act on.

They live in the domain because the pure rules (dates, money, names) raise them, as the store does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class InvalidInput(ValueError):
    """Input the user can fix: an empty name, a date that does not parse, an unknown kind.

    ``field`` names the input it concerns (a store parameter such as ``"name"``, ``"when"`` or
    ``"tags"``) so a form can put the message under the right box without reading the text.
    Where a parameter's name would not say it, a plain word is used: ``"when"`` for the day an
    entry happened, ``"amount"`` for money, ``"initiator"`` for who started it, ``"people"`` for
    who was there, ``"hours"`` for time given.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(InvalidInput):
    """No person (or entry) matches what the user named."""


class Ambiguous(InvalidInput):
    """A name matches several people; the candidates are listed so the user can be precise."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        self.query = query
        self.candidates = candidates
        listed = "; ".join(candidates[:10])
        more = f" (and {len(candidates) - 10} more)" if len(candidates) > 10 else ""
        super().__init__(f"{query!r} matches {len(candidates)} people: {listed}{more}")


@contextmanager
def about(field: str) -> Iterator[None]:
    """Name ``field`` on any InvalidInput raised inside that names none yet: a rule shared by
    several inputs (a date, a length) learns from its caller which input it was checking."""
    try:
        yield
    except InvalidInput as error:
        if error.field is None:
            error.field = field
        raise
