"""A new day ages the stored sums (m016) and reads again only the people whose sums do not
simply age: it gives exactly what the reference gives on that day."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.depth_build import new_depth
from netdash.domain.scoring import Depth, DepthSettings
from netdash.store.db import memory_db, open_db
from netdash.store.depth import cached_depth
from netdash.store.depth_cache import read_cache
from netdash.store.depth_step import crossed
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from tests.conftest import TODAY, connected
from tests.store.test_depth_incremental import (
    KINDS,
    LOW,
    bare,
    gathered_fixture,  # noqa: F401 (a fixture)
    people,
    write,
)
from tests.store.test_depth_sums import reference

DATA = Path(__file__).resolve().parent.parent / "data"

HEAVIER = DepthSettings(
    weights={**LOW.weights, "recency": 40.0, "outcomes": 0.0},
    min_score={"5": 20.0, "15": 9.0, "50": 2.0, "150": 0.0},
)
"""Other weights and minimums, the same decay: re-totalled from the stored sums."""


def log_on(db: Database, data: st.DataObject, day: date) -> None:
    """An entry logged on ``day``, dated up to 400 days before it (often that day itself:
    dated after the stored day, its age was clamped)."""
    log_interaction(
        db,
        people=data.draw(
            st.lists(st.sampled_from(people(db)), min_size=1, max_size=3, unique=True)
        ),
        occurred_on=day - timedelta(days=data.draw(st.sampled_from((0, 0, 1, 200, 364, 366, 400)))),
        today=day,
        kind=data.draw(st.sampled_from(KINDS)),
        initiated_by=data.draw(st.sampled_from(("me", "them", "mutual"))),
        depth=data.draw(st.integers(1, 5)),
    )


def meanwhile(
    db: Database, data: st.DataObject, between: str, day: date, how: DepthSettings
) -> DepthSettings:
    """What happens before the day's first read: an entry logged that day, another write, new
    settings (returned), or nothing."""
    if between == "log":
        log_on(db, data, day)
    elif between == "write":
        write(db, data, data.draw(st.sampled_from(("person", "pin", "snooze", "vouch"))))
    elif between == "settings":
        return HEAVIER if how is LOW else LOW
    return how


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(1, 12),
    steps=st.lists(
        st.tuples(
            st.sampled_from((1, 1, 2, 30, 400, 0, -3)),
            st.sampled_from(("none", "none", "log", "write", "settings")),
        ),
        min_size=1,
        max_size=8,
    ),
    data=st.data(),
)
def test_every_new_day_equals_the_reference(
    size: int, steps: list[tuple[int, str]], data: st.DataObject
) -> None:
    db = memory_db()
    for index in range(size):
        add_person(db, f"P{index}", closeness=data.draw(st.none() | st.integers(1, 5)))
    for _ in range(size * 3):
        write(db, data, data.draw(st.sampled_from(("log", "log", "vouch", "contribution"))))
    day, how = TODAY, LOW
    assert bare(cached_depth(db, day, how)) == reference(db, day, how)
    for step, between in steps:
        day += timedelta(days=step)
        how = meanwhile(db, data, between, day, how)
        expected = reference(db, day, how)
        assert bare(cached_depth(db, day, how)) == expected, (step, between)
        assert read_cache(db, day) == expected or read_cache(db, day, 2) == expected
    db.close()


def test_a_day_later_reads_no_one_again_but_entries_dated_after_it(
    db: Database, gathered: list[int | str]
) -> None:
    """Of forty people seen 0 to 390 days ago, one year's edge moves past one of them a day
    later (365 days old, now 366), and thirty days later past three more: their counts of who
    started it lose those entries, without reading the rest of their entries."""
    everyone = [add_person(db, f"P{index}") for index in range(40)]
    ages = [index * 10 for index in range(40)] + [365]
    for pid, age in zip([*everyone, everyone[0]], ages, strict=True):
        log_interaction(
            db,
            people=[pid],
            occurred_on=TODAY - timedelta(days=age),
            today=TODAY,
            kind="call",
            initiated_by="them",
        )
    cached_depth(db, TODAY, LOW)
    assert gathered == ["all"]

    def read_on(day: date) -> int | str:
        """Whom the read on ``day`` read again; its scores checked against the reference."""
        got = bare(cached_depth(db, day, LOW))
        count = gathered[-1]
        assert got == reference(db, day, LOW)
        gathered.clear()
        return count

    gathered.clear()
    assert read_on(TODAY + timedelta(days=1)) == 0
    day = TODAY + timedelta(days=31)
    assert read_on(day) == 0  # ages 340, 350, 360 cross between days 1 and 31
    tomorrow = day + timedelta(days=1)  # logged where the day had already turned
    log_interaction(db, people=[everyone[5]], occurred_on=tomorrow, today=tomorrow, kind="call")
    assert read_on(day) == 1  # the write's person, by index; stored with its age clamped at 0
    assert read_on(tomorrow) == 1  # dated after the stored day: its age moved by less


def test_a_journal_from_before_m016_rescores_its_next_new_day_once(
    tmp_path: Path, gathered: list[int | str]
) -> None:
    """Rows stored before m016 have no sums to age (NULL): the next new day rescores
    everyone, and stores sums that the day after ages."""
    journal = tmp_path / "journal.db"
    shutil.copyfile(DATA / "journal-m009_trash.db", journal)
    with connected(journal) as conn:
        pid = conn.execute("SELECT min(id) FROM people").fetchone()[0]
        conn.execute(
            "INSERT INTO depth_cache VALUES (?, 41.5, 15, 3, 30, 'x', NULL, 0, 0.0, 2.5)", [pid]
        )
        conn.execute(
            "INSERT INTO depth_cache_key VALUES (1, ?)", [f"2026-11-26|0|{DepthSettings()!r}"]
        )
    db = open_db(journal)
    db.execute("DELETE FROM depth_dirty")  # as a journal whose cache was up to date
    row = db.execute("SELECT * FROM depth_cache").fetchone()
    assert row[:11] == (pid, 41.5, 15, 3, 30, "x", None, 0, 0.0, 2.5, 1)
    assert set(row[11:]) == {None}
    for later, read in ((1, "all"), (2, 0)):
        day = date(2026, 11, 26 + later)
        got = bare(cached_depth(db, day, DepthSettings()))
        assert gathered.pop() == read
        assert got == reference(db, day, DepthSettings())
    db.close()


def test_what_crossed_a_day_is_found_by_date(db: Database) -> None:
    """The entries that left the year or are dated after the stored day are searched on the
    date index, never found by reading every person's entries (a DISTINCT did that: 0.9 s)."""
    plans: list[str] = []
    real = db.execute

    def explained(sql: str, params: object = None) -> object:
        if "occurred_on" in sql:
            rows = real(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()  # type: ignore[arg-type]
            plans.append(" ".join(row[3] for row in rows))
        return real(sql, params)  # type: ignore[arg-type]

    db.execute = explained  # type: ignore[assignment, method-assign]
    crossed(db, TODAY, TODAY + timedelta(days=3))
    assert len(plans) == 2
    for plan in plans:
        assert plan.startswith("SEARCH i USING ") and "INDEX interactions_occurred" in plan
        assert "SCAN" not in plan, plan


def test_a_depth_built_lean_is_the_same_frozen_value() -> None:
    fields = dataclasses.asdict(Depth(7, 41.5, (), 15, TODAY, 3, 30, "x", None, True, 0.8, 2.5))
    lean, built = new_depth(**fields), Depth(**fields)
    assert lean == built and hash(lean) == hash(built) and repr(lean) == repr(built)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lean.score = 1.0  # type: ignore[misc]
