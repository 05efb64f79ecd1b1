"""The depth model, each component checked against numbers worked out by hand."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.scoring import Depth, DepthSettings, layer_counts, reach_out_queue
from netdash.store.db import memory_db
from netdash.store.depth import compute_depth
from netdash.store.journal import log_interaction
from netdash.store.people import add_person, update_person
from tests.conftest import TODAY

SETTINGS = DepthSettings()
RANK_ONLY = DepthSettings(min_score={"5": 0, "15": 0, "50": 0, "150": 0})
"""No minimum score per layer: the ranking alone, as layers were before minimums."""


def log(db: Database, person: int, days_ago: int, kind: str = "in_person", **extra: object) -> int:
    return log_interaction(
        db,
        people=[person],
        occurred_on=TODAY - timedelta(days=days_ago),
        today=TODAY,
        kind=kind,
        **extra,  # type: ignore[arg-type]
    ).interaction_id


def components(db: Database, person: int) -> dict[str, float]:
    depth = compute_depth(db, TODAY, SETTINGS, with_rows=True)[person]
    return {part.name: part.value for part in depth.components}


def test_each_component_by_hand(db: Database) -> None:
    ada = add_person(db, "Ada", met_on=TODAY - timedelta(days=730), closeness=5)
    log(db, ada, 30, depth=5)  # in person, started by me
    log(db, ada, 210, "call", initiated_by="them", depth=3)
    log(db, ada, 400, "helped_me", initiated_by="them", depth=1)
    values = components(db, ada)
    # recency: last contact 30 days ago, halving every 30 days -> 0.5
    assert values["recency"] == pytest.approx(0.5)
    # frequency: 1.0*0.5^(30/180) + 0.8*0.5^(210/180) + 1.0*0.5^(400/180), saturated at 5
    weighted = 0.5 ** (30 / 180) + 0.8 * 0.5 ** (210 / 180) + 0.5 ** (400 / 180)
    assert values["frequency"] == pytest.approx(1 - math.exp(-weighted / 5))
    # intimacy: half closeness (5 -> 1.0), half decay-weighted depth
    decays = [0.5 ** (30 / 180), 0.5 ** (210 / 180), 0.5 ** (400 / 180)]
    depth_part = (1.0 * decays[0] + 0.5 * decays[1] + 0.0 * decays[2]) / sum(decays)
    assert values["intimacy"] == pytest.approx(0.5 + 0.5 * depth_part)
    # duration: met 730 days ago = 1.9986 years, 1 - e^(-years/3)
    assert values["duration"] == pytest.approx(1 - math.exp(-(730 / 365.25) / 3))
    # reciprocity, last year only: I started 1, they started 1 -> perfectly balanced
    assert values["reciprocity"] == pytest.approx(1.0)
    # favours: 0 given, 1 received: min(1, 1/6) * (0.5 + 0.5 * 0)
    assert values["favours"] == pytest.approx(1 / 12)
    assert values["community"] == 0.0 and values["outcomes"] == 0.0


def test_score_is_the_weighted_mean(db: Database) -> None:
    ada = add_person(db, "Ada")
    log(db, ada, 0)
    depth = compute_depth(db, TODAY, SETTINGS)[ada]
    total = sum(SETTINGS.weights.values())
    expected = sum(part.value * SETTINGS.weights[part.name] for part in depth.components)
    assert depth.score == pytest.approx(round(100 * expected / total, 1))
    assert sum(depth.points_of(part) for part in depth.components) == pytest.approx(
        depth.score, abs=0.1
    )


def test_nobody_logged_scores_zero_and_sits_in_no_layer(db: Database) -> None:
    cy = add_person(db, "Cy")
    depth = compute_depth(db, TODAY, SETTINGS)[cy]
    assert depth.score == 0 and depth.layer is None and not depth.overdue


def test_layers_rank_by_score_and_pins_win(db: Database) -> None:
    people = [add_person(db, f"P{i}") for i in range(20)]
    for rank, person in enumerate(people):
        for days in range(0, 200, 10 + rank * 5):
            log(db, person, days)
    depths = compute_depth(db, TODAY, RANK_ONLY)
    assert [depths[p].layer for p in people[:5]] == [5] * 5
    assert {depths[p].layer for p in people[5:15]} == {15}
    assert layer_counts(depths) == {"5": 5, "15": 15, "50": 20, "150": 20}
    update_person(db, people[19], pinned_layer=5)
    depths = compute_depth(db, TODAY, RANK_ONLY)
    assert depths[people[19]].layer == 5
    assert sum(1 for d in depths.values() if d.layer == 5) == 5  # pinned took a place


def test_a_close_friend_is_inner_5_and_eleven_acquaintances_seen_once_are_not(
    db: Database,
) -> None:
    ana = add_person(db, "Ana", closeness=5)
    for week in range(52):  # weekly, in person, depth 4, both arranging it
        log(db, ana, 7 * week, depth=4, initiated_by="mutual")
    others = [add_person(db, f"Acquaintance {i}") for i in range(11)]
    for days_ago, person in enumerate(others):
        log(db, person, days_ago)  # once, in person, with the defaults: depth 2, I started it
    # Ana: recency 1 -> 20; frequency 1 - e^(-S/5) with S = sum of 0.5^(7k/180), k < 52;
    # intimacy 0.5 * 1 + 0.5 * 0.75 -> 17.5; duration 357 days -> 1 - e^(-(357/365.25)/3);
    # reciprocity 1 -> 10; no favours, community or outcomes.
    weighted = sum(0.5 ** (7 * k / 180) for k in range(52))  # 28.3
    ana_score = (
        20
        + 20 * (1 - math.exp(-weighted / 5))
        + 17.5
        + 10 * (1 - math.exp(-(357 / 365.25) / 3))
        + 10
    )  # 70.2: above the inner 5's 55
    # Someone seen once, d days ago: recency 20 * 0.5^(d/30), frequency
    # 20 * (1 - e^(-0.5^(d/180)/5)), intimacy 5 (depth 2 -> 0.25), duration
    # 10 * (1 - e^(-(d/365.25)/3)); at most 28.6 (d = 0), at least 24.4 (d = 10): between the
    # 50's 15 and the 15's 35.
    once = [
        20 * 0.5 ** (d / 30)
        + 20 * (1 - math.exp(-(0.5 ** (d / 180)) / 5))
        + 5
        + 10 * (1 - math.exp(-(d / 365.25) / 3))
        for d in range(11)
    ]
    assert min(once) > 24.4 and max(once) < 28.7
    depths = compute_depth(db, TODAY, SETTINGS)
    assert depths[ana].score == pytest.approx(ana_score, abs=0.06)
    assert [depths[p].score for p in others] == [pytest.approx(s, abs=0.06) for s in once]
    assert depths[ana].layer == 5 and depths[ana].cadence_days == 7
    assert [depths[p].layer for p in others] == [50] * 11
    assert {depths[p].cadence_days for p in others} == {90}
    assert layer_counts(depths) == {"5": 1, "15": 1, "50": 12, "150": 12}
    assert reach_out_queue(depths) == []  # nobody overdue in week one
    # By rank alone (the old rule) Ana and four of them filled the inner 5 with a 7-day cadence.
    assert layer_counts(compute_depth(db, TODAY, RANK_ONLY)) == {
        "5": 5,
        "15": 12,
        "50": 12,
        "150": 12,
    }


def test_the_deepest_single_interaction_stays_out_of_the_inner_5(db: Database) -> None:
    bo = add_person(db, "Bo")
    log(db, bo, 0, "helped_them", depth=5, initiated_by="mutual")
    # recency 20 + frequency 20 * (1 - e^(-1/5)) = 3.63 + intimacy 20 + duration 0
    # + reciprocity 10 + favours 8 * min(1, 1/6) * (0.5 + 0.5 * 0) = 0.67 -> 54.3 < 55
    expected = 20 + 20 * (1 - math.exp(-1 / 5)) + 20 + 10 + 8 / 12
    depth = compute_depth(db, TODAY, SETTINGS)[bo]
    assert depth.score == pytest.approx(expected, abs=0.06) and depth.score < 55
    assert depth.layer == 15


def test_a_minimum_from_the_config_moves_people_out(db: Database) -> None:
    bo = add_person(db, "Bo")
    log(db, bo, 0)  # 28.6, as above
    strict = DepthSettings(min_score={"5": 55, "15": 35, "50": 30, "150": 0})
    assert compute_depth(db, TODAY, strict)[bo].layer == 150
    nobody = DepthSettings(min_score={"5": 55, "15": 35, "50": 30, "150": 29})
    assert compute_depth(db, TODAY, nobody)[bo].layer is None


def test_urgency_is_how_late_times_half_plus_the_score(db: Database) -> None:
    bo = add_person(db, "Bo", cadence_days=14)
    log(db, bo, 20)  # in person, depth 2, I started it
    # score: recency 20 * 0.5^(20/30) + frequency 20 * (1 - e^(-0.5^(20/180)/5)) + intimacy 5
    # + duration 10 * (1 - e^(-(20/365.25)/3)) = 12.60 + 3.38 + 5 + 0.18 = 21.2
    score = (
        20 * 0.5 ** (20 / 30)
        + 20 * (1 - math.exp(-(0.5 ** (20 / 180)) / 5))
        + 5
        + 10 * (1 - math.exp(-(20 / 365.25) / 3))
    )
    depth = compute_depth(db, TODAY, SETTINGS)[bo]
    # urgency (README): (days since / cadence) * (0.5 + score / 100) = (20/14) * 0.712 = 1.017
    assert depth.urgency == pytest.approx((20 / 14) * (0.5 + round(score, 1) / 100), abs=0.001)
    assert depth.overdue_text == "6 days past a 14-day cadence"  # 20 - 14


def test_overdue_by_cadence_and_snooze(db: Database) -> None:
    bo = add_person(db, "Bo", cadence_days=14)
    log(db, bo, 20)
    depth = compute_depth(db, TODAY, SETTINGS)[bo]
    assert depth.overdue and depth.cadence_days == 14 and depth.cadence_source == "set for them"
    assert [d.person_id for d in reach_out_queue(compute_depth(db, TODAY, SETTINGS))] == [bo]
    update_person(db, bo, snoozed_until=TODAY + timedelta(days=3))
    assert not compute_depth(db, TODAY, SETTINGS)[bo].overdue
    later = TODAY + timedelta(days=4)
    assert compute_depth(db, later, SETTINGS)[bo].overdue  # the snooze has run out
    log(db, bo, 0)  # logging resets the clock
    assert not compute_depth(db, TODAY, SETTINGS)[bo].overdue


def test_deterministic(db: Database) -> None:
    ada = add_person(db, "Ada")
    for days in (1, 5, 40):
        log(db, ada, days)
    assert compute_depth(db, TODAY, SETTINGS) == compute_depth(db, TODAY, SETTINGS)


ages = st.lists(st.integers(0, 1500), min_size=1, max_size=15)


@settings(max_examples=50, deadline=None)
@given(ages, st.integers(0, 1500))
def test_a_newer_interaction_never_lowers_recency(history: list[int], newer: int) -> None:
    db = memory_db()
    ada = add_person(db, "Ada")
    for age in history:
        log(db, ada, age)
    before = components(db, ada)["recency"]
    log(db, ada, min(newer, min(history)))
    assert components(db, ada)["recency"] >= before
    db.close()


@settings(max_examples=50, deadline=None)
@given(ages, st.integers(0, 1500), st.sampled_from(["in_person", "message", "call", "event"]))
def test_adding_an_interaction_never_lowers_frequency(
    history: list[int], extra: int, kind: str
) -> None:
    db = memory_db()
    ada = add_person(db, "Ada")
    for age in history:
        log(db, ada, age)
    before = components(db, ada)["frequency"]
    log(db, ada, extra, kind)
    assert components(db, ada)["frequency"] >= before
    db.close()


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 60), st.integers(0, 90))
def test_snoozing_removes_from_the_queue_until_the_date(snooze: int, check_after: int) -> None:
    db = memory_db()
    bo = add_person(db, "Bo", cadence_days=7)
    log(db, bo, 30)
    update_person(db, bo, snoozed_until=TODAY + timedelta(days=snooze))
    day = TODAY + timedelta(days=check_after)
    queued = any(d.person_id == bo for d in reach_out_queue(compute_depth(db, day, SETTINGS)))
    assert queued == (check_after >= snooze)
    db.close()


def test_the_cache_serves_what_a_rescore_would_and_never_a_stale_score(db: Database) -> None:
    from netdash.store.depth import cached_depth

    ada, bo = add_person(db, "Ada"), add_person(db, "Bo", cadence_days=3)
    log(db, ada, 2)
    log(db, bo, 10)

    def essentials(depths: Mapping[int, Depth]) -> dict[int, tuple[object, ...]]:
        return {
            pid: (d.score, d.layer, d.overdue, d.cadence_days, d.days_since, d.urgency)
            for pid, d in depths.items()
        }

    fresh = essentials(compute_depth(db, TODAY, SETTINGS))
    assert essentials(cached_depth(db, TODAY, SETTINGS)) == fresh  # a miss, then stored
    assert db.execute("SELECT COUNT(*) FROM depth_cache").fetchone() == (2,)
    assert essentials(cached_depth(db, TODAY, SETTINGS)) == fresh  # a hit
    log(db, bo, 0)  # a write bumps the revision: the cache is not used
    assert not cached_depth(db, TODAY, SETTINGS)[bo].overdue
    tomorrow = TODAY + timedelta(days=1)
    assert essentials(cached_depth(db, tomorrow, SETTINGS)) == essentials(
        compute_depth(db, tomorrow, SETTINGS)
    )
    heavier = DepthSettings(weights={**SETTINGS.weights, "recency": 90.0})
    assert (
        cached_depth(db, TODAY, heavier)[ada].score == compute_depth(db, TODAY, heavier)[ada].score
    )
