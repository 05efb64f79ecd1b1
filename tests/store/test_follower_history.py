"""Issue 14: the follower history seeks one count per account and month end instead of parsing
every count, with the same answers as the parsing read it replaced (kept here as the reference)."""

from __future__ import annotations

import os
import sqlite3
import time
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain import dates
from netdash.store.db import memory_db, open_db
from netdash.store.history import follower_history
from netdash.store.migrations import migrations
from tests.conftest import table_rows

ZONES = [
    "UTC", "Asia/Tokyo", "America/Los_Angeles", "Europe/Berlin", "Asia/Kathmandu",
    "Pacific/Chatham", "America/Santiago", "Pacific/Kiritimati", "Pacific/Pago_Pago",
    "Australia/Lord_Howe", "America/St_Johns", "Pacific/Apia",
]  # fmt: skip
"""Whole, half and quarter hours either side of UTC, clock changes at midnight (Santiago) and
by half an hour (Lord Howe), a skipped day (Apia, 30 December 2011)."""

FORMATS = ["{:%Y-%m-%dT%H:%M:%SZ}"] * 4 + [
    "{:%Y-%m-%dT%H:%M:%S+00:00}",
    "{:%Y-%m-%d %H:%M:%S}",
    "{:%Y-%m-%dT%H:%M:%S.%fZ}",
    "{:%Y-%m-%dT%H:%M:%S}",
]
"""The writers' form (most often), and what a restored export may hold instead."""


def parsed_history(
    db: Database, ends: list[date], account_id: int | None = None
) -> dict[str, list[int | None]]:
    """The read before issue 14's fifth round, verbatim: every count, each stamp parsed."""
    series: dict[str, list[int | None]] = {}
    counts: dict[str, list[tuple[date, int]]] = {}
    only, args = ("", []) if account_id is None else (" WHERE a.id = ?", [account_id])
    for platform, handle, observed, followers in db.execute(
        "SELECT a.platform, a.handle, c.observed_at, c.followers FROM accounts a"
        " LEFT JOIN follower_counts c ON c.account_id = a.id AND c.followers IS NOT NULL"
        + only
        + " ORDER BY a.platform, a.handle, c.observed_at, c.id",
        args,
    ).fetchall():
        points = counts.setdefault(f"{platform} {handle}", [])
        if observed is not None:
            points.append((dates.local_day(observed), followers))
    for name, points in counts.items():
        days = [day for day, _ in points]
        series[name] = [
            points[at - 1][1] if (at := bisect_right(days, end)) else None for end in ends
        ]
    return series


@contextmanager
def time_zone(zone: str) -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_next_day_stamp_by_hand() -> None:
    with time_zone("Europe/Berlin"):
        assert dates.next_day_stamp(date(2026, 10, 24)) == "2026-10-24T22:00:00Z"  # CEST
        assert dates.next_day_stamp(date(2026, 10, 25)) == "2026-10-25T23:00:00Z"  # CET from 3:00
    with time_zone("Asia/Kathmandu"):
        assert dates.next_day_stamp(date(2026, 1, 31)) == "2026-01-31T18:15:00Z"
    with time_zone("Pacific/Apia"):  # 30 December 2011 was skipped: 29th, then the 31st
        assert dates.next_day_stamp(date(2011, 12, 29)) == "2011-12-30T10:00:00Z"
        assert dates.next_day_stamp(date(2011, 12, 30)) == "2011-12-30T10:00:00Z"
    with time_zone("UTC"):
        assert dates.next_day_stamp(date(2026, 12, 31)) == "2027-01-01T00:00:00Z"


moments = st.builds(
    lambda day, at, shift: datetime.combine(day, at) + timedelta(seconds=shift),
    st.dates(date(2010, 1, 1), date(2027, 2, 1)),
    st.sampled_from([datetime.min.time(), datetime.max.time().replace(microsecond=0)])
    | st.times().map(lambda at: at.replace(microsecond=0)),
    st.sampled_from([0, 0, 0, -1, 1, 3600, -3600]),
)
"""Local wall times, many on or a second either side of midnight and of an hour from it."""
counts = st.lists(
    st.tuples(
        st.integers(0, 5),  # account (some have none)
        moments,
        st.none() | st.integers(0, 10**6),
        st.sampled_from(FORMATS),
        st.booleans(),  # again, the same stamp (a second count that day)
    ),
    max_size=40,
)


def fill(
    db: Database, zone: str, rows: Sequence[tuple[int, datetime, int | None, str, bool]]
) -> None:
    db.execute("DELETE FROM follower_counts")
    db.execute("DELETE FROM accounts")
    for account in range(6):
        db.execute(
            "INSERT INTO accounts(id, platform, handle, created_at) VALUES (?, ?, ?, '')",
            [account + 1, ["github", "mastodon"][account % 2], f"me{5 - account}"],
        )
    for account, local, followers, form, again in rows:
        moment = local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
        for extra in range(2 if again else 1):  # the second one counted later that second
            db.execute(
                "INSERT INTO follower_counts(account_id, observed_at, followers, following,"
                " source) VALUES (?, ?, ?, 1, 'test')",
                [
                    account + 1,
                    form.format(moment),
                    None if followers is None else followers + extra,
                ],
            )
    db.conn.commit()


