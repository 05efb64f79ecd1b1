from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.cli import cli
from netdash.store.db import open_db
from tests.conftest import MARKUP_NAME, Run


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    db = open_db(path)
    try:
        return [tuple(row) for row in db.execute(sql).fetchall()]
    finally:
        db.close()


def test_log_the_issue_example(run: Run, journal_path: Path) -> None:
    assert (
        run("people", "add", "Ada Lovelace", "--handle", "mastodon:@ada@example.social").exit_code
        == 0
    )
    result = run("log", "yesterday: coffee with Grace Hopper and @ada #navy talked about COBOL")
    assert result.exit_code == 0, result.output
    assert "Logged 2026-11-25 (yesterday): in person" in result.output
    assert "Grace Hopper (new), Ada Lovelace" in result.output
    assert "#navy" in result.output
    assert rows(journal_path, "SELECT occurred_on, kind, note FROM interactions") == [
        ("2026-11-25", "in_person", "coffee with Grace Hopper and @ada talked about COBOL")
    ]
    assert rows(journal_path, "SELECT name FROM people ORDER BY id") == [
        ("Ada Lovelace",),
        ("Grace Hopper",),
    ]


def test_log_dry_run_writes_nothing(run: Run, journal_path: Path) -> None:
    result = run("log", "--dry-run", "coffee with Bo")
    assert result.exit_code == 0 and "Would log" in result.output and "Bo (new)" in result.output
    assert rows(journal_path, "SELECT COUNT(*) FROM people") == [(0,)]


@pytest.mark.parametrize(
    "text",
    [
        "coffee with nobody",
        "yesterdy: coffee with Bo",
        "coffee with @ghost",
        "2027-01-01: tea with Bo",
    ],
)
def test_bad_log_exits_2_with_one_line_and_writes_nothing(
    run, journal_path: Path, text: str
) -> None:
    result = run("log", text)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("netdash: ")
    assert rows(journal_path, "SELECT COUNT(*) FROM people") == [(0,)]
    assert rows(journal_path, "SELECT COUNT(*) FROM interactions") == [(0,)]


def test_people_commands(run: Run) -> None:
    assert (
        run(
            "people",
            "add",
            "Ana Souza",
            "--tag",
            "work",
            "--met",
            "2024-05-01",
            "--how-met",
            "a meetup",
        ).exit_code
        == 0
    )
    assert run("people", "add", MARKUP_NAME, "--introduced-by", "Ana").exit_code == 0
    assert run("people", "edit", "Ana", "--handle", "github:ana", "--closeness", "4").exit_code == 0
    listed = json.loads(run("people", "list", "--json").output)
    assert [p["name"] for p in listed] == [MARKUP_NAME, "Ana Souza"]
    shown = json.loads(run("people", "show", MARKUP_NAME, "--json").output)
    assert shown["name"] == MARKUP_NAME
    assert shown["introduced_by"]["name"] == "Ana Souza"
    ana = json.loads(run("people", "show", "@ana", "--json").output)
    assert ana["handles"] == [{"platform": "github", "handle": "ana"}]
    assert ana["closeness"] == 4 and ana["met_on"] == "2024-05-01" and ana["tags"] == ["work"]
    assert MARKUP_NAME in run("people", "list").output


def test_ambiguous_name_lists_candidates(run: Run) -> None:
    run("people", "add", "Ada Lovelace")
    run("people", "add", "Ada Byron")
    result = run("people", "show", "Ada")
    assert result.exit_code == 2
    assert "Ada Byron" in result.output and "Ada Lovelace" in result.output


def test_followers_set_and_stats(run: Run) -> None:
    result = run("followers", "set", "mastodon", "1234", "--account", "@ada@example.social")
    assert result.exit_code == 0 and "Recorded 1,234" in result.output
    assert "Unchanged" in run("followers", "set", "mastodon", "1234").output
    assert run("followers", "set", "github", "5").exit_code == 2  # no github account yet
    assert run("followers", "set", "mastodon", "-5").exit_code == 2
    document = json.loads(run("stats", "--json").output)
    assert document["audience_total"] == 1234
    assert document["audience"][0]["account"] == "ada@example.social"
    assert "1,234" in run("stats").output


