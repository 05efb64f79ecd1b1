"""`give edit|delete`, `outcome edit|delete`, `org rename|delete`: asked first, exit 2 on a
refusal, and put back exactly by `netdash undo`."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result

from netdash.store.contributions import get_contribution
from netdash.store.db import open_db
from netdash.store.outcomes import get_outcome
from tests.conftest import Run, kept_rows


def test_give_edit_changes_only_the_options_given_and_delete_asks(
    run: Run, journal_path: Path
) -> None:
    assert run("give", "2026-11-01: 4h at Food Bank, 120 meals served, as cook").exit_code == 0
    before = kept_rows(journal_path)
    assert run("give", "edit", "1", "--hours", "90m", "--money", "50 USD").exit_code == 0
    db = open_db(journal_path)
    row = get_contribution(db, 1)
    db.close()
    # 90 minutes and $50 (5000 cents); the rest as logged
    assert (row.minutes, row.money_minor, row.currency) == (90, 5000, "USD")
    assert (row.result_quantity, row.result_unit, row.role) == ("120", "meals served", "cook")
    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before

    asked: Result = run("give", "delete", "1")  # no terminal to answer: refused
    assert asked.exit_code == 2
    assert "Delete the contribution to Food Bank on 2026-11-01?" in asked.output
    assert kept_rows(journal_path) == before
    assert run("give", "delete", "1", "--yes").exit_code == 0
    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before
    assert run("give", "edit", "7", "--hours", "1").exit_code == 2  # no such contribution
    assert run("give", "edit", "1", "--hours", "0", "--result", "none").exit_code == 2


def test_outcome_edit_and_delete(run: Run, journal_path: Path) -> None:
    assert run("outcome", "A job", "--date", "2026-11-01", "--value", "100 USD").exit_code == 0
    assert run("give", "2026-11-01: 4h at Food Bank").exit_code == 0  # contribution 1
    before = kept_rows(journal_path)
    assert run("outcome", "edit", "1", "--kind", "client", "--value", "none").exit_code == 0
    db = open_db(journal_path)
    row = get_outcome(db, 1)
    db.close()
    assert (row.title, row.kind, row.value_minor, row.occurred_on) == (
        "A job",
        "client",
        None,
        "2026-11-01",
    )
    assert run("outcome", "edit", "1", "--value", "Ana Souza").exit_code == 2  # not money
    bad_hours = run("give", "edit", "1", "--hours", "abc")  # contribution 1 exists: only the hours
    assert bad_hours.exit_code == 2
    assert bad_hours.stderr == "netdash: 'abc': hours as a number, e.g. 4 or 1.5 or 90m\n"
    assert run("outcome", "delete", "1").exit_code == 2
    assert run("outcome", "delete", "1", "--yes").exit_code == 0
    assert run("undo", "--yes").exit_code == 0  # the deletion
    assert run("undo", "--yes").exit_code == 0  # the edit
    assert kept_rows(journal_path) == before


def test_org_delete_says_what_goes_and_rename(run: Run, journal_path: Path) -> None:
    assert run("give", "2026-11-01: 4h at Food Bank").exit_code == 0
    assert run("give", "2026-11-02: 2h at Food Bank").exit_code == 0
    assert run("outcome", "A job", "--org", "Food Bank").exit_code == 0
    before = kept_rows(journal_path)
    asked = run("org", "delete", "food bank")
    assert asked.exit_code == 2
    # 2 contributions go with it; the 1 outcome stays without its credit
    assert (
        "Delete Food Bank and its 2 contributions; 1 outcome loses its credit to it?"
        in asked.output
    )
    assert run("org", "delete", "food bank", "--yes").exit_code == 0
    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before
    assert run("org", "rename", "Food Bank", "City Food Bank").exit_code == 0
    assert run("org", "rename", "Nowhere", "X").exit_code == 2
    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before
