"""One rule for days and time zones: calendar days are the user's local ones, timestamps are UTC.

Every test sets the time zone itself and works out the expected day or stamp by hand.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from netdash.cli import cli
from netdash.domain.dates import OutOfRange, days_since, describe, local_day, stamp_for_day
from netdash.domain.scoring import DepthSettings
from netdash.store.audience import latest_counts, record_follower_count
from netdash.store.db import open_db
from netdash.store.depth import compute_depth
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.store.vouches import add_vouch
from tests.conftest import TODAY

TOMORROW = TODAY + timedelta(days=1)  # 2026-11-27


@pytest.fixture
def zone() -> Iterator[Callable[[str], None]]:
    """Set the process time zone (``TZ`` and ``time.tzset``), restored after the test."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


# ------------------------------------------------------------------------- stamping a count


def test_a_count_for_today_east_of_utc_is_stamped_now_not_in_the_future(zone) -> None:  # type: ignore[no-untyped-def]
    zone("Asia/Tokyo")  # UTC+9, no daylight saving
    now = datetime(2026, 11, 29, 18, 43, tzinfo=UTC)  # 03:43 on 30 Nov in Tokyo
    # the end of 30 Nov in Tokyo is 30 Nov 23:59:59 - 9 h = 14:59:59Z, later than now: now wins
    assert stamp_for_day(date(2026, 11, 30), now) == "2026-11-29T18:43:00Z"
    # the end of 29 Nov in Tokyo is 29 Nov 14:59:59Z, already past
    assert stamp_for_day(date(2026, 11, 29), now) == "2026-11-29T14:59:59Z"
    assert local_day("2026-11-29T18:43:00Z") == date(2026, 11, 30)
    assert local_day("2026-11-29T14:59:59Z") == date(2026, 11, 29)


def test_a_count_for_a_past_day_west_of_utc_ends_that_local_day(zone) -> None:  # type: ignore[no-untyped-def]
    zone("America/Los_Angeles")  # UTC-8 in November
    now = datetime(2026, 11, 29, 18, 43, tzinfo=UTC)  # 10:43 on 29 Nov in Los Angeles
    # 28 Nov 23:59:59 in Los Angeles is 29 Nov 07:59:59Z
    assert stamp_for_day(date(2026, 11, 28), now) == "2026-11-29T07:59:59Z"
    assert local_day("2026-11-29T07:59:59Z") == date(2026, 11, 28)


def test_the_store_refuses_a_count_stamped_on_a_day_to_come(db: Database, zone) -> None:  # type: ignore[no-untyped-def]
    zone("Asia/Tokyo")
    # today is pinned to 26 Nov; 26 Nov 15:00Z is 27 Nov 00:00 in Tokyo: a day to come
    with pytest.raises(OutOfRange, match="has not happened yet") as refused:
        record_follower_count(
            db,
            platform="mastodon",
            account="@me@example.social",
            followers=5,
            at="2026-11-26T15:00:00Z",
            source="manual",
            today=TODAY,
        )
    assert refused.value.field == "at"
    # 26 Nov 14:59:59Z is still 26 Nov in Tokyo: accepted
    assert record_follower_count(
        db,
        platform="mastodon",
        account="@me@example.social",
        followers=5,
        at="2026-11-26T14:59:59Z",
        source="manual",
        today=TODAY,
    )