def test_locate_version_and_env(
    run, journal_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert run("locate", "db").output.strip() == str(journal_path)
    other = tmp_path / "env.db"
    monkeypatch.setenv("NETDASH_DB", str(other))
    result = CliRunner().invoke(cli, ["locate", "db"])
    assert result.output.strip() == str(other)
    assert "0.1.0" in CliRunner().invoke(cli, ["--version"]).output


def test_every_command_has_help() -> None:
    def walk(command: click.Command, path: list[str]) -> None:
        result = CliRunner().invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, path
        assert command.help, f"{' '.join(path) or 'netdash'} has no docstring"
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, [*path, name])

    walk(cli, [])


def test_a_demo_too_large_to_build_is_refused_at_once(tmp_path: Path) -> None:
    """2**64 people (a number the command-line fuzzer drew) ran for ever."""
    path = tmp_path / "demo.db"
    for people in ("200001", str(2**64)):
        result = CliRunner().invoke(
            cli, ["demo", "--build-only", "--path", str(path), "--people", people]
        )
        assert result.exit_code == 2 and "1<=x<=200000" in result.output, result.output
    assert not path.exists()


def test_demo_is_deterministic_and_never_the_users_journal(tmp_path: Path) -> None:
    runner = CliRunner()
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    for path in (first, second):
        result = runner.invoke(cli, ["demo", "--build-only", "--path", str(path)])
        assert result.exit_code == 0, result.output
    query = (
        "SELECT name, (SELECT COUNT(*) FROM interactions),"
        " (SELECT COUNT(*) FROM follower_counts) FROM people ORDER BY id"
    )
    assert rows(first, query) == rows(second, query)
    assert 140 <= len(rows(first, query)) <= 160
    users = tmp_path / "mine.db"
    result = runner.invoke(
        cli, ["demo", "--build-only", "--path", str(users)], env={"NETDASH_DB": str(users)}
    )
    assert result.exit_code == 2


def run_real(*args: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **env_extra}
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "netdash", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("log", "coffee with Ada"),
        ("stats", "--json"),
        ("people", "list"),
        ("locate",),
        ("followers", "set", "github", "3", "--account", "me"),
    ],
)
def test_plain_commands_never_import_textual(args: tuple[str, ...], journal_path: Path) -> None:
    result = run_real(*args, env_extra={"NETDASH_DB": str(journal_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "sqlite_utils" in imported  # the probe works
    assert not any(name == "textual" or name.startswith("textual.") for name in imported)


NOT_FOR_READS = (
    "textual",
    "netdash.tui",
    "netdash.importers",
    "netdash.export",
    "netdash.fetch",
    "netdash.demo",
    "netdash.review",
    "netdash.actions.imports",
    "netdash.store.imports",
)
"""What the commands scripts run after every write never need: the TUI, the readers and
writers of files, the HTTPS clients, the demo builder and the review."""


@pytest.mark.parametrize(
    ("args", "also_not"),
    [
        (("stats", "--json"), ("netdash.store.history",)),  # `stats --history` alone reads it
        (("reach-out",), ("netdash.store.history", "netdash.store.stats")),
        (("people", "show", "Ada"), ("netdash.store.stats",)),  # its score history is shown
    ],
)
def test_the_read_commands_after_a_write_import_only_what_they_use(
    args: tuple[str, ...], also_not: tuple[str, ...], journal_path: Path
) -> None:
    env = {"NETDASH_DB": str(journal_path)}
    assert run_real("log", "coffee with Ada", env_extra=env).returncode == 0
    result = run_real(*args, env_extra=env)
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "netdash.store.depth" in imported  # the probe works
    assert not [
        name
        for name in imported
        for banned in (*NOT_FOR_READS, *also_not)
        if name == banned or name.startswith(f"{banned}.")
    ]


def test_people_add_with_a_bad_handle_writes_nothing(run: Run, journal_path: Path) -> None:
    result = run("people", "add", "Ada", "--handle", "ada", "--tag", "x")
    assert result.exit_code == 2 and "PLATFORM:HANDLE" in result.output
    assert rows(journal_path, "SELECT COUNT(*) FROM people") == [(0,)]


def test_a_folder_or_a_newer_journal_is_refused_with_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(tmp_path), "stats"])
    assert result.exit_code == 2 and "is a folder" in result.output
    newer = tmp_path / "newer.db"
    db = open_db(newer)
    db.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
        " VALUES ('netdash', 'm999_future', '2030-01-01')"
    )
    db.close()
    before = newer.read_bytes()
    result = runner.invoke(cli, ["--db", str(newer), "log", "coffee with Ana"])
    assert result.exit_code == 2 and "newer netdash" in result.output
    assert result.output.count("\n") == 1
    assert newer.read_bytes() == before


