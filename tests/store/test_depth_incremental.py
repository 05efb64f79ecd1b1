"""After a write the depth cache rescores only the people it touched, and gives exactly what a
full rescore gives."""

from __future__ import annotations

import contextlib
from collections.abc import Collection
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.depth_sums import Totals
from netdash.domain.errors import NotFound
from netdash.domain.scoring import Depth, DepthSettings, Rows
from netdash.store import depth as depth_module
from netdash.store import depth_cache as depth_cache_module
from netdash.store.community import add_contribution
from netdash.store.db import memory_db
from netdash.store.depth import cached_depth, compute_depth, depth_standing
from netdash.store.depth_cache import Standing, read_cache
from netdash.store.depth_sums import score_all
from netdash.store.duplicates import merge_people
from netdash.store.journal import delete_interaction, log_interaction, update_interaction
from netdash.store.people import add_person, delete_person, update_person
from netdash.store.trash import CannotUndo, undo
from netdash.store.vouches import add_vouch
from tests.conftest import TODAY
from tests.store.backfilled import backfill_some

LOW = DepthSettings(min_score={"5": 8.0, "15": 4.0, "50": 1.0, "150": 0.0})
"""Low minimums, so a dozen people fill the inner layers and ranks move with every write."""

KINDS = ("in_person", "call", "message", "helped_them", "helped_me", "introduction")


def bare(depths: dict[int, Depth]) -> dict[int, Depth]:
    """Without components: the cache keeps the totals only."""
    return {pid: replace(depth, components=()) for pid, depth in depths.items()}


def full(db: Database) -> dict[int, Depth]:
    return bare(compute_depth(db, TODAY, LOW))


def cached(db: Database) -> dict[int, Depth]:
    return bare(cached_depth(db, TODAY, LOW))


def people(db: Database) -> list[int]:
    return [row[0] for row in db.execute("SELECT id FROM people ORDER BY id").fetchall()]


def entries(db: Database) -> list[int]:
    return [row[0] for row in db.execute("SELECT id FROM interactions ORDER BY id").fetchall()]


def _log(db: Database, data: st.DataObject, everyone: list[int]) -> None:
    who = data.draw(st.lists(st.sampled_from(everyone), min_size=1, max_size=3, unique=True))
    log_interaction(
        db,
        people=who,
        occurred_on=TODAY - timedelta(days=data.draw(st.integers(0, 900))),
        today=TODAY,
        kind=data.draw(st.sampled_from(KINDS)),
        initiated_by=data.draw(st.sampled_from(("me", "them", "mutual"))),
        depth=data.draw(st.integers(1, 5)),
    )


def _edit(db: Database, data: st.DataObject, everyone: list[int]) -> None:
    entry = data.draw(st.sampled_from(entries(db)))
    update_interaction(
        db,
        entry,
        people=data.draw(st.lists(st.sampled_from(everyone), min_size=1, max_size=3, unique=True)),
        occurred_on=TODAY - timedelta(days=data.draw(st.integers(0, 900))),
        today=TODAY,
        kind=data.draw(st.sampled_from(KINDS)),
        initiated_by="them",
        depth=data.draw(st.integers(1, 5)),
        note="",
        tags=(),
    )


def write(db: Database, data: st.DataObject, action: str) -> None:
    """One write of the kind named, on people and entries drawn from the journal."""
    everyone = people(db)
    one = data.draw(st.sampled_from(everyone)) if everyone else None
    if action == "add" or one is None:
        add_person(db, f"P{len(everyone)}", closeness=data.draw(st.none() | st.integers(1, 5)))
    elif action == "log":
        _log(db, data, everyone)
    elif action == "edit" and entries(db):
        _edit(db, data, everyone)
    elif action == "delete entry" and entries(db):
        delete_interaction(db, data.draw(st.sampled_from(entries(db))))
    elif action == "delete person":
        delete_person(db, one)
    elif action == "merge" and len(everyone) > 1:
        other = data.draw(st.sampled_from([pid for pid in everyone if pid != one]))
        merge_people(db, one, other)
    elif action == "vouch":
        add_vouch(db, one, direction="given", topic="python", occurred_on=TODAY)
    elif action == "snooze":
        update_person(db, one, snoozed_until=TODAY + timedelta(days=data.draw(st.integers(0, 9))))
    elif action == "person":
        update_person(db, one, closeness=data.draw(st.none() | st.integers(1, 5)), cadence_days=3)
    elif action == "limit":  # the same ideal: often only the maximum changes
        most = data.draw(st.none() | st.integers(5, 60))
        update_person(db, one, cadence_days=5, cadence_max_days=most)
    elif action == "pin":
        update_person(db, one, pinned_layer=data.draw(st.none() | st.sampled_from((5, 15))))
    elif action == "backfill":
        backfill_some(db, data)
    elif action == "contribution":
        add_contribution(
            db, organisation="PSF", occurred_on=TODAY, today=TODAY, minutes=30, people=[one]
        )
    elif action == "undo":
        with contextlib.suppress(NotFound, CannotUndo):  # nothing to undo, or moved on
            undo(db)


