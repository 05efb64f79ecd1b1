"""The words both faces use to ask before deleting and before undoing, so the TUI and the
command line ask the same question."""

from __future__ import annotations

from typing import Protocol

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
    """When it was trashed, as "2026-11-29 21:04 UTC": the stamp is stored in UTC."""
    return f"{item.trashed_at[:10]} {item.trashed_at[11:16]} UTC"


def undo_question(item: TrashItem) -> str:
    return f"Undo {item.description!r} ({trashed_when(item)})?"
