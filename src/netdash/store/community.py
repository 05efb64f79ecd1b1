"""Community and charity work: organisations, and contributions of time, money and results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlite_utils import Database

from netdash.domain.dates import check_past, utc_now
from netdash.domain.errors import InvalidInput
from netdash.domain.goals import goal_target
from netdash.domain.money import minor_digits
from netdash.domain.names import MAX_NAME_LENGTH
from netdash.domain.quantities import check_quantity
from netdash.domain.refs import PersonRef
from netdash.store.journal import PersonChoice, _materialize
from netdash.store.tx import write_transaction


@dataclass(frozen=True)
class Contributed:
    contribution_id: int
    organisation: str
    organisation_created: bool
    people: tuple[PersonRef, ...]
    created: tuple[PersonRef, ...]


def organisation_starting(db: Database, prefix: str) -> str | None:
    """The first organisation (by name) whose name starts with ``prefix``: a form's suggestion."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    row = db.execute(
        "SELECT name FROM organisations WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT 1",
        [escaped + "%"],
    ).fetchone()
    return str(row[0]) if row else None


def clean_organisation_name(name: str, empty: str) -> str:
    """An organisation's name as stored (spacing tidied); InvalidInput (saying ``empty`` when
    there is none) if it is blank or too long. A new name and a rename are held to the same."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput(empty, field="organisation")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvalidInput(
            f"organisation name is {len(cleaned):,} characters long; {MAX_NAME_LENGTH} is the most",
            field="organisation",
        )
    return cleaned


def ensure_organisation(db: Database, name: str, cause: str = "") -> tuple[int, str, bool]:
    """The organisation's id and name as stored, creating it (with its cause) on first mention."""
    cleaned = clean_organisation_name(name, "a contribution needs an organisation")
    row = db.execute(
        "SELECT id, name FROM organisations WHERE name = ? COLLATE NOCASE", [cleaned]
    ).fetchone()
    if row is not None:
        return int(row[0]), str(row[1]), False
    cursor = db.execute(
        "INSERT INTO organisations(name, cause, created_at) VALUES (?, ?, ?)",
        [cleaned, cause.strip(), utc_now()],
    )
    return int(cursor.lastrowid or 0), cleaned, True


def check_given(
    occurred_on: date,
    today: date,
    minutes: int,
    money: tuple[int, str] | None,
    result: tuple[Decimal, str] | None,
) -> None:
    """What a contribution must hold, logged or edited: a past day and something given."""
    check_past(occurred_on, today)
    if minutes < 0:
        raise InvalidInput("hours cannot be negative", field="hours")
    if result is not None and not (
        check_quantity(result[0], "a result", field="result") > 0 and result[1].strip()
    ):
        raise InvalidInput(
            "a result is a positive quantity with a unit (120 meals served)", field="result"
        )
    if not minutes and money is None and result is None:
        raise InvalidInput("say what you gave: hours (4h), money ($50) or a result (120 meals)")


def add_contribution(
    db: Database,
    *,
    organisation: str,
    occurred_on: date,
    today: date,
    minutes: int = 0,
    money: tuple[int, str] | None = None,
    result: tuple[Decimal, str] | None = None,
    role: str = "",
    people: Sequence[PersonChoice] = (),
    note: str = "",
    cause: str = "",
) -> Contributed:
    """Record one contribution, its organisation and the people met there, in one transaction."""
    check_given(occurred_on, today, minutes, money, result)
    with write_transaction(db):
        organisation_id, name, created_org = ensure_organisation(db, organisation, cause)
        everyone, created = _materialize(db, people)
        cursor = db.execute(
            "INSERT INTO contributions(organisation_id, occurred_on, minutes, money_minor,"
            " currency, role, result_quantity, result_unit, note, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                organisation_id,
                occurred_on.isoformat(),
                minutes,
                money[0] if money else 0,
                money[1] if money else None,
                role.strip(),
                str(result[0]) if result else None,
                result[1].strip() if result else None,
                note,
                utc_now(),
            ],
        )
        contribution_id = int(cursor.lastrowid or 0)
        db.conn.executemany(
            "INSERT OR IGNORE INTO contribution_people(contribution_id, person_id) VALUES (?, ?)",
            [(contribution_id, ref.id) for ref in everyone],
        )
    return Contributed(contribution_id, name, created_org, tuple(everyone), tuple(created))


