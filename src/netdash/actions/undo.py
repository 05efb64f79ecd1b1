"""The words both faces use to ask before deleting and before undoing, so the TUI and the
command line ask the same question."""

from __future__ import annotations

from typing import Protocol

from netdash.domain import dates
from netdash.store.trash import TrashItem


class Described(Protocol):
    """What is about to go, able to say so (a person's or an organisation's deletion)."""

    def words(self) -> str: ...


def delete_question(gone: str | Described) -> str:
    """ "Delete Ana Souza and 12 entries that had only them; …? It can be undone (…)": ``gone``
    is what goes, in words or able to say them."""
    words = gone if isinstance(gone, str) else gone.words()
    return f"Delete {words}? It can be undone (netdash undo, or ctrl+z in the app)."


def trashed_when(item: TrashItem) -> str:
    """When it was trashed, in local time as everything the user sees: "2026-11-29 21:04"."""
    return f"{dates.local_moment(item.trashed_at):%Y-%m-%d %H:%M}"


def undo_question(item: TrashItem) -> str:
    return f"Undo {item.description!r} ({trashed_when(item)})?"