ACTIONS = (
    *("add", "log", "log", "log", "edit", "delete entry", "delete person", "merge", "vouch"),
    *("snooze", "person", "limit", "pin", "contribution", "undo", "undo", "backfill"),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(1, 14),
    actions=st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=12),
    data=st.data(),
)
def test_after_every_write_the_cache_equals_a_full_rescore(
    size: int, actions: list[str], data: st.DataObject
) -> None:
    db = memory_db()
    for index in range(size):
        add_person(db, f"P{index}")
    for _ in range(size * 2):
        write(db, data, "log")
    assert cached(db) == full(db)  # the first read rescores everyone
    for action in actions:
        write(db, data, action)
        assert cached(db) == full(db), action
        assert db.execute("SELECT COUNT(*) FROM depth_dirty").fetchone() == (0,)
        assert read_cache(db, TODAY) == full(db), f"stored after {action}"
    # by index, each person's rows come in the order of the pass over everyone: float sums
    # (hours, decayed weights) are only equal to the last digit when added in the same order
    by_index = depth_module._gather(db, TODAY, people(db))
    assert {pid: rows.entries for pid, rows in by_index.items()} == {
        pid: rows.entries for pid, rows in depth_module._gather(db, TODAY).items()
    }
    db.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(1, 14),
    actions=st.lists(st.tuples(st.sampled_from(ACTIONS), st.booleans()), min_size=1, max_size=12),
    data=st.data(),
)
def test_the_apps_kept_scores_re_ranked_in_memory_equal_a_full_rescore(
    size: int, actions: list[tuple[str, bool]], data: st.DataObject
) -> None:
    """The app keeps the :class:`Standing` it shows and hands it to the next read: after a
    write the marked people are rescored and the layers re-ranked from it, never from the
    cache's 10,000 rows, and the result is the full rescore's. A read by another process
    between (the shell's ``netdash reach-out``) stores a newer key: the kept one is then
    not what the cache holds, and is not built on."""
    db = memory_db()
    for index in range(size):
        add_person(db, f"P{index}")
    for _ in range(size * 2):
        write(db, data, "log")
    reads: list[int] = []
    real = depth_cache_module.read_cache

    def counted(db: Database, today: date, slot: int = 1) -> dict[int, Depth]:
        reads.append(slot)
        return real(db, today, slot)

    known: Standing = depth_standing(db, TODAY, LOW)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(depth_cache_module, "read_cache", counted)
        patch.setattr(depth_module, "read_cache", counted)
        for action, elsewhere in actions:
            write(db, data, action)
            if elsewhere:
                cached_depth(db, TODAY, LOW)  # another process brings the cache up to date
            reads.clear()
            after = depth_standing(db, TODAY, LOW, known)
            assert bare(after.depths) == full(db), action
            assert read_cache(db, TODAY) == full(db), f"stored after {action}"
            assert elsewhere or reads == [], action  # else the kept scores may be stale
            assert after.layers() == Standing(after.key, after.depths).layers()
            assert after.ranking() == Standing(after.key, after.depths).ranking()
            known = after
    assert depth_standing(db, TODAY, LOW, known) is known  # nothing changed: nothing read
    db.close()


@pytest.fixture(name="gathered")
def gathered_fixture(monkeypatch: pytest.MonkeyPatch) -> list[int | str]:
    """Whom each rescore gathered rows for: "all" in one pass, or how many people by index."""
    counts: list[int | str] = []
    real = depth_module._gather

    def counting(db: Database, today: date, ids: Collection[int] | None = None) -> dict[int, Rows]:
        rows = real(db, today, ids)
        counts.append("all" if ids is None else len(rows))
        return rows

    def everyone(
        db: Database, today: date, settings: DepthSettings
    ) -> tuple[dict[int, Depth], dict[int, Totals]]:
        counts.append("all")
        return score_all(db, today, settings)

    monkeypatch.setattr(depth_module, "_gather", counting)
    monkeypatch.setattr(depth_module, "score_all", everyone)
    return counts


