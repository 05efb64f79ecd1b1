"""An outcome credited to several kinds of source counts under each: the overlap is said."""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

from netdash.domain.scoring import DepthSettings
from netdash.review import year_review
from netdash.store.audience import record_follower_count
from netdash.store.journal import NewPerson
from netdash.store.outcomes import add_outcome
from netdash.store.stats import overlap_text, summary, year_numbers
from tests.conftest import TODAY


def three_outcomes(db: Database) -> None:
    """Job: Ann and Food Bank. Talk: Food Bank and the mastodon audience. Gig: Ann alone.
    Last year's outcome (Ann and Food Bank) is outside 2026."""
    record_follower_count(
        db,
        platform="mastodon",
        account="me",
        followers=10,
        at="2026-01-02T00:00:00Z",
        source="manual",
    )
    day = TODAY - timedelta(days=5)
    add_outcome(
        db,
        title="Job",
        occurred_on=day,
        today=TODAY,
        people=[(NewPerson("Ann"), "referred")],
        organisations=["Food Bank"],
    )
    add_outcome(
        db,
        title="Talk",
        occurred_on=day,
        today=TODAY,
        organisations=["Food Bank"],
        platforms=["mastodon"],
    )
    add_outcome(db, title="Gig", occurred_on=day, today=TODAY, people=[(1, "referred")])
    add_outcome(
        db,
        title="Old",
        occurred_on=date(2025, 6, 1),
        today=TODAY,
        people=[(1, "referred")],
        organisations=["Food Bank"],
    )


def test_overlapping_outcomes_are_counted_once_each(db: Database) -> None:
    three_outcomes(db)
    numbers = year_numbers(db, 2026)
    # 2026: 3 outcomes. people: Job, Gig = 2; community: Job, Talk = 2; audience: Talk = 1.
    # 2 + 2 + 1 = 5 = 3 + 2: Job (people + community) and Talk (community + audience) overlap.
    assert (numbers.outcomes, numbers.network, numbers.community, numbers.audience) == (3, 2, 2, 1)
    assert numbers.overlapping == 2
    assert year_numbers(db, 2025).overlapping == 1  # Old: Ann and Food Bank
    assert summary(db, TODAY)["this_year"]["outcomes"]["overlapping"] == 2
    assert overlap_text(2) == "2 outcomes came through more than one"
    assert overlap_text(1) == "1 outcome came through more than one"
    assert overlap_text(0) == ""


def test_the_review_says_the_overlap(db: Database) -> None:
    three_outcomes(db)
    text = year_review(db, 2026, TODAY, DepthSettings())
    assert (
        "- 3 outcomes: 2 through people you know, 2 through your community, 1 through your"
        " audience. (2 outcomes came through more than one.)"
    ) in text
    assert "came through more than one" not in year_review(db, 2024, TODAY, DepthSettings())


def test_no_overlap_no_words(db: Database) -> None:
    add_outcome(
        db, title="Gig", occurred_on=TODAY, today=TODAY, people=[(NewPerson("Ann"), "referred")]
    )
    assert year_numbers(db, 2026).overlapping == 0
    assert "more than one" not in year_review(db, 2026, TODAY, DepthSettings())
