"""Migration m022: the name-word table of m012 goes, with its triggers.

m012 kept, for each space in a name, the rest of the name after it, so a form's completion could
find "Ana Souza" by "souza" through an index. Since issue 16 the forms complete from a snapshot
of the names in memory (:mod:`netdash.domain.name_index`, which folds accents as SQLite cannot),
and nothing reads the table; its three triggers still wrote to it on every change of a person.
"""

from __future__ import annotations

from sqlite_utils import Database

NAME_WORD_TRIGGERS = (
    "people_name_words_added",
    "people_name_words_renamed",
    "people_name_words_removed",
)


def m022_drop_name_words(db: Database) -> None:
    """Drop ``_name_words`` and the triggers that kept it (its index goes with the table)."""
    for trigger in NAME_WORD_TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE IF EXISTS _name_words")
