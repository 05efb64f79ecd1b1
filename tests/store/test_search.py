"""Issue 16, "Find anything": one full-text search over people, entries, contributions and
outcomes, its index kept in step by triggers through every kind of write (m020)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.domain.models import ContactPoint, Handle
from netdash.domain.search_text import Marked, fts_query, mark, query_words
from netdash.store.community import add_contribution
from netdash.store.db import open_db
from netdash.store.duplicates import merge_people
from netdash.store.errors import JournalError
from netdash.store.journal import delete_interaction, log_interaction, update_interaction
from netdash.store.migration_search import NoFullTextSearch, check_fts5, rebuild_search
from netdash.store.organisations import rename_organisation
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_alias, add_person, delete_person, update_person
from netdash.store.search import Results, search
from netdash.store.trash import undo

TODAY = date(2026, 11, 26)
DATA = Path(__file__).resolve().parent.parent / "data"


def found(results: Results) -> list[tuple[str, int]]:
    return [(hit.kind, hit.id) for hit in results.hits]


def titles(results: Results, kind: str = "person") -> list[str]:
    return [hit.title.text for hit in results.of_kind(kind)]


def test_user_text_is_never_query_syntax() -> None:
    """Each word a quoted phrase, prefixed from two letters; punctuation alone is no word."""
    assert fts_query("sou") == '"sou"*'
    assert fts_query('ana "sou') == '"ana"* """sou"*'
    assert fts_query("a") == '"a"'
    assert fts_query('" * ( ) -') is None
    assert fts_query("   ") is None
    assert fts_query("NEAR(a b)") == '"NEAR(a"* "b)"'


@pytest.mark.parametrize(
    "text",
    ['"', "AND", "OR", "NOT", "*", "NEAR(", "NEAR(ana, 2)", "ana AND", "title:ana", "^ana",
     "ana -bo", "(", ")", '""', "'", "{title}: x", "a" * 5000, "\x00\x1b[2J", "ana\u202e"],
)  # fmt: skip
def test_any_text_searches_without_error(db: Database, text: str) -> None:
    add_person(db, "Ana Souza", notes="and or not near")
    search(db, text)  # no exception is the assertion


def test_people_by_name_alias_handle_email_tag_and_company(db: Database) -> None:
    ana = add_person(
        db,
        "Ana Souza",
        handles=[Handle("mastodon", "anas@example.social")],
        points=[ContactPoint("email", "ana.work@example.com")],
        tags=["mentoring"],
        company="Acme Robotics",
    )
    add_alias(db, ana, "name", "my sister")
    add_person(db, "Bo Lind")
    for text in ("souza", "sou", "SOUZA", "my sister", "anas", "ana.work@example.com",
                 "mentoring", "acme", "robotics"):  # fmt: skip
        assert titles(search(db, text)) == ["Ana Souza"], text
    assert titles(search(db, "bo")) == ["Bo Lind"]
    assert search(db, "nobody").hits == ()


def test_accents_and_case_fold_both_ways(db: Database) -> None:
    add_person(db, "José García-López")
    add_person(db, "jose ramos")
    assert sorted(titles(search(db, "jose"))) == ["José García-López", "jose ramos"]
    assert titles(search(db, "garcia")) == ["José García-López"]
    assert titles(search(db, "LÓPEZ")) == ["José García-López"]


def test_match_is_marked_in_the_title_and_in_context(db: Database) -> None:
    add_person(db, "Ana Souza", notes="met at the Rust meetup in Lisbon")
    [hit] = search(db, "lisbon").hits
    assert hit.title.text == "Ana Souza" and hit.title.marks == ()
    assert hit.snippet.text == "met at the Rust meetup in Lisbon"
    assert [hit.snippet.text[s:e] for s, e in hit.snippet.marks] == ["Lisbon"]
    [hit] = search(db, "ana").hits
    assert hit.title.parts() == [("Ana", True), (" Souza", False)]
    assert hit.snippet.text == ""


def test_words_are_marked_as_the_index_matched_them() -> None:
    words = query_words("jose sou x")
    assert words == [("jose", True), ("sou", True), ("x", False)]
    found = mark("Dr. José Souza-Lima and x-ray", words)
    assert [found.text[s:e] for s, e in found.marks] == ["José", "Souza", "x"]
    assert mark("nothing here", words) == Marked("nothing here", ())
    assert mark("nothing here", words, window=4) == Marked("", ())


