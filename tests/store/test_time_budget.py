"""The time budget the app shows after each write (netdash.store.time_budget) gives the
reference's shares (netdash.store.depth.time_budget) on any journal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.scoring import KIND_HOURS, DepthSettings
from netdash.store import depth as reference
from netdash.store import time_budget as fast
from netdash.store.db import memory_db
from netdash.store.depth import compute_depth, depth_standing
from netdash.store.journal import Logged, NewPerson, log_interaction
from netdash.store.people import add_person, delete_person, update_person
from netdash.store.time_budget import budget_of
from tests.conftest import TODAY
from tests.store.backfilled import add_backfilled, backfill_some

LOW = DepthSettings(min_score={"5": 8.0, "15": 4.0, "50": 1.0, "150": 0.0})
"""Low minimums, so a few entries put people in the inner layers."""
PINNED_ONLY = DepthSettings(min_score={"5": 100.0, "15": 100.0, "50": 1.0, "150": 0.0})
"""Nobody reaches the inner 5 or 15 by score: only the pinned are there."""


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
    if data.draw(st.booleans()):  # their sole entries go with them, shared ones lose them
        delete_person(db, data.draw(st.sampled_from(everyone)))
    if data.draw(st.booleans()):  # a typed entry naming nobody, as a hand-edited restore may
        on = TODAY - timedelta(days=data.draw(st.integers(0, 120)))
        db.execute(
            "INSERT INTO interactions(occurred_on, kind, initiated_by, depth, note, created_at)"
            " VALUES (?, ?, 'me', 2, '', ?)",
            [on.isoformat(), data.draw(st.sampled_from(sorted(KIND_HOURS))), TODAY.isoformat()],
        )
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
    # the entries' people looked up in entry order: sorted, then scanned
    assert plan.index("USE TEMP B-TREE FOR ORDER BY") < plan.index("SCAN w")
    db.close()


def test_the_inner_15s_entries_are_kept_to_the_window_before_any_row_is_read() -> None:
    """Their entries are found in their (person, entry) index and kept if the date index has
    them in the window: the table's rows are read for those alone, not for the thousands of
    entries a close friend has over the years (one page from disk each on a cold file)."""
    db = memory_db()
    plan = [
        row[3]
        for row in db.execute(
            "EXPLAIN QUERY PLAN " + fast.INNER_ENTRIES, ["2026-01-01", "2026-03-31", "[1, 2]"]
        ).fetchall()
    ]
    assert "SEARCH mine USING COVERING INDEX interaction_people_person (person_id=?)" in plan
    window = "SEARCH interactions USING COVERING INDEX interactions_occurred (occurred_on>?"
    assert any(step.startswith(window) for step in plan), plan
    # the rows are read by the kept ids, after both
    assert plan.index("SCAN t") > plan.index("MATERIALIZE theirs")
    assert "SEARCH i USING INTEGER PRIMARY KEY (rowid=?)" in plan
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


def _journal(db: Database, data: st.DataObject) -> list[int]:
    """A few people, some pinned in the inner layers, and entries over the last 120 days."""
    everyone = [add_person(db, f"P{index}") for index in range(data.draw(st.integers(1, 10)))]
    for person in everyone:
        layer = data.draw(st.sampled_from((None, None, 5, 15, 50)))
        if layer is not None:
            update_person(db, person, pinned_layer=layer)
    for _ in range(data.draw(st.integers(0, 20))):
        _log(db, data, everyone)
    return everyone


def _log(db: Database, data: st.DataObject, everyone: list[int]) -> Logged:
    people: list[int | NewPerson] = list(
        data.draw(st.lists(st.sampled_from(everyone), min_size=0, max_size=3, unique=True))
    )
    if not people or data.draw(st.booleans()):
        people.append(NewPerson(f"New {data.draw(st.integers(0, 10**6))}"))
    return log_interaction(
        db,
        people=people,
        occurred_on=TODAY - timedelta(days=data.draw(st.integers(0, 120))),
        today=TODAY,
        kind=data.draw(st.sampled_from(sorted(KIND_HOURS))),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_entries_logged_since_are_added_exactly_as_counting_them_again(
    data: st.DataObject,
) -> None:
    """The app's path after a log: the kept counts plus the entries logged since give the very
    floats a fresh count gives (not merely close), and the reference's shares."""
    db = memory_db()
    everyone = _journal(db, data)
    shown = depth_standing(db, TODAY, LOW)
    budget_of(db, shown, TODAY, None)
    assert shown.counted is not None
    for _ in range(data.draw(st.integers(1, 4))):
        logged = _log(db, data, everyone)
        shown.noted(logged.interaction_id, logged.revisions)
    now = depth_standing(db, TODAY, LOW, shown)
    kept = fast.added(db, now.depths, TODAY, shown.counted, list(shown.logged))
    fresh = fast.counted(db, now.depths, TODAY)
    assert fresh is not None
    if fast._inner(now.depths) == shown.counted.inner:  # else the inner hours are read again
        assert kept is not None
    if kept is not None:  # the added counts themselves, not only the budget the app ends with
        assert kept.budget() == fresh.budget() and kept.revision == fresh.revision
    budget = budget_of(db, now, TODAY, shown)
    assert budget == fresh.budget()
    assert now.counted is not None and now.counted.revision == fresh.revision
    assert not now.logged  # all added: none is added twice next time
    _close(budget, reference.time_budget(db, now.depths, TODAY))


