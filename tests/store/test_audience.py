from __future__ import annotations

import pytest
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.domain.models import Handle
from netdash.domain.names import normalize_handle
from netdash.store.audience import default_account, latest_counts, record_follower_count
from netdash.store.follower_lists import KNOWN_SQL, backfill_list_dates, known_followers
from netdash.store.people import add_person


def record(db: Database, followers: int, at: str, **extra: object) -> bool:
    return record_follower_count(
        db,
        platform="mastodon",
        account="@me@example.social",
        followers=followers,
        at=at,
        source="manual",
        **extra,  # type: ignore[arg-type]
    )


def test_a_row_only_when_the_value_changes(db: Database) -> None:
    assert record(db, 100, "2026-11-01T23:59:59Z")
    assert not record(db, 100, "2026-11-02T23:59:59Z")
    assert record(db, 105, "2026-11-03T23:59:59Z")
    assert db.execute("SELECT COUNT(*) FROM follower_counts").fetchone()[0] == 2
    (row,) = latest_counts(db)
    assert (row.platform, row.account, row.followers, row.previous_followers) == (
        "mastodon",
        "me@example.social",
        105,
        100,
    )


def test_following_alone_keeps_the_follower_count(db: Database) -> None:
    record(db, 100, "2026-11-01T23:59:59Z")
    record_follower_count(
        db,
        platform="mastodon",
        account="me@example.social",
        followers=None,
        following=7,
        at="2026-11-02T23:59:59Z",
        source="manual",
    )
    (row,) = latest_counts(db)
    assert (row.followers, row.following) == (100, 7)


def test_negative_counts_are_refused(db: Database) -> None:
    with pytest.raises(InvalidInput):
        record(db, -1, "2026-11-01T23:59:59Z")
    assert latest_counts(db) == []


def test_default_account_needs_exactly_one(db: Database) -> None:
    with pytest.raises(InvalidInput, match="pass --account"):
        default_account(db, "mastodon")
    record(db, 1, "2026-11-01T23:59:59Z")
    assert default_account(db, "mastodon") == "me@example.social"
    record_follower_count(
        db,
        platform="mastodon",
        account="other@example.social",
        followers=1,
        at="2026-11-01T23:59:59Z",
        source="manual",
    )
    with pytest.raises(InvalidInput, match="several"):
        default_account(db, "mastodon")


def test_known_followers_match_people_by_handle(db: Database) -> None:
    record(db, 3, "2026-11-01T23:59:59Z")
    account_id = db.execute("SELECT id FROM accounts").fetchone()[0]
    for remote_id, handle in (("1", "ada@example.social"), ("2", "bo@x.y"), ("3", "zed@x.y")):
        db.execute(
            "INSERT INTO follower_accounts VALUES (?, ?, ?, '2026-11-01', '2026-11-01')",
            [account_id, remote_id, handle],
        )
    add_person(db, "Ada", handles=[Handle("mastodon", "ada@example.social")])
    add_person(db, "Bo", handles=[Handle("github", "bo@x.y")])  # other platform: no match
    backfill_list_dates(db)  # rows written by hand: date their list
    assert known_followers(db).people == 1


def test_known_followers_by_numeric_id_and_profile_url(db: Database) -> None:
    for platform, account in (("twitter", "me"), ("linkedin", "me")):
        record_follower_count(
            db,
            platform=platform,
            account=account,
            followers=1,
            at="2026-11-01T23:59:59Z",
            source="manual",
        )
    db.execute("INSERT INTO follower_accounts VALUES (1, '28734512', NULL, 'x', 'x')")
    db.execute(
        "INSERT INTO follower_accounts VALUES (2, 'linkedin.com/in/jen-oneil',"
        " 'linkedin.com/in/jen-oneil', 'x', 'x')"
    )
    add_person(db, "Tw", handles=[Handle("twitter", "28734512")])
    add_person(
        db, "Jen", handles=[normalize_handle("linkedin", "https://www.LinkedIn.com/in/jen-oneil/")]
    )
    backfill_list_dates(db)
    assert known_followers(db).people == 2


def test_known_followers_never_scans_the_follower_list(db: Database) -> None:
    plan = " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + KNOWN_SQL))
    assert "SCAN f " not in plan and "SCAN follower_accounts" not in plan
    # each follower is looked up by handle or by id, never by reading the account's whole list
    assert "SEARCH f USING PRIMARY KEY (account_id=?) " not in plan + " "
    assert "(account_id=? AND handle=?)" in plan and "(account_id=? AND remote_id=?)" in plan


@pytest.mark.parametrize(
    ("followers", "extra", "message"),
    [
        (2**63, {}, "followers is 9,223,372,036,854,775,808; 1,000,000,000,000 is the most"),
        (5, {"following": 10**13}, "following is 10,000,000,000,000"),
    ],
)
def test_counts_beyond_any_platform_are_refused(
    db: Database, followers: int, extra: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        record(db, followers, "2026-11-01T00:00:00Z", **extra)
    assert db.execute("SELECT COUNT(*) FROM follower_counts").fetchone() == (0,)
    assert record(db, 10**12, "2026-11-01T00:00:00Z")  # the most is still kept
