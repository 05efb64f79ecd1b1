"""`netdash log "follow up with …"`, `netdash followups`, `netdash upcoming` and the follow-ups
`netdash reach-out` lists first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netdash.store.db import open_db
from tests.conftest import Run, table_rows
from tests.test_cli import run_real


@pytest.fixture(autouse=True)
def thursday(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETDASH_TODAY", "2026-11-26")


def test_a_follow_up_line_records_a_follow_up_not_an_entry(run: Run, journal_path: Path) -> None:
    result = run("log", "follow up with Ana Souza next friday about the intro")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        "Follow-up due Fri 2026-11-27 (tomorrow)",
        "  with: Ana Souza (new)",
        "  about: the intro",
    ]
    rows = table_rows(journal_path)
    assert rows["interactions"] == []
    assert [(r[2], r[3], r[4], r[6]) for r in rows["follow_ups"]] == [
        ("2026-11-27", "the intro", "2026-11-26", None)
    ]
    listed = json.loads(run("followups", "--json").output)
    assert [(f["name"], f["due_on"], f["in_days"], f["about"]) for f in listed] == [
        ("Ana Souza", "2026-11-27", 1, "the intro")
    ]


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("follow up with Ana 2026-11-01", "is in the past"),
        ("yesterday: follow up with Ana", "is in the past"),
        ("follow up with Ana about the intro", "needs a day"),
    ],
)
def test_a_refused_follow_up_exits_2_and_writes_nothing(
    run: Run, journal_path: Path, line: str, says: str
) -> None:
    result = run("log", line)
    assert result.exit_code == 2
    assert says in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not journal_path.exists()  # not even an empty journal


@pytest.mark.parametrize("option", [("--kind", "call"), ("--by", "me"), ("--depth", "3")])
def test_entry_options_on_a_follow_up_line_are_refused(
    run: Run, journal_path: Path, option: tuple[str, str]
) -> None:
    result = run("log", *option, "follow up with Ana tomorrow")
    assert result.exit_code == 2
    assert "--kind/--by/--depth describe an entry; a follow-up takes none" in result.output
    assert not journal_path.exists()  # nothing written


def test_dry_run_shows_the_follow_up_and_writes_nothing(run: Run, journal_path: Path) -> None:
    run("people", "add", "Ana Souza")
    result = run("log", "--dry-run", "follow up with Ana Souza in 2 weeks re: the grant")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Would add a follow-up due Thu 2026-12-10 (in 14 days)",
        "  with: Ana Souza",
        "  about: the grant",
    ]
    assert table_rows(journal_path)["follow_ups"] == []


def test_logging_with_them_marks_it_done_and_says_so(run: Run) -> None:
    run("log", "follow up with Ana tomorrow")
    result = run("log", "call with Ana")
    assert "  follow-ups done: #1" in result.output.splitlines()
    assert json.loads(run("followups", "--json").output) == []
    assert "(done 2026-11-26)" in run("followups", "--all").output


def test_done_and_delete_by_id_and_undo(run: Run) -> None:
    run("log", "follow up with Ana tomorrow about the deck")
    done = run("followups", "done", "#1")
    assert done.exit_code == 0
    assert done.output.startswith("Done: the follow-up with Ana about the deck")
    again = run("followups", "done", "1")
    assert again.exit_code == 2
    assert "already done on 2026-11-26" in again.output
    assert run("undo", "--yes").exit_code == 0
    assert len(json.loads(run("followups", "--json").output)) == 1
    assert run("followups", "delete", "1", "--yes").exit_code == 0
    assert run("followups", "done", "1").exit_code == 2  # gone
    assert run("followups").output.startswith("No follow-ups to do.")


def test_reach_out_lists_due_follow_ups_first_and_adds_keys(run: Run) -> None:
    run("people", "add", "Ana Souza")
    run("people", "add", "Bo Chen")
    run("log", "follow up with Ana Souza today about the intro")
    run("log", "follow up with Bo Chen in 3 days")  # not due yet
    text = run("reach-out").output.splitlines()
    assert text[0].startswith("Follow-ups due")
    assert text[1] == "  #1  Thu 2026-11-26 (due today)  Ana Souza: the intro"
    assert not any("Bo Chen" in line for line in text)
    rows = json.loads(run("reach-out", "--json").output)
    assert [(r["name"], r["overdue"]) for r in rows] == [("Ana Souza", False)]
    assert {"id", "name", "days_since_contact", "cadence_days", "layer", "score"} <= set(rows[0])
    assert [f["about"] for f in rows[0]["follow_ups"]] == ["the intro"]


def test_upcoming_birthdays_and_follow_ups(run: Run) -> None:
    run("people", "add", "Ada Lovelace")
    run("people", "edit", "Ada Lovelace", "--birthday", "1990-12-10")
    run("people", "add", "Grace Hopper")
    run("people", "edit", "Grace Hopper", "--birthday", "--11-28")
    run("log", "follow up with Ada Lovelace next friday about the talk")
    run("log", "follow up with Grace Hopper on dec 24")
    result = run("upcoming")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [  # by day, whatever each line is
        "Upcoming, today through Sat 2026-12-26:",
        "  Fri 2026-11-27 (tomorrow)  follow up with Ada Lovelace: the talk  (#1)",
        "  Sat 2026-11-28 (in 2 days)  Grace Hopper's birthday",
        "  Thu 2026-12-10 (in 14 days)  Ada Lovelace turns 36",
        "  Thu 2026-12-24 (in 28 days)  follow up with Grace Hopper  (#2)",
    ]
    week = json.loads(run("upcoming", "--days", "7", "--json").output)
    assert week["days"] == 7
    assert [(b["name"], b["date"], b["turns"]) for b in week["birthdays"]] == [
        ("Grace Hopper", "2026-11-28", None)
    ]
    assert [f["about"] for f in week["follow_ups"]] == ["the talk"]  # not dec 24


def test_upcoming_on_nothing_teaches_or_stays_quiet(run: Run) -> None:
    run("people", "add", "Ada Lovelace")
    said = run("upcoming").output
    assert said.startswith("Nothing in the next 30 days.")
    assert "--birthday" in said and "follow up with" in said
    assert run("upcoming", "--quiet").output == ""
    assert run("upcoming", "--days", "400").exit_code == 2


def test_upcoming_imports_neither_textual_nor_the_scoring(journal_path: Path) -> None:
    open_db(journal_path).close()
    result = run_real("upcoming", env_extra={"NETDASH_DB": str(journal_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "sqlite_utils" in imported  # the probe works
    banned = ("textual", "netdash.tui", "netdash.domain.scoring", "netdash.store.depth")
    assert not [n for n in imported for b in banned if n == b or n.startswith(f"{b}.")]
