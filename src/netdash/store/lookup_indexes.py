"""m012: what the forms look up per keystroke, answered from indexes. (Its name-word table is
dropped again by m022: the forms complete from memory since issue 16.)

A name's completion also offers names with a *word* starting with the text ("souza" finds "Ana
Souza"): ``name LIKE '% souza%'`` cannot use an index, so ``_name_words`` keeps, for each space
in a name, the rest of the name after it, and ``rest LIKE 'souza%'`` is a range on its index
with exactly the same matches. Triggers keep it (so a write from Datasette or the sqlite-utils
CLI keeps it too); the leading underscore keeps it out of exports, which rebuild it on restore.
"""

from __future__ import annotations

from sqlite_utils import Database

#: Each position of ``{name}`` (0 to its length) as the rows of a table-valued function: a JSON
#: array of zeros made from only hex digits and commas, so no name can break it.
_POSITIONS = "json_each('[' || replace(hex(zeroblob(length({name}))), '00', '0,') || '0]')"


def name_words_sql(person_id: str, name: str, source: str = "") -> str:
    """The INSERT of every rest-after-a-space of ``name`` (an SQL expression) for ``person_id``."""
    return (
        f"INSERT INTO _name_words(person_id, rest) SELECT {person_id}, substr({name}, key + 2)"
        f" FROM {source}{_POSITIONS.format(name=name)}"
        f" WHERE substr({name}, key + 1, 1) = ' ';"
    )


def m012_lookup_indexes(db: Database) -> None:
    """The word table, its triggers and its rows for everyone already in the journal."""
    db.execute(
        "CREATE TABLE _name_words ("
        " rest TEXT NOT NULL COLLATE NOCASE, person_id INTEGER NOT NULL,"
        " PRIMARY KEY (rest, person_id)) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX _name_words_person ON _name_words(person_id)")
    db.execute(
        "CREATE TRIGGER people_name_words_added AFTER INSERT ON people BEGIN "
        + name_words_sql("NEW.id", "NEW.name")
        + " END"
    )
    db.execute(
        "CREATE TRIGGER people_name_words_renamed AFTER UPDATE OF name, id ON people BEGIN"
        " DELETE FROM _name_words WHERE person_id = OLD.id; "
        + name_words_sql("NEW.id", "NEW.name")
        + " END"
    )
    db.execute(
        "CREATE TRIGGER people_name_words_removed AFTER DELETE ON people BEGIN"
        " DELETE FROM _name_words WHERE person_id = OLD.id; END"
    )
    db.execute(name_words_sql("p.id", "p.name", source="people p, "))