def test_a_write_touching_one_person_rescores_that_person(
    db: Database, gathered: list[int | str]
) -> None:
    everyone = [add_person(db, f"P{index}") for index in range(40)]
    for index, pid in enumerate(everyone):
        log_interaction(
            db, people=[pid], occurred_on=TODAY - timedelta(days=index), today=TODAY, kind="call"
        )
    cached_depth(db, TODAY, LOW)
    assert gathered == ["all"]  # the first read
    log_interaction(db, people=[everyone[-1]], occurred_on=TODAY, today=TODAY, kind="in_person")
    after = cached(db)
    assert gathered == ["all", 1]
    assert after == full(db)
    gathered.clear()
    update_person(db, everyone[3], name="Renamed")  # a column the model does not read
    assert cached(db) == after
    assert gathered == [0]


def test_a_new_day_or_new_settings_age_the_stored_sums(
    db: Database, gathered: list[int | str]
) -> None:
    for index in range(3):
        add_person(db, f"P{index}")
    cached_depth(db, TODAY, LOW)
    cached_depth(db, TODAY + timedelta(days=1), LOW)
    cached_depth(db, TODAY + timedelta(days=1), DepthSettings())
    assert gathered == ["all", 0, 0]  # no one read again: nobody has entries to cross
    cached_depth(db, TODAY + timedelta(days=2), DepthSettings(frequency_half_life_days=90.0))
    cached_depth(db, TODAY, DepthSettings(frequency_half_life_days=90.0))  # an earlier day
    assert gathered == ["all", 0, 0, "all", "all"]


def test_many_people_marked_rescore_everyone_in_one_pass(
    db: Database, gathered: list[int | str]
) -> None:
    everyone = [add_person(db, f"P{index}") for index in range(40)]
    cached_depth(db, TODAY, LOW)
    log_interaction(db, people=everyone[:30], occurred_on=TODAY, today=TODAY, kind="event")
    after = cached(db)
    assert gathered == ["all", "all"]
    assert after == full(db)


def test_an_upgraded_journal_rescores_everyone_once(
    db: Database, gathered: list[int | str]
) -> None:
    """m010 marks everyone: the cache a journal kept from before cannot say whom writes since
    touched."""
    for index in range(40):
        add_person(db, f"P{index}")
    cached_depth(db, TODAY, LOW)
    db.execute("INSERT INTO depth_dirty SELECT id FROM people")  # as the migration leaves it
    db.execute("UPDATE journal_revision SET revision = revision + 1")
    cached_depth(db, TODAY, LOW)
    assert gathered == ["all", "all"]


def test_a_review_day_and_today_keep_their_own_slots(
    db: Database, gathered: list[int | str]
) -> None:
    everyone = [add_person(db, f"P{index}") for index in range(6)]
    for index, pid in enumerate(everyone):
        log_interaction(
            db,
            people=[pid],
            occurred_on=TODAY - timedelta(days=90 * index),
            today=TODAY,
            kind="call",
        )
    review = date(TODAY.year - 1, 12, 31)

    def references() -> tuple[dict[int, Depth], dict[int, Depth]]:
        """Today's and the review day's scores the reference way (uncounted)."""
        both = full(db), bare(compute_depth(db, review, LOW))
        gathered.clear()
        return both

    def reads() -> tuple[dict[int, Depth], dict[int, Depth]]:
        return cached(db), bare(cached_depth(db, review, LOW))

    expected = references()
    assert reads() == expected
    assert gathered == ["all", "all"]
    assert reads() == expected  # the dashboard after a review: today's slot still holds
    assert gathered == ["all", "all"]
    log_interaction(db, people=[everyone[0]], occurred_on=review, today=TODAY, kind="call")
    expected = references()
    assert reads() == expected
    # today's slot took the write's marks, so the review's slot, without them, was dropped
    assert gathered == [1, "all"]
    assert reads() == expected
    assert gathered == [1, "all"]


def test_re_ranked_in_memory_past_the_last_layer(db: Database) -> None:
    """More people than the layers hold: a write that drops the top people lets in those
    ranked just past the 150th, whom the in-memory re-rank must find as a full rank does."""
    everyone = [add_person(db, f"P{index}") for index in range(170)]
    logged = [
        log_interaction(
            db, people=[pid], occurred_on=TODAY - timedelta(days=index), today=TODAY, kind="call"
        )
        for index, pid in enumerate(everyone)
    ]
    known = depth_standing(db, TODAY, LOW)
    assert len(known.layers()) == 150
    for entry in logged[:4]:
        delete_interaction(db, entry.interaction_id)
    update_person(db, everyone[10], pinned_layer=5)  # ranked inside the top
    known = depth_standing(db, TODAY, LOW, known)
    expected = full(db)
    assert bare(known.depths) == expected
    assert {pid for pid, depth in expected.items() if depth.layer} == set(known.layers())
