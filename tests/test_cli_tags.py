"""`netdash tags`: listed with counts (and as JSON), renamed or merged, deleted, all undoable."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run, kept_rows


def _seed(run: Run) -> None:
    assert run("people", "add", "Ana Souza", "--tag", "climbing", "--tag", "work").exit_code == 0
    assert run("log", "2026-11-01: coffee with Ana Souza #work #oss").exit_code == 0
    assert run("log", "2026-11-02: call with Bo Lind #Work").exit_code == 0


def test_tags_lists_every_tag_with_people_and_entries_most_used_first(run: Run) -> None:
    assert run("tags").output.startswith("No tags yet")
    _seed(run)
    listed = run("tags")
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines() == [
        "tag       people  entries",
        "work           1        2",
        "climbing       1        0",
        "oss            0        1",
    ]
    document = json.loads(run("tags", "--json").output)
    assert document == [
        {"tag": "work", "people": 1, "entries": 2},
        {"tag": "climbing", "people": 1, "entries": 0},
        {"tag": "oss", "people": 0, "entries": 1},
    ]


def test_rename_merges_onto_an_existing_tag_and_undo_puts_it_back(
    run: Run, journal_path: Path
) -> None:
    _seed(run)
    before = kept_rows(journal_path)
    merged = run("tags", "rename", "#oss", "WORK")
    assert merged.exit_code == 0, merged.output
    assert merged.output.startswith(
        "Merged tag 'oss' into the existing tag 'work' (1 person, 2 entries now);"
    )
    assert [row["tag"] for row in json.loads(run("tags", "--json").output)] == ["work", "climbing"]
    assert "merge tag oss into work" in run("undo", "--list").output
    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before

    renamed = run("tags", "rename", "climbing", "bouldering")
    assert renamed.output.startswith("Renamed tag 'climbing' to 'bouldering' (1 person, 0 entries)")
    assert "bouldering" in run("people", "show", "Ana Souza").output


def test_bad_input_is_one_line_exit_2_and_writes_nothing(run: Run, journal_path: Path) -> None:
    _seed(run)
    before = kept_rows(journal_path)
    for args, said in [
        (("tags", "rename", "nope", "x"), "netdash: no tag 'nope' (`netdash tags` lists them)"),
        (
            ("tags", "rename", "work", "day job"),
            "netdash: a tag is one word: 'day job' has a space",
        ),
        (("tags", "delete", "nope"), "netdash: no tag 'nope'"),
        (("tags", "delete", "work"), "netdash: not deleted (pass --yes to delete without asking)"),
    ]:
        done = run(*args)
        assert done.exit_code == 2, args
        assert done.stderr.startswith(said) and done.stderr.count("\n") == 1, done.stderr
    assert kept_rows(journal_path) == before


def test_delete_takes_the_tag_off_everything_and_undo_puts_it_back(
    run: Run, journal_path: Path
) -> None:
    _seed(run)
    before = kept_rows(journal_path)
    done = run("tags", "delete", "work", "--yes")
    assert done.exit_code == 0, done.output
    assert done.output.startswith("Deleted tag 'work' from 1 person, 2 entries;")
    assert "work" not in run("tags").output
    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before
