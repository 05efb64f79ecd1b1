"""`netdash import` end to end, and malformed exports: never a traceback, never a partial write."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.cli import cli
from tests.conftest import connected
from tests.importers.conftest import FIXTURES, zip_folder


def invoke(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), "import", *args])
    return result.exit_code, result.output


def count(db: Path, table: str) -> int:
    with connected(db) as conn:
        try:
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        except sqlite3.OperationalError:
            return 0  # the journal was never created


def test_import_twitter_zip_then_again(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    archive = zip_folder(FIXTURES / "twitter", tmp_path / "twitter-2025-03-02.zip")
    code, output = invoke(db, "twitter", str(archive))
    assert code == 0, output
    assert "4 followers, 3 following" in output and "twitter (ada_example)" in output
    code, output = invoke(db, str(archive))  # detected
    assert code == 0 and "Already imported" in output
    assert count(db, "imports") == 1 and count(db, "follower_accounts") == 4


def test_stats_and_known_followers_after_import(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    runner = CliRunner()
    runner.invoke(
        cli, ["--db", str(db), "people", "add", "Priya Raman", "--handle", "instagram:priya.r"]
    )
    code, output = invoke(db, "instagram", str(FIXTURES / "instagram"), "--account", "@ada")
    assert code == 0, output
    import json

    stats = json.loads(runner.invoke(cli, ["--db", str(db), "stats", "--json"]).output)
    assert stats["audience_total"] == 4
    assert stats["known_followers"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("myspace", "x"), "unknown source"),
        (("nowhere.zip",), "no such file"),
        (("a", "b", "c"), "[SOURCE] PATH"),
    ],
)
def test_bad_arguments(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    code, output = invoke(tmp_path / "j.db", *args)
    assert code == 2 and message in output and output.count("\n") == 1


CASES = [
    ("twitter", FIXTURES / "twitter" / "data" / "follower.js", "twitter"),
    ("linkedin", FIXTURES / "linkedin" / "Connections.csv", "linkedin"),
    (
        "instagram",
        FIXTURES / "instagram" / "connections" / "followers_and_following" / "followers_1.json",
        "instagram",
    ),
    (
        "facebook",
        FIXTURES / "facebook" / "connections" / "friends" / "your_friends.json",
        "facebook",
    ),
    ("mastodon", FIXTURES / "mastodon" / "following_accounts.csv", "mastodon"),
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    case=st.sampled_from(CASES),
    cut=st.floats(0, 1),
    noise=st.binary(max_size=12),
    at=st.floats(0, 1),
)
def test_malformed_exports_exit_2_and_write_nothing(
    tmp_path: Path, case: tuple[str, Path, str], cut: float, noise: bytes, at: float
) -> None:
    name, original, source = case
    work = tmp_path / f"{name}-{abs(hash((cut, noise, at)))}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    data = original.read_bytes()
    data = data[: int(len(data) * cut)]
    position = int(len(data) * at)
    data = data[:position] + noise + data[position:]
    target = work / original.name
    target.write_bytes(data)
    db = work / "j.db"
    code, output = invoke(db, source, str(target), "--account", "me")
    assert code in (0, 2), output
    if code == 2:
        assert output.startswith("netdash: ") and output.count("\n") == 1, output
        assert count(db, "imports") == 0
        assert count(db, "follower_counts") == 0
        assert count(db, "follower_accounts") == 0


def test_linkedin_connections_are_kept_as_candidates(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    code, output = invoke(db, "linkedin", str(FIXTURES / "linkedin"), "--account", "me")
    assert code == 0, output
    with connected(db) as conn:
        rows = conn.execute(
            "SELECT name, company, position, connected_on, url FROM connections ORDER BY name"
        ).fetchall()
    assert (
        "Priya Raman",
        "Northwind Analytics",
        "Director, Data Platform",
        "2025-02-14",
        "https://www.linkedin.com/in/priya-raman-4b1a2c",
    ) in rows
    assert ("Jen O'Neil", None, None, "2021-07-27", "https://www.linkedin.com/in/jen-oneil") in rows
    assert len(rows) == 4