def test_journal_files_are_private_including_wal(run: Run, journal_path: Path) -> None:
    import stat

    assert run("log", "coffee with Ana").exit_code == 0
    for path in journal_path.parent.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=80))
def test_log_never_crashes_and_bad_input_writes_nothing(text: str, tmp_path: Path) -> None:
    path = tmp_path / f"fuzz-{abs(hash(text))}.db"
    result = CliRunner().invoke(cli, ["--db", str(path), "log", "--", text])
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.output.startswith("netdash: ") and result.output.count("\n") == 1
        assert rows(path, "SELECT COUNT(*) FROM interactions") == [(0,)]
        assert rows(path, "SELECT COUNT(*) FROM people") == [(0,)]
    else:
        assert rows(path, "SELECT COUNT(*) FROM interactions") == [(1,)]


def test_depth_in_the_shell(run: Run, journal_path: Path, isolated_home: Path) -> None:
    run("people", "add", "Ana Souza", "--cadence", "7")
    run("log", "20 days ago: coffee with Ana Souza")
    run("log", "yesterday: lunch with Bo Chen")
    shown = json.loads(run("people", "show", "Ana", "--json").output)
    assert {"score", "components", "layer", "cadence_days", "last_contact", "overdue"} <= set(shown)
    assert shown["overdue"] is True and shown["cadence_days"] == 7
    assert [part["name"] for part in shown["components"]][:2] == ["recency", "frequency"]
    stats = json.loads(run("stats", "--json").output)
    # Each seen once with the defaults (depth 2, I started it) scores at most 28.6 (README,
    # "Layers"): under the inner 5's 55 and the 15's 35, above the 50's 15 (Ana, 20 days ago:
    # 20 * 0.5^(20/30) + 20 * (1 - e^(-0.5^(20/180)/5)) + 5 + 0.2 = 21.2), so both in the 50.
    assert stats["overdue"] == 1
    assert stats["layers"] == {"5": 0, "15": 0, "50": 2, "150": 2}
    assert "Ana Souza" in run("reach-out").output
    assert run("people", "edit", "Ana", "--snooze", "5", "--pin-layer", "15").exit_code == 0
    assert "Nobody is overdue" in run("reach-out").output
    shown = json.loads(run("people", "show", "Ana", "--json").output)
    assert shown["layer"] == 15 and shown["snoozed_until"] == "2026-12-01"
    assert run("vouch", "receive", "Bo", "climbing", "--note", "belayed me").exit_code == 0
    bo = json.loads(run("people", "show", "Bo", "--json").output)
    assert bo["vouches"] == [
        {"direction": "received", "topic": "climbing", "on": "2026-11-26", "note": "belayed me"}
    ]
    assert (isolated_home / "config" / "netdash" / "config.toml").exists()


def test_give_and_outcome_from_the_shell(run: Run, journal_path: Path) -> None:
    run("people", "add", "Ana Souza", "--handle", "mastodon:ana@x.social")
    result = run("give", "saturday: 4h at Food Bank, 120 meals served, with @ana")
    assert result.exit_code == 0, result.output
    assert "at Food Bank (new)" in result.output and "4 h, 120 meals served" in result.output
    assert run("give", "4h at Food Bank, -5 USD").exit_code == 2
    assert run("give", "5 ABC for Food Bank").exit_code == 2
    result = run(
        "outcome",
        "Contract with Contoso",
        "--kind",
        "client",
        "--value",
        "12000 USD",
        "--credit",
        "Ana Souza:introduced",
        "--platform",
        "mastodon",
    )
    assert result.exit_code == 0, result.output
    assert run("outcome", "X", "--credit", "Ana Souza:paid").exit_code == 2
    assert run("outcome", "X", "--value", "12 ABC").exit_code == 2
    stats = json.loads(run("stats", "--json").output)
    assert stats["charity"]["hours"] == 4.0 and stats["charity"]["contributions"] == 1
    assert stats["outcomes"] == {"count": 1, "network": 1, "community": 0, "audience": 1}
    assert rows(journal_path, "SELECT value_minor, value_currency FROM outcomes") == [
        (1_200_000, "USD")
    ]


