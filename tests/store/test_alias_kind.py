"""m018: person_aliases takes the user's aliases, keeping every row, index and trigger; and the
log line's question to the journal is answered from indexes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.store.aliases import _KNOWN, JournalNames, aliases_of
from netdash.store.db import open_db
from netdash.store.people import add_person, update_person
from tests.conftest import connected

DATA = Path(__file__).resolve().parent.parent / "data"


def test_an_older_journal_keeps_every_alias_row_and_trigger(tmp_path: Path) -> None:
    journal = tmp_path / "journal-m009_trash.db"
    shutil.copyfile(DATA / journal.name, journal)
    with connected(journal) as conn:
        ada = conn.execute("SELECT id FROM people WHERE name = 'Ada Lovelace'").fetchone()[0]
        conn.executemany(
            "INSERT INTO person_aliases(person_id, kind, value) VALUES (?, ?, ?)",
            [(ada, "uid", "urn:uuid:1"), (ada, "name", "ada l."), (ada, "name", "ada byron")],
        )
        # a trigger of another table that names person_aliases, as a search index's may
        conn.execute(
            "CREATE TRIGGER test_people_note AFTER UPDATE OF notes ON people BEGIN"
            " INSERT INTO person_aliases(person_id, kind, value) VALUES (NEW.id, 'uid', 'x');"
            " END"
        )
        before = sorted(conn.execute("SELECT * FROM person_aliases").fetchall())
    db = open_db(journal)
    try:
        assert sorted(db.execute("SELECT * FROM person_aliases").fetchall()) == before
        objects = {
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'person_aliases'"
            )
        }
        assert {
            "person_aliases_person",
            "person_aliases_alias",
            "person_aliases_insert_user_revision",
            "person_aliases_update_user_revision",
            "person_aliases_delete_user_revision",
        } <= objects
        revision = db.execute("SELECT revision FROM user_revision").fetchone()[0]
        update_person(db, ada, add_aliases=["Countess"], notes="changed")
        assert db.execute("SELECT revision FROM user_revision").fetchone()[0] > revision
        assert aliases_of(db, ada) == ("countess",)
        assert ("uid", "x") in {
            (row[0], row[1])
            for row in db.execute(
                "SELECT kind, value FROM person_aliases WHERE person_id = ?", [ada]
            )
        }
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


def test_one_alias_one_person(db: Database) -> None:
    rosa = add_person(db, "Rosa Lopez")
    maria = add_person(db, "Maria Lopez")
    update_person(db, rosa, add_aliases=["mom"])
    with pytest.raises(InvalidInput, match="already an alias of Rosa Lopez"):
        update_person(db, maria, add_aliases=["Mom"], notes="not written")
    assert db.execute("SELECT notes FROM people WHERE id = ?", [maria]).fetchone()[0] == ""
    with pytest.raises(Exception, match="UNIQUE"):  # the index holds even for raw SQL
        db.execute("INSERT INTO person_aliases VALUES (?, 'alias', 'mom')", [maria])
    update_person(db, rosa, add_aliases=["MOM"])  # hers already: nothing to do
    assert aliases_of(db, rosa) == ("mom",)


def test_the_journal_answers_which_phrases_name_someone(db: Database) -> None:
    ana = add_person(db, "Ana Souza")
    add_person(db, "Bob")
    update_person(db, ana, add_aliases=["my friend"])
    bob = db.execute("SELECT id FROM people WHERE name = 'Bob'").fetchone()[0]
    update_person(db, bob, name="Robert Smith")
    known = JournalNames(db).known(
        ["ana souza", "ana", "souza", "my friend", "bob", "robert", "nobody", ""]
    )
    assert known == {
        "ana souza": "name",
        "ana": "first name",
        "my friend": "alias",
        "bob": "former name",
        "robert": "first name",
    }


def test_the_question_is_index_probes_not_scans(db: Database) -> None:
    plan = " ".join(
        str(row[3])
        for row in db.execute("EXPLAIN QUERY PLAN " + _KNOWN, [json.dumps(["ana"])]).fetchall()
    )
    assert "SCAN people" not in plan and "SCAN person_aliases" not in plan, plan
    assert "people_name" in plan


def test_a_non_ascii_initial_is_found_in_lower_case(db: Database) -> None:
    from netdash.domain.quicklog import parse_quick_log
    from netdash.store.mentions import resolve_found
    from tests.conftest import TODAY

    elodie = add_person(db, "Élodie Dupré")
    for line in ("tea with élodie dupré", "tea with élodie", "ÉLODIE called me"):
        parsed = parse_quick_log(line, TODAY, JournalNames(db))
        assert [found.choice for found in resolve_found(db, parsed.mentions)] == [elodie], line
