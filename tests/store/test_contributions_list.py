"""The contributions listed for a year are exactly those ``year_numbers`` adds up."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from netdash.store.community import add_contribution
from netdash.store.contributions import contributions_totals, list_contributions
from netdash.store.stats import year_numbers
from tests.conftest import TODAY


def test_a_year_is_january_first_to_december_thirty_first(db: Database) -> None:
    for org, day, minutes in (
        ("Food Bank", date(2025, 12, 31), 30),  # last year
        ("Food Bank", date(2026, 1, 1), 60),
        ("Shelter", date(2026, 6, 1), 45),
        ("Food Bank", date(2026, 11, 26), 15),
    ):
        add_contribution(db, organisation=org, occurred_on=day, today=TODAY, minutes=minutes)
    rows = list_contributions(db, 2026)
    assert [row.occurred_on for row in rows] == ["2026-11-26", "2026-06-01", "2026-01-01"]
    # 60 + 45 + 15 = 120 minutes, as the dashboard's year adds them
    assert contributions_totals(rows).minutes == 120 == year_numbers(db, 2026).minutes
    food_bank = rows[0].organisation_id
    # Food Bank in 2026: 60 + 15 = 75 minutes; in 2025: 30
    assert contributions_totals(list_contributions(db, 2026, food_bank)).minutes == 75
    assert [row.minutes for row in list_contributions(db, 2025, food_bank)] == [30]
