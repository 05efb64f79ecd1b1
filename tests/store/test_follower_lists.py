"""Issue 12, defects 1, 2 and 8: known followers, two exports of one day, what a change is
measured against. Every expected number is worked out by hand in the comments."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from sqlite_utils import Database

from netdash.cli import cli
from netdash.domain.models import Handle
from netdash.store.audience import compared_with, latest_counts, record_follower_count
from netdash.store.db import open_db
from netdash.store.follower_lists import follower_list_stats, known_followers, known_text
from netdash.store.imports import ImportResult, import_snapshot
from netdash.store.people import add_person
from netdash.store.snapshot import Follower, Snapshot
from netdash.store.stats import summary
from netdash.tui.screens.dashboard_figures import breadth_figures
from tests.conftest import TODAY, connected

D1, D2, D3 = "2026-09-01T23:59:59Z", "2026-10-01T23:59:59Z", "2026-11-01T23:59:59Z"
DATA = Path(__file__).resolve().parent.parent / "data"


def put(
    db: Database,
    platform: str,
    at: str,
    names: list[str] | None,
    *,
    followers: int | None = None,
    file: str = "",
    source: str = "export",
) -> ImportResult:
    """Import a list (each follower's id and handle are its name) and/or a count."""
    listed = None if names is None else [Follower(name, name) for name in names]
    snapshot = Snapshot(platform, at, source, "me", followers, follower_list=listed)
    return import_snapshot(db, snapshot, file_name="x", sha256=f"{platform}{at}{file}")


def two_accounts(db: Database) -> None:
    # mastodon: 2026-09-01 lists ada, bo, s1; 2026-10-01 lists ada, s1, s2 (Bo unfollowed),
    # and says 1,000 followers. twitter, 2026-10-01: ada, cy, s3 (no count: 3 listed).
    put(db, "mastodon", D1, ["ada", "bo", "s1"])
    put(db, "mastodon", D2, ["ada", "s1", "s2"], followers=1000)
    put(db, "twitter", D2, ["ada", "cy", "s3"])
    add_person(db, "Ada", handles=[Handle("mastodon", "ada"), Handle("twitter", "ada")])
    add_person(db, "Bo", handles=[Handle("mastodon", "bo")])
    add_person(db, "Cy", handles=[Handle("twitter", "cy")])


def test_known_followers_are_people_in_the_latest_lists(db: Database) -> None:
    two_accounts(db)
    known = known_followers(db)
    by_platform = {a.platform: [p.name for p in a.known] for a in known.accounts}
    # mastodon's latest list (10-01) holds Ada only: Bo left. twitter's holds Ada and Cy.
    assert by_platform == {"mastodon": ["Ada"], "twitter": ["Ada", "Cy"]}
    # people: {Ada, Cy} = 2 (Ada follows on two platforms: once). The old count was 4:
    # mastodon ada + bo (ever imported) + twitter ada + cy.
    assert known.people == 2
    # denominator: 1,000 (mastodon's count) + 3 (twitter's list, no count) = 1,003
    assert known.followers == 1003
    assert known_text(known.people, known.followers) == "2 people you know among 1,003 followers"
    assert summary(db, TODAY)["known_followers"] == 2


def test_the_counts_alone_match_the_names(db: Database) -> None:
    """The dashboard reads the counts without names (no KnownPerson kept): the same numbers,
    a person with two handles in one list still counted once."""
    two_accounts(db)
    add_person(db, "Sam", handles=[Handle("mastodon", "s1"), Handle("mastodon", "s2")])
    named, counted = known_followers(db), known_followers(db, names=False)
    assert [a.known_count for a in named.accounts] == [len(a.known) for a in named.accounts]
    assert [a.known_count for a in counted.accounts] == [2, 2]  # mastodon Ada, Sam; twitter
    assert all(a.known == () for a in counted.accounts)
    assert (counted.people, counted.followers) == (named.people, named.followers) == (3, 1003)
    assert breadth_figures(latest_counts(db), counted) == breadth_figures(latest_counts(db), named)


def test_audience_known_json(journal_path: Path) -> None:
    db = open_db(journal_path)
    two_accounts(db)
    db.close()
    output = (
        CliRunner().invoke(cli, ["--db", str(journal_path), "audience", "known", "--json"]).output
    )
    document = json.loads(output)
    assert document == {
        "accounts": [
            {
                "platform": "mastodon",
                "handle": "me",
                "followers": 1000,
                "known": [{"id": 1, "name": "Ada", "handle": "ada"}],
            },
            {
                "platform": "twitter",
                "handle": "me",
                "followers": 3,
                "known": [
                    {"id": 1, "name": "Ada", "handle": "ada"},
                    {"id": 3, "name": "Cy", "handle": "cy"},
                ],
            },
        ],
        "people": 2,
    }
    text = CliRunner().invoke(cli, ["--db", str(journal_path), "audience", "known"]).output
    assert "1 person you know among 1,000 followers" in text
    assert "In total: 2 people you know among 1,003 followers" in text


def test_breadth_panel_shows_known_with_its_denominator(db: Database) -> None:
    two_accounts(db)
    figures = breadth_figures(latest_counts(db), known_followers(db))
    text = "\n".join(f"{figure.label.plain} {figure.value.plain}" for figure in figures)
    assert "1 person you know among 1,000 followers" in text  # mastodon
    assert "2 people you know among 3 followers" in text  # twitter
    assert "2 people you know among 1,003 followers" in text  # in total
    opens = [figure.opens for figure in figures if "you know" in figure.label.plain]
    assert opens[-1] == "known" and all(str(target).startswith("known:") for target in opens[:-1])


def test_two_exports_of_one_day_the_second_replaces_the_first(db: Database) -> None:
    put(db, "mastodon", D1, ["a", "b", "c"])
    first = put(db, "mastodon", D2, ["a", "b", "d", "e"], file="X")
    # against 09-01 {a, b, c}: new d, e = 2; gone c = 1
    assert (first.gained, first.lost, first.compared_with) == (2, 1, D1)
    second = put(db, "mastodon", D2, ["a", "d", "f"], file="Y")
    # the latest list is exactly {a, d, f} (3), not the union {a, b, d, e, f}; against
    # 09-01 {a, b, c}: new d, f = 2; gone b, c = 2
    assert (second.listed, second.gained, second.lost, second.compared_with) == (3, 2, 2, D1)
    account_id = db.execute("SELECT id FROM accounts").fetchone()[0]
    screen = follower_list_stats(db, account_id)  # what the Audience screen shows
    assert (screen.listed, screen.new, screen.gone, screen.compared_with) == (3, 2, 2, D1)
    (row,) = summary(db, TODAY)["audience"]
    assert row["list"] == {
        "as_of": D2,
        "listed": 3,
        "new": 2,
        "gone": 2,
        "compared_with": D1,
    }
    third = put(db, "mastodon", D3, ["a", "d", "f"])
    # the same three: nobody new, nobody gone (the union would have said b and e left)
    assert (third.gained, third.lost) == (0, 0)


def test_a_change_says_what_it_is_compared_with(db: Database) -> None:
    put(db, "mastodon", D1, None, followers=100)
    record_follower_count(
        db, platform="mastodon", account="me", followers=150, at=D2, source="manual"
    )
    put(db, "mastodon", D3, None, followers=110)
    (row,) = latest_counts(db)
    # 110 now against the 150 typed on 10-01 (not the 100 imported on 09-01): -40
    assert (row.followers, row.previous_followers, row.previous_as_of) == (110, 150, D2)
    assert compared_with(row) == "since 2026-10-01 (typed)"
    labels = [figure.label.plain for figure in breadth_figures([row], None)]
    assert "  -40 since 2026-10-01 (typed)" in labels
    (document,) = summary(db, TODAY)["audience"]
    assert document["previous"] == {
        "followers": 150,
        "as_of": D2,
        "source": "manual",
        "kind": "typed",
    }
    record_follower_count(
        db,
        platform="mastodon",
        account="me",
        followers=120,
        at=TODAY.isoformat() + "T12:00:00Z",
        source="mastodon api",
    )
    (row,) = latest_counts(db)
    assert compared_with(row) == "since 2026-11-01 (import)"


def test_older_journals_get_their_list_days(tmp_path: Path) -> None:
    journal = tmp_path / "old.db"
    shutil.copyfile(DATA / "journal-m006_contacts.db", journal)
    with connected(journal) as conn:
        seen = conn.execute("SELECT account_id, first_seen, last_seen FROM follower_accounts")
        # every first and last sighting is the day of a list
        expected = {(a, first) for a, first, _ in seen}
        seen = conn.execute("SELECT account_id, last_seen FROM follower_accounts")
        expected |= {(a, last) for a, last in seen}
    assert expected
    open_db(journal).close()
    with connected(journal) as conn:
        assert set(conn.execute("SELECT account_id, observed_at FROM follower_lists")) == expected
