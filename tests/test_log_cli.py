"""`netdash log` with aliases, --depth, --by, --kind and --dry-run; `people edit --alias`; and
aliases kept through merge, undo, export and restore (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netdash.cli import cli
from tests.conftest import Run
from tests.test_cli import rows


@pytest.fixture
def family(run: Run) -> Run:
    for name in ("Ana Souza", "Bo Chen", "Maria Lopez", "Rosa Lopez"):
        assert run("people", "add", name).exit_code == 0
    assert run("people", "edit", "Rosa Lopez", "--alias", "mom").exit_code == 0
    assert run("people", "edit", "maria", "--alias", "my sister").exit_code == 0
    return run


def entries(journal: Path) -> list[tuple[object, ...]]:
    return rows(
        journal,
        "SELECT i.occurred_on, i.kind, i.initiated_by, i.depth,"
        " (SELECT group_concat(p.name, ', ') FROM (SELECT p.name FROM interaction_people ip"
        "  JOIN people p ON p.id = ip.person_id WHERE ip.interaction_id = i.id ORDER BY p.name) p)"
        " FROM interactions i ORDER BY i.id",
    )


def test_the_issue_table_logs_the_right_people(family: Run, journal_path: Path) -> None:
    for line in (
        "coffee with Ana Souza",
        "call with ana souza",
        "Had lunch with my sister Maria today",
        "yesterday: long call with mom",
        "dinner w/ Ana and Bo",
        "met Dr. José García-López at PyCon, talked about type hints",
    ):
        result = family("log", line)
        assert result.exit_code == 0, (line, result.output)
    assert entries(journal_path) == [
        ("2026-11-26", "in_person", "me", 2, "Ana Souza"),
        ("2026-11-26", "call", "me", 2, "Ana Souza"),
        ("2026-11-26", "in_person", "me", 2, "Maria Lopez"),
        ("2026-11-25", "call", "me", 3, "Rosa Lopez"),  # "long call": real talk
        ("2026-11-26", "in_person", "me", 2, "Ana Souza, Bo Chen"),
        ("2026-11-26", "in_person", "me", 2, "José García-López"),
    ]
    assert rows(journal_path, "SELECT COUNT(*) FROM people") == [(5,)]  # no "Dr", no "Mom"


def test_the_log_says_whom_an_alias_found(family: Run) -> None:
    result = family("log", "yesterday: long call with mom")
    assert result.output.splitlines() == [
        "Logged 2026-11-25 (yesterday): call, initiated by me",
        "  with: Rosa Lopez (alias 'mom')",
        "  depth: 3 real talk",
        "  note: long call with mom",
    ]


def test_options_win_over_the_words(family: Run, journal_path: Path) -> None:
    result = family(
        "log", "--depth", "5", "--by", "both", "--kind", "video call", "quick call with ana"
    )
    assert result.exit_code == 0, result.output
    assert "video call, initiated by both" in result.output
    assert "depth: 5 heart to heart" in result.output
    assert entries(journal_path) == [("2026-11-26", "video", "mutual", 5, "Ana Souza")]
    family("log", "--kind", "in-person", "--by", "them", "Bo called me")
    assert entries(journal_path)[-1] == ("2026-11-26", "in_person", "them", 2, "Bo Chen")


def test_dry_run_shows_the_whole_parse(family: Run, journal_path: Path) -> None:
    result = family(
        "log", "--dry-run", "yesterday: mom called me, deep talk with Grace Lee and ana #family"
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Would log 2026-11-25 (yesterday): call, initiated by them",
        "  date: 2026-11-25, from 'yesterday'",
        "  with: Rosa Lopez (alias 'mom'), Grace Lee (new), Ana Souza (known)",
        "  kind: call, from 'called'",
        "  initiated by: them, from 'called me'",
        "  depth: 4 personal, from 'deep talk'",
        "  tags: #family",
        "  note: mom called me, deep talk with Grace Lee and ana",
    ]
    assert rows(journal_path, "SELECT COUNT(*) FROM interactions") == [(0,)]
    plain = family("log", "--dry-run", "--depth", "1", "coffee with Bo")
    assert "  date: 2026-11-26, default (today)" in plain.output
    assert "  depth: 1 small talk, --depth" in plain.output
    assert "  initiated by: me, default" in plain.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--depth", "6", "coffee with Bo"], "--depth"),
        (["--by", "everyone", "coffee with Bo"], "--by"),
        (["--kind", "dance", "coffee with Bo"], "--kind 'dance' is not a kind; choose one of"),
        (["call with the landlord"], "'the landlord' is nobody in the journal yet"),
        (["lunch with dad"], "--alias 'dad'"),
    ],
)
def test_refusals_say_why_and_write_nothing(
    family: Run, journal_path: Path, args: list[str], message: str
) -> None:
    result = family("log", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert rows(journal_path, "SELECT COUNT(*) FROM interactions") == [(0,)]
    assert rows(journal_path, "SELECT COUNT(*) FROM people") == [(4,)]


def test_aliases_are_shown_refused_and_removed(family: Run) -> None:
    shown = json.loads(family("people", "show", "maria", "--json").output)
    assert shown["aliases"] == ["my sister"]
    assert "also known as: my sister" in family("people", "show", "maria").output
    taken = family("people", "edit", "Ana Souza", "--alias", "MOM")
    assert taken.exit_code == 2
    assert "'mom' is already an alias of Rosa Lopez (#4)" in taken.output
    assert family("people", "edit", "Ana", "--alias", "bo chen").exit_code == 2  # Bo's name
    assert family("people", "edit", "Ana", "--alias", "coffee").exit_code == 2
    missing = family("people", "edit", "Rosa Lopez", "--remove-alias", "mum")
    assert missing.exit_code == 2 and "has no alias 'mum' (their aliases: 'mom')" in missing.output
    assert family("people", "edit", "Rosa Lopez", "--remove-alias", "Mom").exit_code == 0
    assert json.loads(family("people", "show", "Rosa", "--json").output)["aliases"] == []
    assert family("people", "edit", "Ana Souza", "--alias", "mom", "--alias", "Ma").exit_code == 0
    assert json.loads(family("people", "show", "Ana", "--json").output)["aliases"] == ["ma", "mom"]


def test_merge_moves_aliases_and_undo_puts_them_back(family: Run, journal_path: Path) -> None:
    assert family("people", "merge", "Maria Lopez", "Rosa Lopez", "--yes").exit_code == 0
    assert json.loads(family("people", "show", "Maria", "--json").output)["aliases"] == [
        "mom",
        "my sister",
    ]
    assert "Maria Lopez (alias 'mom')" in family("log", "--dry-run", "tea with mom").output
    assert family("undo", "--yes").exit_code == 0
    assert rows(
        journal_path,
        "SELECT p.name, a.value FROM person_aliases a JOIN people p ON p.id = a.person_id"
        " WHERE a.kind = 'alias' ORDER BY a.value",
    ) == [("Rosa Lopez", "mom"), ("Maria Lopez", "my sister")]


def test_delete_and_undo_keep_aliases(family: Run) -> None:
    assert family("people", "delete", "Rosa Lopez", "--yes").exit_code == 0
    assert family("log", "call with mom").exit_code == 2  # nobody is "mom" now
    assert family("undo", "--yes").exit_code == 0
    assert "Rosa Lopez (alias 'mom')" in family("log", "call with mom").output


def test_export_and_restore_keep_aliases(family: Run, tmp_path: Path) -> None:
    dump = tmp_path / "export.json"
    assert family("export", "--format", "json", "-o", str(dump)).exit_code == 0
    restored = tmp_path / "restored.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(restored), "restore", str(dump)]).exit_code == 0
    shown = runner.invoke(cli, ["--db", str(restored), "people", "show", "Rosa", "--json"])
    assert json.loads(shown.output)["aliases"] == ["mom"]


def test_every_command_that_takes_a_person_takes_an_alias(family: Run) -> None:
    assert family("people", "show", "MY SISTER").output.startswith("Maria Lopez (#3)")
    assert family("people", "edit", "mom", "--closeness", "5").exit_code == 0
    assert json.loads(family("people", "show", "Rosa", "--json").output)["closeness"] == 5
    assert family("people", "show", "nobody at all").exit_code == 2
