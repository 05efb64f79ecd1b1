"""Migration m027: how many entries the journal holds, kept by triggers rather than counted.

`stats` and the dashboard's first frame print the number of entries, and the Journal heads its
list with it. ``COUNT(*)`` walks the smallest index of 200,000 entries: 2 ms with the file in
the page cache, 81 ms without (the first command after the file has left it, measured on the
large journal), most of `stats`' SQL on such a run. A trigger on each insert and delete keeps
the number in a one-row table, as m004's keep the revision; a REPLACE's delete fires the
delete trigger too (sqlite-utils turns recursive triggers on), and a restore recounts it with
the people's counts.
"""

from __future__ import annotations

from sqlite_utils import Database


def m027_entry_count(db: Database) -> None:
    """The one-row count of entries, filled from the rows, and its two triggers."""
    db.execute(
        "CREATE TABLE journal_counts ("
        " id INTEGER PRIMARY KEY CHECK (id = 1), entries INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO journal_counts SELECT 1, COUNT(*) FROM interactions")
    db.execute(
        "CREATE TRIGGER interactions_counted_in AFTER INSERT ON interactions BEGIN"
        " UPDATE journal_counts SET entries = entries + 1; END"
    )
    db.execute(
        "CREATE TRIGGER interactions_counted_out AFTER DELETE ON interactions BEGIN"
        " UPDATE journal_counts SET entries = entries - 1; END"
    )


def recount_entries(db: Database) -> None:
    """The count made again from the rows: after a restore, whose rows the triggers counted
    as they came, so a file cannot leave it wrong either way."""
    db.execute("UPDATE journal_counts SET entries = (SELECT COUNT(*) FROM interactions)")