def test_a_log_leaving_the_inner_15_as_they_were_is_added() -> None:
    """Ana and Bo pinned in the inner 5 and 15, and minimum scores no one else reaches: a
    call with Ana and a new person moves no one into or out of the inner 15, so the entry is
    added to the kept counts (not counted afresh), and the shares are a fresh count's: hours
    2 (in person, both) + 0.5 (the call) = 2.5; the inner 5's 2.5 of them; the inner 15's 2
    (Bo's lunch with Ana is the inner 5's entry too, counted once in each bucket it touches)."""
    db = memory_db()
    ana, bo = add_person(db, "Ana"), add_person(db, "Bo")
    update_person(db, ana, pinned_layer=5)
    update_person(db, bo, pinned_layer=15)
    log_interaction(db, people=[ana, bo], occurred_on=TODAY, today=TODAY, kind="in_person")
    shown = depth_standing(db, TODAY, PINNED_ONLY)
    budget_of(db, shown, TODAY, None)
    assert shown.counted is not None
    logged = log_interaction(
        db, people=[ana, NewPerson("Cy")], occurred_on=TODAY, today=TODAY, kind="call"
    )
    shown.noted(logged.interaction_id, logged.revisions)
    now = depth_standing(db, TODAY, PINNED_ONLY, shown)
    kept = fast.added(db, now.depths, TODAY, shown.counted, list(shown.logged))
    assert kept is not None
    fresh = fast.counted(db, now.depths, TODAY)
    assert fresh is not None and kept.budget() == fresh.budget()
    budget = budget_of(db, now, TODAY, shown)
    assert (budget.hours, budget.inner5, budget.next10) == (2.5, 1.0, 2.0 / 2.5)


@pytest.mark.parametrize("outside", ["another log", "an edit", "a deletion"])
def test_any_other_write_since_means_counting_again(outside: str) -> None:
    """A write the app was not told of between the kept counts and now leaves a gap in the
    revisions: the budget is counted afresh, never the logged entries added to stale counts."""
    db = memory_db()
    inner, other, gone = add_person(db, "Inner"), add_person(db, "Other"), add_person(db, "Gone")
    update_person(db, inner, pinned_layer=5)
    log_interaction(db, people=[gone, inner], occurred_on=TODAY, today=TODAY, kind="video")
    first = log_interaction(db, people=[inner], occurred_on=TODAY, today=TODAY, kind="call")
    shown = depth_standing(db, TODAY, LOW)
    budget_of(db, shown, TODAY, None)
    if outside == "another log":  # e.g. `netdash log` in another terminal
        log_interaction(db, people=[other], occurred_on=TODAY, today=TODAY, kind="in_person")
    elif outside == "an edit":
        db.execute(
            "UPDATE interactions SET kind = 'in_person' WHERE id = ?", [first.interaction_id]
        )
        db.conn.commit()
    else:
        delete_person(db, gone)
    logged = log_interaction(db, people=[other], occurred_on=TODAY, today=TODAY, kind="call")
    shown.noted(logged.interaction_id, logged.revisions)
    now = depth_standing(db, TODAY, LOW, shown)
    assert shown.counted is not None
    assert fast.added(db, now.depths, TODAY, shown.counted, list(shown.logged)) is None
    fresh = fast.counted(db, now.depths, TODAY)
    assert fresh is not None and budget_of(db, now, TODAY, shown) == fresh.budget()


def test_a_log_brackets_its_own_writes_in_revisions() -> None:
    """Logged.revisions: the revision before the log's transaction and after it, each bump in
    between its own (an entry with a new person: the person, the entry, the link)."""
    db = memory_db()
    logged = log_interaction(
        db, people=[NewPerson("Ann")], occurred_on=TODAY, today=TODAY, kind="call"
    )
    assert logged.revisions is not None
    before, after = logged.revisions
    assert after == db.execute("SELECT revision FROM journal_revision").fetchone()[0]
    assert after - before >= 3
