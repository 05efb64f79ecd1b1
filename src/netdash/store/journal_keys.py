"""m013: the Journal's kind filter pages by keyset on an index of its own.

The Journal reads a window of entries at a time, ``WHERE (occurred_on, id) < (?, ?)`` in date
order (``interactions_occurred`` serves the unfiltered list). Filtered by kind, that index
would be walked past every entry of the other kinds (a rare kind: most of the journal per
page, and the count scans the table); ``(kind, occurred_on, id)`` makes each page of one kind
a seek and its count an index range.
"""

from __future__ import annotations

from sqlite_utils import Database


def m013_journal_keys(db: Database) -> None:
    db.execute(
        "CREATE INDEX IF NOT EXISTS interactions_kind_occurred"
        " ON interactions(kind, occurred_on, id)"
    )