@dataclass(frozen=True)
class Totals:
    """What contributions added up to; money and results stay per currency and per unit.

    The effect fields attribute each result to the contribution that produced it: a result per
    hour counts only contributions that logged both hours and that result, a result per unit of
    money only contributions that gave that currency and logged that result.
    """

    contributions: int = 0
    minutes: int = 0
    money: tuple[tuple[str, int], ...] = ()
    results: tuple[tuple[str, Decimal], ...] = ()
    by_hours: tuple[tuple[str, int, Decimal], ...] = ()
    """(result unit, minutes, quantity) over contributions with hours and that result."""
    by_money: tuple[tuple[str, str, int, Decimal], ...] = ()
    """(result unit, currency, minor units, quantity) over contributions with both."""
    without_result: int = 0
    """Contributions that logged no result: they count in the totals, never in the effect."""

    def per_hour(self) -> tuple[tuple[str, Decimal], ...]:
        """Each result per hour, over the hours of the contributions that produced it."""
        return tuple((unit, quantity / (Decimal(m) / 60)) for unit, m, quantity in self.by_hours)

    def per_money(self) -> tuple[tuple[str, str, Decimal], ...]:
        """Each result per unit of a currency, over the money of the contributions that
        produced it: (unit, currency, quantity per 1)."""
        return tuple(
            (unit, currency, quantity / Decimal(minor).scaleb(-minor_digits(currency)))
            for unit, currency, minor, quantity in self.by_money
        )


ContributionRow = tuple[int, int, str | None, str | None, str | None]
"""(minutes, money_minor, currency, result_quantity, result_unit) of one contribution."""


def totals_of(rows: Sequence[ContributionRow]) -> Totals:
    """Add contributions up, and attribute each result to the time or money that produced it."""
    money: dict[str, int] = {}
    results: dict[str, Decimal] = {}
    by_hours: dict[str, tuple[int, Decimal]] = {}
    by_money: dict[tuple[str, str], tuple[int, Decimal]] = {}
    without_result = 0
    for minutes, minor, currency, quantity_text, unit in rows:
        if currency and minor:
            money[currency] = money.get(currency, 0) + minor
        if not (unit and quantity_text):
            without_result += 1
            continue
        quantity = Decimal(quantity_text)
        results[unit] = results.get(unit, Decimal(0)) + quantity
        if minutes:
            spent, made = by_hours.get(unit, (0, Decimal(0)))
            by_hours[unit] = (spent + minutes, made + quantity)
        if currency and minor:
            spent, made = by_money.get((unit, currency), (0, Decimal(0)))
            by_money[(unit, currency)] = (spent + minor, made + quantity)
    return Totals(
        contributions=len(rows),
        minutes=sum(row[0] for row in rows),
        money=tuple(sorted(money.items())),
        results=tuple(sorted(results.items())),
        by_hours=tuple((unit, m, q) for unit, (m, q) in sorted(by_hours.items())),
        by_money=tuple((u, c, m, q) for (u, c), (m, q) in sorted(by_money.items())),
        without_result=without_result,
    )


@dataclass(frozen=True)
class OrganisationSummary:
    id: int
    name: str
    cause: str
    this_year: Totals
    all_time: Totals
    people: tuple[str, ...]


