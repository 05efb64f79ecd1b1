"""Issue 13: vouches, goals and accounts can be edited and deleted from the shell; a delete is
asked first, an edit changes exactly the fields given, and `netdash undo` puts back every row."""

from __future__ import annotations

from pathlib import Path

import pytest

from netdash.store import account_delete
from tests.conftest import Run, connected, kept_rows


def vouch_rows(path: Path) -> list[tuple[object, ...]]:
    with connected(path) as conn:
        return conn.execute(
            "SELECT id, person_id, direction, topic, occurred_on, note FROM vouches ORDER BY id"
        ).fetchall()


def test_a_vouch_edit_changes_only_the_fields_given_and_undo_puts_it_back(
    run: Run, journal_path: Path
) -> None:
    assert run("log", "coffee with Ana Souza").exit_code == 0
    assert run("vouch", "give", "Ana Souza", "python", "--date", "2026-03-01").exit_code == 0
    assert run("vouch", "receive", "Ana Souza", "sql", "--note", "a talk").exit_code == 0
    before = kept_rows(journal_path)
    first, second = vouch_rows(journal_path)
    listed = run("vouches", "list", "Ana Souza").output
    assert f"#{first[0]}  2026-03-01  given     python" in listed

    done = run("vouches", "edit", f"#{first[0]}", "--topic", "data engineering")
    assert done.exit_code == 0, done.output
    # only the topic of the first vouch moved; its date, direction, note and the other stay
    assert vouch_rows(journal_path) == [(*first[:3], "data engineering", *first[4:]), second]

    assert run("vouches", "edit", str(first[0]), "--note", "").exit_code == 0  # note was ""
    assert run("vouches", "edit", str(first[0]), "--date", "2026-02-01").exit_code == 0
    assert vouch_rows(journal_path)[0][4] == "2026-02-01"
    for _ in range(2):  # two edits that changed something, two undos, newest first
        assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before
    # the note edit changed nothing, so it left nothing in the trash to "undo"
    assert "nothing to undo" in run("undo", "--yes").stderr


