"""Migration m018: a person's aliases, the words the user knows them by (issue 16).

``person_aliases`` held what address books and merges leave (``uid``, and ``name``: a name the
person had); its CHECK allowed only those. "mom", "my sister", "the landlord" are a third
kind, ``alias``: typed by the user (``netdash people edit maria --alias "my sister"``) and
found by the log line. SQLite cannot change a CHECK in place, so the small table is rebuilt
with every row, and every index and trigger on it is made again from its own SQL (those of
m011, and any a later migration adds), so a rebuild never quietly drops one.

An alias names one person: a partial unique index refuses the same alias for two, so the log
line never has to choose between them.
"""

from __future__ import annotations

from sqlite_utils import Database

_TABLE = """
CREATE TABLE person_aliases (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('uid', 'name', 'alias')),
    value TEXT NOT NULL CHECK (length(value) > 0),
    PRIMARY KEY (kind, value, person_id)
) WITHOUT ROWID
"""


def m018_person_alias_kind(db: Database) -> None:
    """Rebuild ``person_aliases`` to allow ``kind = 'alias'``, keeping its rows, indexes and
    triggers; then one alias, one person."""
    kept = [
        str(sql)
        for (sql,) in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'person_aliases'"
            " AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
        ).fetchall()
    ]
    db.execute(_TABLE.replace("person_aliases", "_person_aliases_m018", 1))
    db.execute(
        "INSERT INTO _person_aliases_m018(person_id, kind, value)"
        " SELECT person_id, kind, value FROM person_aliases"
    )
    db.execute("DROP TABLE person_aliases")  # its indexes and triggers with it
    # legacy: the rename leaves alone (rather than re-checks) other tables' triggers that name
    # person_aliases, as a search index's may; they point at the new table once it has the name
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        db.execute("ALTER TABLE _person_aliases_m018 RENAME TO person_aliases")
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")
    for sql in kept:
        db.execute(sql)
    db.execute(
        "CREATE UNIQUE INDEX person_aliases_alias ON person_aliases(value) WHERE kind = 'alias'"
    )