def organisation_summaries(db: Database, year: int) -> list[OrganisationSummary]:
    """Per organisation: this year and all time, and the people met through it."""
    rows_by_org: dict[int, list[tuple[str, ContributionRow]]] = {}
    for org_id, day, minutes, minor, currency, quantity, unit in db.execute(
        "SELECT organisation_id, occurred_on, minutes, money_minor, currency, result_quantity,"
        " result_unit FROM contributions ORDER BY occurred_on"
    ).fetchall():
        rows_by_org.setdefault(org_id, []).append((day, (minutes, minor, currency, quantity, unit)))
    summaries = []
    for org_id, name, cause in db.execute(
        "SELECT id, name, cause FROM organisations ORDER BY name COLLATE NOCASE"
    ).fetchall():
        rows = rows_by_org.get(org_id, [])
        people = tuple(
            row[0]
            for row in db.execute(
                "SELECT DISTINCT p.name FROM contributions c"
                " JOIN contribution_people cp ON cp.contribution_id = c.id"
                " JOIN people p ON p.id = cp.person_id WHERE c.organisation_id = ?"
                " ORDER BY p.name COLLATE NOCASE",
                [org_id],
            ).fetchall()
        )
        summaries.append(
            OrganisationSummary(
                id=org_id,
                name=name,
                cause=cause,
                this_year=totals_of([r for day, r in rows if day.startswith(f"{year:04d}-")]),
                all_time=totals_of([r for _, r in rows]),
                people=people,
            )
        )
    return summaries


@dataclass(frozen=True)
class GoalProgress:
    """A yearly goal and how far the year's contributions have come towards it."""

    id: int
    label: str
    done: Decimal
    target: Decimal
    unit: str

    @property
    def fraction(self) -> float:
        return float(self.done / self.target) if self.target else 0.0


def add_goal(
    db: Database,
    year: int,
    *,
    hours: Decimal | None = None,
    money: tuple[int, str] | None = None,
    result: tuple[Decimal, str] | None = None,
    organisation: str | None = None,
) -> int:
    """A goal for a year: exactly one of hours, money (minor units, currency) or a result."""
    aim = goal_target(hours, money, result)
    with write_transaction(db):
        organisation_id = ensure_organisation(db, organisation)[0] if organisation else None
        cursor = db.execute(
            "INSERT INTO goals(year, kind, target, currency, unit, organisation_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [year, aim.kind, aim.target, aim.currency, aim.unit, organisation_id, utc_now()],
        )
    return int(cursor.lastrowid or 0)


def goal_progress(db: Database, year: int) -> list[GoalProgress]:
    """Every goal of a year with what the year's contributions add up to."""
    start, end = f"{year:04d}-01-01", f"{year:04d}-12-31"
    progress = []
    for goal_id, kind, target, currency, unit, org_id, org_name in db.execute(
        "SELECT g.id, g.kind, g.target, g.currency, g.unit, g.organisation_id, o.name"
        " FROM goals g LEFT JOIN organisations o ON o.id = g.organisation_id"
        " WHERE g.year = ? ORDER BY g.id",
        [year],
    ).fetchall():
        scope = " AND organisation_id = ?" if org_id else ""
        params = [start, end, *([org_id] if org_id else [])]
        where = f" WHERE occurred_on BETWEEN ? AND ?{scope}"
        at = f" at {org_name}" if org_name else ""
        if kind == "hours":
            minutes = db.execute(
                f"SELECT COALESCE(SUM(minutes), 0) FROM contributions{where}", params
            ).fetchone()[0]
            done, goal, label_unit = Decimal(minutes) / 60, Decimal(target), "h"
        elif kind == "money":
            minor = db.execute(
                f"SELECT COALESCE(SUM(money_minor), 0) FROM contributions{where} AND currency = ?",
                [*params, currency],
            ).fetchone()[0]
            digits = minor_digits(currency)
            done = Decimal(minor).scaleb(-digits)
            goal, label_unit = Decimal(target).scaleb(-digits), currency
        else:
            done = sum(
                (
                    Decimal(q)
                    for (q,) in db.execute(
                        f"SELECT result_quantity FROM contributions{where} AND result_unit = ?",
                        [*params, unit],
                    ).fetchall()
                ),
                Decimal(0),
            )
            goal, label_unit = Decimal(target), unit
        progress.append(
            GoalProgress(goal_id, f"{goal.normalize():f} {label_unit}{at}", done, goal, label_unit)
        )
    return progress
