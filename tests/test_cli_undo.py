"""`netdash people delete` and `netdash undo`: asked first, said in words, put back exactly."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Run, kept_rows


def test_delete_asks_says_what_goes_and_undo_puts_it_back(run: Run, journal_path: Path) -> None:
    assert run("log", "2026-11-01: coffee with Ana Souza").exit_code == 0
    assert run("log", "2026-11-02: call with Ana Souza and Bo Lind").exit_code == 0
    before = kept_rows(journal_path)

    # Ana has 2 entries: one with only her (goes), one shared with Bo (stays)
    asked = run("people", "delete", "Ana Souza")  # no terminal to answer: refused
    assert asked.exit_code == 2
    assert (
        "Delete Ana Souza and 1 entry that had only them; 1 shared entry keep the others?"
        " It can be undone" in asked.output
    )
    assert asked.stderr.strip() == "netdash: not deleted (pass --yes to delete without asking)"
    assert kept_rows(journal_path) == before

    done = run("people", "delete", "Ana Souza", "--yes")
    assert done.exit_code == 0, done.output
    assert done.output.startswith("Deleted Ana Souza and 1 entry that had only them;")
    assert run("people", "list", "--json").output.count('"name"') == 1  # Bo alone

    listed = run("undo", "--list")
    assert listed.exit_code == 0
    assert "delete Ana Souza and 1 entry" in listed.output and "1 in the trash" in listed.output

    assert run("undo").exit_code == 2  # asks, nobody answers
    undone = run("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert undone.output.startswith("Undone: delete Ana Souza")
    assert kept_rows(journal_path) == before
    assert "The trash is empty" in run("undo", "--list").output


def test_unknown_name_and_empty_trash_are_one_line_errors(run: Run) -> None:
    assert run("people", "add", "Bo Lind").exit_code == 0
    unknown = run("people", "delete", "Nobody Here", "--yes")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("netdash: ") and unknown.stderr.count("\n") == 1
    empty = run("undo", "--yes")
    assert empty.exit_code == 2
    assert empty.stderr == "netdash: nothing to undo: the trash is empty\n"


def test_merge_then_undo_from_the_command_line(run: Run, journal_path: Path) -> None:
    assert run("log", "2026-11-01: coffee with Tomás Reyes").exit_code == 0
    assert run("log", "2026-11-03: call with Tom").exit_code == 0
    before = kept_rows(journal_path)
    assert run("people", "merge", "Tomás Reyes", "Tom", "--yes").exit_code == 0
    assert "merge Tom into Tomás Reyes" in run("undo", "--list").output
    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before
