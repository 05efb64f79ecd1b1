"""The contributions behind a year's community numbers, one row each, for the list that the
dashboard's "community work" line opens to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from sqlite_utils import Database

from netdash.domain.errors import NotFound
from netdash.store.community import (
    ContributionRow,
    Totals,
    check_given,
    ensure_organisation,
    totals_of,
)
from netdash.store.journal import PersonChoice, _materialize
from netdash.store.trash import Scope, created_scopes, into_trash
from netdash.store.tx import write_transaction


@dataclass(frozen=True)
class Contribution:
    """One contribution as logged: what was given, to whom, with whom."""

    id: int
    occurred_on: str
    organisation_id: int
    organisation: str
    minutes: int
    money_minor: int
    currency: str | None
    result_quantity: str | None
    result_unit: str | None
    role: str
    note: str
    people: tuple[str, ...]
    person_ids: tuple[int, ...] = ()
    """The people met, in the order of ``people``: forms name them by id (names can be shared)."""
    cause: str = ""
    """The organisation's cause."""

    @property
    def amounts(self) -> ContributionRow:
        return (
            self.minutes,
            self.money_minor,
            self.currency,
            self.result_quantity,
            self.result_unit,
        )


def list_contributions(
    db: Database, year: int, organisation_id: int | None = None
) -> list[Contribution]:
    """A year's contributions (to one organisation, or all), newest first: the same rows, by
    the same dates, that :func:`netdash.store.stats.year_numbers` adds up."""
    return _contributions(
        db,
        "c.occurred_on BETWEEN ? AND ? AND (? IS NULL OR c.organisation_id = ?)",
        [f"{year:04d}-01-01", f"{year:04d}-12-31", organisation_id, organisation_id],
    )


def get_contribution(db: Database, contribution_id: int) -> Contribution:
    found = _contributions(db, "c.id = ?", [contribution_id])
    if not found:
        raise NotFound(f"no contribution with id {contribution_id}")
    return found[0]