def test_a_long_text_is_cut_around_its_first_match() -> None:
    text = " ".join(f"w{n}" for n in range(30)) + " harbour " + " ".join(f"v{n}" for n in range(30))
    found = mark(text, query_words("harbour"), window=8)
    assert found.text == "…w28 w29 harbour v0 v1 v2 v3 v4…"
    assert [found.text[s:e] for s, e in found.marks] == ["harbour"]
    start = mark("harbour " + text, query_words("harbour"), window=3)
    assert start.text == "harbour w0 w1…" and start.marks == ((0, 7),)


def test_people_first_then_everything_dated_newest_first(db: Database) -> None:
    ana = add_person(db, "Ana Garden")
    old = log_interaction(db, people=[ana], occurred_on=date(2025, 1, 2), today=TODAY,
                          kind="call", note="the garden plans")  # fmt: skip
    new = log_interaction(db, people=[ana], occurred_on=date(2026, 3, 4), today=TODAY,
                          kind="call", note="garden again")  # fmt: skip
    mid = log_interaction(db, people=[ana], occurred_on=date(2025, 6, 1), today=TODAY,
                          kind="call", note="gardening tools")  # fmt: skip
    given = add_contribution(db, organisation="Garden Club", occurred_on=date(2026, 1, 1),
                             today=TODAY, minutes=60)  # fmt: skip
    outcome = add_outcome(db, title="Garden grant", occurred_on=date(2026, 2, 2), today=TODAY)
    results = search(db, "garden")
    assert found(results) == [
        ("person", ana),
        ("entry", new.interaction_id),
        ("entry", mid.interaction_id),
        ("entry", old.interaction_id),
        ("contribution", given.contribution_id),
        ("outcome", outcome),
    ]
    entry = results.of_kind("entry")[0]
    assert (entry.title.text, entry.day) == ("Ana Garden", "2026-03-04")
    assert results.of_kind("contribution")[0].title.text == "Garden Club"
    assert search(db, "garden", limit=2).more == frozenset({"entry"})
    assert found(search(db, "garden", limit=2))[:3] == [
        ("person", ana), ("entry", new.interaction_id), ("entry", mid.interaction_id)
    ]  # fmt: skip


def test_the_index_follows_edits_deletes_undo_and_merges(db: Database) -> None:
    ana = add_person(db, "Ana Souza", handles=[Handle("github", "anacodes")])
    update_person(db, ana, name="Ana Lima")
    [hit] = search(db, "souza").hits  # the name she had is kept as a name she is known by
    assert hit.title.text == "Ana Lima" and "souza" in hit.snippet.text.lower()
    assert titles(search(db, "lima")) == ["Ana Lima"]
    entry = log_interaction(db, people=[ana], occurred_on=TODAY, today=TODAY, kind="call",
                            note="about the robot", tags=["work"])  # fmt: skip
    assert found(search(db, "robot")) == [("entry", entry.interaction_id)]
    assert found(search(db, "work")) == [("entry", entry.interaction_id)]
    update_interaction(db, entry.interaction_id, people=[ana], occurred_on=TODAY, today=TODAY,
                       kind="call", initiated_by="me", depth=2, note="about the boat",
                       tags=[])  # fmt: skip
    assert search(db, "robot").hits == () and search(db, "work").hits == ()
    delete_interaction(db, entry.interaction_id)
    assert search(db, "boat").hits == ()
    undo(db)
    assert found(search(db, "boat")) == [("entry", entry.interaction_id)]
    delete_person(db, ana)
    assert search(db, "anacodes").hits == () and search(db, "lima").hits == ()
    undo(db)
    assert titles(search(db, "anacodes")) == ["Ana Lima"]
    bo = add_person(db, "Bo Lind", handles=[Handle("mastodon", "bo@example.social")])
    merge_people(db, ana, bo)
    assert titles(search(db, "bo")) == ["Ana Lima"]  # Bo's handle moved; Bo is gone


def test_renamed_tags_and_organisations_are_found_by_their_new_names(db: Database) -> None:
    add_person(db, "Ana Souza", tags=["climbing"])
    given = add_contribution(db, organisation="Food Bank", occurred_on=TODAY, today=TODAY,
                             minutes=60)  # fmt: skip
    db.execute("UPDATE tags SET name = 'bouldering' WHERE name = 'climbing'")
    assert titles(search(db, "bouldering")) == ["Ana Souza"]
    assert search(db, "climbing").hits == ()
    organisation_id = db.execute("SELECT id FROM organisations").fetchone()[0]
    rename_organisation(db, organisation_id, "City Pantry")
    assert found(search(db, "pantry")) == [("contribution", given.contribution_id)]
    assert search(db, "food").hits == ()


