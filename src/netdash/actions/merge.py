"""Merging two people: the pair as the user names it, checked, then everything moved to one."""

from __future__ import annotations

from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.domain.models import Person
from netdash.store.duplicates import MergeSummary, merge_people
from netdash.store.people import get_person, resolve_person


def pair_to_merge(db: Database, keep: str, other: str) -> tuple[Person, Person]:
    """The person kept and the one merged into them, by name, #id or @handle; the same person
    twice is refused (in the words the user typed)."""
    keep_id, other_id = resolve_person(db, keep).id, resolve_person(db, other).id
    if keep_id == other_id:
        raise InvalidInput(f"{keep!r} and {other!r} are the same person")
    return get_person(db, keep_id), get_person(db, other_id)


def merge(db: Database, keep_id: int, other_id: int) -> MergeSummary:
    """Move every interaction, handle, contact, tag, credit and note of ``other_id`` to
    ``keep_id`` and remove ``other_id``; KEEP's own fields win, blanks are filled."""
    return merge_people(db, keep_id, other_id)


def moved_parts(summary: MergeSummary) -> list[str]:
    """What moved, in words: the counts every merge reports, then the community ones if any."""
    moved = [
        f"{summary.interactions} interactions",
        f"{summary.handles} handles",
        f"{summary.contact_points} contact details",
        f"{summary.tags} tags",
    ]
    if summary.contributions or summary.credits or summary.vouches:
        moved.append(
            f"{summary.contributions} contributions, {summary.credits} credits,"
            f" {summary.vouches} vouches"
        )
    return moved
