from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.store.community import add_contribution, add_goal
from netdash.store.journal import NewPerson
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person
from netdash.store.stats import summary
from tests.conftest import TODAY


def test_contributions_and_outcomes_fill_stats(db: Database) -> None:
    ana = add_person(db, "Ana")
    done = add_contribution(
        db,
        organisation="Food Bank",
        cause="food security",
        occurred_on=TODAY,
        today=TODAY,
        minutes=240,
        result=(Decimal(120), "meals served"),
        people=[ana, NewPerson("Bo")],
    )
    assert done.organisation_created and [p.name for p in done.created] == ["Bo"]
    again = add_contribution(
        db, organisation="food bank", occurred_on=TODAY, today=TODAY, money=(5_000, "EUR")
    )
    assert not again.organisation_created and again.organisation == "Food Bank"
    add_contribution(
        db, organisation="Shelter", occurred_on=TODAY, today=TODAY, money=(230_000, "USD")
    )
    add_outcome(
        db,
        title="Job at Contoso",
        occurred_on=TODAY,
        today=TODAY,
        kind="job",
        people=[(ana, "referred")],
        platforms=["mastodon"],
    )
    add_outcome(db, title="Talk", occurred_on=TODAY, today=TODAY, organisations=["Food Bank"])
    document = summary(db, TODAY)
    assert document["charity"] == {
        "hours": 4.0,
        "money": {"EUR": "50.00", "USD": "2300.00"},
        "contributions": 3,
    }
    assert document["outcomes"] == {"count": 2, "network": 1, "community": 1, "audience": 1}


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"minutes": -5}, "negative"),
        ({}, "say what you gave"),
        ({"minutes": 60, "organisation": "  "}, "organisation"),
        ({"minutes": 60, "occurred_on": TODAY + timedelta(days=1)}, "not happened"),
        ({"result": (Decimal(0), "meals")}, "positive quantity"),
    ],
)
def test_bad_contributions_write_nothing(
    db: Database, fields: dict[str, object], problem: str
) -> None:
    arguments: dict[str, object] = {
        "organisation": "Food Bank",
        "occurred_on": TODAY,
        "today": TODAY,
    }
    arguments.update(fields)
    with pytest.raises(InvalidInput, match=problem):
        add_contribution(db, **arguments)  # type: ignore[arg-type]
    assert db.execute("SELECT COUNT(*) FROM organisations").fetchone() == (0,)
    assert db.execute("SELECT COUNT(*) FROM contributions").fetchone() == (0,)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"title": " "}, "title"),
        ({"kind": "lottery"}, "kind"),
        ({"people": [(NewPerson("Cy"), "paid")]}, "role"),
        ({"platforms": ["not a platform"]}, "platform"),
    ],
)
def test_bad_outcomes_write_nothing(db: Database, fields: dict[str, object], problem: str) -> None:
    arguments: dict[str, object] = {"title": "Job", "occurred_on": TODAY, "today": TODAY}
    arguments.update(fields)
    with pytest.raises(InvalidInput, match=problem):
        add_outcome(db, **arguments)  # type: ignore[arg-type]
    for table in ("outcomes", "outcome_credits", "people"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,)


def test_year_numbers_count_only_that_year_and_keep_units_apart(db: Database) -> None:
    from datetime import date

    from netdash.store.stats import year_numbers

    ana = add_person(db, "Ana")
    add_contribution(
        db,
        organisation="Food Bank",
        occurred_on=TODAY,
        today=TODAY,
        minutes=90,
        result=(Decimal("120"), "meals served"),
    )
    add_contribution(
        db,
        organisation="Food Bank",
        occurred_on=TODAY,
        today=TODAY,
        result=(Decimal("30.5"), "meals served"),
        money=(1_000, "EUR"),
    )
    add_contribution(
        db,
        organisation="Trees",
        occurred_on=TODAY,
        today=TODAY,
        result=(Decimal("3"), "trees planted"),
        money=(500, "USD"),
    )
    add_contribution(
        db, organisation="Trees", occurred_on=date(2025, 5, 1), today=TODAY, minutes=600
    )
    add_outcome(
        db,
        title="Job",
        occurred_on=TODAY,
        today=TODAY,
        people=[(ana, "referred")],
        platforms=["github"],
    )
    add_outcome(db, title="Old", occurred_on=date(2025, 1, 1), today=TODAY, organisations=["Trees"])
    numbers = year_numbers(db, 2026)
    assert (numbers.outcomes, numbers.network, numbers.community, numbers.audience) == (1, 1, 0, 1)
    assert numbers.minutes == 90
    assert numbers.money == {"EUR": 1_000, "USD": 500}
    assert numbers.results == {"meals served": Decimal("150.5"), "trees planted": Decimal("3")}
    assert year_numbers(db, 2025).minutes == 600