@cache
def shared_db() -> Database:
    """One journal for every example (each refills it): building the schema is most of one."""
    return memory_db()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    zone=st.sampled_from(ZONES),
    rows=counts,
    ends=st.lists(st.dates(date(2009, 12, 1), date(2027, 3, 1)), max_size=30),
    near=st.lists(st.tuples(st.integers(0, 39), st.integers(-1, 1)), max_size=20),
    account=st.none() | st.integers(0, 7),
)
def test_seeks_answer_as_parsing_every_count(
    zone: str,
    rows: list[tuple[int, datetime, int | None, str, bool]],
    ends: list[date],
    near: list[tuple[int, int]],
    account: int | None,
) -> None:
    """Any counts (two a day, gaps, no follower number, accounts with none), stamped the
    writers' way or another, in any local time zone, at any days: the same series."""
    db = shared_db()
    ends = ends + [  # days of the counts and either side of them, where the cut matters
        rows[at % len(rows)][1].date() + timedelta(days=shift) for at, shift in near if rows
    ]
    with time_zone(zone):
        fill(db, zone, rows)
        assert follower_history(db, ends, account) == parsed_history(db, ends, account)


def plans(db: Database, ends: list[date]) -> list[str]:
    """The plan of every statement `follower_history` runs that reads follower counts."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        follower_history(db, ends)
    finally:
        db.conn.set_trace_callback(None)
    return [
        " / ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())
        for sql in statements
        if "follower_counts" in sql
    ]


def test_each_end_is_one_seek_in_the_stamped_index() -> None:
    db = memory_db()
    with time_zone("UTC"):
        rows = [
            (account, datetime(2025, 1, 1) + timedelta(days=day), day, FORMATS[0], False)
            for account in range(3)
            for day in range(400)
        ]
        fill(db, "UTC", rows)
        db.execute("ANALYZE")
        found = plans(db, [date(2025, 6, 30), date(2025, 7, 31)])
    assert found[0] == "SCAN follower_counts USING INDEX follower_counts_odd"  # none: empty
    seek = "SEARCH follower_counts USING COVERING INDEX follower_counts_stamped"
    # one statement an account (six), each end a seek: none reads the counts in between
    assert (
        found[1:]
        == [
            "SCAN e VIRTUAL TABLE INDEX 1: / CORRELATED SCALAR SUBQUERY 1"
            f" / {seek} (account_id=? AND observed_at<?)"
        ]
        * 6
    )


def test_an_account_stamped_otherwise_is_read_in_full() -> None:
    db = memory_db()
    with time_zone("UTC"):
        fill(db, "UTC", [(0, datetime(2025, 1, 1), 5, "{:%Y-%m-%d %H:%M:%S}", False)])
        found = plans(db, [date(2025, 6, 30)])
        assert follower_history(db, [date(2025, 6, 30)])["mastodon me4"] == [None]
        assert follower_history(db, [date(2025, 6, 30)])["github me5"] == [5]
    assert sum("follower_counts_stamped" in plan for plan in found) == 5  # the other five
    assert sum("follower_counts_account" in plan for plan in found) == 1


def test_a_journal_from_before_m025_gains_the_indexes_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db = Database(path)
    migrations.apply(db, stop_before="m025_follower_days")
    with time_zone("Asia/Tokyo"):
        fill(db, "Asia/Tokyo", [
            (0, datetime(2025, 3, 31, 23, 30), 9, FORMATS[0], True),
            (0, datetime(2025, 4, 1, 0, 30), 11, FORMATS[0], False),
            (1, datetime(2025, 3, 31, 12), 20, "{:%Y-%m-%dT%H:%M:%S+00:00}", False),
            (2, datetime(2025, 3, 1), None, FORMATS[0], False),
        ])  # fmt: skip
        db.close()
        before = table_rows(path)
        upgraded = open_db(path)
        after = table_rows(path)
        ends = [date(2025, 3, 30), date(2025, 3, 31), date(2025, 4, 1)]
        assert follower_history(upgraded, ends) == {
            "github me1": [None, None, None],
            "github me3": [None, None, None],
            "github me5": [None, 10, 11],
            "mastodon me0": [None, None, None],
            "mastodon me2": [None, None, None],
            "mastodon me4": [None, 20, 20],
        }
    # every table it had, as it was (a later step's new tables aside)
    kept = {table: rows for table, rows in after.items() if table in before}
    assert {table: rows for table, rows in kept.items() if table != "_sqlite_migrations"} == {
        table: rows for table, rows in before.items() if table != "_sqlite_migrations"
    }
    indexes = {
        name
        for (name,) in sqlite3.connect(path).execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'follower_counts'"
        )
    }
    assert {"follower_counts_stamped", "follower_counts_odd"} <= indexes


def test_a_count_at_local_midnight_belongs_to_the_day_it_starts() -> None:
    """Tokyo is UTC+9: 2025-03-31T15:00:00Z is 1 April 00:00:00 there, 14:59:59Z still 31 March."""
    db = shared_db()
    with time_zone("Asia/Tokyo"):
        fill(db, "UTC", [
            (0, datetime(2025, 3, 31, 14, 59, 59), 1, FORMATS[0], False),
            (0, datetime(2025, 3, 31, 15), 2, FORMATS[0], False),
        ])  # fmt: skip
        history = follower_history(db, [date(2025, 3, 31), date(2025, 4, 1)], 1)
    assert history == {"github me5": [1, 2]}
