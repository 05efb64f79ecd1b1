"""`netdash fetch` against servers that hang, lie, break off or never stop, all on 127.0.0.1.

Each failure is one line on stderr naming the platform and account, the exit code is 2, and the
accounts after it are still fetched and stored. Every test is bounded in time: the hostile
servers stop by themselves after a few seconds.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from netdash.cli import cli
from netdash.config import Config
from netdash.fetch import platforms
from netdash.fetch.http import FetchError, get_json
from tests.conftest import connected
from tests.fetch import hostile

BLUESKY_PROFILE = {"did": "did:plc:ok", "followersCount": 1_000_000, "followsCount": 0}


def configure(home: Path, github: str, others: str) -> None:
    config = home / "config" / "netdash" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[api]\ngithub = "{github}"\nbluesky = "{others}"\nmastodon = "{others}"\n')


def fetch(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "fetch", *args])


def stored_counts(db: Path) -> list[tuple[str, int]]:
    with connected(db) as conn:
        return conn.execute(
            "SELECT a.platform, c.followers FROM follower_counts c"
            " JOIN accounts a ON a.id = c.account_id ORDER BY a.platform"
        ).fetchall()


@pytest.fixture
def two_accounts(httpserver: HTTPServer, tmp_path: Path) -> Path:
    """A GitHub account (on whatever server the test sets) first, then a healthy Bluesky one."""
    httpserver.expect_request("/xrpc/app.bsky.actor.getProfile").respond_with_json(BLUESKY_PROFILE)
    db = tmp_path / "j.db"
    runner = CliRunner()
    for platform, handle in (("github", "ada"), ("bluesky", "ok.example.com")):
        result = runner.invoke(cli, ["--db", str(db), "accounts", "add", platform, handle])
        assert result.exit_code == 0, result.output
    return db


def assert_failed_alone(result: Result, db: Path, problem: str) -> None:
    """GitHub failed in one line naming it and what went wrong; Bluesky was still stored."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("netdash: github ada: ") and problem in lines[0], lines[0]
    assert stored_counts(db) == [("bluesky", 1_000_000)]


@pytest.mark.parametrize(
    ("behaviour", "problem"),
    [
        (hostile.bad_status_line, "not an HTTP answer"),
        (hostile.endless_header_line, "not an HTTP answer"),
        (hostile.close_without_answer, "closed the connection without answering"),
        (hostile.close_mid_body, "cut off after 16 bytes"),
        (hostile.close_mid_chunk, "cut off"),
        (hostile.endless_body, "larger than 8 MiB"),
        (hostile.huge_declared_length, "larger than 8 MiB"),
    ],
)
def test_a_broken_server_fails_its_account_only(
    httpserver: HTTPServer,
    two_accounts: Path,
    isolated_home: Path,
    behaviour: hostile.Behaviour,
    problem: str,
) -> None:
    with hostile.hostile_server(behaviour) as base:
        configure(isolated_home, base, httpserver.url_for("").rstrip("/"))
        result = fetch(two_accounts, "--no-lists", "--timeout", "1")  # 1 s: no time to retry
    assert_failed_alone(result, two_accounts, problem)


@pytest.mark.parametrize("behaviour", [hostile.drip_status_line, hostile.drip_body])
def test_a_drip_feed_is_cut_at_the_accounts_deadline(
    httpserver: HTTPServer,
    two_accounts: Path,
    isolated_home: Path,
    behaviour: hostile.Behaviour,
) -> None:
    with hostile.hostile_server(behaviour) as base:
        configure(isolated_home, base, httpserver.url_for("").rstrip("/"))
        started = time.monotonic()
        result = fetch(two_accounts, "--no-lists", "--timeout", "1")
        elapsed = time.monotonic() - started
    assert_failed_alone(result, two_accounts, "no complete answer within 0.5 s")
    assert elapsed < 3, elapsed


