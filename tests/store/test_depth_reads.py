"""The narrow reads of the stored scores (`stats`, `reach-out`, `people show`) answer exactly
what everyone's depth answers, and read no one else's row when the scores are current."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlite_utils import Database

from netdash.domain.scoring import Depth, DepthSettings, layer_counts, reach_out_queue
from netdash.store import depth_reads
from netdash.store.depth import cached_depth, compute_depth
from netdash.store.depth_reads import (
    current_slot,
    layers_and_overdue,
    overdue_depths,
    person_depth,
)
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from tests.conftest import TODAY

LOW = DepthSettings(min_score={"5": 8.0, "15": 4.0, "50": 1.0, "150": 0.0})
"""Low minimums, so every layer has people and some of them are overdue."""


def journal(db: Database, seed: int = 7) -> list[int]:
    """40 people and 150 entries over two and a half years: layers filled, some overdue."""
    chance = random.Random(seed)
    everyone = [add_person(db, f"Person {number}") for number in range(40)]
    for _ in range(150):
        log_interaction(
            db,
            people=chance.sample(everyone, chance.randint(1, 2)),
            occurred_on=TODAY - timedelta(days=chance.randint(0, 900)),
            today=TODAY,
            kind=chance.choice(("in_person", "call", "message")),
            initiated_by=chance.choice(("me", "them", "mutual")),
            depth=chance.randint(1, 5),
        )
    return everyone


def reference(db: Database) -> dict[int, Depth]:
    """Everyone scored from scratch, without components as the cache keeps them."""
    return {pid: replace(d, components=()) for pid, d in compute_depth(db, TODAY, LOW).items()}


def check_against(db: Database, depths: dict[int, Depth]) -> None:
    assert layers_and_overdue(db, TODAY, LOW) == (
        layer_counts(depths),
        len(reach_out_queue(depths)),
    )
    assert overdue_depths(db, TODAY, LOW) == reach_out_queue(depths)
    for pid, depth in depths.items():
        assert person_depth(db, TODAY, LOW, pid) == depth


def test_current_scores_are_read_narrowly_and_give_everyone_s_answers(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal(db)
    depths = cached_depth(db, TODAY, LOW)  # stored for today
    assert current_slot(db, TODAY, LOW) is not None
    assert reach_out_queue(depths) and all(layer_counts(depths).values())  # a real test

    def everyone(*_: object) -> dict[int, Depth]:
        raise AssertionError("everyone's depth built though the scores were current")

    monkeypatch.setattr(depth_reads, "cached_depth", everyone)
    check_against(db, depths)
    with pytest.raises(KeyError):
        person_depth(db, TODAY, LOW, 10_000)


def test_after_a_write_the_scores_are_brought_up_to_date_first(db: Database) -> None:
    everyone = journal(db)
    cached_depth(db, TODAY, LOW)
    log_interaction(
        db,
        people=everyone[:2],
        occurred_on=TODAY - timedelta(days=400),
        today=TODAY,
        kind="call",
        initiated_by="me",
        depth=3,
    )
    assert current_slot(db, TODAY, LOW) is None
    check_against(db, reference(db))
    assert current_slot(db, TODAY, LOW) is not None  # stored by the first read


def test_a_new_day_and_other_settings_are_not_read_from_today_s_scores(db: Database) -> None:
    journal(db)
    cached_depth(db, TODAY, LOW)
    assert current_slot(db, TODAY + timedelta(days=1), LOW) is None
    assert current_slot(db, TODAY, DepthSettings()) is None
