"""`netdash import SOURCE PATH` for history, `imports list|undo` and `evidence`, end to end on
files real apps' formats: what a user types and reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "backfill"
CHAT = FIXTURES / "whatsapp" / "WhatsApp Chat with Ana Souza.txt"


def test_a_chat_is_detected_imported_once_listed_and_undone(run: Run, journal_path: Path) -> None:
    assert run("people", "add", "Ana Souza").exit_code == 0
    first = run("import", str(CHAT))  # no SOURCE: detected by its content
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    # the chat's days: 28, 29 and 30 December, 2 and 3 January (the 29th only Ana's photo)
    assert lines[0] == f"Added 5 entries from {CHAT.name} (whatsapp), import #1"
    assert "  you: Rui Costa" in lines
    assert "  Ana Souza: 5 days on WhatsApp · 2025-12-28 to 2026-01-03" in lines
    again = run("import", "whatsapp", str(CHAT))
    assert again.output.startswith(f"Nothing new in {CHAT.name}: 5 days")
    listed = json.loads(run("imports", "list", "--json").output)
    assert [(row["id"], row["source"], row["backfill"]["entries"]) for row in listed] == [
        (1, "whatsapp", 5)
    ]
    shown = json.loads(run("people", "show", "Ana Souza", "--json").output)
    assert shown["interaction_count"] == 5
    undone = run("imports", "undo", "1")
    assert undone.exit_code == 0
    assert undone.output.startswith(f"Took back import #1 ({CHAT.name}): 5 entries removed")
    assert json.loads(run("people", "show", "Ana Souza", "--json").output)["interaction_count"] == 0
    assert run("imports", "list").output.strip() == "No imports yet."


def test_strangers_are_listed_added_and_filled_by_the_next_import(run: Run) -> None:
    run("import", "whatsapp", str(CHAT))
    (ana,) = json.loads(run("evidence", "unknown", "--json").output)
    # a 1:1 chat is with her every day it has: 28, 29, 30 December, 2 and 3 January
    assert (ana["name"], ana["days"], ana["first_on"], ana["last_on"], ana["channels"]) == (
        "Ana Souza",
        5,
        "2025-12-28",
        "2026-01-03",
        ["whatsapp"],
    )
    added = run("evidence", "add", str(ana["id"]))
    assert added.output.splitlines() == [
        "Added Ana Souza (#1)",
        f"  import {CHAT.name} again to add their history",
    ]
    assert json.loads(run("evidence", "unknown", "--json").output) == []
    filled = run("import", "whatsapp", str(CHAT))
    assert filled.output.startswith(f"Added 5 entries from {CHAT.name}")


def test_a_stranger_with_a_name_in_the_journal_is_not_added_twice_unless_asked(
    run: Run,
) -> None:
    run("import", "whatsapp", str(CHAT))
    (ana,) = json.loads(run("evidence", "unknown", "--json").output)
    assert run("people", "add", "ana souza").exit_code == 0  # #1, typed after the import
    refused = run("evidence", "add", str(ana["id"]))
    assert refused.exit_code == 2
    assert refused.output == (
        f"netdash: ana souza is already in the journal (#1): if it is them, netdash evidence"
        f" link {ana['id']} '#1'; if it is someone else, add --allow-same-name\n"
    )
    assert [row["id"] for row in json.loads(run("evidence", "unknown", "--json").output)] == [
        ana["id"]
    ]  # still waiting: nothing written
    allowed = run("evidence", "add", str(ana["id"]), "--allow-same-name")
    assert allowed.exit_code == 0
    assert allowed.output.splitlines()[0] == "Added Ana Souza (#2)"
    people = json.loads(run("people", "list", "--json").output)
    assert sorted((person["id"], person["name"]) for person in people) == [
        (1, "ana souza"),
        (2, "Ana Souza"),
    ]


def test_a_broken_export_is_one_line_exit_2_and_no_journal(
    run: Run, journal_path: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "chat.txt"
    broken.write_text("hello there\nthis is not a chat\n", encoding="utf-8")
    result = run("import", "whatsapp", str(broken))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and str(broken) in result.output
    assert not journal_path.exists()


def test_dry_run_writes_nothing(run: Run, journal_path: Path) -> None:
    result = run("import", "whatsapp", str(CHAT), "--dry-run")
    assert result.exit_code == 0
    assert result.output.startswith(f"Would add 0 entries from {CHAT.name}")
    assert not journal_path.exists()


def test_plain_commands_do_not_import_textual_or_a_reader(journal_path: Path) -> None:
    probe = (
        "import sys; from netdash.cli import main; sys.argv = ['netdash', '--db', sys.argv[1],"
        " *sys.argv[2:]];\ntry: main()\nexcept SystemExit: pass\n"
        "loaded = [m for m in sys.modules if m.startswith(('textual', 'netdash.backfill.',"
        " 'icalendar'))]\nprint(loaded, file=sys.stderr)"
    )
    for command in (["imports", "list"], ["evidence", "unknown"]):
        done = subprocess.run(
            [sys.executable, "-c", probe, str(journal_path), *command],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stderr.strip().splitlines()[-1] == "[]", (command, done.stderr)


def test_the_report_says_strangers_skips_and_an_undo_too_large_to_keep(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from netdash.actions.backfill import Backfilled
    from netdash.cli.backfill import _report
    from netdash.store.evidence import BackfillResult, PersonDays

    ana = PersonDays(1, "Ana Souza", {"mail": 1}, "2026-01-01", "2026-01-01")
    result = BackfillResult(
        import_id=3,
        days=4,
        entries_added=1,
        links_added=2,
        already_there=3,
        strangers=4,
        skipped=5,
        people={1: ana},
        in_trash=False,
    )
    _report(Backfilled("mbox", "all.mbox", result, ("me@x.org",), dry_run=False))
    assert capsys.readouterr().out.splitlines() == [
        "Added 1 entry from all.mbox (mbox), import #3",
        "  you: me@x.org",
        "  Ana Souza: 1 day on Mail · 2026-01-01",
        "  2 people added to days already in the journal",
        "  3 days already in the journal",
        "  4 not in the journal: netdash evidence unknown (or the Who's this? screen, key k) to"
        " add or ignore them",
        "  5 lines skipped (system lines, attachments, unreadable)",
        "  netdash imports undo 3 takes it back (too large for `netdash undo` to keep)",
    ]
