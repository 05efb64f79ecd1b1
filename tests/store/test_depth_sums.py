"""Scoring everyone from SQL sums gives exactly what the per-interaction reference gives."""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain import depth_sums as domain_sums
from netdash.domain.scoring import Depth, DepthSettings
from netdash.store import depth_sums
from netdash.store.db import memory_db, open_db
from netdash.store.depth import _gather, compute_depth
from netdash.store.journal import log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person, update_person
from tests.conftest import TODAY, connected
from tests.store.backfilled import python_hours
from tests.store.test_depth_incremental import LOW, write

DATA = Path(__file__).resolve().parent.parent / "data"

ODD = DepthSettings(
    weights={"recency": 3.0, "frequency": 7, "intimacy": 1.5, "duration": 0.0}
    | {"reciprocity": 2.0, "favours": 9.0, "community": 1.0, "outcomes": 4.0},
    recency_half_life_days=7.0,
    frequency_half_life_days=45,  # an int from the config file: still not integer division
    min_score={"5": 1.0, "15": 0.5, "50": 0.1, "150": 0.0},
)


def score_everyone(db: Database, day: date, how: DepthSettings) -> dict[int, Depth]:
    """What a full rescore gives the cache (its sums aside)."""
    return depth_sums.score_all(db, day, how)[0]


def reference(db: Database, day: object, how: DepthSettings) -> dict[int, Depth]:
    return {
        pid: replace(depth, components=())
        for pid, depth in compute_depth(db, day, how).items()  # type: ignore[arg-type]
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(0, 12),
    actions=st.lists(
        st.sampled_from(
            ("log", "log", "log", "vouch", "contribution", "person", "pin", "backfill")
        ),
        max_size=30,
    ),
    days=st.integers(-30, 800),
    data=st.data(),
)
def test_the_sums_equal_the_reference_on_random_journals(
    size: int, actions: list[str], days: int, data: st.DataObject
) -> None:
    db = memory_db()
    for index in range(size):
        add_person(
            db,
            f"P{index}",
            closeness=data.draw(st.none() | st.integers(1, 5)),
            met_on=data.draw(st.none() | st.dates(TODAY - timedelta(days=4000), TODAY)),
        )
    for action in actions:
        write(db, data, action)
    if size and data.draw(st.booleans()):
        pid = db.execute("SELECT id FROM people LIMIT 1").fetchone()[0]
        add_outcome(
            db,
            title="Talk",
            occurred_on=TODAY,
            today=TODAY,
            people=[(pid, "advised"), (pid, "referred")],
        )
    day = TODAY + timedelta(days=days)  # entries in the future of a day count as 0 days old
    hours = python_hours(db)
    for how in (LOW, DepthSettings(), ODD):
        assert score_everyone(db, day, how) == reference(db, day, how)
        sums = depth_sums.read_sums(db, day, how)
        assert depth_sums.read_sums(db, day, how, halves=True) == sums  # same order: same digits
        assert_sums_equal(sums, gathered_sums(db, day, how))
        assert {pid: s.hours for pid, s in sums.items()} == pytest.approx(hours, rel=1e-12)


def gathered_sums(db: Database, day: date, how: DepthSettings) -> dict[int, domain_sums.Sums]:
    """Each person's sums added up in Python from their gathered entries, the reference way."""
    return {
        pid: sums
        for pid, rows in _gather(db, day).items()
        if (sums := domain_sums.sums_of(rows, how, {})) is not None
    }


def assert_sums_equal(got: dict[int, domain_sums.Sums], want: dict[int, domain_sums.Sums]) -> None:
    """Counts and ages exactly (the packed pairs unpacked); the float sums to the last few
    digits, since a SQLite that sums carefully (3.43 on) need not match a plain running sum."""
    assert got.keys() == want.keys()
    for pid, sums in got.items():
        for name, value, expected in zip(sums._fields, sums, want[pid], strict=True):
            if isinstance(expected, float):
                assert value == pytest.approx(expected, rel=1e-12, abs=1e-300), (pid, name)
            else:
                assert value == expected and type(value) is int, (pid, name)


