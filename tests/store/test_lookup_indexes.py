"""Issues 14 and 16: every lookup a keystroke makes (in a form, in ``/``) searches an index,
with the same answers as the full scans it replaced."""

from __future__ import annotations

import random
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.domain.models import Handle
from netdash.domain.quicklog import mentions_from_names
from netdash.store import search as search_module
from netdash.store.community import add_contribution, organisation_starting
from netdash.store.db import open_db, user_revision
from netdash.store.journal import log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person, find_people
from netdash.store.same_name import same_name
from netdash.store.search import search
from netdash.tui.screens.community_forms import OrganisationSuggester
from netdash.tui.screens.log_form import people_preview
from tests.conftest import TODAY, table_rows

KEPT = Path(__file__).resolve().parent.parent / "data" / "journal-m008_layer_history.db"

TYPED = [
    "A", "Ad", "Ada ", "Ada Lovelace", "ada lovelace", "souza", "Ana Souza, B", "Ana Souza, @bo",
    "@bo", "@bo@example.social", "élodie", "Élodie Martin", "Zé", "#1", "Ada Lovelace #1",
    "Nobody New", "50%_off\\", "ß", "o'brien",
]  # fmt: skip


def people(db: Database) -> None:
    add_person(db, "Ada Lovelace", handles=[Handle("mastodon", "ada@example.social")])
    add_person(db, "Ada Byron")
    add_person(db, "Ana Souza")
    add_person(db, "ana souza")
    add_person(db, "Bo Lind", handles=[Handle("github", "bo")])
    add_person(db, "Élodie Martin")
    add_person(db, "élodie")
    add_person(db, "Zé Carioca")
    add_person(db, "Miles O'Brien")
    db.execute("INSERT INTO organisations(name, created_at) VALUES ('Food Bank', '2026-01-01')")


def dated(db: Database) -> None:
    """Entries, contributions and outcomes that the typed words find, three of each."""
    ana = find_people(db, "Ana Souza")[0].id
    for day in (1, 2, 3):
        on = date(2026, 11, day)
        log_interaction(db, people=[ana], occurred_on=on, today=TODAY, kind="call",
                        note="Ada and Bo at the Food Bank")  # fmt: skip
        add_contribution(db, organisation="Food Bank", occurred_on=on, today=TODAY,
                         minutes=60, note="with Ana Souza and Ada")  # fmt: skip
        add_outcome(db, title=f"Ada's grant {day}", occurred_on=on, today=TODAY,
                    note="Ana Souza helped")  # fmt: skip


NOT_A_TABLE = ("SCAN (subquery", "SCAN json_each", "SCAN CONSTANT ROW")
"""Scans that read no table: a compound's rows being ordered, a JSON list of ids."""

DELIBERATE = {
    "SCAN user_revision",  # its one row (CHECK id = 1): what a form checks its names against
    # store.search's many-matches branch: newest first along the date index, stopping at
    # the limit, instead of sorting every match (see store.search.MANY)
    "SCAN interactions USING INDEX interactions_occurred",
    "SCAN contributions USING INDEX contributions_occurred",
    "SCAN outcomes USING INDEX outcomes_occurred",
}
"""The scans a keystroke makes on purpose, each by its plan step (``COVERING`` aside)."""

_FTS_SEARCH = re.compile(r"^SCAN \S+ VIRTUAL TABLE INDEX \d+:\S")
"""The search index read through a constraint (``M``: a MATCH, ``=``: a rowid); a bare
``INDEX 0:`` would read all of it."""


def plans(db: Database, statements: list[str]) -> dict[str, list[str]]:
    reads = {sql for sql in statements if sql.lstrip().upper().startswith(("SELECT", "WITH"))}
    return {sql: [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")] for sql in reads}


async def test_every_keystroke_query_searches_an_index(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a keystroke runs is an index search, never a scan of a table. In a form: the check
    that the completion's names are current (they are then searched in memory, NameIndex), the
    Who preview and the organisation completion; in ``/``: every query of store.search, with
    its branch for words matching many rows taken too."""
    people(db)
    dated(db)
    monkeypatch.setattr(search_module, "MANY", 2)  # "many" matches on a small journal
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    for value in TYPED:
        for end in range(1, len(value) + 1):
            user_revision(db)
            people_preview(db, mentions_from_names(value[:end]))
            await OrganisationSuggester(db).get_suggestion(value[:end])
            search(db, value[:end])
    db.conn.set_trace_callback(None)
    found = plans(db, statements)
    assert len(found) > 50
    steps = {step.replace("COVERING ", "") for sql_steps in found.values() for step in sql_steps}
    for sql, sql_steps in found.items():
        scans = [
            step
            for step in sql_steps
            if step.startswith("SCAN ")
            and not step.startswith(NOT_A_TABLE)
            and step.replace("COVERING ", "") not in DELIBERATE
            and not _FTS_SEARCH.match(step)
        ]
        assert not scans, (sql, sql_steps)
    assert steps >= DELIBERATE  # each deliberate scan was taken, so none is listed stale
    using = re.compile(
        r"^SEARCH (\S+) .*USING (?:COVERING )?(INDEX (\S+)|(?:INTEGER )?PRIMARY KEY)"
    )
    searched = {
        found_index[3] or f"{found_index[1]} by key"
        for step in steps
        if (found_index := using.match(step))
    }
    # each index by its exact name; the dated kinds' rows by key from the search index's ids
    assert {"people_name", "handles_handle", "handles_person", "t by key"} <= searched, searched


def old_same_name(db: Database, text: str) -> list[tuple[int, str]]:
    rows = db.execute("SELECT id, name FROM people ORDER BY id").fetchall()
    wanted = " ".join(text.split()).casefold()
    return [(row[0], row[1]) for row in rows if row[1].casefold() == wanted]


@pytest.mark.parametrize("seed", range(5))
def test_answers_are_the_full_scans(db: Database, seed: int) -> None:
    """Random names (accents, shared words, case twins aside) give the same namesakes as the
    scan they replace."""
    rng = random.Random(seed)
    words = ["Ana", "ana", "Souza", "Élodie", "élodie", "Zé", "Bo", "Bob", "de", "la", "O'Neil"]
    names: set[str] = set()
    while len(names) < 60:
        name = " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        if name.casefold() not in {n.casefold() for n in names} or rng.random() < 0.2:
            names.add(name)
    for name in sorted(names):
        add_person(db, name)
    for name in sorted(names)[:20]:
        for end in range(1, len(name) + 1):
            typed = name[:end].strip()
            if not typed:
                continue
            assert [(p.id, p.name) for p in same_name(db, typed)] == old_same_name(db, typed)


def test_the_m008_journal_upgrades_without_loss(tmp_path: Path) -> None:
    journal_file = tmp_path / KEPT.name
    shutil.copyfile(KEPT, journal_file)
    before = table_rows(journal_file)
    db = open_db(journal_file)
    try:
        assert organisation_starting(db, "zzz") is None
    finally:
        db.close()
    after = table_rows(journal_file)
    for table, rows in before.items():
        if table != "_sqlite_migrations":
            now = after[table]
            if table == "follower_lists":  # m015's counts: none until an import stores them
                now = [row[:2] for row in now]
            if table in ("people", "contact_points", "interactions", "imports"):
                # m017's parts, m021's maximum, m023's sources: none yet
                width = len(rows[0]) if rows else 0
                assert all(set(row[width:]) <= {None} for row in now), table
                now = [row[:width] for row in now]
            assert now == rows, table