def test_followers_set_today_never_beats_a_later_observation(
    journal_path: Path,
    zone,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """East of UTC, ``--at today`` was stamped at the end of the UTC day of the local date
    (up to a day ahead) and then beat every later count."""
    zone("Pacific/Kiritimati")  # UTC+14: its date is ahead of UTC's from 10:00Z on
    monkeypatch.delenv("NETDASH_TODAY")  # the real clock, as a user has it
    runner = CliRunner()
    args = ["--db", str(journal_path), "followers", "set", "mastodon", "100"]
    done = runner.invoke(cli, [*args, "--account", "@me@example.social", "--at", "today"])
    assert done.exit_code == 0, done.output
    after = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    db = open_db(journal_path)
    try:
        (stamp,) = db.execute("SELECT observed_at FROM follower_counts").fetchone()
        assert stamp <= after  # not in the future
        # a fetch a moment later, with another count, is the latest one
        record_follower_count(
            db,
            platform="mastodon",
            account="@me@example.social",
            followers=90,
            at=after,
            source="mastodon api",
        )
        assert [row.followers for row in latest_counts(db)] == [90]
    finally:
        db.close()


def test_followers_set_in_a_process_east_of_utc(tmp_path: Path) -> None:
    """The same through a real process whose environment names the time zone."""
    journal = tmp_path / "j.db"
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "NETDASH_DB": str(journal)}
    env.pop("NETDASH_TODAY", None)
    command = [sys.executable, "-m", "netdash", "followers", "set", "mastodon", "100"]
    done = subprocess.run(
        [*command, "--account", "@me@example.social", "--at", "today"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    after = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    db = open_db(journal)
    try:
        (stamp,) = db.execute("SELECT observed_at FROM follower_counts").fetchone()
    finally:
        db.close()
    assert stamp <= after


# ------------------------------------------------------------------------ vouches and met on


def test_the_store_refuses_a_vouch_on_a_day_to_come(db: Database) -> None:
    ana = add_person(db, "Ana")
    with pytest.raises(OutOfRange, match="2026-11-27 has not happened yet") as refused:
        add_vouch(db, ana, direction="given", topic="rust", occurred_on=TOMORROW)
    assert refused.value.field == "date"
    assert add_vouch(db, ana, direction="given", topic="rust", occurred_on=TODAY).topic == "rust"


# -------------------------------------------------------------- an entry dated after "today"


def test_a_day_after_today_reads_today() -> None:
    # 27 Nov seen on 26 Nov: written where the calendar had turned, so 0 days ago, "today"
    assert days_since(TOMORROW, TODAY) == 0
    assert describe(TOMORROW, TODAY) == "today"
    assert describe(TODAY + timedelta(days=3), TODAY) == "today"
    assert days_since(TODAY - timedelta(days=3), TODAY) == 3


def _journal_with_an_entry_from_tomorrow(path: Path) -> None:
    """Bob, seen once, on 27 Nov: logged in Tokyo, where 27 Nov had begun while it was still
    26 Nov (the pinned today) here."""
    db = open_db(path)
    try:
        log_interaction(
            db,
            people=[add_person(db, "Bob")],
            occurred_on=TOMORROW,
            today=TOMORROW,  # the day it was in the time zone it was logged in
            kind="in_person",
        )
    finally:
        db.close()


def test_an_entry_from_tomorrow_counts_as_today(journal_path: Path) -> None:
    _journal_with_an_entry_from_tomorrow(journal_path)
    db = open_db(journal_path)
    try:
        (bob,) = compute_depth(db, TODAY, DepthSettings()).values()
    finally:
        db.close()
    assert bob.days_since == 0  # 27 Nov - 26 Nov = 1 day ahead, counted as 0 days ago
    assert bob.score > 0
    # Counted as seen today, so scored as Ann at 30 September in
    # tests/test_history_speed.py::test_a_persons_score_by_month_by_hand (one in-person talk,
    # depth 2, started by me, default settings): 20 + 3.625 + 5 = 28.6. Counted as -1 days, the
    # recency would be 0.5^(-1/30) -> 20.47 and the score 29.1.
    assert bob.score == 28.6


def test_the_cli_shows_an_entry_from_tomorrow_as_today(journal_path: Path) -> None:
    _journal_with_an_entry_from_tomorrow(journal_path)
    runner = CliRunner()

    def run(*args: str) -> str:
        done = runner.invoke(cli, ["--db", str(journal_path), *args], catch_exceptions=False)
        assert done.exit_code == 0, done.output
        return done.output

    shown = json.loads(run("people", "show", "Bob", "--json"))
    assert shown["days_since_contact"] == 0
    assert shown["last_contact"] == "2026-11-27"
    listing = run("people", "list")
    assert "today" in listing and "in 1 days" not in listing
    assert "in 1 days" not in run("people", "show", "Bob")


def test_the_undo_question_says_when_in_local_time(zone: Callable[[str], None]) -> None:
    """Stored 2026-11-29T21:04:00Z; in Tokyo (UTC+9) that is 06:04 on 30 November."""
    from netdash.actions.undo import trashed_when
    from netdash.store.trash import TrashItem

    zone("Asia/Tokyo")
    item = TrashItem(1, "delete", "delete Ana Souza", "2026-11-29T21:04:00Z")
    assert trashed_when(item) == "2026-11-30 06:04"