def test_get_json_bounds_a_whole_response_not_each_read() -> None:
    """A byte every 50 ms never trips a 0.5 s socket timeout: the deadline must be overall."""
    with hostile.hostile_server(hostile.drip_body) as base:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"no complete answer within 0\.5 s"):
            get_json(f"{base}/users/ada", timeout=0.5, attempts=1)
        assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (10**30, "1000000000000000000000000000000"),
        (2**63, "9223372036854775808"),
        (True, "true"),
        (-1, "-1"),
        (1.5, "1.5"),
        ("12", "'12'"),
        (None, "None"),
    ],
)
def test_a_count_that_is_not_a_count_is_a_bad_answer(
    httpserver: HTTPServer, two_accounts: Path, isolated_home: Path, value: Any, shown: str
) -> None:
    httpserver.expect_request("/users/ada").respond_with_json({"followers": value, "following": 1})
    base = httpserver.url_for("").rstrip("/")
    configure(isolated_home, base, base)
    result = fetch(two_accounts, "--no-lists")
    assert_failed_alone(result, two_accounts, f"bad answer: followers is {shown}, not a count")


def test_a_server_message_cannot_break_the_line(
    httpserver: HTTPServer, two_accounts: Path, isolated_home: Path
) -> None:
    httpserver.expect_request("/users/ada").respond_with_json(
        {"message": "Not Found\nnetdash: github ada: 5 followers\x1b[2J"}, status=404
    )
    base = httpserver.url_for("").rstrip("/")
    configure(isolated_home, base, base)
    result = fetch(two_accounts, "--no-lists")
    assert_failed_alone(result, two_accounts, "no such account (Not Found netdash")
    assert "\x1b" not in result.stderr


def test_an_absurd_rate_limit_reset_time_is_not_a_crash(
    httpserver: HTTPServer, two_accounts: Path, isolated_home: Path
) -> None:
    httpserver.expect_request("/users/ada").respond_with_json(
        {"message": "API rate limit exceeded"},
        status=403,
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": "99999999999999999999"},
    )
    base = httpserver.url_for("").rstrip("/")
    configure(isolated_home, base, base)
    result = fetch(two_accounts, "--no-lists")
    assert_failed_alone(result, two_accounts, "hourly allowance is spent; try again later")


def github_followers(httpserver: HTTPServer, link: str) -> None:
    httpserver.expect_request("/users/ada").respond_with_json({"followers": 9, "following": 1})
    httpserver.expect_request("/users/ada/followers").respond_with_json(
        [{"id": 1, "login": "Lena"}], headers={"Link": link}
    )


def test_a_follower_list_cut_off_by_the_page_cap_is_partial_not_complete(
    httpserver: HTTPServer, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = httpserver.url_for("").rstrip("/")
    # Every page says there is another: only the cap ends the list.
    github_followers(httpserver, f'<{base}/users/ada/followers?per_page=100&page=2>; rel="next"')
    configure(isolated_home, base, base)
    monkeypatch.setattr(platforms, "MAX_PAGES", 2)
    db = tmp_path / "j.db"
    CliRunner().invoke(cli, ["--db", str(db), "accounts", "add", "github", "ada"])
    result = fetch(db)
    assert result.exit_code == 0, result.output
    assert "follower list partial (2 listed, stopped at the cap of 2 pages)" in result.output
    assert stored_counts(db) == [("github", 9)]
    with connected(db) as conn:  # a list taken as complete would make the rest "gone"
        assert conn.execute("SELECT COUNT(*) FROM follower_accounts").fetchone() == (0,)


def test_a_follower_list_stops_early_when_the_accounts_time_runs_short() -> None:
    """Paging stops, the list partial, while a whole request still fits in the time left."""
    from email.message import Message

    from netdash.fetch.http import Answer, Deadline, Limits  # here: see the last test

    now = [0.0]
    calls: list[str] = []

    def get(url: str, **_: Any) -> Answer:
        now[0] += 20.0  # every answer takes 20 s of the account's 100
        calls.append(url)
        if "/followers" not in url:
            return Answer({"followers": 500, "following": 1}, Message(), url)
        headers = Message()
        headers["Link"] = f'<{url.split("&page=")[0]}&page={len(calls)}>; rel="next"'
        return Answer([{"id": len(calls), "login": f"f{len(calls)}"}], headers, url)

    deadline = Deadline(Limits(account_seconds=100, request_seconds=30), clock=lambda: now[0])
    config = Config(api={"mastodon": "", "bluesky": "", "github": "http://127.0.0.1:9"})
    fetched = platforms.fetch_account("github", "ada", config, deadline=deadline, get=get)
    assert len(calls) == 4  # the profile and 3 pages: at 80 s, 20 s is left, less than 30
    assert fetched.cut_off == "stopped when the 100 s allowed ran short"
    assert [f.handle for f in fetched.snapshot.follower_list or []] == ["f2", "f3", "f4"]


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("file://{tmp}/page.json", "the next page is elsewhere (file:"),
        ("http://127.0.0.2:9/followers", "the next page is elsewhere (http://127.0.0.2:9/"),
        ("https://[::1/followers", "the next page is not an address"),
    ],
)
def test_a_next_page_link_cannot_lead_off_the_server(
    httpserver: HTTPServer, isolated_home: Path, tmp_path: Path, target: str, problem: str
) -> None:
    (tmp_path / "page.json").write_text(json.dumps([{"id": 2, "login": "leaked"}]))
    base = httpserver.url_for("").rstrip("/")
    github_followers(httpserver, f'<{target.format(tmp=tmp_path)}>; rel="next"')
    configure(isolated_home, base, base)
    db = tmp_path / "j.db"
    CliRunner().invoke(cli, ["--db", str(db), "accounts", "add", "github", "ada"])
    result = fetch(db, "--timeout", "1")
    assert result.exit_code == 2 and problem in result.stderr, result.output
    with connected(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM follower_accounts").fetchone() == (0,)


KEYS = (
    "id acct did handle login followers followersCount followsCount following"
    " followers_count following_count cursor"
).split()
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)
    ),
    max_leaves=12,
)