def test_a_total_near_a_rounding_boundary_is_scored_the_reference_way(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = [add_person(db, f"P{index}", closeness=index % 5 + 1) for index in range(4)]
    for pid in people:
        write_entries(db, pid)
    fallbacks: list[int] = []
    real = depth_sums._reference_score

    def counting(db: Database, pid: int, *args: object) -> float:
        fallbacks.append(pid)
        return real(db, pid, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(depth_sums, "_reference_score", counting)
    assert score_everyone(db, TODAY, LOW) == reference(db, TODAY, LOW)
    assert fallbacks == []
    monkeypatch.setattr(domain_sums, "EPSILON", 1.0)  # every total "near" a boundary
    assert score_everyone(db, TODAY, LOW) == reference(db, TODAY, LOW)
    assert sorted(fallbacks) == people


def write_entries(db: Database, pid: int) -> None:

    for age in (0, 40, 400):
        log_interaction(
            db, people=[pid], occurred_on=TODAY - timedelta(days=age), today=TODAY, kind="call"
        )
    update_person(db, pid, snoozed_until=TODAY + timedelta(days=1))


@pytest.mark.parametrize("half", [False, True])
@pytest.mark.parametrize("evidence", [False, True])
def test_the_sums_read_the_journal_in_key_order_with_one_grouping_sort(
    db: Database, evidence: bool, half: bool
) -> None:
    """Interaction id order within each person (the reference's order, so equal float sums),
    each interaction reached by stepping to the next row id, not by a search per person; with
    backfilled entries, a probe of the day's typed entries for each. Each half the same way."""
    sql, args = depth_sums._sums_sql(TODAY, DepthSettings(), evidence, half)
    plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, args).fetchall()]
    shadow = [
        "CORRELATED SCALAR SUBQUERY 1",
        "SEARCH typed USING INDEX interactions_typed_day (occurred_on=?)",
        "SEARCH typed_with USING PRIMARY KEY (interaction_id=? AND person_id=?)",
    ]
    coroutine = "subquery-2" if evidence else "subquery-1"
    assert plan == [
        f"CO-ROUTINE ({coroutine})",  # each entry's age worked out once, not per aggregate
        "SCAN ip",
        "SEARCH i USING INTEGER PRIMARY KEY (rowid=?)",
        *(shadow if evidence else []),
        f"SCAN ({coroutine})",
        "USE TEMP B-TREE FOR GROUP BY",
    ]


def test_the_last_year_ends_where_the_reference_ends_it(db: Database) -> None:
    """An entry 365 days old counts towards reciprocity, one 366 days old does not."""

    pid = add_person(db, "Ada")
    for age, started in ((365, "me"), (366, "them"), (367, "them")):
        log_interaction(
            db,
            people=[pid],
            occurred_on=TODAY - timedelta(days=age),
            today=TODAY,
            kind="call",
            initiated_by=started,
        )
    for day in (TODAY, TODAY - timedelta(days=1)):
        assert score_everyone(db, day, LOW) == reference(db, day, LOW)


def test_a_journal_from_before_the_slots_keeps_its_scores_in_slot_one(tmp_path: Path) -> None:
    """m014 moves the stored scores of an older journal into today's slot, nothing lost."""
    journal = tmp_path / "journal.db"
    shutil.copyfile(DATA / "journal-m009_trash.db", journal)
    with connected(journal) as conn:
        pid = conn.execute("SELECT min(id) FROM people").fetchone()[0]
        conn.execute(
            "INSERT INTO depth_cache VALUES (?, 41.5, 15, 3, 30, 'x', NULL, 0, 0.0, 2.5)", [pid]
        )
        conn.execute("INSERT INTO depth_cache_key VALUES (1, '2026-11-26|7|s')")
    db = open_db(journal)
    assert [row[:11] for row in db.execute("SELECT * FROM depth_cache").fetchall()] == [
        (pid, 41.5, 15, 3, 30, "x", None, 0, 0.0, 2.5, 1)  # then m016's sums, NULL
    ]
    assert db.execute("SELECT * FROM depth_cache_key").fetchall() == [(1, "2026-11-26|7|s")]
    db.close()