def test_review_to_stdout_and_to_a_private_file(run: Run, tmp_path: Path) -> None:
    import stat

    run("log", "coffee with Ana Souza")
    assert run("review").output.startswith("# 2026 in review")
    target = tmp_path / "review.md"
    assert run("review", "--year", "2026", "--output", str(target)).exit_code == 0
    assert target.read_text().startswith("# 2026 in review")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_goals_from_the_shell(run: Run) -> None:
    run("give", "3h at Food Bank, 60 meals served")
    assert run("goal", "add", "--hours", "12").exit_code == 0
    assert run("goal", "add", "--result", "240 meals served", "--org", "Food Bank").exit_code == 0
    assert run("goal", "add", "--hours", "5", "--money", "10 USD").exit_code == 2
    assert run("goal", "add", "--money", "10 ABC").exit_code == 2
    listed = run("goal", "list").output
    assert "12 h: 3 done (25%)" in listed
    assert "240 meals served at Food Bank: 60 done (25%)" in listed


def test_backup_is_a_private_consistent_copy(run: Run, journal_path: Path, tmp_path: Path) -> None:
    import stat

    run("log", "coffee with Ana Souza")
    target = tmp_path / "copy.db"
    result = run("backup", str(target))
    assert result.exit_code == 0 and result.output.strip() == str(target)
    assert rows(target, "SELECT name FROM people") == [("Ana Souza",)]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert run("backup", str(target)).exit_code == 2  # never overwrites
    default = run("backup").output.strip()
    assert Path(default).parent == journal_path.parent / "backups"


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    birthday=st.one_of(st.text(max_size=12), st.dates().map(lambda d: d.isoformat())),
    email=st.text(max_size=30),
    phone=st.text(max_size=20),
)
def test_people_add_contact_details_never_crash_or_write_half(
    birthday: str, email: str, phone: str, tmp_path: Path
) -> None:
    path = tmp_path / f"fuzz-{abs(hash((birthday, email, phone)))}.db"
    result = CliRunner().invoke(
        cli,
        ["--db", str(path), "people", "add", "Ada", f"--birthday={birthday}",
         f"--email={email}", f"--phone={phone}"],
    )  # fmt: skip
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.output.startswith("netdash: ") and result.output.count("\n") == 1
        assert not path.exists()
    else:
        shown = json.loads(
            CliRunner().invoke(cli, ["--db", str(path), "people", "show", "Ada", "--json"]).output
        )
        assert shown["birthday"] == (birthday.strip() or None)


LONG = "a" * 60_000


