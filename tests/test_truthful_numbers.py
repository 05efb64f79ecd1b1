"""Issue 12, defects 4 to 7: hours, time split, effect, the review, the empty journal.

Every expected number is worked out by hand in a comment, never read back from netdash.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlite_utils import Database

from netdash.domain.quantities import hours_text
from netdash.domain.scoring import DepthSettings
from netdash.review import year_review
from netdash.store.audience import record_follower_count
from netdash.store.community import add_contribution, organisation_summaries
from netdash.store.depth import compute_depth, time_budget
from netdash.store.journal import log_interaction
from netdash.store.people import add_person, update_person
from netdash.tui.screens.community import effectiveness_text
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (Decimal(510) / 60, "8.5 h"),  # 8 h 30 min: never "8 h"
        (Decimal(20) / 60, "0.33 h"),  # 1/3 h to two decimals
        (Decimal("2.5"), "2.5 h"),  # half up; round-half-to-even to whole hours would say 2
        (Decimal(1200), "1,200 h"),
        (0.75, "0.75 h"),
        (Decimal(0), "0 h"),
    ],
)
def test_one_hours_formatter(hours: Decimal | float, text: str) -> None:
    assert hours_text(hours) == text


def _pinned(db: Database, name: str, layer: int) -> int:
    person = add_person(db, name)
    update_person(db, person, pinned_layer=layer)
    return person


def _entry(db: Database, people: list[int], kind: str, days_ago: int = 1) -> None:
    day = TODAY - timedelta(days=days_ago)
    log_interaction(db, people=people, occurred_on=day, today=TODAY, kind=kind)


def test_an_entry_with_three_people_counts_its_time_once_per_layer(db: Database) -> None:
    a, b, c = (_pinned(db, name, 5) for name in "ABC")
    d = _pinned(db, "D", 15)
    e = _pinned(db, "E", 50)
    _entry(db, [a, b, c], "in_person")  # 2 h, all inner 5: 2 h there, not 6
    _entry(db, [a, d], "call")  # 0.5 h: once in the inner 5 and once in the next 10
    _entry(db, [e], "video")  # 0.75 h, outside the inner 15
    budget = time_budget(db, compute_depth(db, TODAY, DepthSettings()), TODAY)
    # Entries each once: 2 + 0.5 + 0.75 = 3.25 h.
    assert budget.hours == pytest.approx(3.25)
    assert budget.inner5 == pytest.approx((2 + 0.5) / 3.25)  # 77%, not 6.5 / 7.75
    assert budget.next10 == pytest.approx(0.5 / 3.25)
    assert budget.rest == pytest.approx(0.75 / 3.25)


def test_review_layers_include_the_ones_inside_them(db: Database) -> None:
    a = _pinned(db, "A", 5)
    d = _pinned(db, "D", 15)
    e = _pinned(db, "E", 50)
    _entry(db, [a], "in_person")  # 2 h: inner 5, 15, 50, 150
    _entry(db, [d], "call")  # 0.5 h: inner 15, 50, 150
    _entry(db, [e, d], "introduction")  # 0.25 h once: inner 15, 50, 150
    text = year_review(db, TODAY.year, TODAY, DepthSettings())
    # Total 2 + 0.5 + 0.25 = 2.75 h. Inner 5: 2 / 2.75 = 73%. Inner 15 (with the inner 5):
    # 2.75 / 2.75 = 100%, as `stats` counts the inner 15; so do the 50 and the 150.
    assert (
        "Time together, about 2.75 h: inner 5: 73%, inner 15: 100%, inner 50: 100%,"
        " inner 150: 100% (each layer includes the ones inside it), others 0%"
    ) in text


def test_review_met_for_the_first_time_uses_the_day_met(db: Database) -> None:
    year = TODAY.year
    # Met this spring, first logged last year (an old entry typed in later): met this year.
    spring = add_person(db, "Spring", met_on=date(year, 3, 1))
    log_interaction(db, people=[spring], occurred_on=date(year - 1, 6, 1), today=TODAY, kind="call")
    # Met years ago, first logged this year: not new this year.
    old = add_person(db, "Old Friend", met_on=date(year - 5, 1, 1))
    log_interaction(db, people=[old], occurred_on=date(year, 2, 1), today=TODAY, kind="call")
    # No day met, first logged this year: new this year.
    fresh = add_person(db, "Fresh")
    log_interaction(db, people=[fresh], occurred_on=date(year, 4, 1), today=TODAY, kind="call")
    # Day met this year, never logged: new this year.
    add_person(db, "Unlogged", met_on=date(year, 5, 1))
    text = year_review(db, year, TODAY, DepthSettings())
    assert "3 people met for the first time: Fresh, Spring, Unlogged." in text


def test_review_follower_change_from_the_first_point_of_the_year(db: Database) -> None:
    for followers, day in ((200, "2026-03-14"), (260, "2026-06-01"), (250, "2026-11-01")):
        record_follower_count(
            db,
            platform="mastodon",
            account="me@x.social",
            followers=followers,
            at=f"{day}T12:00:00Z",
            source="manual",
        )
    record_follower_count(
        db,
        platform="bluesky",
        account="me.bsky",
        followers=7,
        at="2026-10-01T12:00:00Z",
        source="manual",
    )
    text = year_review(db, 2026, TODAY, DepthSettings())
    # No count before 2026: the year's first (200 on 14 March) is the baseline, 250 - 200 = +50.
    assert "mastodon me@x.social: 250 followers (+50 since 2026-03-14)." in text
    # One count only: nothing to compare it with.
    assert "bluesky me.bsky: 7 followers." in text


def test_effect_counts_only_the_contributions_that_produced_it(db: Database) -> None:
    def give(**what: object) -> None:
        add_contribution(db, organisation="Shelter", occurred_on=TODAY, today=TODAY, **what)  # type: ignore[arg-type]

    give(minutes=240, result=(Decimal(120), "meals served"))  # 4 h -> 120 meals
    give(money=(5_000, "USD"), result=(Decimal(20), "beds funded"))  # $50 -> 20 beds
    give(money=(1_000, "EUR"))  # 10 EUR, no result
    give(minutes=120)  # 2 h, no result
    (shelter,) = organisation_summaries(db, TODAY.year)
    totals = shelter.this_year
    # Meals per hour over the 4 h that produced them: 120 / 4 = 30 (not 120 / 6 h = 20);
    # beds were bought with money, so no beds per hour.
    assert totals.per_hour() == (("meals served", Decimal(30)),)
    # Beds per USD: 20 / 50 = 0.4; no "meals per USD", and nothing per EUR (it had no result).
    assert totals.per_money() == (("beds funded", "USD", Decimal("0.4")),)
    assert totals.without_result == 2
    assert effectiveness_text(totals).plain == (
        "30 meals served per hour; 0.4 beds funded per USD; 2 of 4 contributions with no result"
    )
