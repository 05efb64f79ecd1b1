"""The journal summarised: the numbers the dashboard shows and ``netdash stats --json`` prints."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from sqlite_utils import Database

from netdash.domain.audience_row import AudienceRow
from netdash.domain.money import MINOR_UNIT_DIGITS
from netdash.domain.quantities import hours_text, minutes_as_hours
from netdash.domain.words import count_of
from netdash.store.audience import latest_counts, source_kind
from netdash.store.db import ENTRY_COUNT
from netdash.store.follower_lists import follower_list_stats, known_counts


def money_text(minor: int, currency: str) -> str:
    """An exact decimal amount from integer minor units (no binary floats for money)."""
    digits = MINOR_UNIT_DIGITS.get(currency.upper(), 2)
    return str(Decimal(minor).scaleb(-digits))


def money_words(minor: int, currency: str) -> str:
    """An amount as a person reads it, "3,200.00 USD": thousands separated as follower counts
    are (``money_text`` stays the bare decimal the JSON output carries)."""
    return f"{Decimal(money_text(minor, currency)):,f} {currency}"


def given_words(
    minutes: int,
    money: Iterable[tuple[str, int]],
    results: Iterable[tuple[str, Decimal]],
    *,
    most_results: int | None = None,
) -> list[str]:
    """Community work as every screen words it: "45.5 h, 3,200.00 USD, 130 meals served"; the
    results sorted by unit, at most ``most_results`` of them and how many more ("+2 more")."""
    words = [hours_text(minutes_as_hours(minutes))] if minutes else []
    words += [money_words(minor, code) for code, minor in sorted(money)]
    ordered = sorted(results)
    shown = ordered if most_results is None else ordered[:most_results]
    words += [f"{quantity:,f} {unit}" for unit, quantity in shown]
    if len(ordered) > len(shown):
        words[-1] += f" +{len(ordered) - len(shown)} more"
    return words


class DepthNumbers(NamedTuple):
    """The depth side of the dashboard."""

    people: int
    interactions: int
    interactions_30d: int
    interactions_90d: int
    people_seen_90d: int


def depth_numbers(db: Database, today: date) -> DepthNumbers:
    since_30 = (today - timedelta(days=30)).isoformat()
    since_90 = (today - timedelta(days=90)).isoformat()
    row = db.execute(
        f"SELECT (SELECT COUNT(*) FROM people), ({ENTRY_COUNT}),"
        " (SELECT COUNT(*) FROM interactions WHERE occurred_on > ?),"
        " (SELECT COUNT(*) FROM interactions WHERE occurred_on > ?),"
        " (SELECT COUNT(*) FROM people WHERE last_contact_on > ?)",
        [since_30, since_90, since_90],
    ).fetchone()
    return DepthNumbers(*(int(value) for value in row))


def audience_total(rows: list[AudienceRow]) -> int:
    return sum(row.followers or 0 for row in rows)


def summary(db: Database, today: date) -> dict[str, Any]:
    """The ``stats --json`` document. Keys are a contract: add, never rename."""
    depth = depth_numbers(db, today)
    audience = latest_counts(db)
    money: dict[str, int] = {}
    for currency, minor in db.execute(
        "SELECT currency, SUM(money_minor) FROM contributions"
        " WHERE currency IS NOT NULL AND money_minor > 0 GROUP BY currency ORDER BY currency"
    ).fetchall():
        money[currency] = minor
    minutes, contributions = db.execute(
        "SELECT COALESCE(SUM(minutes), 0), COUNT(*) FROM contributions"
    ).fetchone()
    by_source = db.execute(
        "SELECT"
        " (SELECT COUNT(DISTINCT outcome_id) FROM outcome_credits WHERE person_id IS NOT NULL),"
        " (SELECT COUNT(DISTINCT outcome_id) FROM outcome_credits"
        "  WHERE organisation_id IS NOT NULL),"
        " (SELECT COUNT(DISTINCT outcome_id) FROM outcome_credits WHERE platform IS NOT NULL),"
        " (SELECT COUNT(*) FROM outcomes)"
    ).fetchone()
    return {
        "today": today.isoformat(),
        "people": depth.people,
        "interactions": depth.interactions,
        "interactions_30d": depth.interactions_30d,
        "interactions_90d": depth.interactions_90d,
        "people_seen_90d": depth.people_seen_90d,
        "audience": _audience_rows(db, audience),
        "audience_total": audience_total(audience),
        "known_followers": known_people(db),
        "layers": {"5": 0, "15": 0, "50": 0, "150": 0},
        "overdue": 0,
        "charity": {
            "hours": float(Decimal(minutes) / 60),
            "money": {currency: money_text(minor, currency) for currency, minor in money.items()},
            "contributions": contributions,
        },
        "outcomes": {
            "count": by_source[3],
            "network": by_source[0],
            "community": by_source[1],
            "audience": by_source[2],
        },
        "this_year": this_year_block(year_numbers(db, today.year)),
    }


def known_people(db: Database) -> int:
    """How many people of the journal are in the latest follower list of any account: the
    people :func:`~netdash.store.follower_lists.known_followers` finds, read stored while no
    handle, account or follower list changed (``stats`` prints only how many)."""
    return known_counts(db).people


def _hours_shown(minutes: int) -> float:
    """Hours rounded as :func:`hours_text` prints them (8.5, 0.33), so the JSON and the screen
    read the same number."""
    return float(minutes_as_hours(minutes).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def this_year_block(numbers: YearNumbers) -> dict[str, Any]:
    """``stats --json``'s ``this_year``: the dashboard's "so far" line as keys to check it by.

    ``hours`` is the number the dashboard prints (two decimals, half up), money and results are
    exact decimal strings; an outcome credited to several kinds of source counts in each, so
    ``network + community + audience`` can exceed ``count``; ``overlapping`` says by how many
    outcomes."""
    return {
        "year": numbers.year,
        "charity": {
            "hours": _hours_shown(numbers.minutes),
            "money": {code: money_text(minor, code) for code, minor in numbers.money.items()},
            "results": {unit: f"{quantity:f}" for unit, quantity in numbers.results.items()},
        },
        "outcomes": {
            "count": numbers.outcomes,
            "network": numbers.network,
            "community": numbers.community,
            "audience": numbers.audience,
            "overlapping": numbers.overlapping,
        },
    }


def _audience_rows(db: Database, audience: list[AudienceRow]) -> list[dict[str, Any]]:
    """Each account's latest count; ``previous``: the point a change is measured against (its
    date and source kind: import, typed or fetched); ``list``: the latest follower list against
    the one before it, counted as the import summary and the Audience screen count it."""
    ids = {
        (str(platform), str(handle)): int(account_id)
        for account_id, platform, handle in db.execute(
            "SELECT id, platform, handle FROM accounts"
        ).fetchall()
    }
    rows = []
    for row in audience:
        stats = follower_list_stats(db, ids[(row.platform, row.account)])
        rows.append(
            {
                "platform": row.platform,
                "account": row.account,
                "followers": row.followers,
                "following": row.following,
                "as_of": row.as_of,
                "source": row.source,
                "previous": None
                if row.previous_as_of is None
                else {
                    "followers": row.previous_followers,
                    "as_of": row.previous_as_of,
                    "source": row.previous_source,
                    "kind": source_kind(row.previous_source),
                },
                "list": None
                if stats.as_of is None
                else {
                    "as_of": stats.as_of,
                    "listed": stats.listed,
                    "new": stats.new,
                    "gone": stats.gone,
                    "compared_with": stats.compared_with,
                },
            }
        )
    return rows


def weekly_followers(db: Database, today: date, weeks: int, account_id: int) -> list[int]:
    """One account's followers at the end of each of the last ``weeks`` weeks (local days, as
    the history's months), oldest first, from its first count on: the weeks before it had one
    are left out, not drawn as a fall to zero."""
    from netdash.store.history import follower_history

    ends = [today - timedelta(days=7 * (weeks - 1 - index)) for index in range(weeks)]
    (series,) = follower_history(db, ends, account_id).values() or ([],)
    return [value for value in series if value is not None]


class YearNumbers(NamedTuple):
    """What got done in a year, and through whom: the plainest depth-versus-breadth answer."""

    year: int
    outcomes: int
    network: int
    community: int
    audience: int
    minutes: int
    money: dict[str, int]
    results: dict[str, Decimal]
    overlapping: int = 0
    """Outcomes credited to more than one kind of source (counted in each of them), so
    ``network + community + audience`` can exceed ``outcomes``."""


def overlap_text(overlapping: int) -> str:
    """Why the split by source can add up to more than the count: "1 outcome came through more
    than one" (empty when none did)."""
    if not overlapping:
        return ""
    return f"{count_of(overlapping, 'outcome')} came through more than one"


