"""The shell commands share one way to read ids, results, the config and the question before a
delete: each test here pins one of them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from netdash.paths import config_path
from netdash.store.db import open_db
from tests.conftest import Run


def test_trash_days_reach_every_write(run: Run, journal_path: Path) -> None:
    assert run("log", "2026-11-01: coffee with Ana Souza").exit_code == 0
    assert run("log", "2026-11-02: call with Bo Lind").exit_code == 0
    assert run("people", "delete", "Ana Souza", "--yes").exit_code == 0
    old = (datetime.now(UTC) - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with open_db(journal_path) as db:
        db.execute("UPDATE trash SET trashed_at = ?", [old])
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[trash]\ndays = 2\n", encoding="utf-8")

    assert run("people", "delete", "Bo Lind", "--yes").exit_code == 0  # 3 days > 2: Ana goes

    listed = run("undo", "--list").output
    assert "1 in the trash" in listed and "Bo Lind" in listed and "Ana" not in listed


def test_every_delete_asks_the_same_question(run: Run) -> None:
    """A delete asked with no terminal to answer says it can be undone and is refused alike."""
    assert run("log", "2026-11-01: coffee with Ana Souza").exit_code == 0
    assert run("vouch", "give", "Ana Souza", "python").exit_code == 0
    assert run("goal", "add", "--hours", "10").exit_code == 0
    assert run("give", "4h at Food Bank").exit_code == 0
    assert run("outcome", "Contract with Contoso").exit_code == 0
    for args, what in (
        (("vouches", "delete", "1"), "the vouch #1 (given) on python"),
        (("goal", "delete", "1"), ""),
        (("give", "delete", "1"), ""),
        (("outcome", "delete", "1"), "the outcome 'Contract with Contoso'"),
        (("org", "delete", "Food Bank"), ""),
        (("people", "delete", "Ana Souza"), "Ana Souza"),
    ):
        asked = run(*args)
        assert asked.exit_code == 2, args
        assert f"Delete {what}" in asked.output
        assert "? It can be undone (netdash undo, or ctrl+z in the app).\n" in asked.output, args
        assert asked.stderr == "netdash: not deleted (pass --yes to delete without asking)\n"


@pytest.mark.parametrize(
    "args",
    [
        ("goal", "add", "--result", "xyz"),
        ("goal", "edit", "1", "--hours", "3", "--result", "xyz"),
        ("give", "edit", "1", "--hours", "3", "--result", "xyz"),
    ],
)
def test_a_bad_result_is_blamed_not_another_option(run: Run, args: tuple[str, ...]) -> None:
    assert run("give", "4h at Food Bank").exit_code == 0
    assert run("goal", "add", "--hours", "10").exit_code == 0
    refused = run(*args)
    assert refused.exit_code == 2
    assert refused.stderr == (
        "netdash: 'xyz': a result is a number and its unit, e.g. 120 meals served\n"
    )


def test_a_result_needs_its_unit(run: Run) -> None:
    assert run("give", "4h at Food Bank").exit_code == 0
    refused = run("give", "edit", "1", "--result", "12")
    assert refused.exit_code == 2
    assert refused.stderr == "netdash: '12': what unit? e.g. 120 meals served\n"
    assert run("give", "edit", "1", "--result", "1,200 meals served").exit_code == 0


def test_every_id_reads_the_same(run: Run) -> None:
    assert run("log", "2026-11-01: coffee with Ana Souza").exit_code == 0
    assert run("vouch", "give", "Ana Souza", "python").exit_code == 0
    assert run("give", "4h at Food Bank").exit_code == 0
    assert run("outcome", "Contract with Contoso").exit_code == 0
    assert run("goal", "add", "--hours", "10").exit_code == 0
    for args in (
        ("give", "edit", "#1", "--role", "cook"),
        ("outcome", "edit", "#1", "--kind", "client"),
        ("vouches", "edit", "#1", "--topic", "rust"),
        ("goal", "edit", "#1", "--hours", "12"),
    ):
        done = run(*args)
        assert done.exit_code == 0, (args, done.output)
    for bad in ("#x", "0", str(2**63), "²", "1" * 5000):
        refused = run("give", "delete", bad, "--yes")
        assert refused.exit_code == 2
        assert refused.stderr.count("\n") == 1, bad
        assert (
            refused.stderr.startswith("netdash: ") and "is not a contribution id" in refused.stderr
        )


def test_an_edit_with_nothing_to_change_is_refused(run: Run) -> None:
    assert run("give", "4h at Food Bank").exit_code == 0
    assert run("outcome", "Contract with Contoso").exit_code == 0
    for what in ("give", "outcome"):
        refused = run(what, "edit", "1")
        assert refused.exit_code == 2
        assert refused.stderr.startswith("netdash: nothing to change: give --")
        assert "Changed" not in refused.output


def test_people_show_counts_score_history_only_for_json(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netdash.store import history
    from netdash.store.history import person_score_history

    assert run("log", "2026-11-01: coffee with Ana Souza").exit_code == 0
    asked: list[int] = []

    def counted(*args: object, **kwargs: object) -> object:
        asked.append(1)
        return person_score_history(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(history, "person_score_history", counted)  # imported when used
    assert run("people", "show", "Ana Souza").exit_code == 0
    assert asked == []
    shown = run("people", "show", "Ana Souza", "--json")
    assert shown.exit_code == 0 and '"score_history"' in shown.output and asked == [1]


def test_give_and_the_markdown_export_word_work_as_the_dashboard(run: Run, tmp_path: Path) -> None:
    added = run("give", "20 min at Food Bank, 1200 meals served, 50 USD")
    assert added.exit_code == 0, added.output
    assert "  gave: 0.33 h, 50.00 USD, 1,200 meals served\n" in added.output  # not 0.333333 h
    out = tmp_path / "journal.md"
    assert run("export", "--format", "markdown", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "0.33 h · 50.00 USD · 1,200 meals served" in text


@pytest.mark.parametrize("group", ["give", "outcome"])
def test_the_group_help_lists_edit_and_delete(run: Run, group: str) -> None:
    """`give --help` was read as `give add --help` (any first word not a command is a record's
    text), so the help never showed that a record can be edited or deleted."""
    shown = run(group, "--help")
    assert shown.exit_code == 0
    commands = shown.output.split("Commands:")[1]
    assert all(name in commands for name in ("add", "edit", "delete")), shown.output
