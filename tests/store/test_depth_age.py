"""A new day is stepped inside the cache (:mod:`netdash.store.depth_age`): the stored rows aged
and rescored by SQLite in place, Python seeing only who is read again, who had or has a layer
and the overdue. What every read then gives is what a full rescore gives on that day, and a
step that fails leaves the slot as it was."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain import depth_build
from netdash.domain.depth_sums import EPSILON
from netdash.domain.scoring import DepthSettings, layer_counts, reach_out_queue
from netdash.store import depth_age, depth_cache, depth_reads
from netdash.store.db import memory_db
from netdash.store.depth import cached_depth, refreshed_slot
from netdash.store.depth_cache import read_cache
from netdash.store.journal import log_interaction
from netdash.store.people import add_person, update_person
from tests.conftest import TODAY
from tests.store.test_depth_incremental import KINDS, LOW, people
from tests.store.test_depth_refresh_stored import cache_tables, narrowly
from tests.store.test_depth_step import meanwhile
from tests.store.test_depth_sums import reference


def journal(db: Database, size: int, data: st.DataObject) -> None:
    """``size`` people, some met long ago, some close, some with their own cadence or a snooze
    that ends within the days stepped, with entries up to two years old."""
    for index in range(size):
        pid = add_person(
            db,
            f"P{index}",
            closeness=data.draw(st.none() | st.integers(1, 5)),
            met_on=data.draw(st.none() | st.integers(0, 2000).map(lambda d: TODAY - timedelta(d))),
            cadence_days=data.draw(st.none() | st.sampled_from((1, 3, 30))),
        )
        if data.draw(st.booleans()):
            update_person(db, pid, snoozed_until=TODAY + timedelta(data.draw(st.integers(1, 5))))
    for _ in range(size * 3):
        log_interaction(
            db,
            people=data.draw(
                st.lists(st.sampled_from(people(db)), min_size=1, max_size=3, unique=True)
            ),
            occurred_on=TODAY - timedelta(days=data.draw(st.integers(0, 700))),
            today=TODAY,
            kind=data.draw(st.sampled_from(KINDS)),
            initiated_by=data.draw(st.sampled_from(("me", "them", "mutual"))),
            depth=data.draw(st.integers(1, 5)),
        )


def read_as_reference(db: Database, day: date, how: DepthSettings) -> None:
    """The one-shot reads on ``day`` (each stepping the slot if it has to) give what
    everyone's depth, scored afresh, gives; and the slot stored is that depth."""
    expected = reference(db, day, how)
    queue = reach_out_queue(expected)
    assert depth_reads.layers_and_overdue(db, day, how) == (layer_counts(expected), len(queue))
    assert depth_reads.overdue_depths(db, day, how) == queue
    for pid, depth in expected.items():
        assert depth_reads.person_depth(db, day, how, pid) == depth
    slot = refreshed_slot(db, day, how)
    assert slot is not None
    assert read_cache(db, day, slot) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(1, 14),
    steps=st.lists(
        st.tuples(
            st.sampled_from((1, 1, 2, 3, 30, 366, 0)),
            st.sampled_from(("none", "none", "none", "log", "write", "settings")),
            st.sampled_from(("stats", "reach-out", "show", "app")),
        ),
        min_size=1,
        max_size=8,
    ),
    data=st.data(),
)
def test_a_stepped_day_reads_as_a_full_rescore(
    size: int, steps: list[tuple[int, str, str]], data: st.DataObject
) -> None:
    """Random journals stepped by random days, with writes and new settings between, first
    read by a one-shot command or the app; every read then equals a fresh full rescore."""
    db = memory_db()
    journal(db, size, data)
    day, how = TODAY, LOW
    cached_depth(db, day, how)
    for step, between, first in steps:
        day += timedelta(days=step)
        how = meanwhile(db, data, between, day, how)
        if first == "app":
            assert cached_depth(db, day, how) == reference(db, day, how)
        elif first == "stats":
            depth_reads.layers_and_overdue(db, day, how)
        elif first == "reach-out":
            depth_reads.overdue_depths(db, day, how)
        else:
            depth_reads.person_depth(db, day, how, people(db)[0])
        read_as_reference(db, day, how)
    db.close()


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(size=st.integers(150, 170), days=st.sampled_from((1, 2, 40)), data=st.data())
def test_past_the_last_layer_a_day_later(size: int, days: int, data: st.DataObject) -> None:
    """More people than the layers hold, a few pinned, some with their own cadence: the
    layers are cut from the top of the ranking the step leaves in SQL, those who drop out of
    the last layer lose its cadence, and the overdue outside the layers get their urgency."""
    db = memory_db()
    for index in range(size):
        pid = add_person(
            db,
            f"P{index}",
            closeness=data.draw(st.none() | st.integers(1, 5)),
            cadence_days=data.draw(st.none() | st.integers(1, 40)),
        )
        if data.draw(st.integers(0, 30)) == 0:
            update_person(db, pid, pinned_layer=data.draw(st.sampled_from((5, 15, 50, 150))))
        log_interaction(
            db,
            people=[pid],
            occurred_on=TODAY - timedelta(days=data.draw(st.integers(0, 90))),
            today=TODAY,
            kind=data.draw(st.sampled_from(KINDS)),
        )
    cached_depth(db, TODAY, LOW)
    read_as_reference(db, TODAY + timedelta(days=days), LOW)
    db.close()