def file_journal(tmp_path: Path, people: int = 6) -> tuple[Database, list[int]]:
    """A journal file (a second connection can read it) with entries for each person, some
    of them shared."""
    db = open_db(tmp_path / "journal.db")
    pids = [add_person(db, f"P{index}", closeness=index % 5 + 1) for index in range(people)]
    for index, pid in enumerate(pids):
        write_entries(db, pid)
        log_interaction(
            db,
            people=[pid, pids[(index + 1) % people]],
            occurred_on=TODAY - timedelta(days=index * 30),
            today=TODAY,
            kind="in_person",
            initiated_by="them",
        )
    return db, pids


def test_the_odd_half_read_on_a_second_connection_sums_what_one_pass_sums(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two halves (the odd ids in a thread of their own) give one pass's sums to the last
    digit, and the full rescore's scores."""
    db, pids = file_journal(tmp_path)
    threads: list[str] = []
    real = depth_sums._sum_odd

    def spying(*args: Any) -> None:
        threads.append(threading.current_thread().name)
        real(*args)
        assert "rows" in args[-1]  # the second connection read its half

    monkeypatch.setattr(depth_sums, "_sum_odd", spying)
    one = depth_sums.read_sums(db, TODAY, LOW, halves=False)
    assert sorted(one) == pids
    assert depth_sums.read_sums(db, TODAY, LOW, halves=True) == one
    assert threads == ["netdash-sums"]
    assert depth_sums.score_all(db, TODAY, LOW, halves=True) == depth_sums.score_all(
        db, TODAY, LOW, halves=False
    )
    db.close()


def test_a_write_between_the_two_snapshots_makes_this_connection_read_both_halves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry committed after this connection's snapshot and before the second's: the
    second sees another revision and leaves its half to this connection, so both halves
    read the journal as it stood at the start (the new entry is in neither)."""
    db, pids = file_journal(tmp_path)
    before = depth_sums.read_sums(db, TODAY, LOW, halves=False)
    odd = next(pid for pid in pids if pid % 2)
    real = depth_sums._sum_odd
    found: list[dict[str, list[Any]]] = []

    def after_a_write(*args: Any) -> None:
        other = open_db(tmp_path / "journal.db")
        log_interaction(other, people=[odd], occurred_on=TODAY, today=TODAY, kind="call")
        other.close()
        real(*args)
        found.append(dict(args[-1]))  # a copy: this connection fills the half in later

    monkeypatch.setattr(depth_sums, "_sum_odd", after_a_write)
    assert depth_sums.read_sums(db, TODAY, LOW, halves=True) == before
    assert found == [{}]  # the second connection put nothing: another revision
    monkeypatch.setattr(depth_sums, "_sum_odd", real)
    after = depth_sums.read_sums(db, TODAY, LOW, halves=True)
    assert after[odd].entries == before[odd].entries + 1
    db.close()


@pytest.mark.parametrize(("load", "split"), [(0.2, True), (1.8, False)])
def test_the_halves_run_only_where_a_second_core_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, load: float, split: bool
) -> None:
    """Two cores: a minute's load of 0.2 leaves one idle, 1.8 none (the halves would only
    take turns, for more CPU)."""
    db, _ = file_journal(tmp_path, people=2)
    calls: list[object] = []
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(depth_sums, "_sum_odd", lambda *args: calls.append(args))
    depth_sums.read_sums(db, TODAY, LOW)
    assert bool(calls) is split
    db.close()
