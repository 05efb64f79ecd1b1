"""A new day read by a one-shot command without storing it (:mod:`netdash.store.depth_day`):
no score moves in a day by more than :func:`drift`, so the layers cut from the rows stored
near the top are everyone's; every read equals a full rescore, and nothing is written."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.scoring import DepthSettings, layer_counts, reach_out_queue
from netdash.store import depth_day, depth_reads
from netdash.store.db import memory_db, open_db
from netdash.store.depth import cached_depth, refreshed_slot
from netdash.store.depth_day import day_view, drift
from netdash.store.depth_reads import current_slot
from netdash.store.depth_step import crossed
from netdash.store.journal import log_interaction
from netdash.store.people import add_person, update_person
from tests.conftest import TODAY
from tests.store.test_depth_age import calls, journal, spread
from tests.store.test_depth_incremental import KINDS, LOW, people
from tests.store.test_depth_refresh_stored import cache_tables
from tests.store.test_depth_sums import reference

DAYS = st.sampled_from((1, 1, 2, 3, 7))
"""Days on, up to a week (older scores are stepped and stored, not read)."""
AGES = st.sampled_from((*range(0, 40), 364, 365))
"""An entry's age: most this month or last, some a year old (leaving the window)."""


def any_settings(data: st.DataObject) -> DepthSettings:
    """Settings with any weights and half-lives, LOW's minimums."""
    names = ("recency", "frequency", "intimacy", "duration", "reciprocity", "favours")
    weights = {name: float(data.draw(st.integers(0, 40))) for name in names}
    return DepthSettings(
        weights={**weights, "community": 6.0, "outcomes": 6.0},
        recency_half_life_days=float(data.draw(st.integers(3, 400))),
        frequency_half_life_days=float(data.draw(st.integers(3, 400))),
        min_score=LOW.min_score,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(size=st.integers(1, 30), days=st.sampled_from((1, 2, 3, 7, 30, 200)), data=st.data())
def test_a_day_moves_no_score_further_than_the_drift(
    size: int, days: int, data: st.DataObject
) -> None:
    """Of everyone whose one-year counts of who started it hold, no score scored afresh
    ``days`` later is further from the day's score than ``drift``, whatever the settings."""
    db = memory_db()
    journal(db, size, data)
    how = any_settings(data)
    later = TODAY + timedelta(days=days)
    left, _ = crossed(db, TODAY, later)
    before, after = reference(db, TODAY, how), reference(db, later, how)
    bound = drift(how, days)
    for pid, depth in before.items():
        if pid not in left:
            assert abs(after[pid].score - depth.score) <= bound, (pid, depth, after[pid])
    db.close()


def dense(db: Database, size: int, data: st.DataObject) -> None:
    """``size`` people with one to four entries each, some a year old (who started them
    leaving the window), a few pinned: scores packed around the last layer."""
    for index in range(size):
        pid = add_person(db, f"P{index}", closeness=data.draw(st.none() | st.integers(1, 5)))
        if data.draw(st.integers(0, 40)) == 0:
            update_person(db, pid, pinned_layer=data.draw(st.sampled_from((5, 15, 50, 150))))
        for _ in range(data.draw(st.integers(1, 4))):
            log_interaction(
                db,
                people=[pid],
                occurred_on=TODAY - timedelta(days=data.draw(AGES)),
                today=TODAY,
                kind=data.draw(st.sampled_from(KINDS)),
                initiated_by=data.draw(st.sampled_from(("me", "them", "mutual"))),
            )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(size=st.integers(170, 260), days=DAYS, data=st.data())
def test_a_one_shot_new_day_reads_as_a_full_rescore_and_writes_nothing(
    size: int, days: int, data: st.DataObject
) -> None:
    """More people than the layers hold, their scores packed: the day read without storing
    it gives every layer count, the overdue and each person as a fresh full rescore; the
    cache is as it was; storing the day after gives the same."""
    db = memory_db()
    dense(db, size, data)
    cached_depth(db, TODAY, LOW)
    before = cache_tables(db)
    later = TODAY + timedelta(days=days)
    expected = reference(db, later, LOW)
    queue = reach_out_queue(expected)
    with pytest.MonkeyPatch.context() as patch:  # a band read in one go, or in several
        patch.setattr(depth_day, "TAKE_MORE", data.draw(st.sampled_from((1, 250))))
        view = day_view(db, later, LOW)
    assert view is not None
    assert depth_reads.layers_and_overdue(db, later, LOW) == (layer_counts(expected), len(queue))
    assert depth_reads.overdue_depths(db, later, LOW) == queue
    for pid in data.draw(st.lists(st.sampled_from(sorted(expected)), max_size=30)):
        assert depth_reads.person_depth(db, later, LOW, pid) == expected[pid]
    assert cache_tables(db) == before
    assert refreshed_slot(db, later, LOW) == 1
    assert cached_depth(db, later, LOW) == expected
    db.close()


def test_a_write_new_settings_or_a_week_are_stepped_and_stored_not_read() -> None:
    """The view is for a day with nothing else new, up to a week on: after a write, with
    other settings or later, the reads step the day in place and store it, as before."""
    db = memory_db()
    calls(db, 20)
    cached_depth(db, TODAY, LOW)
    later = TODAY + timedelta(days=1)
    assert day_view(db, TODAY, LOW) is None  # today's scores are stored
    assert day_view(db, TODAY + timedelta(days=8), LOW) is None  # stored over a week ago
    assert day_view(db, TODAY + timedelta(days=7), LOW) is not None
    assert day_view(db, later, DepthSettings()) is None
    update_person(db, people(db)[0], closeness=5)
    assert day_view(db, later, LOW) is None
    before = cache_tables(db)
    depth_reads.layers_and_overdue(db, later, LOW)
    assert cache_tables(db) != before
    assert (
        depth_reads.person_depth(db, later, LOW, people(db)[0])
        == reference(db, later, LOW)[people(db)[0]]
    )
    db.close()


def without_sums(which: str) -> Database:
    """400 spread people, scores stored today, and the rows ``which`` picks emptied of their
    sums, as a slot stored before m016 keeps them."""
    db = memory_db()
    spread(db, 400)
    cached_depth(db, TODAY, LOW)
    db.execute(f"UPDATE depth_cache SET entries = NULL, weighted = NULL WHERE {which}")
    return db


def test_a_row_without_sums_is_read_the_reference_way() -> None:
    """A row from before m016 (no sums) far below the top is scored from its entries when
    read, and the day is still not stored."""
    db = without_sums("person_id = (SELECT person_id FROM depth_cache ORDER BY score LIMIT 1)")
    lowest = db.execute("SELECT person_id FROM depth_cache WHERE entries IS NULL").fetchone()[0]
    before = cache_tables(db)
    later = TODAY + timedelta(days=1)
    expected = reference(db, later, LOW)
    assert day_view(db, later, LOW) is not None
    assert depth_reads.person_depth(db, later, LOW, lowest) == expected[lowest]
    assert depth_reads.layers_and_overdue(db, later, LOW)[0] == layer_counts(expected)
    assert cache_tables(db) == before
    db.close()


def test_a_top_without_sums_is_stepped_and_stored_not_read() -> None:
    """With rows from before m016 among the top, the day is not read but scored and stored,
    as before: the slot is rescored once, where reading it would score them from their
    entries each time, all week."""
    db = without_sums("1")
    later = TODAY + timedelta(days=1)
    expected = reference(db, later, LOW)
    assert day_view(db, later, LOW) is None
    for pid in people(db)[:20]:
        assert depth_reads.person_depth(db, later, LOW, pid) == expected[pid]
    assert current_slot(db, later, LOW) == 1  # stored
    db.close()


def test_a_day_stored_by_another_process_meanwhile_is_not_aged_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app stores the day between the view's look at the stored key and the reads made of
    it: the reads keep to the snapshot the view was read in, so no stored row is aged twice
    (the overdue count read the rows the app had just aged, and added the days again)."""
    path = tmp_path / "journal.db"
    app, command = open_db(path), open_db(path)
    spread(app, 400, cadence_days=30)  # many outside the top, whom the reads work out
    cached_depth(app, TODAY, LOW)
    later = TODAY + timedelta(days=3)
    expected = reference(app, later, LOW)
    read = depth_day._read

    def then_the_app_stores_the_day(*args: Any) -> object:
        view = read(*args)
        assert current_slot(app, later, LOW) is None
        cached_depth(app, later, LOW)
        assert current_slot(app, later, LOW) == 1
        return view

    monkeypatch.setattr(depth_day, "_read", then_the_app_stores_the_day)
    queue = reach_out_queue(expected)
    assert depth_reads.layers_and_overdue(command, later, LOW) == (
        layer_counts(expected),
        len(queue),
    )
    app.close()
    command.close()


def test_the_drift_of_a_frequency_all_but_gone_in_a_day_is_its_range() -> None:
    """A half-life of minutes makes the day's factor 0 in floating point: the frequency term
    moves by at most its range, not by a division by zero."""
    how = DepthSettings(frequency_half_life_days=0.005)
    assert drift(how, 2) == pytest.approx(drift(DepthSettings(frequency_half_life_days=1e-9), 2))
    assert drift(how, 2) < 100.0