def test_goal_progress_by_kind_and_organisation(db: Database) -> None:
    from netdash.store.community import add_goal, goal_progress

    add_contribution(
        db,
        organisation="Food Bank",
        occurred_on=TODAY,
        today=TODAY,
        minutes=90,
        result=(Decimal(120), "meals served"),
        money=(2_500, "USD"),
    )
    add_contribution(db, organisation="Trees", occurred_on=TODAY, today=TODAY, minutes=30)
    add_goal(db, 2026, hours=Decimal(10))
    add_goal(db, 2026, money=(10_000, "USD"))
    add_goal(db, 2026, result=(Decimal(480), "meals served"), organisation="Food Bank")
    add_goal(db, 2026, hours=Decimal(3), organisation="Trees")
    progress = {
        goal.label: (goal.done, round(goal.fraction, 3)) for goal in goal_progress(db, 2026)
    }
    assert progress == {
        "10 h": (Decimal(2), 0.2),
        "100 USD": (Decimal("25.00"), 0.25),
        "480 meals served at Food Bank": (Decimal(120), 0.25),
        "3 h at Trees": (Decimal("0.5"), 0.167),
    }
    assert goal_progress(db, 2025) == []


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"hours": Decimal(0)},
        {"hours": Decimal(5), "money": (100, "USD")},
        {"result": (Decimal(5), " ")},
    ],
)
def test_bad_goals_are_refused(db: Database, fields: dict[str, object]) -> None:
    from netdash.store.community import add_goal

    with pytest.raises(InvalidInput):
        add_goal(db, 2026, **fields)  # type: ignore[arg-type]
    assert db.execute("SELECT COUNT(*) FROM goals").fetchone() == (0,)


@pytest.mark.parametrize(
    ("goal", "message"),
    [
        ({"hours": Decimal("NaN")}, "hours must be a number, not NaN"),
        ({"hours": Decimal("sNaN")}, "hours must be a number, not sNaN"),
        ({"hours": Decimal("Infinity")}, "hours must be a number, not Infinity"),
        ({"hours": Decimal("1e400")}, "hours is 1E+400; 1,000,000,000,000 is the most"),
        ({"result": (Decimal("NaN"), "meals")}, "a result must be a number, not NaN"),
        ({"result": (Decimal("-Infinity"), "meals")}, "not -Infinity"),
    ],
)
def test_goals_are_finite_numbers(db: Database, goal: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        add_goal(db, 2026, **goal)  # type: ignore[arg-type]
    assert db.execute("SELECT COUNT(*) FROM goals").fetchone() == (0,)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"result": (Decimal("Infinity"), "meals")}, "a result must be a number"),
        ({"result": (Decimal(10**13), "meals")}, "a result is 10,000,000,000,000"),
        ({"minutes": 60, "occurred_on": date(1899, 12, 31)}, "1899-12-31 is before 1900"),
        ({"minutes": 60, "organisation": "F" * 201}, "organisation name is 201 characters"),
    ],
)
def test_contributions_refuse_what_cannot_be(
    db: Database, extra: dict[str, object], message: str
) -> None:
    fields: dict[str, object] = {"organisation": "Food Bank", "occurred_on": TODAY, **extra}
    with pytest.raises(InvalidInput, match=re.escape(message)):
        add_contribution(db, today=TODAY, **fields)  # type: ignore[arg-type]
    assert db.execute("SELECT COUNT(*) FROM organisations").fetchone() == (0,)


def test_an_outcome_credits_a_known_audience_only(db: Database) -> None:
    with pytest.raises(InvalidInput, match="'tiktok' is not a platform netdash knows"):
        add_outcome(db, title="Gig", occurred_on=TODAY, today=TODAY, platforms=["TikTok"])
    with pytest.raises(InvalidInput, match="1850-01-01 is before 1900"):
        add_outcome(db, title="Gig", occurred_on=date(1850, 1, 1), today=TODAY)
    assert db.execute("SELECT COUNT(*) FROM outcomes").fetchone() == (0,)
    db.execute("INSERT INTO accounts(platform, handle, created_at) VALUES ('tiktok', 'me', 'x')")
    assert add_outcome(db, title="Gig", occurred_on=TODAY, today=TODAY, platforms=["TikTok"])
    assert add_outcome(db, title="Talk", occurred_on=TODAY, today=TODAY, platforms=["github"])