def _contributions(db: Database, where: str, params: Sequence[object]) -> list[Contribution]:
    rows = db.execute(
        "SELECT c.id, c.occurred_on, c.organisation_id, o.name, c.minutes, c.money_minor,"
        " c.currency, c.result_quantity, c.result_unit, c.role, c.note, o.cause"
        " FROM contributions c JOIN organisations o ON o.id = c.organisation_id"
        f" WHERE {where} ORDER BY c.occurred_on DESC, c.id DESC",
        list(params),
    ).fetchall()
    people: dict[int, list[tuple[int, str]]] = {}
    ids = [row[0] for row in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for contribution_id, person_id, name in db.execute(
            "SELECT cp.contribution_id, p.id, p.name FROM contribution_people cp"
            " JOIN people p ON p.id = cp.person_id"
            f" WHERE cp.contribution_id IN ({','.join('?' * len(chunk))})"
            " ORDER BY p.name COLLATE NOCASE, p.id",
            chunk,
        ).fetchall():
            people.setdefault(contribution_id, []).append((person_id, name))
    return [
        Contribution(
            id=row[0],
            occurred_on=row[1],
            organisation_id=row[2],
            organisation=row[3],
            minutes=int(row[4] or 0),
            money_minor=int(row[5] or 0),
            currency=row[6],
            result_quantity=row[7],
            result_unit=row[8],
            role=row[9] or "",
            note=row[10] or "",
            people=tuple(name for _, name in people.get(row[0], ())),
            person_ids=tuple(person_id for person_id, _ in people.get(row[0], ())),
            cause=row[11] or "",
        )
        for row in rows
    ]


def contributions_totals(contributions: list[Contribution]) -> Totals:
    """What the listed contributions add up to, as the Community screen adds them."""
    return totals_of([contribution.amounts for contribution in contributions])


def organisation_name(db: Database, organisation_id: int) -> str | None:
    row = db.execute("SELECT name FROM organisations WHERE id = ?", [organisation_id]).fetchone()
    return str(row[0]) if row else None


class Keep(Enum):
    """An edit's "leave this field as it is", where None means "none" (no money, no result)."""

    KEEP = 0


KEEP = Keep.KEEP


@dataclass(frozen=True)
class ContributionEdit:
    """The fields an edit changes; every other one stays as it was."""

    organisation: str | None = None
    occurred_on: date | None = None
    minutes: int | None = None
    money: tuple[int, str] | Keep | None = KEEP
    result: tuple[Decimal, str] | Keep | None = KEEP
    role: str | None = None
    note: str | None = None
    people: Sequence[PersonChoice] | None = None
    cause: str = ""
    """The cause of an organisation the edit names for the first time (as `give --cause`)."""


def contribution_words(row: Contribution) -> str:
    """ "the contribution to Food Bank on 2026-02-01": how the trash and the questions name it."""
    return f"the contribution to {row.organisation} on {row.occurred_on}"


def _contribution_scopes(contribution_id: int) -> list[Scope]:
    return [
        Scope("contributions", "id = ?", [contribution_id]),
        Scope("contribution_people", "contribution_id = ?", [contribution_id]),
    ]


def edit_contribution(
    db: Database, contribution_id: int, edit: ContributionEdit, today: date
) -> Contribution:
    """Change the fields ``edit`` gives, checked as a new contribution is, into the trash (so
    undo puts the old ones back); return the contribution as it now is. The old row is read in
    the same transaction that writes it back, so no other write falls between."""
    with write_transaction(db):
        old = get_contribution(db, contribution_id)
        money, result = _edited_amounts(old, edit)
        day = edit.occurred_on or date.fromisoformat(old.occurred_on)
        minutes = old.minutes if edit.minutes is None else edit.minutes
        check_given(day, today, minutes, money, result)
        said = f"edit {contribution_words(old)}"
        # an edit may name an organisation or a person for the first time: undo takes them out
        scopes = _contribution_scopes(old.id) + created_scopes(db, "organisations", "people")
        with into_trash(db, "edit contribution", said, scopes):
            org_id = old.organisation_id
            if edit.organisation is not None:
                org_id = ensure_organisation(db, edit.organisation, edit.cause)[0]
            db.execute(
                "UPDATE contributions SET organisation_id = ?, occurred_on = ?, minutes = ?,"
                " money_minor = ?, currency = ?, result_quantity = ?, result_unit = ?,"
                " role = ?, note = ? WHERE id = ?",
                [
                    org_id,
                    day.isoformat(),
                    minutes,
                    money[0] if money else 0,
                    money[1] if money else None,
                    str(result[0]) if result else None,
                    result[1].strip() if result else None,
                    old.role if edit.role is None else edit.role.strip(),
                    old.note if edit.note is None else edit.note,
                    old.id,
                ],
            )
            if edit.people is not None:
                _replace_people(db, old.id, edit.people)
    return get_contribution(db, contribution_id)


def _edited_amounts(
    old: Contribution, edit: ContributionEdit
) -> tuple[tuple[int, str] | None, tuple[Decimal, str] | None]:
    """The money and result after ``edit``: the old ones unless it gives them (None: none)."""
    money = (old.money_minor, old.currency) if old.money_minor and old.currency else None
    result = (
        (Decimal(old.result_quantity), old.result_unit)
        if old.result_quantity and old.result_unit
        else None
    )
    money = money if isinstance(edit.money, Keep) else edit.money
    result = result if isinstance(edit.result, Keep) else edit.result
    return money, result


def _replace_people(db: Database, contribution_id: int, people: Sequence[PersonChoice]) -> None:
    everyone, _ = _materialize(db, people)
    db.execute("DELETE FROM contribution_people WHERE contribution_id = ?", [contribution_id])
    db.conn.executemany(
        "INSERT OR IGNORE INTO contribution_people(contribution_id, person_id) VALUES (?, ?)",
        [(contribution_id, ref.id) for ref in everyone],
    )


def delete_contribution(db: Database, contribution_id: int) -> Contribution:
    """Delete a contribution and its links to the people met, into the trash."""
    with write_transaction(db):
        gone = get_contribution(db, contribution_id)
        with into_trash(
            db,
            "delete contribution",
            f"delete {contribution_words(gone)}",
            _contribution_scopes(contribution_id),
        ):
            db.execute("DELETE FROM contributions WHERE id = ?", [contribution_id])
    return gone
