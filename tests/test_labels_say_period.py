"""Issue 12, "labels that must say what they count": `stats --json`'s `this_year` block and the
`stats` lines that read it, from a small journal worked out by hand.

The journal (today is 2026-11-26):
- 2026: Food Bank 4 h with 60 meals served, Food Bank 4 h 30 min with 60 meals served,
  Shelter $50.00; 2025: Food Bank 1 h.
- 2026 outcomes: "Job" through Ana and the Food Bank, "Client" through Ana, "Talk" through the
  mastodon audience; 2025: "Old job" through Ana.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from sqlite_utils import Database

from netdash.cli import cli
from netdash.store.community import add_contribution
from netdash.store.db import open_db
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person
from tests.conftest import TODAY

LAST_YEAR = date(2025, 6, 1)


def seed(db: Database) -> None:
    ana = add_person(db, "Ana Souza")
    for minutes in (240, 270):
        add_contribution(
            db,
            organisation="Food Bank",
            occurred_on=TODAY,
            today=TODAY,
            minutes=minutes,
            result=(Decimal(60), "meals served"),
        )
    add_contribution(
        db, organisation="Shelter", occurred_on=TODAY, today=TODAY, money=(5000, "USD")
    )
    add_contribution(db, organisation="Food Bank", occurred_on=LAST_YEAR, today=TODAY, minutes=60)
    add_outcome(
        db,
        title="Job",
        occurred_on=TODAY,
        today=TODAY,
        people=[(ana, "referred")],
        organisations=["Food Bank"],
    )
    add_outcome(db, title="Client", occurred_on=TODAY, today=TODAY, people=[(ana, "referred")])
    add_outcome(db, title="Talk", occurred_on=TODAY, today=TODAY, platforms=["mastodon"])
    add_outcome(db, title="Old job", occurred_on=LAST_YEAR, today=TODAY, people=[(ana, "referred")])


def stats(journal_path: Path, *args: str) -> str:
    db = open_db(journal_path)
    try:
        seed(db)
    finally:
        db.close()
    result = CliRunner().invoke(
        cli, ["--db", str(journal_path), "stats", *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_stats_json_has_this_year_beside_all_time(journal_path: Path) -> None:
    document = json.loads(stats(journal_path, "--json"))
    assert document["this_year"] == {
        "year": 2026,
        "charity": {
            "hours": 8.5,  # (240 + 270) / 60 = 8.5; last year's hour is not this year's
            "money": {"USD": "50.00"},  # 5000 cents
            "results": {"meals served": "120"},  # 60 + 60
        },
        "outcomes": {
            "count": 3,  # Job, Client, Talk
            "network": 2,  # Job and Client came through Ana
            "community": 1,  # Job also came through the Food Bank
            "audience": 1,  # Talk; 2 + 1 + 1 = 4 > 3 because Job has two sources
            "overlapping": 1,  # Job: 4 - 3 = 1
        },
    }
    # The existing keys keep their all-time meaning.
    assert document["charity"]["hours"] == 9.5  # 240 + 270 + 60 = 570 min
    assert document["charity"]["contributions"] == 4
    assert document["outcomes"] == {"count": 4, "network": 3, "community": 1, "audience": 1}


def test_stats_hours_are_the_number_the_dashboard_prints(journal_path: Path) -> None:
    db = open_db(journal_path)
    try:
        add_contribution(db, organisation="Food Bank", occurred_on=TODAY, today=TODAY, minutes=20)
    finally:
        db.close()
    document = json.loads(stats(journal_path, "--json"))
    # 20 + 240 + 270 = 530 min = 8.8333… h, printed "8.83 h" (two decimals, half up).
    assert document["this_year"]["charity"]["hours"] == 8.83


def test_stats_text_says_the_year_and_the_overlap(journal_path: Path) -> None:
    output = stats(journal_path)
    assert (
        "2026 so far: 3 outcomes (2 through people, 1 through community, 1 through audience;"
        " an outcome can come through several)"
    ) in output
    assert "community work: 8.5 h, 50.00 USD, 120 meals served" in output