@pytest.fixture
def known_journal(run: Run, journal_path: Path) -> Path:
    """Ana Souza with a handle, a tag, an e-mail and a phone; a mastodon account."""
    assert run(
        "people", "add", "Ana Souza", "--handle", "github:ana", "--tag", "work",
        "--email", "ana@example.org", "--phone", "+34 612 345 678",
    ).exit_code == 0  # fmt: skip
    assert (
        run("followers", "set", "mastodon", "120", "--account", "@me@example.social").exit_code == 0
    )
    return journal_path


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "depth_cache" not in line]
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["people", "add", "Bo\udcff"], "argument 5 is not valid UTF-8: b'Bo\\xff'"),
        (["followers", "set", "mastodon", str(2**63)], "1,000,000,000,000 is the most"),
        (["followers", "set", "mastodon", "5", "--following", str(2**63)], "following is 9,22"),
        (["goal", "add", "--hours", "NaN"], "hours must be a number, not NaN"),
        (["goal", "add", "--hours", "Infinity"], "hours must be a number, not Infinity"),
        (["goal", "add", "--result", "NaN meals"], "a result must be a number, not NaN"),
        (["goal", "add", "--result", "Infinity meals"], "not Infinity"),
        (["goal", "add", "--hours", "1e400"], "1,000,000,000,000 is the most"),
        (["people", "show", LONG], "no person matches 'aaaa"),
        (["people", "edit", LONG, "--notes", "x"], "(60,000 characters)"),
        (["vouch", "give", LONG, "python"], "no person matches"),
        (["log", "coffee with @" + LONG], "matches nobody in the journal"),
        (["outcome", "A job", "--credit", LONG + ":introduced"], "name is 60,000 characters"),
        (["people", "add", "Bo", "--introduced-by", LONG], "no person matches"),
        (["people", "merge", LONG, "Ana"], "no person matches"),
        (["people", "add", "Bo", "--tag", LONG], "tag is 60,000 characters long; 500 is"),
        (["people", "add", "Bo", "--handle", "github:" + LONG], "handle is 60,000 characters"),
        (["outcome", "A job", "--org", LONG], "organisation name is 60,000 characters"),
        (["people", "add", "Bo", "--met", "2099-01-01"], "--met: 2099-01-01 has not happened"),
        (["people", "add", "Bo", "--birthday", "2099-01-01"], "birthday 2099-01-01 has not"),
        (["people", "add", "Bo", "--birthday", "1850-04-01"], "is before 1900"),
        (["vouch", "give", "Ana", "python", "--date", "2099-01-01"], "--date: 2099-01-01 has not"),
        (["followers", "set", "mastodon", "5", "--at", "2099-01-01"], "--at: 2099-01-01 has not"),
        (["people", "add", "Bo", "--met", "2000 years ago"], "'2000 years ago' (0026-11-26)"),
        (["people", "edit", "Ana", "--met", "1850-01-01"], "1850-01-01 is before 1900"),
        (["log", "2000 years ago: coffee with Ana"], "is before 1900"),
        (["log", "2099-01-01 coffee with Ana"], "2099-01-01 has not happened yet"),
        (["followers", "set", "mastodon", "5", "--at", "2000 years ago"], "is before 1900"),
        (["give", "2000 years ago: 4h at Food Bank"], "is before 1900"),
        (["outcome", "A job", "--date", "1850-01-01"], "is before 1900"),
        (["people", "add", "Bo", "--phone", "call me"], "'call me' is not a phone number"),
        (["people", "edit", "Ana", "--phone", "---"], "has no digits"),
        (["outcome", "A job", "--platform", "nosuch"], "'nosuch' is not a platform netdash"),
        (["people", "edit", "Ana", "--remove-tag", "nothere"], "Ana Souza has no tag 'nothere'"),
        (["people", "edit", "Ana", "--remove-email", "no@x.org"], "has no email 'no@x.org'"),
        (["people", "edit", "Ana", "--remove-phone", "999"], "Ana Souza has no phone '999'"),
        (["people", "edit", "Ana", "--remove-handle", "github:bo"], "has no handle github:bo"),
        (["people", "edit", "Ana", "--remove-handle", "email:no@x.org"], "has no email"),
        (["people", "edit", "Ana", "--notes", "new", "--remove-tag", "x"], "has no tag 'x'"),
        (["people", "edit", "Ana", "--notes", "n" * 20_001], "20,000 is the most"),
        (["people", "add", "Bo Chen", "--notes", "n" * 20_001], "20,000 is the most"),
        (["give", "99999999999999999999999 meals served at Food Bank"], "is the most"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    known_journal: Path, args: list[str], message: str
) -> None:
    before = dump(known_journal)
    result = CliRunner().invoke(cli, ["--db", str(known_journal), *args], prog_name="netdash")
    assert result.exit_code == 2, (result.output[-300:], result.exception)
    assert result.stderr.startswith("netdash: ") and result.stderr.count("\n") == 1
    assert message in result.stderr, result.stderr[-300:]
    assert dump(known_journal) == before


def test_invalid_utf8_from_a_real_shell_exits_2(tmp_path: Path) -> None:
    journal = tmp_path / "j.db"
    done = subprocess.run(
        [sys.executable, "-m", "netdash", "--db", str(journal), "people", "add", b"\xff\xfe"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == b"netdash: argument 5 is not valid UTF-8: b'\\xff\\xfe'\n"
    assert not journal.exists()


def test_what_is_there_is_still_removed_and_known_platforms_credited(
    run, known_journal: Path
) -> None:
    result = run(
        "people", "edit", "Ana", "--remove-tag", "WORK", "--remove-email", "ANA@example.org",
        "--remove-handle", "github:@Ana", "--remove-phone", "+34 612 345 678",
    )  # fmt: skip
    assert result.exit_code == 0 and "Updated Ana Souza" in result.output
    assert rows(known_journal, "SELECT COUNT(*) FROM person_tags") == [(0,)]
    assert rows(known_journal, "SELECT COUNT(*) FROM contact_points") == [(0,)]
    assert rows(known_journal, "SELECT COUNT(*) FROM handles") == [(0,)]
    run("followers", "set", "youtube", "40", "--account", "me")
    for platform in ("mastodon", "github", "youtube"):  # known, or one of your accounts
        assert run("outcome", f"Via {platform}", "--platform", platform).exit_code == 0
    assert run("people", "list", "--search", LONG).exit_code == 0  # finds nobody, no error
