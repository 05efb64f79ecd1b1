"""Everyone's depth as the app holds it (10,000 people on a large journal, read once the
dashboard is filled) is held lean, and read without holding all its rows at once: the settled
dashboard's peak memory was a third above its floor, most of it these."""

from __future__ import annotations

import dataclasses
import gc
import tracemalloc
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlite_utils import Database

from netdash.domain.depth_build import new_depth
from netdash.domain.scoring import Depth
from netdash.store.db import memory_db
from netdash.store.depth import cached_depth
from netdash.store.depth_cache import read_cache
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from tests.conftest import TODAY
from tests.store.test_depth_incremental import LOW


@pytest.fixture(name="scored")
def scored_fixture() -> Iterator[Database]:
    """400 people, each seen once in the last 40 days, one in ten due every 20 days (some
    overdue), their scores cached."""
    db = memory_db()
    for index in range(400):
        pid = add_person(db, f"P{index}", cadence_days=20 if index % 10 == 0 else None)
        day = TODAY - timedelta(days=index % 40)
        log_interaction(db, people=[pid], occurred_on=day, today=TODAY, kind="call")
    cached_depth(db, TODAY, LOW)
    yield db
    db.close()


def test_a_depth_has_no_instance_dict() -> None:
    """Slots, not a dict each: 3.7 MB of 10,000 people's depths."""
    fields = dataclasses.asdict(Depth(7, 41.5, (), 15, TODAY, 3, 30, "x", None, True, 0.8, 2.5))
    for depth in (new_depth(**fields), Depth(**fields)):
        assert not hasattr(depth, "__dict__")


def test_everyones_depth_is_read_row_by_row(scored: Database) -> None:
    """The read's peak stays near what it keeps: its rows fetched whole first (1.3 MB on
    10,000 people) nearly doubled it."""
    gc.collect()
    tracemalloc.start()
    try:
        depths = read_cache(scored, TODAY)
        _, peak = tracemalloc.get_traced_memory()
        gc.collect()  # the tuples' free list counts as held until it is emptied
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(depths) == 400
    assert peak < 1.3 * held, (peak, held)


def test_values_many_people_have_are_made_once(scored: Database) -> None:
    """Equal scores, hours and last-contact days are one object each, not one a person; so is
    the urgency of everyone not overdue."""
    depths = read_cache(scored, TODAY).values()
    for name in ("score", "hours", "last_contact"):
        values = [getattr(depth, name) for depth in depths]
        assert len({id(value) for value in values}) == len(set(values)) < 100, name
    assert any(depth.overdue for depth in depths)
    assert len({id(depth.urgency) for depth in depths if not depth.overdue}) == 1
