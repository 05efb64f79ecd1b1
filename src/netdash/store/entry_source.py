"""Where a backfilled entry came from: the import's file and number, to show beside the entry.

An entry read from a calendar, chat, call log or mailbox is the user's history too, but they
should be able to tell it from what they typed, and find the import that would take it back.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class EntrySource:
    import_id: int
    source: str
    file_name: str

    def words(self) -> str:
        """ "from WhatsApp Chat with Ana Souza.txt · import #3"."""
        return f"from {self.file_name} · import #{self.import_id}"


def entry_source(db: Database, interaction_id: int) -> EntrySource | None:
    """The import that added the entry; None for an entry typed by hand."""
    row = db.execute(
        "SELECT im.id, im.source, im.file_name FROM interactions i"
        " JOIN imports im ON im.id = i.source_import WHERE i.id = ?",
        [interaction_id],
    ).fetchone()
    return None if row is None else EntrySource(int(row[0]), str(row[1]), str(row[2]))
