"""Follow-ups in the store: written, done by logging or by hand, and kept by undo, merge,
person delete, export/restore and the migration that made their table."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.store.db import open_db
from netdash.store.duplicates import merge_people
from netdash.store.follow_ups import (
    add_follow_up_line,
    add_follow_ups,
    all_follow_ups,
    delete_follow_up,
    mark_done,
    open_follow_ups,
    read_follow_up,
)
from netdash.store.journal import NewPerson, log_interaction
from netdash.store.people import add_person, update_person
from netdash.store.person_delete import delete_person
from netdash.store.trash import undo
from netdash.store.upcoming import upcoming
from tests.conftest import TODAY, kept_rows

DATA = Path(__file__).resolve().parent.parent / "data"
FRIDAY = date(2026, 11, 27)


def test_one_follow_up_per_person_and_new_names_become_people(db: Database) -> None:
    ana = add_person(db, "Ana Souza")
    added = add_follow_ups(
        db, people=[ana, NewPerson("Bo Chen")], due_on=FRIDAY, today=TODAY, about="the intro"
    )
    assert [f.person.name for f in added.follow_ups] == ["Ana Souza", "Bo Chen"]
    assert [ref.name for ref in added.created] == ["Bo Chen"]
    assert [(f.person.name, f.due_on, f.about) for f in open_follow_ups(db)] == [
        ("Ana Souza", FRIDAY, "the intro"),
        ("Bo Chen", FRIDAY, "the intro"),
    ]
    assert db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == 0  # not an entry


def test_a_day_gone_by_is_refused_and_nothing_is_written(db: Database) -> None:
    ana = add_person(db, "Ana Souza")
    with pytest.raises(InvalidInput, match="in the past"):
        add_follow_ups(db, people=[ana, NewPerson("Bo")], due_on=TODAY - timedelta(1), today=TODAY)
    assert db.execute("SELECT COUNT(*) FROM follow_ups").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 1


def test_logging_with_the_person_on_or_after_the_day_it_was_made_marks_it_done(
    db: Database,
) -> None:
    ana, bo = add_person(db, "Ana"), add_person(db, "Bo")
    made = add_follow_ups(db, people=[ana, bo], due_on=FRIDAY + timedelta(7), today=TODAY)
    ana_follow_up, bo_follow_up = (f.id for f in made.follow_ups)
    before = log_interaction(
        db, people=[ana], occurred_on=TODAY - timedelta(3), today=TODAY, kind="call"
    )
    assert before.follow_ups_done == ()  # an entry from before it was made is not the follow-up
    logged = log_interaction(db, people=[ana], occurred_on=TODAY, today=TODAY, kind="call")
    assert logged.follow_ups_done == (ana_follow_up,)
    assert [f.id for f in open_follow_ups(db)] == [bo_follow_up]
    assert [f.done_on for f in all_follow_ups(db) if f.id == ana_follow_up] == [TODAY]


def test_a_follow_up_line_finds_the_journal_s_names_and_aliases(db: Database) -> None:
    ana, rosa = add_person(db, "Ana Souza"), add_person(db, "Rosa Lima")
    update_person(db, rosa, add_aliases=["mom"])
    for text, who in [("follow up with ana friday", ana), ("follow up with mom friday", rosa)]:
        line = read_follow_up(db, text, TODAY)
        assert line is not None
        assert (line.due_on, line.about) == (FRIDAY, "")
        added = add_follow_up_line(db, line, TODAY)
        assert [(f.person.id, f.due_on) for f in added.follow_ups] == [(who, FRIDAY)]
        assert added.created == ()
    assert read_follow_up(db, "coffee with ana", TODAY) is None


def test_open_follow_ups_until_a_day_late_ones_first(db: Database) -> None:
    ana = add_person(db, "Ana")
    earlier = TODAY - timedelta(5)
    add_follow_ups(db, people=[ana], due_on=TODAY + timedelta(9), today=TODAY)
    add_follow_ups(db, people=[ana], due_on=TODAY, today=earlier)
    add_follow_ups(db, people=[ana], due_on=earlier, today=earlier)
    assert [f.due_on for f in open_follow_ups(db, until=TODAY)] == [earlier, TODAY]
    late = open_follow_ups(db)[0]
    assert late.due_words(TODAY) == "5 days late"
    assert late.is_due(TODAY)


def test_done_by_hand_then_undone(db: Database) -> None:
    ana = add_person(db, "Ana")
    follow_up = add_follow_ups(db, people=[ana], due_on=FRIDAY, today=TODAY).follow_ups[0]
    done = mark_done(db, follow_up.id, TODAY)
    assert done.done_on == TODAY
    assert open_follow_ups(db) == []
    with pytest.raises(InvalidInput, match="already done"):
        mark_done(db, follow_up.id, TODAY)
    undo(db)
    assert [f.id for f in open_follow_ups(db)] == [follow_up.id]
    delete_follow_up(db, follow_up.id)
    assert all_follow_ups(db) == []
    undo(db)
    assert [f.id for f in open_follow_ups(db)] == [follow_up.id]


def test_deleting_a_person_takes_their_follow_ups_and_undo_brings_them_back(
    db: Database,
) -> None:
    ana = add_person(db, "Ana")
    add_follow_ups(db, people=[ana], due_on=FRIDAY, today=TODAY, about="the intro")
    before = kept_rows(db)
    delete_person(db, ana)
    assert db.execute("SELECT COUNT(*) FROM follow_ups").fetchone()[0] == 0
    undo(db)
    assert kept_rows(db)["follow_ups"] == before["follow_ups"]


def test_a_merge_moves_follow_ups_and_undo_moves_them_back(db: Database) -> None:
    ana, anna = add_person(db, "Ana Souza"), add_person(db, "Anna Souza")
    add_follow_ups(db, people=[anna], due_on=FRIDAY, today=TODAY, about="the intro")
    before = kept_rows(db)
    merge_people(db, ana, anna)
    assert [f.person.id for f in open_follow_ups(db)] == [ana]
    undo(db)
    assert kept_rows(db)["follow_ups"] == before["follow_ups"]


def test_upcoming_birthdays_with_ages_and_follow_ups(db: Database) -> None:
    add_person(db, "Ada", birthday="1990-12-10")
    add_person(db, "Grace", birthday="--11-26")  # no year: no age
    add_person(db, "Far", birthday="1990-01-30")  # outside 30 days
    leap = add_person(db, "Leap", birthday="2000-02-29")
    add_follow_ups(db, people=[leap], due_on=TODAY + timedelta(40), today=TODAY)
    soon = add_follow_ups(db, people=[leap], due_on=FRIDAY, today=TODAY).follow_ups[0]
    found = upcoming(db, TODAY, 30)
    assert [(b.person.name, b.on, b.turns) for b in found.birthdays] == [
        ("Grace", TODAY, None),
        ("Ada", date(2026, 12, 10), 36),
    ]
    assert [f.id for f in found.follow_ups] == [soon.id]
    in_2027 = upcoming(db, date(2027, 2, 20), 10)  # a common year: 1 March
    assert [(b.person.name, b.on, b.turns) for b in in_2027.birthdays] == [
        ("Leap", date(2027, 3, 1), 27)
    ]


def test_the_kept_m009_journal_upgrades_to_an_empty_follow_ups_table(tmp_path: Path) -> None:
    journal = tmp_path / "journal-m009_trash.db"
    shutil.copyfile(DATA / journal.name, journal)
    db = open_db(journal)
    try:
        assert open_follow_ups(db) == []
        person = db.execute("SELECT id FROM people ORDER BY id LIMIT 1").fetchone()[0]
        add_follow_ups(db, people=[person], due_on=FRIDAY, today=TODAY)
        assert len(open_follow_ups(db)) == 1
    finally:
        db.close()


def test_export_and_restore_keep_follow_ups(tmp_path: Path) -> None:
    from netdash.export.dump import restore, write_json

    source = open_db(tmp_path / "a.db")
    try:
        ana = add_person(source, "Ana")
        add_follow_ups(source, people=[ana], due_on=FRIDAY, today=TODAY, about="the intro")
        mark_done(source, add_follow_ups(source, people=[ana], due_on=FRIDAY, today=TODAY)
                  .follow_ups[0].id, TODAY)  # fmt: skip
        expected = kept_rows(source)["follow_ups"]
        with (tmp_path / "out.json").open("w") as out:
            write_json(source, out)
    finally:
        source.close()
    target = open_db(tmp_path / "b.db")
    try:
        restore(target, tmp_path / "out.json")
        assert kept_rows(target)["follow_ups"] == expected
    finally:
        target.close()
