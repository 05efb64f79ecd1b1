"""`netdash fetch` against a real local HTTP server serving the platforms' response shapes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from netdash.cli import cli
from netdash.fetch.http import FetchError, get_json
from tests.conftest import connected

MASTODON_ACCOUNT = {
    "id": "109876543210987654",
    "username": "ada",
    "acct": "ada",
    "followers_count": 1287,
    "following_count": 342,
    "statuses_count": 2210,
}


@pytest.fixture
def configured(httpserver: HTTPServer, isolated_home: Path) -> str:
    base = httpserver.url_for("").rstrip("/")
    config = isolated_home / "config" / "netdash" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'[api]\nmastodon = "{base}"\nbluesky = "{base}"\ngithub = "{base}"\n')
    return base


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_mastodon_counts_and_followers_paged_by_link_header(
    httpserver: HTTPServer, configured: str, tmp_path: Path
) -> None:
    httpserver.expect_request("/api/v1/accounts/lookup", query_string="acct=ada").respond_with_json(
        MASTODON_ACCOUNT
    )
    followers = "/api/v1/accounts/109876543210987654/followers"
    httpserver.expect_request(followers, query_string="limit=80").respond_with_json(
        [{"id": "1", "acct": "lena@photo.example"}, {"id": "2", "acct": "bo"}],
        headers={"Link": f'<{configured}{followers}?limit=80&max_id=2>; rel="next"'},
    )
    httpserver.expect_request(followers, query_string="limit=80&max_id=2").respond_with_json(
        [{"id": "3", "acct": "cy@x.example"}]
    )
    db = tmp_path / "j.db"
    assert run(db, "accounts", "add", "mastodon", "@ada@mastodon.example")[0] == 0
    code, output = run(db, "fetch")
    assert code == 0, output
    assert "1,287 followers, 342 following, 3 listed" in output
    with connected(db) as conn:
        assert conn.execute("SELECT followers, source FROM follower_counts").fetchall() == [
            (1287, "mastodon api")
        ]
        handles = {row[0] for row in conn.execute("SELECT handle FROM follower_accounts")}
    assert handles == {"lena@photo.example", "bo@mastodon.example", "cy@x.example"}


def test_bluesky_pages_until_the_cursor_is_missing(
    httpserver: HTTPServer, configured: str, tmp_path: Path
) -> None:
    httpserver.expect_request("/xrpc/app.bsky.actor.getProfile").respond_with_json(
        {
            "did": "did:plc:4x7ynqmzq2ey3bc6kfsvqwx5",
            "handle": "ada.example.com",
            "followersCount": 3,
            "followsCount": 1,
        }
    )
    pages = {
        "": {"followers": [{"did": "did:plc:a", "handle": "lena.bsky.social"}], "cursor": "c1"},
        "c1": {"followers": [], "cursor": "c2"},  # a short page with a cursor is not the end
        "c2": {"followers": [{"did": "did:plc:b", "handle": "handle.invalid"}]},
    }

    def followers(request: Request) -> Response:
        page = pages[request.args.get("cursor", "")]
        return Response(json.dumps(page), content_type="application/json")

    httpserver.expect_request("/xrpc/app.bsky.graph.getFollowers").respond_with_handler(followers)
    db = tmp_path / "j.db"
    run(db, "accounts", "add", "bluesky", "ada.example.com")
    code, output = run(db, "fetch")
    assert code == 0, output
    with connected(db) as conn:
        rows = conn.execute("SELECT remote_id, handle FROM follower_accounts ORDER BY 1").fetchall()
    assert rows == [("did:plc:a", "lena.bsky.social"), ("did:plc:b", None)]


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (404, {"message": "Not Found"}, "no such account"),
        (401, {"error": "This API requires an authenticated user"}, "requires a login"),
    ],
)
def test_errors_are_one_line_and_write_nothing(
    httpserver: HTTPServer,
    configured: str,
    tmp_path: Path,
    status: int,
    body: dict[str, str],
    message: str,
) -> None:
    httpserver.expect_request("/users/ghost").respond_with_json(body, status=status)
    db = tmp_path / "j.db"
    run(db, "accounts", "add", "github", "ghost")
    code, output = run(db, "fetch")
    assert code == 2 and message in output
    with connected(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM follower_counts").fetchone() == (0,)


def test_429_is_retried_after_the_servers_delay(httpserver: HTTPServer, configured: str) -> None:
    calls = []

    def limited(request: Request) -> Response:
        calls.append(request)
        if len(calls) < 3:
            return Response("{}", status=429, headers={"Retry-After": "0"})
        return Response(
            json.dumps({"followers": 5, "following": 1}), content_type="application/json"
        )

    httpserver.expect_request("/users/ada").respond_with_handler(limited)
    slept: list[float] = []
    answer = get_json(httpserver.url_for("/users/ada"), sleep=slept.append)
    assert answer.data["followers"] == 5 and len(calls) == 3 and slept == [0.0, 0.0]


def test_5xx_gives_up_after_the_last_attempt(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/users/ada").respond_with_data("oops", status=503)
    slept: list[float] = []
    with pytest.raises(FetchError, match="503"):
        get_json(httpserver.url_for("/users/ada"), attempts=3, sleep=slept.append)
    assert slept == [1.0, 2.0]  # backoff doubles


def test_a_slow_server_times_out(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.6)  # three times the client's timeout: a deliberate, unraced delay
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(FetchError, match=r"no complete answer within 0\.2 s"):
        get_json(httpserver.url_for("/slow"), timeout=0.2, attempts=2, sleep=lambda _: None)


def test_offline_is_said_plainly() -> None:
    with pytest.raises(FetchError, match="cannot connect"):
        get_json("http://127.0.0.1:9/nothing", attempts=1)


def test_fetch_without_accounts_says_what_to_do(tmp_path: Path) -> None:
    code, output = run(tmp_path / "j.db", "fetch")
    assert code == 2 and "netdash accounts add" in output


def test_a_broken_config_file_is_named(isolated_home: Path, tmp_path: Path) -> None:
    config = isolated_home / "config" / "netdash" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[api\n")
    db = tmp_path / "j.db"
    run(db, "accounts", "add", "github", "ada")
    code, output = run(db, "fetch")
    assert code == 2 and "config.toml" in output


@pytest.mark.parametrize(
    ("error", "message"),
    [
        ("AccountTakedown", "suspended"),
        ("AccountDeactivated", "deactivated"),
        ("InvalidRequest", "no such account"),
    ],
)
def test_bluesky_suspended_or_missing_accounts(
    httpserver: HTTPServer, configured: str, tmp_path: Path, error: str, message: str
) -> None:
    httpserver.expect_request("/xrpc/app.bsky.actor.getProfile").respond_with_json(
        {"error": error, "message": "Profile not found"}, status=400
    )
    db = tmp_path / "j.db"
    run(db, "accounts", "add", "bluesky", "gone.example.com")
    code, output = run(db, "fetch")
    assert code == 2 and message in output and "gone.example.com" in output


def test_github_hourly_allowance_spent_is_said_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/users/ada").respond_with_json(
        {"message": "API rate limit exceeded"},
        status=403,
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1900000000"},
    )
    slept: list[float] = []
    with pytest.raises(FetchError, match="hourly allowance is spent; try again after"):
        get_json(httpserver.url_for("/users/ada"), sleep=slept.append)
    assert slept == []
