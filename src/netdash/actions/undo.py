"""The words both faces use to ask before deleting a person and before undoing, so the TUI
and the command line ask the same question."""

from __future__ import annotations

from netdash.store.person_delete import PersonDeletion
from netdash.store.trash import TrashItem


def delete_question(gone: PersonDeletion) -> str:
    """ "Delete Ana Souza and 12 entries that had only them; …? It can be undone (…)"."""
    return f"Delete {gone.words()}? It can be undone (netdash undo, or ctrl+z in the app)."


def trashed_when(item: TrashItem) -> str:
    """When it was trashed, as "2026-11-29 21:04 UTC": the stamp is stored in UTC."""
    return f"{item.trashed_at[:10]} {item.trashed_at[11:16]} UTC"


def undo_question(item: TrashItem) -> str:
    return f"Undo {item.description!r} ({trashed_when(item)})?"
