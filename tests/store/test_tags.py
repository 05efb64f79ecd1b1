"""Tags across the journal: counted, renamed, merged, deleted and completed, each write undoable."""

from __future__ import annotations

from datetime import date

import pytest
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput, NotFound
from netdash.store.journal import log_interaction
from netdash.store.people import add_person, get_person
from netdash.store.tags import TagUse, delete_tag, rename_tag, tag_uses
from netdash.store.trash import undo
from tests.conftest import kept_rows

TODAY = date(2026, 11, 26)


def _log(db: Database, person: int, tags: list[str]) -> int:
    logged = log_interaction(
        db, people=[person], occurred_on=TODAY, today=TODAY, kind="call", tags=tags
    )
    return logged.interaction_id


@pytest.fixture
def tagged(db: Database) -> Database:
    """Ana: work, climbing; Bo: work; entries: Ana (work, oss), Ana (climbing), Bo (Work)."""
    ana = add_person(db, "Ana Souza", tags=["work", "climbing"])
    bo = add_person(db, "Bo Lind", tags=["work"])
    _log(db, ana, ["work", "oss"])
    _log(db, ana, ["climbing"])
    _log(db, bo, ["Work"])  # the same tag, as the journal matches tags
    add_person(db, "Cy", tags=["unused"])
    db.execute("DELETE FROM person_tags WHERE tag_id = (SELECT id FROM tags WHERE name='unused')")
    return db


def test_tag_uses_count_people_and_entries_most_used_first(tagged: Database) -> None:
    assert tag_uses(tagged) == [
        TagUse("work", 2, 2),
        TagUse("climbing", 1, 1),
        TagUse("oss", 0, 1),
        TagUse("unused", 0, 0),  # carried by nothing: still listed, last, so it can be deleted
    ]


def test_rename_changes_every_person_and_entry_and_undo_puts_it_back(tagged: Database) -> None:
    before = kept_rows(tagged)
    change = rename_tag(tagged, "Climbing", "#bouldering")
    assert (change.old, change.new, change.people, change.entries, change.merged) == (
        "climbing",
        "bouldering",
        1,
        1,
        False,
    )
    assert change.words() == "Renamed tag 'climbing' to 'bouldering' (1 person, 1 entry)"
    assert get_person(tagged, 1).tags == ("bouldering", "work")
    undo(tagged)
    assert kept_rows(tagged) == before


def test_rename_onto_an_existing_tag_merges_them(tagged: Database) -> None:
    before = kept_rows(tagged)
    change = rename_tag(tagged, "oss", "WORK")
    assert change.merged and change.new == "work"  # the kept tag keeps its spelling
    assert (change.people, change.entries) == (2, 2)  # oss's one entry had work too: once
    assert change.words() == (
        "Merged tag 'oss' into the existing tag 'work' (2 people, 2 entries now)"
    )
    assert [use.name for use in tag_uses(tagged)] == ["work", "climbing", "unused"]
    undo(tagged)
    assert kept_rows(tagged) == before


def test_rename_in_case_only_respells_the_one_tag(tagged: Database) -> None:
    change = rename_tag(tagged, "work", "Work")
    assert not change.merged and change.new == "Work" and change.people == 2


def test_rename_and_delete_refuse_bad_input_and_write_nothing(tagged: Database) -> None:
    before = kept_rows(tagged)
    with pytest.raises(NotFound, match="no tag 'nope'"):
        rename_tag(tagged, "nope", "x")
    with pytest.raises(InvalidInput, match="a tag is one word"):
        rename_tag(tagged, "work", "day job")
    with pytest.raises(InvalidInput, match="a tag needs a name"):
        rename_tag(tagged, "work", " # ")
    with pytest.raises(NotFound):
        delete_tag(tagged, "nope")
    assert kept_rows(tagged) == before


def test_delete_takes_a_tag_off_everything_and_undo_puts_it_back(tagged: Database) -> None:
    before = kept_rows(tagged)
    change = delete_tag(tagged, "WORK")
    assert change.words() == "Deleted tag 'work' from 2 people, 2 entries"
    assert get_person(tagged, 2).tags == ()
    assert [use.name for use in tag_uses(tagged)] == ["climbing", "oss", "unused"]
    undo(tagged)
    assert kept_rows(tagged) == before
