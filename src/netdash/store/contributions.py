"""The contributions behind a year's community numbers, one row each, for the list that the
dashboard's "community work" line opens to."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from netdash.store.community import ContributionRow, Totals, totals_of


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
    rows = db.execute(
        "SELECT c.id, c.occurred_on, c.organisation_id, o.name, c.minutes, c.money_minor,"
        " c.currency, c.result_quantity, c.result_unit, c.role, c.note"
        " FROM contributions c JOIN organisations o ON o.id = c.organisation_id"
        " WHERE c.occurred_on BETWEEN ? AND ? AND (? IS NULL OR c.organisation_id = ?)"
        " ORDER BY c.occurred_on DESC, c.id DESC",
        [f"{year:04d}-01-01", f"{year:04d}-12-31", organisation_id, organisation_id],
    ).fetchall()
    people: dict[int, list[str]] = {}
    ids = [row[0] for row in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for contribution_id, name in db.execute(
            "SELECT cp.contribution_id, p.name FROM contribution_people cp"
            " JOIN people p ON p.id = cp.person_id"
            f" WHERE cp.contribution_id IN ({','.join('?' * len(chunk))})"
            " ORDER BY p.name COLLATE NOCASE, p.id",
            chunk,
        ).fetchall():
            people.setdefault(contribution_id, []).append(name)
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
            people=tuple(people.get(row[0], ())),
        )
        for row in rows
    ]


def contributions_totals(contributions: list[Contribution]) -> Totals:
    """What the listed contributions add up to, as the Community screen adds them."""
    return totals_of([contribution.amounts for contribution in contributions])


def organisation_name(db: Database, organisation_id: int) -> str | None:
    row = db.execute("SELECT name FROM organisations WHERE id = ?", [organisation_id]).fetchone()
    return str(row[0]) if row else None
