"""Migration m023: entries backfilled from exports, and the strangers they mention (issue 17).

An entry read from a calendar, chat, call log or mailbox keeps where it came from: the import
that added it (``source_import``) and a stable key (``source_key``, channel:conversation:day),
unique, so a second import of the same export finds its days already there and a newer export
adds only the new ones. ``minutes`` is a real duration (a call, an event), which "hours
together" takes instead of the kind's typical length. A typed entry has neither.

``evidence_links`` records a person an import added to an entry an earlier import made (a
stranger who has since become a person, seen again in a group chat), so undoing that import
takes away exactly the links it made; ``evidence_revisions`` keeps a day as it was before a
newer export filled it in (more messages than the older export, taken mid-day, had), so undoing
the newer import puts the older figures back. ``strangers`` are counterparts who matched nobody:
``value`` normalised (what matching compares), ``written`` as the export wrote it (what a
contact point gets), and one ``stranger_days`` row per day they were seen (keyed like entries,
so a second import does not count them twice): the review list shows how often and how
recently.
"""

from __future__ import annotations

from sqlite_utils import Database

from netdash.store.depth_dirty import recreate_trigger
from netdash.store.migration_user_revision import count_user_writes


def m023_evidence(db: Database) -> None:
    """Source columns on interactions and imports; ``evidence_links``, ``strangers``,
    ``stranger_days``."""
    db.execute("ALTER TABLE interactions ADD COLUMN minutes INTEGER CHECK (minutes >= 0)")
    db.execute(
        "ALTER TABLE interactions ADD COLUMN source_import INTEGER"
        " REFERENCES imports(id) ON DELETE SET NULL"
    )
    db.execute("ALTER TABLE interactions ADD COLUMN source_key TEXT")
    # how many messages, calls or events the day had when imported: a newer export with more
    # (the older one was taken mid-day) fills the day in
    db.execute("ALTER TABLE interactions ADD COLUMN source_units INTEGER")
    # hours together read minutes, and whether an entry is typed: their changes rescore
    recreate_trigger(db, "interactions_update")
    db.execute(
        "CREATE UNIQUE INDEX interactions_source_key ON interactions(source_key)"
        " WHERE source_key IS NOT NULL"
    )
    db.execute(
        "CREATE INDEX interactions_source_import ON interactions(source_import)"
        " WHERE source_import IS NOT NULL"
    )
    # a typed entry on a day wins over backfilled ones for hours together: found by day
    db.execute(
        "CREATE INDEX interactions_typed_day ON interactions(occurred_on) WHERE source_key IS NULL"
    )
    db.execute("ALTER TABLE imports ADD COLUMN details TEXT")
    _evidence_tables(db)


def _evidence_tables(db: Database) -> None:
    """The links an import adds to older entries, the strangers and the days they were seen."""
    db.execute(
        """
        CREATE TABLE evidence_links (
            interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
            PRIMARY KEY (interaction_id, person_id)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX evidence_links_import ON evidence_links(import_id)")
    db.execute("CREATE INDEX evidence_links_person ON evidence_links(person_id)")
    db.execute(
        """
        CREATE TABLE strangers (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'handle', 'name')),
            value TEXT NOT NULL,
            written TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL DEFAULT '',
            ignored INTEGER NOT NULL DEFAULT 0 CHECK (ignored IN (0, 1)),
            UNIQUE (kind, value)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE stranger_days (
            stranger_id INTEGER NOT NULL REFERENCES strangers(id) ON DELETE CASCADE,
            source_key TEXT NOT NULL,
            occurred_on TEXT NOT NULL,
            channel TEXT NOT NULL,
            units INTEGER NOT NULL DEFAULT 1,
            import_id INTEGER REFERENCES imports(id) ON DELETE CASCADE,
            PRIMARY KEY (stranger_id, source_key)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX stranger_days_import ON stranger_days(import_id)")
    db.execute(
        """
        CREATE TABLE evidence_revisions (
            interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
            import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
            before TEXT NOT NULL,
            PRIMARY KEY (interaction_id, import_id)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX evidence_revisions_import ON evidence_revisions(import_id)")
    count_user_writes(db, "strangers")