def test_a_vouch_delete_asks_and_undo_restores_it(run: Run, journal_path: Path) -> None:
    assert run("log", "coffee with Ana Souza").exit_code == 0
    assert run("vouch", "give", "Ana Souza", "python").exit_code == 0
    before = kept_rows(journal_path)
    (vouch_id, *_), *_ = vouch_rows(journal_path)

    asked = run("vouches", "delete", str(vouch_id))  # no terminal to answer: refused
    assert asked.exit_code == 2
    assert f"Delete the vouch #{vouch_id} (given) on python?" in asked.output
    assert asked.stderr.strip() == "netdash: not deleted (pass --yes to delete without asking)"
    assert kept_rows(journal_path) == before

    assert run("vouches", "delete", str(vouch_id), "--yes").exit_code == 0
    assert vouch_rows(journal_path) == []
    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("vouches", "delete", "999", "--yes"), "no vouch with id 999"),
        (("vouches", "delete", "abc", "--yes"), "'abc' is not a vouch id"),
        # past SQLite integers
        (("goal", "delete", "9223372036854775808", "--yes"), "is not a goal id"),
        (("goal", "delete", "²", "--yes"), "'²' is not a goal id"),  # a digit, but not 0-9
        (("vouches", "edit", "1"), "nothing to change: give --direction"),
        (("vouches", "edit", "1", "--topic", " "), "a vouch needs a topic"),  # an empty topic
        # a day to come
        (("vouches", "edit", "1", "--date", "2999-01-01"), "2999-01-01 has not happened yet"),
        (("goal", "edit", "999", "--hours", "5"), "no goal with id 999"),
        # two kinds at once
        (
            ("goal", "edit", "1", "--hours", "5", "--money", "10 USD"),
            "a goal is one of: hours, money or a result",
        ),
        (("goal", "edit", "1"), "nothing to change: give --year"),
        (("goal", "delete", "999", "--yes"), "no goal with id 999"),
        (("accounts", "delete", "@nobody@x.social", "--yes"), "no account '@nobody@x.social'"),
        # taken by the other account
        (
            ("accounts", "edit", "@me@x.social", "@you@x.social"),
            "you already have the mastodon account you@x.social",
        ),
    ],
)
def test_bad_edits_and_deletes_say_one_line_and_exit_2(
    args: tuple[str, ...], said: str, run: Run, journal_path: Path
) -> None:
    assert run("log", "coffee with Ana Souza").exit_code == 0
    assert run("vouch", "give", "Ana Souza", "python").exit_code == 0
    assert run("goal", "add", "--hours", "12").exit_code == 0
    assert run("accounts", "add", "mastodon", "@me@x.social").exit_code == 0
    assert run("accounts", "add", "mastodon", "@you@x.social").exit_code == 0
    before = kept_rows(journal_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("netdash: ") and said in result.stderr, result.stderr
    assert kept_rows(journal_path) == before


def test_a_goal_edit_keeps_what_is_not_given_and_delete_undoes(
    run: Run, journal_path: Path
) -> None:
    run("give", "3h at Food Bank, 60 meals served")
    assert run("goal", "add", "--result", "240 meals served", "--org", "Food Bank").exit_code == 0
    year = run("goal", "list").output
    assert year.startswith("#1  240 meals served at Food Bank: 60 done (25%)")
    before = kept_rows(journal_path)

    assert run("goal", "edit", "1", "--result", "120 meals served").exit_code == 0
    # the organisation stays: 60 of 120 meals = 50%
    assert "#1  120 meals served at Food Bank: 60 done (50%)" in run("goal", "list").output
    assert run("goal", "edit", "#1", "--org", "").exit_code == 0  # counts all work now
    assert "#1  120 meals served: 60 done (50%)" in run("goal", "list").output

    asked = run("goal", "delete", "1")
    assert asked.exit_code == 2 and "Delete the " in asked.output
    assert run("goal", "delete", "1", "--yes").exit_code == 0
    assert "No goals" in run("goal", "list").output
    for _ in range(3):
        assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before


def _followers(path: Path, account_id: int, count: int) -> None:
    with connected(path) as conn:
        conn.executemany(
            "INSERT INTO follower_accounts VALUES (?, ?, NULL, '2026-11-01', '2026-11-01')",
            [(account_id, str(n)) for n in range(count)],
        )
        conn.execute(
            "INSERT INTO follower_lists(account_id, observed_at) VALUES (?, '2026-11-01')",
            [account_id],
        )
        conn.execute(
            "INSERT INTO connections(account_id, remote_id, name) VALUES (?, 'c1', 'Ana Souza')",
            [account_id],
        )
        conn.execute(
            "INSERT INTO imports(source, file_name, sha256, imported_at, account_id)"
            " VALUES ('mastodon', 'f.csv', 'x', '2026-11-01T00:00:00Z', ?)",
            [account_id],
        )


def test_an_account_delete_says_what_goes_and_undo_restores_every_row(
    run: Run, journal_path: Path
) -> None:
    assert run("followers", "set", "mastodon", "120", "--account", "@me@x.social").exit_code == 0
    assert run("followers", "set", "mastodon", "130", "--account", "@me@x.social").exit_code == 0
    assert run("accounts", "add", "github", "someone").exit_code == 0
    _followers(journal_path, 1, 3)
    before = kept_rows(journal_path)

    asked = run("accounts", "delete", "@me@x.social")
    assert asked.exit_code == 2
    # 2 counts set by hand, 1 list of 3 followers, 1 contact
    assert (
        "Delete the mastodon account me@x.social, 2 follower counts, 1 follower list"
        " (3 followers) and 1 contact? It can be undone" in asked.output
    )
    done = run("accounts", "delete", "@me@x.social", "--yes")
    assert done.exit_code == 0, done.output
    after = kept_rows(journal_path)
    assert [row[1:3] for row in after["accounts"]] == [("github", "someone")]
    assert after["follower_accounts"] == after["follower_counts"] == after["connections"] == []
    assert after["imports"][0][-1] is None  # the import stays, pointing at no account

    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before


def test_a_large_follower_list_is_deleted_but_not_kept(
    run: Run, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(account_delete, "KEEP_LIST_UP_TO", 2)
    assert run("followers", "set", "mastodon", "120", "--account", "@me@x.social").exit_code == 0
    _followers(journal_path, 1, 3)  # 3 followers > 2 kept
    before = kept_rows(journal_path)
    asked = run("accounts", "delete", "@me@x.social").output
    assert "except its follower list: over 2 followers is not kept" in asked
    assert run("accounts", "delete", "@me@x.social", "--yes").exit_code == 0
    assert run("undo", "--yes").exit_code == 0
    # everything but the list comes back: its 3 followers and its day (a day with no followers
    # would make the next import count the whole list as gained, not as a first list)
    assert before["follower_lists"] == [(1, "2026-11-01", None, None, None)]  # no counts: no import
    assert kept_rows(journal_path) == {**before, "follower_accounts": [], "follower_lists": []}


def test_an_account_rename_is_undone(run: Run, journal_path: Path) -> None:
    assert run("accounts", "add", "mastodon", "@me@old.social").exit_code == 0
    before = kept_rows(journal_path)
    done = run("accounts", "edit", "@me@old.social", "@me@new.social")
    assert done.exit_code == 0, done.output
    assert "mastodon   me@new.social" in run("accounts", "list").output
    assert run("undo", "--yes").exit_code == 0
    assert kept_rows(journal_path) == before
