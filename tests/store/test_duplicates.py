"""Duplicate suggestions, and merges that keep every interaction, handle, credit and note."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.demo import build_demo
from netdash.domain.errors import InvalidInput
from netdash.domain.models import ContactPoint, Handle
from netdash.store.community import add_contribution
from netdash.store.db import memory_db, open_db
from netdash.store.duplicates import (
    dismiss_duplicate,
    merge_people,
    name_key,
    phone_key,
    suggest_duplicates,
)
from netdash.store.journal import log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person, get_person
from tests.conftest import TODAY, connected


def pairs(db: Database) -> dict[frozenset[str], tuple[str, ...]]:
    return {
        frozenset((pair.first.name, pair.second.name)): pair.reasons
        for pair in suggest_duplicates(db)
    }


def test_keys() -> None:
    assert name_key("Reyes, Tomás") == name_key("tomas REYES") == "reyes tomas"
    assert name_key("Jen O\u2019Neil") == name_key("jen oneil")
    assert phone_key("+34 612 34 56 78") == phone_key("612-345-678") == "612345678"
    assert phone_key("123") is None


def test_suggestions_and_their_reasons(db: Database) -> None:
    add_person(db, "Priya Raman", points=[ContactPoint("email", "priya@example.net")])
    add_person(db, "P. Raman", points=[ContactPoint("email", "PRIYA@example.net")])
    add_person(db, "Tomás Reyes", points=[ContactPoint("phone", "+34 612 34 56 78")])
    add_person(db, "Tom", points=[ContactPoint("phone", "612 345 678")])
    add_person(db, "Jen O'Neil")
    add_person(db, "Jennifer O'Neil")
    add_person(db, "Wei Zhang", handles=[Handle("github", "weizhang88")])
    add_person(db, "W. Zhang", handles=[Handle("twitter", "weizhang88")])
    add_person(db, "Ada Lovelace")
    add_person(db, "lovelace, ada")
    add_person(db, "Grace Hopper")  # like nobody
    add_person(db, "Ana Souza")
    add_person(db, "Ana Silva")  # shares a first name only: not suggested
    found = pairs(db)
    assert found == {
        frozenset({"Priya Raman", "P. Raman"}): ("same e-mail priya@example.net",),
        frozenset({"Tomás Reyes", "Tom"}): ("same phone …5678",),
        frozenset({"Wei Zhang", "W. Zhang"}): ("same handle weizhang88",),
        frozenset({"Ada Lovelace", "lovelace, ada"}): ("same name",),
        frozenset({"Jen O'Neil", "Jennifer O'Neil"}): ("similar names",),
    }
    strengths = [pair.strength for pair in suggest_duplicates(db)]
    assert strengths == sorted(strengths, reverse=True)


def test_a_dismissed_pair_is_not_suggested_again(db: Database) -> None:
    a = add_person(db, "Ada Lovelace")
    b = add_person(db, "Ada Lovelace")
    assert len(suggest_duplicates(db)) == 1
    dismiss_duplicate(db, b, a)
    assert suggest_duplicates(db) == []
    with pytest.raises(InvalidInput):
        dismiss_duplicate(db, a, a)


def test_merge_keeps_everything_both_had(db: Database) -> None:
    keep = add_person(
        db, "Tomás Reyes", handles=[Handle("github", "treyes")], tags=["work"], closeness=2,
        notes="keeps bees", points=[ContactPoint("email", "tomas@example.org")],
    )  # fmt: skip
    other = add_person(
        db, "Tom", handles=[Handle("twitter", "tom_r")], tags=["work", "climbing"], closeness=4,
        notes="met climbing", met_on=date(2019, 3, 1), birthday="1988-11-03",
        points=[ContactPoint("email", "tomas@example.org"), ContactPoint("phone", "+34 612")],
    )  # fmt: skip
    friend = add_person(db, "Ana Souza", introduced_by=other)
    both = log_interaction(
        db, people=[keep, other], occurred_on=date(2026, 1, 5), today=TODAY, kind="call"
    ).interaction_id
    log_interaction(db, people=[other], occurred_on=date(2026, 6, 1), today=TODAY, kind="call")
    log_interaction(db, people=[keep], occurred_on=date(2025, 6, 1), today=TODAY, kind="call")
    add_contribution(
        db, organisation="Food Bank", occurred_on=date(2026, 2, 1), today=TODAY, minutes=60,
        people=[other],
    )  # fmt: skip
    add_outcome(
        db, title="A job offer", occurred_on=date(2026, 3, 1), today=TODAY,
        people=[(other, "introduced")],
    )  # fmt: skip
    interactions_before = db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0]

    summary = merge_people(db, keep, other)

    assert (summary.interactions, summary.handles, summary.credits) == (2, 1, 1)
    person = get_person(db, keep)
    assert person.name == "Tomás Reyes" and person.interactions == 3
    assert person.last_contact == date(2026, 6, 1)
    assert set(person.handles) == {Handle("github", "treyes"), Handle("twitter", "tom_r")}
    assert person.tags == ("climbing", "work")
    assert [p.value for p in person.points] == ["tomas@example.org", "+34 612"]
    assert person.closeness == 4 and person.met_on == date(2019, 3, 1)
    assert person.birthday == "1988-11-03"
    assert person.notes.startswith("keeps bees\n\nmet climbing\n\nMerged with Tom on ")
    assert get_person(db, friend).introduced_by is not None
    assert get_person(db, friend).introduced_by.id == keep  # type: ignore[union-attr]
    assert db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == interactions_before
    assert db.execute(
        "SELECT person_id FROM interaction_people WHERE interaction_id = ?", [both]
    ).fetchall() == [(keep,)]
    assert db.execute("SELECT person_id FROM contribution_people").fetchall() == [(keep,)]
    assert db.execute("SELECT person_id FROM outcome_credits").fetchall() == [(keep,)]
    assert db.execute("SELECT COUNT(*) FROM people WHERE id = ?", [other]).fetchone()[0] == 0
    with pytest.raises(InvalidInput):
        merge_people(db, keep, keep)


def test_merging_demo_people_loses_no_row(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    build_demo(path, scale="normal", seed=7, today=TODAY)
    db = open_db(path)
    busiest = db.execute(
        "SELECT person_id FROM interaction_people GROUP BY person_id ORDER BY COUNT(*) DESC LIMIT 2"
    ).fetchall()
    keep, other = busiest[0][0], busiest[1][0]
    links = {
        table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("interactions", "handles", "outcomes", "contributions", "vouches")
    }
    expected = len(
        db.execute(
            "SELECT DISTINCT interaction_id FROM interaction_people WHERE person_id IN (?, ?)",
            [keep, other],
        ).fetchall()
    )
    merge_people(db, keep, other)
    for table, count in links.items():
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == count, table
    assert get_person(db, keep).interactions == expected
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()
    with connected(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize(
    ("first", "second", "fits"),
    [
        ("Tom", "Tomás Reyes", True),
        ("P. Raman", "Priya Raman", True),
        ("Priya R.", "Priya Raman", True),
        ("Reyes, Tomás", "tomas reyes", True),
        ("Jon Smith", "John Smith", False),  # a spelling away: suggested, not assumed
        ("Dr. Jane Smith", "Jane Smith PhD", True),
        ("Jane Smith, Ph.D.", "Jane Smith", True),
        ("John Smith Jr.", "John Smith Sr.", False),
        ("Daniel Costa", "Daniela Costa", False),
        ("Jane Doe", "John Doe", False),
        ("Mom", "Maria Lopez", False),
        ("Ana Silva", "Ana Souza", False),
    ],
)
def test_names_compatible(first: str, second: str, fits: bool) -> None:
    from netdash.store.duplicates import names_compatible

    assert names_compatible(first, second) is fits
    assert names_compatible(second, first) is fits


def test_merge_keeps_the_introducer_chain_and_one_preferred_address(db: Database) -> None:
    grace = add_person(db, "Grace Hopper")
    tom = add_person(
        db, "Tom", introduced_by=grace, points=[ContactPoint("email", "a@x.org", "", True)]
    )
    tomas = add_person(
        db, "Tomás Reyes", introduced_by=tom, points=[ContactPoint("email", "b@x.org", "", True)]
    )
    merge_people(db, tomas, tom)
    person = get_person(db, tomas)
    assert person.introduced_by is not None and person.introduced_by.id == grace
    assert [p.preferred for p in person.of_kind("email")] == [True, False]


@pytest.mark.parametrize(
    ("first", "second", "fits"),
    [
        ("J.R.R. Tolkien", "J. R. R. Tolkien", True),
        ("P.Raman", "Priya Raman", True),
        ("A.J. Smith", "Andrew Smith", True),
        ("Dr.Jane Smith", "Jane Smith", True),
        ("Jack Smith, Jr.", "John Smith, Jr.", False),
        ("Johnny Smith, Jr.", "John Smith Jr.", True),
        ("John Smith Jr.", "John Smith", False),
        ("John Doe Jr.", "John Smith Jr.", False),
        ("Jane Smith, M.D.", "Jane Smith", True),
        ("John Smith, D.D.S.", "John Smith", True),
        ("JR Smith", "J.R. Smith", True),
        ("Iv Petrov", "I. Petrov", True),
        ("Mary-Jane Watson", "Mary Jane Watson", True),
        ("Jen O'Neil", "Jennifer ONeil", True),
        ("Jane Smith, Ph D", "Jane Smith", True),
        ("Jane Smith (Ph.D.)", "Jane Smith", True),
        ("Ph.D. Jane Smith", "Jane Smith", True),
        ("Mr. M.D. Smith", "M. D. Smith", True),
        # the README's examples
        ("Tom", "Tomás Reyes", True),
        ("Dr. Tomás Reyes, Ph.D.", "Tomás Reyes", True),
        ("Reyes, Tomás", "Tomás Reyes", True),
        ("Daniela Costa", "Daniel Costa", False),
        ("John Smith Jr.", "John Smith", False),
    ],
)
def test_initials_and_generations(first: str, second: str, fits: bool) -> None:
    from netdash.store.duplicates import names_compatible

    assert names_compatible(first, second) is fits


def test_initials_written_two_ways_are_the_same_name(db: Database) -> None:
    add_person(db, "J.R.R. Tolkien")
    add_person(db, "J. R. R. Tolkien")
    assert [pair.reasons for pair in suggest_duplicates(db)] == [("same name",)]


def _merge_work(entries: int) -> int:
    """SQLite virtual-machine steps (in thousands) to merge two people with ``entries`` journal
    entries each, a tenth of them shared: a count of work, not a timing, so it is steady."""
    db = memory_db()
    keep, other = add_person(db, "Ana Souza"), add_person(db, "Ana S.")
    shared = entries // 10
    with db.conn:
        db.conn.executemany(
            "INSERT INTO interactions(id, occurred_on, kind, created_at)"
            " VALUES (?, ?, 'call', '2026-01-01')",
            [(i, f"20{10 + i % 15}-01-01") for i in range(1, 2 * entries + 1)],
        )
        db.conn.executemany(
            "INSERT INTO interaction_people VALUES (?, ?)",
            [(i, keep) for i in range(1, entries + 1)]
            + [(i, other) for i in range(entries + 1 - shared, 2 * entries + 1 - shared)],
        )
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    db.conn.set_progress_handler(count, 1000)
    summary = merge_people(db, keep, other)
    db.conn.set_progress_handler(None, 0)
    assert summary.interactions == entries
    person = get_person(db, keep)
    assert person.interactions == 2 * entries - shared
    assert person.last_contact == date(2024, 1, 1)
    return steps[0]


def test_merge_is_linear_in_interactions() -> None:
    # quadratic before: every entry deleted from the merged person rescanned all their others
    small, large = _merge_work(2_000), _merge_work(8_000)
    assert large < 6 * small, (small, large)
