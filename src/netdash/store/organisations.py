"""Renaming and deleting an organisation: what goes with it is said first, and all of it is
kept in the trash so ``undo`` puts it back."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from netdash.domain.errors import InvalidInput, NotFound
from netdash.domain.words import count_of
from netdash.store.community import clean_organisation_name
from netdash.store.contributions import organisation_name
from netdash.store.trash import Scope, into_trash
from netdash.store.tx import write_transaction


@dataclass(frozen=True)
class OrganisationDeletion:
    """What deleting an organisation takes with it, said before it is done."""

    id: int
    name: str
    contributions: int
    credits: int
    """Outcomes credited to it: the outcomes stay, without this credit."""
    goals: int

    def words(self) -> str:
        """ "Food Bank and its 3 contributions; 1 outcome loses its credit to it"."""
        said = self.name
        if self.contributions:
            said += f" and its {count_of(self.contributions, 'contribution')}"
        if self.goals:
            said += f" and {count_of(self.goals, 'goal')} for it"
        if self.credits:
            said += (
                f"; {count_of(self.credits, 'outcome')} {'loses' if self.credits == 1 else 'lose'}"
            )
            said += " its credit to it"
        return said


def find_organisation(db: Database, name: str) -> tuple[int, str]:
    """The organisation named (case aside) or ``#id``: its id and name as stored."""
    wanted = " ".join(name.split())
    if wanted.startswith("#") and wanted[1:].isdigit():
        row = db.execute(
            "SELECT id, name FROM organisations WHERE id = ?", [int(wanted[1:])]
        ).fetchone()
    else:
        row = db.execute(
            "SELECT id, name FROM organisations WHERE name = ? COLLATE NOCASE", [wanted]
        ).fetchone()
    if row is None:
        raise NotFound(f"no organisation called {wanted[:80]!r}")
    return int(row[0]), str(row[1])


def organisation_names(db: Database, text: str) -> list[str]:
    """A comma-separated box of organisations, as names: pieces that together name an existing
    organisation ("Food Bank, Inc.") stay one name, the longest such run first, so a name with
    a comma survives being shown in a box and saved again."""

    def joined(pieces: list[str]) -> str:
        return ", ".join(" ".join(piece.split()) for piece in pieces).casefold()

    pieces = text.split(",")
    known = {
        joined(str(name).split(",")): str(name)
        for (name,) in db.execute(
            "SELECT name FROM organisations WHERE instr(name, ',') > 0"
        ).fetchall()
    }
    names: list[str] = []
    start = 0
    while start < len(pieces):
        longest = range(len(pieces), start + 1, -1)
        end = next((end for end in longest if joined(pieces[start:end]) in known), start + 1)
        name = known.get(joined(pieces[start:end]), pieces[start].strip())
        if name:
            names.append(name)
        start = end
    return names


def organisation_deletion(db: Database, organisation_id: int) -> OrganisationDeletion:
    row = db.execute(
        "SELECT name, (SELECT count(*) FROM contributions WHERE organisation_id = o.id),"
        " (SELECT count(DISTINCT outcome_id) FROM outcome_credits WHERE organisation_id = o.id),"
        " (SELECT count(*) FROM goals WHERE organisation_id = o.id)"
        " FROM organisations o WHERE o.id = ?",
        [organisation_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no organisation with id {organisation_id}")
    return OrganisationDeletion(organisation_id, str(row[0]), *map(int, row[1:]))


def _organisation_scopes(organisation_id: int) -> list[Scope]:
    """Every row deleting an organisation removes: its own, its contributions and their links
    to people, the credits outcomes gave it, and its goals."""
    return [
        Scope("organisations", "id = ?", [organisation_id]),
        Scope("contributions", "organisation_id = ?", [organisation_id]),
        Scope(
            "contribution_people",
            "contribution_id IN (SELECT id FROM contributions WHERE organisation_id = ?)",
            [organisation_id],
        ),
        Scope("outcome_credits", "organisation_id = ?", [organisation_id]),
        Scope("goals", "organisation_id = ?", [organisation_id]),
    ]


def delete_organisation(db: Database, organisation_id: int) -> OrganisationDeletion:
    """Delete an organisation and everything that is only its, into the trash."""
    with write_transaction(db):
        gone = organisation_deletion(db, organisation_id)
        scopes = _organisation_scopes(organisation_id)
        with into_trash(db, "delete organisation", f"delete {gone.words()}", scopes):
            db.execute("DELETE FROM organisations WHERE id = ?", [organisation_id])
    return gone


def rename_organisation(db: Database, organisation_id: int, new_name: str) -> str:
    """Give an organisation another name (not one another organisation has), into the trash;
    return the name as stored."""
    cleaned = clean_organisation_name(new_name, "an organisation needs a name")
    with write_transaction(db):
        old = organisation_name(db, organisation_id)
        if old is None:
            raise NotFound(f"no organisation with id {organisation_id}")
        taken = db.execute(
            "SELECT name FROM organisations WHERE name = ? COLLATE NOCASE AND id != ?",
            [cleaned, organisation_id],
        ).fetchone()
        if taken is not None:
            raise InvalidInput(
                f"{taken[0]!r} is another organisation's name; delete or rename it first",
                field="organisation",
            )
        scope = [Scope("organisations", "id = ?", [organisation_id])]
        with into_trash(db, "rename organisation", f"rename {old} to {cleaned}", scope):
            db.execute("UPDATE organisations SET name = ? WHERE id = ?", [cleaned, organisation_id])
    return cleaned
