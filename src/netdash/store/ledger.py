"""What passed between you and one person: favours each way, who starts, outcomes credited.

Read for the person report that the CLI and the Person screen share.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database


class Favours(NamedTuple):
    """Counts over the interactions shared with one person."""

    given: int
    """Entries of kind ``helped_them``."""
    received: int
    """Entries of kind ``helped_me``."""
    mine: int
    """Entries you started (mutual ones count for both)."""
    theirs: int
    """Entries they started."""


class CreditedOutcome(NamedTuple):
    title: str
    occurred_on: str


def favours_with(db: Database, person_id: int) -> Favours:
    given, received, mine, theirs = db.execute(
        "SELECT SUM(i.kind = 'helped_them'), SUM(i.kind = 'helped_me'),"
        " SUM(i.initiated_by IN ('me', 'mutual')), SUM(i.initiated_by IN ('them', 'mutual'))"
        " FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id"
        " WHERE ip.person_id = ?",
        [person_id],
    ).fetchone()
    return Favours(*(int(value or 0) for value in (given, received, mine, theirs)))


def outcomes_credited(db: Database, person_id: int, *, limit: int = 3) -> list[CreditedOutcome]:
    """The newest outcomes this person is credited with."""
    rows = db.execute(
        "SELECT o.title, o.occurred_on FROM outcomes o JOIN outcome_credits c"
        " ON c.outcome_id = o.id WHERE c.person_id = ? ORDER BY o.occurred_on DESC LIMIT ?",
        [person_id, limit],
    ).fetchall()
    return [CreditedOutcome(title, day) for title, day in rows]