def test_a_restore_rebuild_gives_the_same_documents(db: Database) -> None:
    add_person(db, "Ana Souza", tags=["climbing"], company="Acme")
    before = db.execute("SELECT rowid, * FROM _search ORDER BY rowid").fetchall()
    rebuild_search(db)
    assert db.execute("SELECT rowid, * FROM _search ORDER BY rowid").fetchall() == before


@pytest.mark.parametrize("kept", sorted(DATA.glob("journal-*.db")), ids=lambda p: p.stem)
def test_an_older_journal_upgrades_with_everything_in_the_index(kept: Path, tmp_path: Path) -> None:
    journal = tmp_path / kept.name
    shutil.copy(kept, journal)
    db = open_db(journal)
    try:
        counts = [
            db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("people", "interactions", "contributions", "outcomes")
        ]
        assert db.execute("SELECT count(*) FROM _search").fetchone()[0] == sum(counts)
        name = db.execute("SELECT name FROM people ORDER BY id LIMIT 1").fetchone()
        if name:
            assert name[0] in titles(search(db, name[0], limit=50))
    finally:
        db.close()


class _NoFts5:
    """A database whose SQLite lacks FTS5, as some builds of Python do."""

    def execute(self, sql: str) -> None:
        raise sqlite3.OperationalError("no such module: fts5")


def test_without_fts5_the_upgrade_says_so_in_one_line() -> None:
    with pytest.raises(NoFullTextSearch) as raised:
        check_fts5(_NoFts5())  # type: ignore[arg-type]
    assert isinstance(raised.value, JournalError)
    assert "FTS5" in str(raised.value) and "\n" not in str(raised.value)


def test_many_matches_are_ordered_as_few_are(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MANY matches the newest are read along the date index: the same hits, in the same
    order, as sorting every match (entries logged out of date order included)."""
    import netdash.store.search as module

    ana = add_person(db, "Ana Souza")
    for day in (5, 1, 9, 3, 9, 7, 2, 8):
        log_interaction(db, people=[ana], occurred_on=date(2026, 3, day), today=TODAY,
                        kind="call", note=f"garden day {day}")  # fmt: skip
    few = found(search(db, "garden", limit=5))
    monkeypatch.setattr(module, "MANY", 2)
    assert found(search(db, "garden", limit=5)) == few
    days = [hit.day for hit in search(db, "garden", limit=5).hits]
    assert days == ["2026-03-09", "2026-03-09", "2026-03-08", "2026-03-07", "2026-03-05"]


def test_a_write_after_another_connection_changed_the_schema(tmp_path: Path) -> None:
    """An import drops and rebuilds an index in its own transaction; a write from another
    process afterwards (its trigger writing the search index) still lands."""
    path = tmp_path / "journal.db"
    db = open_db(path)
    try:
        assert db.execute("SELECT count(*) FROM people").fetchone() == (0,)  # schema read
        other = sqlite3.connect(path)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("DROP INDEX follower_accounts_handle")
            other.execute(
                "CREATE INDEX follower_accounts_handle ON follower_accounts(account_id, handle)"
            )
            other.commit()
        finally:
            other.close()
        bo = add_person(db, "Bo Lind")
        assert found(search(db, "bo")) == [("person", bo)]
    finally:
        db.close()


def test_a_hit_deleted_between_finding_and_showing_is_left_out(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TUI searches on its own connection: an entry deleted (an undo in the app) after its
    id was found and before its line is read is skipped, not a failed search."""
    from netdash.store import search as searching

    ana = add_person(db, "Ana Souza")
    kept = log_interaction(
        db,
        people=[ana],
        occurred_on=date(2026, 3, 1),
        today=date(2026, 3, 9),
        kind="call",
        note="tea at noon",
    ).interaction_id
    gone = log_interaction(
        db,
        people=[ana],
        occurred_on=date(2026, 3, 2),
        today=date(2026, 3, 9),
        kind="call",
        note="tea again",
    ).interaction_id
    found = searching._ids  # the ids as found, before the deletion lands

    def found_then_deleted(db: Database, query: str, number: int, limit: int) -> list[int]:
        ids = found(db, query, number, limit)
        if number == 1:
            delete_interaction(db, gone)
        return ids

    monkeypatch.setattr(searching, "_ids", found_then_deleted)
    results = search(db, "tea")
    assert [(hit.kind, hit.id) for hit in results.hits] == [("entry", kept)]
