from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from sqlite_utils import Database

from netdash.store.audience import record_follower_count
from netdash.store.journal import NewPerson, log_interaction
from netdash.store.stats import money_text, summary, weekly_followers
from tests.conftest import TODAY

CONTRACT_KEYS = {
    "people",
    "interactions",
    "audience",
    "audience_total",
    "known_followers",
    "layers",
    "overdue",
    "charity",
    "outcomes",
}


def test_empty_summary_has_every_contract_key_with_zero_values(db: Database) -> None:
    document = summary(db, TODAY)
    assert set(document) >= CONTRACT_KEYS
    assert document["people"] == document["interactions"] == 0
    assert document["audience"] == [] and document["audience_total"] == 0
    assert document["layers"] == {"5": 0, "15": 0, "50": 0, "150": 0}
    assert document["overdue"] == 0
    assert document["charity"] == {"hours": 0.0, "money": {}, "contributions": 0}
    assert document["outcomes"] == {"count": 0, "network": 0, "community": 0, "audience": 0}
    json.dumps(document)


def test_summary_counts_depth_windows_and_breadth(db: Database) -> None:
    for days, name in ((0, "A"), (29, "B"), (31, "C"), (89, "C"), (200, "D")):
        log_interaction(
            db,
            people=[NewPerson(name)] if name != "C" or days == 31 else [3],
            occurred_on=TODAY - timedelta(days=days),
            today=TODAY,
            kind="call",
        )
    for platform, count in (("mastodon", 120), ("github", 30)):
        record_follower_count(
            db,
            platform=platform,
            account="me",
            followers=count,
            at="2026-11-20T23:59:59Z",
            source="manual",
        )
    document = summary(db, TODAY)
    assert document["people"] == 4
    assert document["interactions"] == 5
    assert document["interactions_30d"] == 2
    assert document["interactions_90d"] == 4
    assert document["people_seen_90d"] == 3
    assert document["audience_total"] == 150
    assert {row["platform"]: row["followers"] for row in document["audience"]} == {
        "mastodon": 120,
        "github": 30,
    }
    assert document["audience"][0].keys() == {
        "platform",
        "account",
        "followers",
        "following",
        "as_of",
        "source",
        "previous",
        "list",
    }


def test_money_is_exact_per_currency() -> None:
    assert money_text(230_000, "USD") == "2300.00"
    assert money_text(1_001, "usd") == "10.01"
    assert money_text(500, "JPY") == "500"
    assert money_text(1_234, "KWD") == "1.234"


def test_weekly_followers(db: Database) -> None:
    record_follower_count(
        db,
        platform="github",
        account="me",
        followers=10,
        at="2026-11-10T23:59:59Z",
        source="manual",
    )
    record_follower_count(
        db,
        platform="github",
        account="me",
        followers=14,
        at="2026-11-24T23:59:59Z",
        source="manual",
    )
    (account,) = db.execute("SELECT id FROM accounts").fetchone()
    # week ends: 11-05 (no count yet: left out), 11-12, 11-19, 11-26
    assert weekly_followers(db, TODAY, 4, account) == [10, 10, 14]


def test_weekly_followers_cut_weeks_at_the_local_day(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A count stamped 23:30 UTC on 11-19 is 11-20 in Tokyo: there it belongs to the week
    ending 11-26, not 11-19 (the UTC cut put it a week early)."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        for followers, at in ((10, "2026-11-10T12:00:00Z"), (14, "2026-11-19T23:30:00Z")):
            record_follower_count(
                db, platform="github", account="me", followers=followers, at=at, source="import"
            )
        (account,) = db.execute("SELECT id FROM accounts").fetchone()
        assert weekly_followers(db, TODAY, 3, account) == [10, 10, 14]  # 11-12, 11-19, 11-26
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_known_people_counts_whom_known_followers_lists(db: Database) -> None:
    """By handle and by numeric id, one person on two platforms and with two handles on one
    once, a follower only in an older list and a person on another platform not at all."""
    from netdash.domain.models import Handle
    from netdash.store.follower_lists import backfill_list_dates, known_followers
    from netdash.store.people import add_person
    from netdash.store.stats import known_people

    for platform in ("mastodon", "twitter"):
        record_follower_count(
            db, platform=platform, account="me", followers=3, at="2026-11-02T23:59:59Z",
            source="manual",
        )  # fmt: skip
    ids = dict(db.execute("SELECT platform, id FROM accounts").fetchall())
    rows = [
        (ids["mastodon"], "1", "ada@x.y", "2026-11-01", "2026-11-02"),
        (ids["mastodon"], "2", "ada2@x.y", "2026-11-02", "2026-11-02"),
        (ids["mastodon"], "3", "gone@x.y", "2026-11-01", "2026-11-01"),  # older list only
        (ids["twitter"], "28734512", None, "2026-11-02", "2026-11-02"),
        (ids["twitter"], "99", "bo", "2026-11-02", "2026-11-02"),
    ]
    db.conn.executemany("INSERT INTO follower_accounts VALUES (?, ?, ?, ?, ?)", rows)
    handles = [Handle("mastodon", "ada@x.y"), Handle("mastodon", "ada2@x.y")]
    add_person(db, "Ada", handles=[*handles, Handle("twitter", "28734512")])
    add_person(db, "Bo", handles=[Handle("twitter", "bo")])
    add_person(db, "Gone", handles=[Handle("mastodon", "gone@x.y")])
    add_person(db, "Elsewhere", handles=[Handle("github", "bo")])
    backfill_list_dates(db)
    assert known_people(db) == known_followers(db).people == 2


def test_known_people_never_scans_the_follower_list(db: Database) -> None:
    from netdash.store.follower_lists import KNOWN_IDS_SQL

    plan = " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + KNOWN_IDS_SQL))
    assert "SCAN f " not in plan + " " and "SCAN follower_accounts" not in plan
    assert "SEARCH f USING PRIMARY KEY (account_id=?) " not in plan + " "
    assert "(account_id=? AND handle=?)" in plan and "(account_id=? AND remote_id=?)" in plan