HANDLES = {"mastodon": "ada@example.com", "bluesky": "ada.example.com", "github": "ada"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(platform=st.sampled_from(platforms.FETCHABLE), answers=st.lists(JSON, min_size=1))
def test_whatever_json_a_server_sends_the_outcome_is_a_snapshot_or_a_fetch_error(
    platform: str, answers: list[Any]
) -> None:
    from email.message import Message

    from netdash.fetch.http import Answer  # here, so the other tests run on older code too

    replies = iter(answers)

    def get(url: str, **_: Any) -> Answer:
        return Answer(next(replies, None), Message(), url)

    config = Config(api={"mastodon": "http://127.0.0.1:9", "bluesky": "x", "github": "x"})
    try:
        fetched = platforms.fetch_account(platform, HANDLES[platform], config, get=get)
    except FetchError:
        return
    assert 0 <= (fetched.snapshot.followers or 0) < 2**63


# ------------------------------------------------------- handles no address can be built from
# `netdash accounts add` refuses them now (tests/store/test_handles.py); an older netdash, or a
# manual count, may have stored them, and `fetch` must still fail each alone, in one line.

BAD_STORED = [
    ("mastodon", "a@[::1"),  # urlsplit: ValueError "Invalid IPv6 URL"
    ("mastodon", "x\x1b]0;P\x07@e\x1b[2J.social"),
    ("github", "ev/il"),
    ("github", "../orgs/x"),
    ("bluesky", "x/../y"),
]


def store_unchecked(db: Path, platform: str, handle: str) -> None:
    with connected(db) as conn:
        conn.execute(
            "INSERT INTO accounts(platform, handle, created_at)"
            " VALUES (?, ?, '2025-01-01T00:00:00Z')",
            [platform, handle],
        )


def test_accounts_stored_with_impossible_handles_fail_alone_and_the_rest_run(
    httpserver: HTTPServer, isolated_home: Path, tmp_path: Path
) -> None:
    httpserver.expect_request("/users/ada").respond_with_json({"followers": 9, "following": 1})
    httpserver.expect_request("/xrpc/app.bsky.actor.getProfile").respond_with_json(BLUESKY_PROFILE)
    base = httpserver.url_for("").rstrip("/")
    config = isolated_home / "config" / "netdash" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    # no mastodon server set: each account is asked at its own, the address built from it
    config.write_text(f'[api]\ngithub = "{base}"\nbluesky = "{base}"\n')
    db = tmp_path / "k.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "accounts", "add", "github", "ada"]).exit_code == 0
    for platform, handle in BAD_STORED:
        store_unchecked(db, platform, handle)
    added = runner.invoke(cli, ["--db", str(db), "accounts", "add", "bluesky", "ok.example.com"])
    assert added.exit_code == 0  # after the bad ones: it must still be fetched

    result = fetch(db, "--no-lists", "--timeout", "5")

    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert [line.split(":")[1].split()[0] for line in lines] == [p for p, _ in BAD_STORED]
    assert all(line.startswith("netdash: ") for line in lines), lines
    assert "is not a Mastodon account" in lines[0] and "is not a GitHub login" in lines[2]
    assert not any(ch in result.stderr for ch in "\x1b\x07"), result.stderr
    assert stored_counts(db) == [("bluesky", 1_000_000), ("github", 9)]
    paths = sorted(request.path for request, _ in httpserver.log)
    assert paths == ["/users/ada", "/xrpc/app.bsky.actor.getProfile"]


@pytest.mark.parametrize("url", ["https://[::1/api", "https://[::1]:99999/x", "https://:80/x"])
def test_an_address_urlsplit_refuses_is_a_fetch_error_not_a_crash(url: str) -> None:
    with pytest.raises(FetchError, match="not"):
        get_json(url, timeout=1, attempts=1)


def test_building_a_mastodon_address_from_a_bad_server_is_a_fetch_error() -> None:
    """Past ``fetch_account``'s check, as an older netdash would have reached it."""
    from netdash.fetch.http import Deadline, Limits

    deadline = Deadline(Limits.within(2))
    session = platforms._Session(lambda url: get_json(url, deadline=deadline), deadline, 1)
    config = Config(api={"mastodon": "", "bluesky": "", "github": ""})
    with pytest.raises(FetchError, match="not a valid address"):
        platforms.fetch_mastodon("a@[::1", config, session, lists=False)


def test_a_redirect_to_an_address_urlsplit_refuses_is_a_fetch_error() -> None:
    refused = pytest.raises(FetchError, match=r"refused a redirect to http://\[::1/users")
    with hostile.hostile_server(hostile.redirect_to_a_broken_address) as base, refused:
        get_json(f"{base}/users/ada", timeout=2, attempts=1)


@pytest.mark.parametrize(
    ("platform", "handle", "expected"),
    [
        ("github", "ev/il", "/users/ev%2Fil"),
        ("github", "../orgs/x", "/users/..%2Forgs%2Fx"),
        ("github", "a?b#c", "/users/a%3Fb%23c"),
        ("bluesky", "x/../y&limit=1", "actor=x%2F..%2Fy%26limit%3D1"),
        ("mastodon", "a&b=c/d@example.social", "acct=a%26b%3Dc%2Fd"),
    ],
)
def test_every_handle_in_an_address_is_percent_quoted(
    platform: str, handle: str, expected: str
) -> None:
    """Defence in depth: past the syntax check, a handle is still one path segment or value."""
    from email.message import Message

    from netdash.fetch.http import Answer, Deadline, Limits

    asked: list[str] = []

    def get(url: str) -> Answer:
        asked.append(url)
        counts = {"followers": 1, "following": 1, "followersCount": 1, "followsCount": 1}
        return Answer({**counts, "followers_count": 1, "following_count": 1}, Message(), url)

    deadline = Deadline(Limits())
    session = platforms._Session(get, deadline, 1)
    config = Config(api={"mastodon": "http://h", "bluesky": "http://h", "github": "http://h"})
    platforms.FETCHERS[platform](handle, config, session, False)
    (url,) = asked
    assert expected in url, url


def test_a_servers_account_id_is_one_path_segment() -> None:
    from email.message import Message

    from netdash.fetch.http import Answer, Deadline, Limits

    asked: list[str] = []

    def get(url: str) -> Answer:
        asked.append(url)
        data = {"id": "../../admin", "followers_count": 1, "following_count": 1}
        return Answer(data if "lookup" in url else [], Message(), url)

    session = platforms._Session(get, Deadline(Limits()), 1)
    config = Config(api={"mastodon": "http://h", "bluesky": "", "github": ""})
    platforms.fetch_mastodon("ada@example.social", config, session, lists=True)
    assert asked[1] == "http://h/api/v1/accounts/..%2F..%2Fadmin/followers?limit=80"


def test_a_bug_in_one_account_lets_the_others_run_then_exits_1(
    httpserver: HTTPServer, two_accounts: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any) -> platforms.Fetched:
        raise RuntimeError("a bug")

    monkeypatch.setitem(platforms.FETCHERS, "github", broken)
    base = httpserver.url_for("").rstrip("/")
    configure(isolated_home, base, base)
    result = fetch(two_accounts, "--no-lists")  # main() turns the bug into exit code 1
    assert isinstance(result.exception, RuntimeError), result.output
    assert result.stderr == "netdash: github ada: not fetched (an unexpected error, below)\n"
    assert stored_counts(two_accounts) == [("bluesky", 1_000_000)]