def year_numbers(db: Database, year: int) -> YearNumbers:
    start, end = f"{year:04d}-01-01", f"{year:04d}-12-31"
    # per outcome, whether any credit names a person, an organisation, an audience; an
    # outcome with two or three of them counts under each, and once in ``overlapping``
    outcomes, network, community, audience, overlapping = db.execute(
        "SELECT COUNT(*), SUM(n), SUM(g), SUM(a), SUM(n + g + a > 1) FROM (SELECT"
        " EXISTS (SELECT 1 FROM outcome_credits c WHERE c.outcome_id = o.id"
        "  AND c.person_id IS NOT NULL) AS n,"
        " EXISTS (SELECT 1 FROM outcome_credits c WHERE c.outcome_id = o.id"
        "  AND c.organisation_id IS NOT NULL) AS g,"
        " EXISTS (SELECT 1 FROM outcome_credits c WHERE c.outcome_id = o.id"
        "  AND c.platform IS NOT NULL) AS a"
        " FROM outcomes o WHERE o.occurred_on BETWEEN ? AND ?)",
        [start, end],
    ).fetchone()
    minutes = db.execute(
        "SELECT COALESCE(SUM(minutes), 0) FROM contributions WHERE occurred_on BETWEEN ? AND ?",
        [start, end],
    ).fetchone()[0]
    money = {
        currency: int(total)
        for currency, total in db.execute(
            "SELECT currency, SUM(money_minor) FROM contributions WHERE currency IS NOT NULL"
            " AND money_minor > 0 AND occurred_on BETWEEN ? AND ? GROUP BY currency"
            " ORDER BY currency",
            [start, end],
        ).fetchall()
    }
    results: dict[str, Decimal] = {}
    for quantity, unit in db.execute(
        "SELECT result_quantity, result_unit FROM contributions WHERE result_unit IS NOT NULL"
        " AND occurred_on BETWEEN ? AND ?",
        [start, end],
    ).fetchall():
        results[unit] = results.get(unit, Decimal(0)) + Decimal(quantity)  # exact, per unit
    results = dict(sorted(results.items()))  # by unit, as every list of them is
    return YearNumbers(
        year,
        int(outcomes),
        int(network or 0),
        int(community or 0),
        int(audience or 0),
        int(minutes),
        money,
        results,
        int(overlapping or 0),
    )


def work_logged(db: Database) -> bool:
    """Whether any community work or outcome is logged: a journal holding only those is not
    empty, though it has nobody in it yet. Here, with the dashboard's other numbers, so its
    first frame need not import the community store (its forms' writes and their rules)."""
    row = db.execute(
        "SELECT EXISTS (SELECT 1 FROM contributions) OR EXISTS (SELECT 1 FROM outcomes)"
    ).fetchone()
    return bool(row[0])
