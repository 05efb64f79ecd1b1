"""Issue 16 from the shell: `people add/edit --cadence "every 4 weeks, at worst 6"`, and
`people show` and `reach-out` saying on track, due or late."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import TODAY, Run, connected, kept_rows


def cadence_row(path: Path, name: str) -> tuple[int | None, int | None]:
    with connected(path) as conn:
        row = conn.execute(
            "SELECT cadence_days, cadence_max_days FROM people WHERE name = ?", [name]
        ).fetchone()
    return row[0], row[1]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("7", (7, None)),  # --cadence N, days, as before
        ("4w", (28, None)),
        ("every 4 weeks, at worst 6", (28, 42)),
        ("4-6 weeks", (28, 42)),
        ("2w-3w", (14, 21)),
        ("every two weeks, at worst six", (14, 42)),  # number words, as in "two weeks ago"
    ],
)
def test_cadence_takes_what_people_type(
    run: Run, journal_path: Path, typed: str, stored: tuple[int, int | None]
) -> None:
    assert run("people", "add", "Ana Souza", "--cadence", typed).exit_code == 0
    assert cadence_row(journal_path, "Ana Souza") == stored
    assert run("people", "edit", "Ana", "--cadence", "none").exit_code == 0
    assert cadence_row(journal_path, "Ana Souza") == (None, None)
    assert run("people", "edit", "Ana", "--cadence", typed).exit_code == 0
    assert cadence_row(journal_path, "Ana Souza") == stored


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("soon", "--cadence: cadence 'soon' is not a number of days netdash reads; try 30, 4w"),
        ("6 weeks, at worst 4", "at worst 28 days is sooner than the ideal, 42 days"),
        ("0", "from 1 to 3650, not 0"),
    ],
)
def test_a_cadence_it_cannot_read_is_one_line_exit_2_and_nothing_written(
    run: Run, journal_path: Path, typed: str, words: str
) -> None:
    assert (
        run("people", "add", "Ana Souza", "--cadence", "every 4 weeks, at worst 6").exit_code == 0
    )
    before = kept_rows(journal_path)
    for args in (("people", "edit", "Ana", "--cadence", typed),
                 ("people", "add", "Bo Chen", "--cadence", typed)):  # fmt: skip
        refused = run(*args)
        assert refused.exit_code == 2
        assert refused.stderr.count("\n") == 1 and words in refused.stderr, refused.stderr
        assert kept_rows(journal_path) == before


def test_show_and_reach_out_say_due_or_late(run: Run) -> None:
    run("people", "add", "Ana Souza", "--cadence", "7")
    run("log", "20 days ago: coffee with Ana Souza")
    run("people", "add", "Bo Chen", "--cadence", "every 4 weeks, at worst 6")
    run("log", "50 days ago: call with Bo Chen")
    run("people", "add", "Cy Reyes", "--cadence", "4-6 weeks")
    run("log", "10 days ago: call with Cy Reyes")

    bo = json.loads(run("people", "show", "Bo", "--json").output)
    assert (bo["cadence_days"], bo["cadence_max_days"], bo["cadence_status"]) == (28, 42, "late")
    assert bo["overdue"] is True
    ana = json.loads(run("people", "show", "Ana", "--json").output)
    assert (ana["cadence_days"], ana["cadence_max_days"], ana["cadence_status"]) == (7, None, "due")
    cy = json.loads(run("people", "show", "Cy", "--json").output)
    assert (cy["cadence_status"], cy["overdue"]) == ("on track", False)
    assert "  keep in touch: every 4 weeks, at worst 6 (set for them) · late\n" in (
        run("people", "show", "Bo").output
    )

    queue = json.loads(run("reach-out", "--json").output)
    # Bo is late (50 > 42): first, though Ana's urgency (20/7 = 2.9 times a factor) is higher
    # than his (50/28 = 1.8 times one) for these scores
    assert [(d["name"], d["cadence_status"], d["cadence_max_days"]) for d in queue] == [
        ("Bo Chen", "late", 42),
        ("Ana Souza", "due", None),
    ]
    assert queue[0]["urgency"] < queue[1]["urgency"]
    lines = run("reach-out").output.splitlines()
    assert lines[0].startswith("Bo Chen  ·  late: 8 days past the 42-day limit (set for them)")
    assert lines[1].startswith("Ana Souza  ·  due: 13 days past a 7-day cadence (set for them)")


def test_show_says_the_person_pages_words_snoozed_and_nothing_logged_yet(run: Run) -> None:
    """One status line for `people show` and the Person page (domain.cadence.status_words)."""
    run("people", "add", "Bo Chen", "--cadence", "every 4 weeks, at worst 6")
    run("log", "31 days ago: call with Bo Chen")
    run("people", "add", "Dee Park", "--cadence", "every week")
    assert run("people", "edit", "Bo", "--snooze", "5").exit_code == 0
    snoozed = (TODAY + timedelta(days=5)).isoformat()
    assert (
        "  keep in touch: every 4 weeks, at worst 6 (set for them) · due, late in 12 days,"
        f" snoozed until {snoozed}\n"
    ) in run("people", "show", "Bo").output
    assert "  keep in touch: every week (set for them) · nothing logged yet\n" in (
        run("people", "show", "Dee").output
    )


def test_help_shows_the_grammar(run: Run) -> None:
    words = " ".join(run("people", "edit", "--help").output.split())
    assert '"every 4 weeks, at worst 6"' in words and "none clears it" in words
