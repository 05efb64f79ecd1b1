"""Editing and deleting a yearly goal; both go to the trash, so undo puts the goal back."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlite_utils import Database

from netdash.domain.errors import NotFound
from netdash.domain.goals import GoalTarget
from netdash.store.community import ensure_organisation
from netdash.store.trash import Scope, created_scopes, into_trash
from netdash.store.tx import write_transaction


@dataclass(frozen=True)
class Goal:
    """One row of the goals table; ``organisation`` is its name, or None for all work."""

    id: int
    year: int
    aim: GoalTarget
    organisation: str | None

    def words(self) -> str:
        """ "the 2026 goal #3 (100 hours for Food Bank)"."""
        what = {"hours": "hours", "money": self.aim.currency, "result": self.aim.unit}
        at = f" for {self.organisation}" if self.organisation else ""
        return f"the {self.year} goal #{self.id} ({self.aim.target} {what[self.aim.kind]}{at})"


def get_goal(db: Database, goal_id: int) -> Goal:
    row = db.execute(
        "SELECT g.id, g.year, g.kind, g.target, g.currency, g.unit, o.name FROM goals g"
        " LEFT JOIN organisations o ON o.id = g.organisation_id WHERE g.id = ?",
        [goal_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no goal with id {goal_id}")
    return Goal(row[0], row[1], GoalTarget(row[2], row[3], row[4], row[5]), row[6])


def edit_goal(
    db: Database,
    goal_id: int,
    *,
    year: int | None = None,
    aim: GoalTarget | None = None,
    organisation: str | None = None,
) -> Goal:
    """Change only what is given (None keeps it; an empty ``organisation`` makes it count all
    work); the goal as it was goes to the trash. A new organisation's name creates it."""
    with write_transaction(db):
        old = get_goal(db, goal_id)
        new = replace(
            old,
            year=old.year if year is None else year,
            aim=old.aim if aim is None else aim,
            organisation=old.organisation if organisation is None else organisation or None,
        )
        # a new organisation's name creates it, inside the trash item: undo takes it out again
        scope = [Scope("goals", "id = ?", [goal_id]), *created_scopes(db, "organisations")]
        with into_trash(db, "edit goal", f"edit {old.words()}", scope):
            org_id = ensure_organisation(db, new.organisation)[0] if new.organisation else None
            aim = new.aim
            db.execute(
                "UPDATE goals SET year = ?, kind = ?, target = ?, currency = ?, unit = ?,"
                " organisation_id = ? WHERE id = ?",
                [new.year, aim.kind, aim.target, aim.currency, aim.unit, org_id, goal_id],
            )
    return get_goal(db, goal_id)


def delete_goal(db: Database, goal_id: int) -> Goal:
    """Delete a goal, into the trash; the goal as it was."""
    with write_transaction(db):
        old = get_goal(db, goal_id)
        scope = [Scope("goals", "id = ?", [goal_id])]
        with into_trash(db, "delete goal", f"delete {old.words()}", scope):
            db.execute("DELETE FROM goals WHERE id = ?", [goal_id])
    return old
