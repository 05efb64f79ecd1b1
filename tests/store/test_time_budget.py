"""The time budget the app shows after each write (netdash.store.time_budget) gives the
reference's shares (netdash.store.depth.time_budget) on any journal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.domain.scoring import KIND_HOURS, DepthSettings
from netdash.store import depth as reference
from netdash.store import time_budget as fast
from netdash.store.db import memory_db
from netdash.store.depth import compute_depth
from netdash.store.journal import log_interaction
from netdash.store.people import add_person, delete_person, update_person
from tests.conftest import TODAY
from tests.store.backfilled import add_backfilled, backfill_some

LOW = DepthSettings(min_score={"5": 8.0, "15": 4.0, "50": 1.0, "150": 0.0})
"""Low minimums, so a few entries put people in the inner layers."""


def _close(a: reference.TimeBudget, b: reference.TimeBudget) -> None:
    """Equal but for the order floats were added in (kinds' hours such as 0.1 are inexact)."""
    assert a.hours == pytest.approx(b.hours, rel=1e-12, abs=1e-12)
    for share in ("inner5", "next10", "rest"):
        assert getattr(a, share) == pytest.approx(getattr(b, share), rel=1e-9, abs=1e-12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_budget_equals_the_reference_on_random_journals(data: st.DataObject) -> None:
    db = memory_db()
    count = data.draw(st.integers(1, 12))
    everyone = [add_person(db, f"P{index}") for index in range(count)]
    for person in everyone:
        layer = data.draw(st.sampled_from((None, None, 5, 15, 50, 150)))
        if layer is not None:
            update_person(db, person, pinned_layer=layer)
    for _ in range(data.draw(st.integers(0, 25))):
        log_interaction(
            db,
            people=data.draw(
                st.lists(st.sampled_from(everyone), min_size=1, max_size=4, unique=True)
            ),
            occurred_on=TODAY - timedelta(days=data.draw(st.integers(0, 120))),
            today=TODAY,
            kind=data.draw(st.sampled_from(sorted(KIND_HOURS))),
        )
    for _ in range(data.draw(st.integers(0, 8))):  # real durations, typed entries winning
        backfill_some(db, data)
    if data.draw(st.booleans()):  # its entries stay, some with nobody left on them
        delete_person(db, data.draw(st.sampled_from(everyone)))
    depths = compute_depth(db, TODAY, LOW)
    _close(fast.time_budget(db, depths, TODAY), reference.time_budget(db, depths, TODAY))


def test_an_entry_with_inner_and_outer_people_counts_in_both() -> None:
    db = memory_db()
    inner, outer = add_person(db, "Inner"), add_person(db, "Outer")
    update_person(db, inner, pinned_layer=5)
    update_person(db, outer, pinned_layer=150)
    log_interaction(db, people=[inner, outer], occurred_on=TODAY, today=TODAY, kind="call")
    log_interaction(db, people=[outer], occurred_on=TODAY, today=TODAY, kind="in_person")
    budget = fast.time_budget(db, compute_depth(db, TODAY, DepthSettings()), TODAY)
    # 0.5 h (both) + 2 h (outer alone) = 2.5 h; the call is inner 5 time and the rest's too
    assert budget == reference.TimeBudget(0.5 / 2.5, 0.0, 1.0, 2.5)


def test_the_window_is_counted_in_the_kind_index_without_reading_the_table() -> None:
    db = memory_db()
    plan = " ".join(
        row[3]
        for row in db.execute(
            "EXPLAIN QUERY PLAN " + fast.KINDS_IN_WINDOW, ["2026-01-01", "2026-03-31"]
        ).fetchall()
    )
    assert "COVERING INDEX interactions_kind_occurred (kind=? AND occurred_on>?" in plan
    assert "SCAN i" not in plan and "interactions_occurred" not in plan
    db.close()


def test_typed_entries_win_over_backfilled_ones_per_person() -> None:
    """A calendar event with Inner and Outer (90 min) on a day Inner had a typed call: the
    event is Outer's time only, the call Inner's: 0.5 h inner 5, 1.5 h the rest."""
    db = memory_db()
    inner, outer = add_person(db, "Inner"), add_person(db, "Outer")
    update_person(db, inner, pinned_layer=5)
    update_person(db, outer, pinned_layer=150)
    log_interaction(db, people=[inner], occurred_on=TODAY, today=TODAY, kind="call")
    add_backfilled(db, [inner, outer], TODAY, "event", 90)
    add_backfilled(db, [inner], TODAY, "in_person", 180)  # shadowed for its only person
    depths = compute_depth(db, TODAY, DepthSettings())
    want = reference.TimeBudget(0.5 / 2.0, 0.0, 1.5 / 2.0, 2.0)
    assert fast.time_budget(db, depths, TODAY) == want
    assert reference.time_budget(db, depths, TODAY) == want