def calls(db: Database, size: int) -> None:
    """``size`` people, each with one call: the first today, the next a day before, and on."""
    for index in range(size):
        pid = add_person(db, f"P{index}")
        log_interaction(
            db, people=[pid], occurred_on=TODAY - timedelta(days=index), today=TODAY, kind="call"
        )


def spread(db: Database, size: int, cadence_days: int | None = None) -> None:
    """``size`` people whose scores spread from about 10 to 80: from one entry a year ago to
    twenty this month, at every closeness; each with ``cadence_days`` of their own."""
    for index in range(size):
        pid = add_person(db, f"P{index}", closeness=index % 5 + 1, cadence_days=cadence_days)
        for entry in range(index % 20 + 1):
            log_interaction(
                db,
                people=[pid],
                occurred_on=TODAY - timedelta(days=(index * 7 + entry * 3) % 365),
                today=TODAY,
                kind="call",
            )


def test_a_one_shot_new_day_scores_only_the_top_and_stores_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Of 400 people, a one-shot command's new day works out today's score of only those
    stored near or in the top 150 (a day moves a score by less than the band), reads no one's
    entries, writes nothing, and answers what a full rescore answers."""
    db = memory_db()
    spread(db, 400)
    cached_depth(db, TODAY, LOW)
    before = cache_tables(db)
    tomorrow = TODAY + timedelta(days=1)
    scored: list[float] = []
    real = depth_age._rounded  # SQLite calls it for each score worked out

    def counting(total: float) -> float:
        scored.append(total)
        return real(total)

    monkeypatch.setattr(depth_age, "_rounded", counting)
    gathered: list[int] = []
    monkeypatch.setattr(depth_cache, "components_of", lambda *args: gathered.append(1))
    with narrowly():
        counts, overdue = depth_reads.layers_and_overdue(db, tomorrow, LOW)
    assert 150 <= len(scored) < 250 and gathered == []
    assert cache_tables(db) == before
    monkeypatch.undo()
    expected = reference(db, tomorrow, LOW)
    assert (counts, overdue) == (layer_counts(expected), len(reach_out_queue(expected)))
    assert depth_reads.overdue_depths(db, tomorrow, LOW) == reach_out_queue(expected)
    assert cache_tables(db) == before
    db.close()


def test_a_stored_new_day_builds_no_ones_depth_but_the_layered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Of 400 people, the new day stored in place (the app's, or a write's) builds a depth
    only for the 150 who had or have a layer (their cadence may follow it), never reads the
    whole slot and reads no one's entries again."""
    db = memory_db()
    calls(db, 400)
    cached_depth(db, TODAY, LOW)
    built: list[int] = []
    real = depth_build.new_depth  # what depth_cache builds each stored depth with

    def counting(**fields: Any) -> object:
        built.append(1)
        return real(**fields)

    monkeypatch.setattr(depth_cache, "new_depth", counting)
    gathered: list[int] = []
    monkeypatch.setattr(depth_cache, "components_of", lambda *args: gathered.append(1))
    tomorrow = TODAY + timedelta(days=1)
    with narrowly():
        assert refreshed_slot(db, tomorrow, LOW) == 1
    assert 150 <= len(built) <= 152 and gathered == []
    monkeypatch.undo()
    assert read_cache(db, tomorrow) == reference(db, tomorrow, LOW)
    db.close()


def test_a_step_that_fails_leaves_the_slot_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    """The step is one write transaction: failing at its last statement, after every row was
    aged in place, leaves the rows, their key and the marks as they were."""
    db = memory_db()
    journal_people = [add_person(db, f"P{index}", closeness=3) for index in range(20)]
    for index, pid in enumerate(journal_people):
        log_interaction(
            db, people=[pid], occurred_on=TODAY - timedelta(days=index), today=TODAY, kind="call"
        )
    cached_depth(db, TODAY, LOW)
    update_person(db, journal_people[3], closeness=5)  # a mark, to be read again
    before = cache_tables(db)

    def failing(*_: object, **__: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(depth_age, "write_cache", failing)
    with pytest.raises(RuntimeError):
        depth_reads.layers_and_overdue(db, TODAY + timedelta(days=1), LOW)
    assert cache_tables(db) == before
    db.close()


def test_a_score_is_rounded_as_the_reference_rounds_it() -> None:
    """SQLite hands each total to Python's rounding (SQLite's rounds by printing); a total
    within EPSILON of a boundary is left to the reference way (-1)."""
    assert depth_age._rounded(41.54) == 41.5
    assert depth_age._rounded(41.5500011) == 41.6
    assert depth_age._rounded(0.0) == 0.0
    assert depth_age._rounded(100.0) == 100.0
    assert depth_age._rounded(41.55) == -1.0
    assert depth_age._rounded(41.55 - EPSILON / 2) == -1.0
