"""Migration m020: one full-text index over everything the user wrote (issue 16, "Find anything").

``_search`` is an SQLite FTS5 table with one row per person, entry, contribution and outcome.
Its rowid says which: ``kind * KIND_STEP + id`` (0 person, 1 entry, 2 contribution, 3 outcome),
so a trigger replaces one document by its rowid and a search asks for one kind as a rowid range,
which FTS5 answers without reading the other kinds. Its columns, weighted in that order:

- ``title``: a person's name, an outcome's title, a contribution's organisation;
- ``known_as``: a person's aliases (not address-book UIDs), handles and contact points;
- ``tags``: a person's or an entry's tags;
- ``body``: the rest (company, job title, how met and notes; an entry's note; a contribution's
  role, note and result; an outcome's note).

Triggers keep it in step with every write, whoever makes it (the app, undo, a merge, an import,
a restore, Datasette): a document is rebuilt whole from its rows, so no trigger needs to know
what changed in it. The tokenizer folds case and diacritics ("jose" finds "José"), and prefix
indexes of two and three characters keep "so", "sou" fast as the user types. The leading
underscore keeps the index (and FTS5's own tables) out of exports: a restore rebuilds it.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from netdash.store.errors import JournalError

KIND_STEP = 1_000_000_000_000
"""rowid = kind * KIND_STEP + id: ids stay readable in the rowid (entry 42 is 1000000000042)."""

KINDS = ("person", "entry", "contribution", "outcome")
"""The kinds of document, by their number in the rowid."""

COLUMNS = ("title", "known_as", "tags", "body")

_KNOWN_AS = (
    "(SELECT group_concat(value, ' · ') FROM person_aliases"
    " WHERE person_id = p.id AND kind != 'uid')",
    "(SELECT group_concat('@' || handle, ' · ') FROM handles WHERE person_id = p.id)",
    "(SELECT group_concat(value, ' · ') FROM contact_points WHERE person_id = p.id)",
)
# Each part ends in " · " and the last one is cut off: a UNION of the parts in a subquery of the
# FROM clause read the person from outside it, which SQLite 3.40 failed to prepare ("no such
# table: people") once another connection had changed the schema (an import rebuilds an index).
_JOINED = " || ".join(f"coalesce({part} || ' · ', '')" for part in _KNOWN_AS)

_PERSON = f"""SELECT p.id, p.name,
    coalesce(substr({_JOINED}, 1, length({_JOINED}) - 3), ''),
    coalesce((SELECT group_concat('#' || t.name, ' ') FROM person_tags pt
        JOIN tags t ON t.id = pt.tag_id WHERE pt.person_id = p.id), ''),
    trim(coalesce(p.company, '') || ' ' || coalesce(p.job_title, '') || ' '
        || coalesce(p.how_met, '') || ' ' || p.notes)
    FROM people p WHERE p.id IN ({{ids}})"""

_ENTRY = f"""SELECT {KIND_STEP} + i.id, '', '',
    coalesce((SELECT group_concat('#' || t.name, ' ') FROM interaction_tags it
        JOIN tags t ON t.id = it.tag_id WHERE it.interaction_id = i.id), ''),
    i.note
    FROM interactions i WHERE i.id IN ({{ids}})"""

_CONTRIBUTION = f"""SELECT {2 * KIND_STEP} + c.id, o.name, '', '',
    trim(c.role || ' ' || coalesce(c.result_quantity || ' ' || c.result_unit, '') || ' '
        || c.note)
    FROM contributions c JOIN organisations o ON o.id = c.organisation_id
    WHERE c.id IN ({{ids}})"""

_OUTCOME = f"""SELECT {3 * KIND_STEP} + o.id, o.title, '', '', o.note
    FROM outcomes o WHERE o.id IN ({{ids}})"""

_DOCUMENTS = {0: _PERSON, 1: _ENTRY, 2: _CONTRIBUTION, 3: _OUTCOME}


def refresh_sql(kind: int, ids: str) -> str:
    """Rebuild the documents of ``kind`` for ``ids`` (a SELECT of a column named ``id``): drop
    them, then write those whose row still exists."""
    step = f"{kind * KIND_STEP} + " if kind else ""
    return (
        f"DELETE FROM _search WHERE rowid IN (SELECT {step}id FROM ({ids}));"
        f" INSERT INTO _search(rowid, {', '.join(COLUMNS)}) {_DOCUMENTS[kind].format(ids=ids)};"
    )


#: (trigger name, event and table, kind of document, the ids whose documents it rebuilds).
_PERSON_PARTS = ("person_aliases", "handles", "contact_points", "person_tags")
TRIGGERS: tuple[tuple[str, str, int, str], ...] = (
    ("people_search_added", "INSERT ON people", 0, "SELECT NEW.id AS id"),
    (
        "people_search_changed",
        "UPDATE OF id, name, company, job_title, how_met, notes ON people",
        0,
        "SELECT OLD.id AS id UNION SELECT NEW.id",
    ),
    ("people_search_removed", "DELETE ON people", 0, "SELECT OLD.id AS id"),
    *(
        (f"{table}_search_{name}", f"{event} ON {table}", 0, ids)
        for table in _PERSON_PARTS
        for name, event, ids in (
            ("added", "INSERT", "SELECT NEW.person_id AS id"),
            ("changed", "UPDATE", "SELECT OLD.person_id AS id UNION SELECT NEW.person_id"),
            ("removed", "DELETE", "SELECT OLD.person_id AS id"),
        )
    ),
    (
        "tags_search_renamed",
        "UPDATE OF name ON tags",
        0,
        "SELECT person_id AS id FROM person_tags WHERE tag_id IN (OLD.id, NEW.id)",
    ),
    (
        "tags_search_renamed_entries",
        "UPDATE OF name ON tags",
        1,
        "SELECT interaction_id AS id FROM interaction_tags WHERE tag_id IN (OLD.id, NEW.id)",
    ),
    ("interactions_search_added", "INSERT ON interactions", 1, "SELECT NEW.id AS id"),
    (
        "interactions_search_changed",
        "UPDATE OF id, note ON interactions",
        1,
        "SELECT OLD.id AS id UNION SELECT NEW.id",
    ),
    ("interactions_search_removed", "DELETE ON interactions", 1, "SELECT OLD.id AS id"),
    (
        "interaction_tags_search_added",
        "INSERT ON interaction_tags",
        1,
        "SELECT NEW.interaction_id AS id",
    ),
    (
        "interaction_tags_search_changed",
        "UPDATE ON interaction_tags",
        1,
        "SELECT OLD.interaction_id AS id UNION SELECT NEW.interaction_id",
    ),
    (
        "interaction_tags_search_removed",
        "DELETE ON interaction_tags",
        1,
        "SELECT OLD.interaction_id AS id",
    ),
    ("contributions_search_added", "INSERT ON contributions", 2, "SELECT NEW.id AS id"),
    (
        "contributions_search_changed",
        "UPDATE OF id, organisation_id, role, result_quantity, result_unit, note ON contributions",
        2,
        "SELECT OLD.id AS id UNION SELECT NEW.id",
    ),
    ("contributions_search_removed", "DELETE ON contributions", 2, "SELECT OLD.id AS id"),
    (
        "organisations_search_renamed",
        "UPDATE OF id, name ON organisations",
        2,
        "SELECT id AS id FROM contributions WHERE organisation_id IN (OLD.id, NEW.id)",
    ),
    ("outcomes_search_added", "INSERT ON outcomes", 3, "SELECT NEW.id AS id"),
    (
        "outcomes_search_changed",
        "UPDATE OF id, title, note ON outcomes",
        3,
        "SELECT OLD.id AS id UNION SELECT NEW.id",
    ),
    ("outcomes_search_removed", "DELETE ON outcomes", 3, "SELECT OLD.id AS id"),
)


class NoFullTextSearch(JournalError):
    """This Python's SQLite was built without FTS5, which search needs: said in one line (exit
    2) before the migration writes anything, rather than a journal upgraded without its index."""


def check_fts5(db: Database) -> None:
    """Fail clearly, before anything is written, where SQLite lacks FTS5."""
    try:
        db.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
        db.execute("DROP TABLE temp._fts5_probe")
    except sqlite3.OperationalError as error:
        raise NoFullTextSearch(
            f"this Python's SQLite ({sqlite3.sqlite_version}) has no FTS5, which netdash's"
            " search index needs: use a Python whose sqlite3 module includes it"
            " (python.org and most Linux distributions' builds do)"
        ) from error


def create_triggers(db: Database) -> None:
    """The triggers that keep ``_search`` in step with the rows it is built from."""
    for name, on, kind, ids in TRIGGERS:
        db.execute(f"CREATE TRIGGER {name} AFTER {on} BEGIN {refresh_sql(kind, ids)} END")


_TABLES = ("people", "interactions", "contributions", "outcomes")


def fill(db: Database) -> None:
    """Every document, from the rows already in the journal."""
    columns = ", ".join(COLUMNS)
    for kind, table in enumerate(_TABLES):
        document = _DOCUMENTS[kind].format(ids=f"SELECT id FROM {table}")
        db.execute(f"INSERT INTO _search(rowid, {columns}) {document}")


def rebuild_search(db: Database) -> None:
    """Every document again from the rows: for a restore, whose file may hold a person's tags
    before the tags they name (the trigger then wrote the person without them)."""
    db.execute("DELETE FROM _search")
    fill(db)


def m020_search(db: Database) -> None:
    """The full-text index, its triggers, and a document for every row already written."""
    check_fts5(db)
    db.execute(
        "CREATE VIRTUAL TABLE _search USING fts5("
        f"{', '.join(COLUMNS)}, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    create_triggers(db)
    fill(db)
