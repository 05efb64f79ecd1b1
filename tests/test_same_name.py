"""Two John Smiths are real: each can be named by id (#12), logged with and edited, by hand-built
journals whose answers are worked out here, not read back from netdash."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.domain.errors import Ambiguous, InvalidInput, NotFound
from netdash.domain.quicklog import Mention, mentions_from_names, parse_quick_log
from netdash.store.db import open_db
from netdash.store.journal import NewPerson, log_interaction
from netdash.store.mentions import resolve_mentions
from netdash.store.people import add_person, resolve_person
from netdash.store.same_name import same_name
from tests.conftest import Run

DAY = date(2026, 11, 20)


def two_johns(db: Database) -> tuple[int, int]:
    """Two people called John Smith, told apart by company; the first also met on DAY."""
    first = add_person(db, "John Smith", company="Acme")
    second = add_person(db, "John Smith", company="Globex")
    log_interaction(db, people=[first], occurred_on=DAY, today=DAY, kind="call")
    return first, second


# ------------------------------------------------------------------------------- the grammar


def test_digits_after_a_hash_are_an_id_and_words_a_tag() -> None:
    parsed = parse_quick_log("coffee with #12 #work #2024x", DAY)
    # "#12" is all digits: person 12; "#work" and "#2024x" have letters: tags
    assert parsed.mentions == (Mention("", is_handle=False, person_id=12),)
    assert parsed.tags == ("work", "2024x")


def test_an_id_after_a_name_says_which_one() -> None:
    parsed = parse_quick_log("lunch with John Smith #7 and Ana, John Smith (#9). later", DAY)
    assert parsed.mentions == (
        Mention("John Smith", is_handle=False, person_id=7),
        Mention("Ana", is_handle=False),
        Mention("John Smith", is_handle=False, person_id=9),
    )
    assert parsed.tags == ()


def test_an_id_opening_the_line_is_the_subject() -> None:
    parsed = parse_quick_log("#3 helped me move", DAY)
    assert parsed.mentions == (Mention("", is_handle=False, person_id=3),)
    assert parsed.kind == "helped_me"


def test_form_fields_take_ids() -> None:
    assert mentions_from_names("John Smith (#1), #2, Ana, @bo") == [
        Mention("John Smith", is_handle=False, person_id=1),
        Mention("", is_handle=False, person_id=2),
        Mention("Ana", is_handle=False),
        Mention("bo", is_handle=True),
    ]


# ------------------------------------------------------------------------------- the store


def test_each_john_is_resolved_by_id(db: Database) -> None:
    first, second = two_johns(db)
    assert resolve_mentions(db, [Mention("", False, first)]) == [first]
    assert resolve_mentions(db, [Mention("john smith", False, second)]) == [second]
    assert resolve_person(db, f"#{second}").id == second
    assert resolve_person(db, f"John Smith #{first}").id == first


def test_the_name_alone_asks_for_an_id_with_what_tells_them_apart(db: Database) -> None:
    first, second = two_johns(db)
    with pytest.raises(Ambiguous) as caught:
        resolve_mentions(db, [Mention("John Smith", is_handle=False)])
    # candidates are written as they can be typed back, with company and last contact
    assert caught.value.candidates == [
        f"John Smith #{first} (Acme, last contact 2026-11-20)",
        f"John Smith #{second} (Globex, never logged)",
    ]
    # and what it suggests works: typed back, each is that person
    for candidate, person in zip(caught.value.candidates, (first, second), strict=True):
        typed = candidate.partition(" (")[0]
        assert resolve_mentions(db, mentions_from_names(typed)) == [person]


def test_the_old_suggestion_makes_no_new_person(db: Database) -> None:
    first, _ = two_johns(db)
    # "John Smith (#1)" was the old message's advice: it is John Smith #1, not a person "#1"
    assert resolve_mentions(db, mentions_from_names(f"John Smith (#{first})")) == [first]
    assert db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 2


def test_a_wrong_or_missing_id_is_refused(db: Database) -> None:
    first, _ = two_johns(db)
    add_person(db, "Ana Souza")
    with pytest.raises(NotFound):
        resolve_mentions(db, [Mention("", False, 999)])
    with pytest.raises(InvalidInput, match="is John Smith, not 'Ana Souza'"):
        resolve_mentions(db, [Mention("Ana Souza", False, first)])


def test_case_does_not_make_another_person(db: Database) -> None:
    ana = add_person(db, "Ana Souza")
    elodie = add_person(db, "Élodie Durand")
    assert resolve_mentions(db, [Mention("ana souza", False)]) == [ana]
    assert resolve_mentions(db, [Mention("ANA", False)]) == [ana]  # first name, any case
    # SQLite folds only ASCII: the matcher folds the rest
    assert [ref.id for ref in same_name(db, "élodie  durand")] == [elodie]
    assert resolve_mentions(db, [Mention("élodie durand", False)]) == [elodie]
    assert resolve_mentions(db, [Mention("Zed New", False)]) == [NewPerson("Zed New")]


# ------------------------------------------------------------------------------- the CLI


def people_of(path: Path) -> list[tuple[object, ...]]:
    db = open_db(path)
    try:
        return [
            tuple(row)
            for row in db.execute(
                "SELECT ip.person_id, i.note FROM interaction_people ip"
                " JOIN interactions i ON i.id = ip.interaction_id ORDER BY i.id"
            ).fetchall()
        ]
    finally:
        db.close()


def test_people_add_refuses_a_name_already_there(run: Run, journal_path: Path) -> None:
    assert run("people", "add", "John Smith").output == "Added John Smith (#1)\n"
    refused = run("people", "add", "john smith")
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1 and "#1" in refused.stderr
    assert "--allow-same-name" in refused.stderr
    added = run("people", "add", "John Smith", "--allow-same-name", "--company", "Globex")
    assert added.exit_code == 0 and "Added John Smith (#2)" in added.stdout
    db = open_db(journal_path)
    try:  # 1 + the allowed one = 2; the refused "john smith" wrote nothing
        assert db.execute("SELECT id, name FROM people ORDER BY id").fetchall() == [
            (1, "John Smith"),
            (2, "John Smith"),
        ]
    finally:
        db.close()


def test_cli_logs_shows_and_edits_each_john(run: Run, journal_path: Path) -> None:
    run("people", "add", "John Smith", "--company", "Acme")
    run("people", "add", "John Smith", "--allow-same-name", "--company", "Globex")
    ambiguous = run("log", "coffee with John Smith")
    assert ambiguous.exit_code == 2 and "John Smith #1 (Acme" in ambiguous.stderr
    assert run("log", "coffee with #1").exit_code == 0
    assert run("log", "call with John Smith #2 about work").exit_code == 0
    assert run("log", "tea with John Smith (#2)").exit_code == 0
    assert people_of(journal_path) == [
        (1, "coffee with #1"),
        (2, "call with John Smith #2 about work"),
        (2, "tea with John Smith (#2)"),
    ]
    assert run("people", "edit", "#2", "--company", "Initech").exit_code == 0
    assert run("people", "edit", "John Smith #1", "--tag", "school").exit_code == 0
    shown = run("people", "show", "#2", "--json")
    assert shown.exit_code == 0 and "Initech" in shown.stdout
    db = open_db(journal_path)
    try:  # no person "#1" or "John Smith (#2)" was made on the way: still two
        assert db.execute("SELECT id, company FROM people ORDER BY id").fetchall() == [
            (1, "Acme"),
            (2, "Initech"),
        ]
    finally:
        db.close()


def _add_on_a_terminal(journal: Path, name: str, answer: str) -> tuple[int, str]:
    """`netdash people add NAME` with a terminal on stdin (a pty), answering the question."""
    import os
    import pty
    import subprocess
    import sys

    netdash = Path(sys.executable).parent / "netdash"
    controller, terminal = pty.openpty()
    env = {**os.environ, "NETDASH_TODAY": "2026-11-26", "HOME": str(journal.parent / "home")}
    process = subprocess.Popen(
        [str(netdash), "--db", str(journal), "people", "add", name],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    os.close(terminal)
    os.write(controller, answer.encode() + b"\n")
    output, _ = process.communicate(timeout=60)
    os.close(controller)
    return process.returncode, output.decode()


@pytest.mark.parametrize(("answer", "added"), [("y", True), ("n", False), ("", False)])
def test_people_add_asks_on_a_terminal(journal_path: Path, answer: str, added: bool) -> None:
    db = open_db(journal_path)
    try:
        add_person(db, "John Smith", company="Acme")
    finally:
        db.close()
    code, output = _add_on_a_terminal(journal_path, "john smith", answer)
    # the question says what tells the one already there apart: id, company, never logged
    assert "There is already a John Smith (#1, Acme, never logged). Add another john smith?" in (
        output
    )
    assert code == (0 if added else 2), output
    assert ("Added john smith (#2)" in output) is added
    assert ("Note: another" in output) is False  # the question said it already
    db = open_db(journal_path)
    try:  # the one there, and the new one only if the answer was yes
        assert db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == (2 if added else 1)
    finally:
        db.close()
