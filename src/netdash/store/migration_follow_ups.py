"""Migration m019: follow-ups, the one thing in the journal dated in the future (issue 16).

"Follow up with Ana next friday about the intro" is a promise to oneself, not something that
happened: it gets its own table rather than an interaction with a future date, which every
score, count and "days since contact" would have to learn to skip. ``created_on`` is the local
day it was made, so logging an interaction with the person on or after that day marks it done
(``done_on``); one logged before it was made cannot have been the follow-up.
"""

from __future__ import annotations

from sqlite_utils import Database

from netdash.store.migration_user_revision import count_user_writes


def m019_follow_ups(db: Database) -> None:
    """``follow_ups``: a person, a day, what about; open while ``done_on`` is NULL."""
    db.execute(
        """
        CREATE TABLE follow_ups (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            due_on TEXT NOT NULL,
            about TEXT NOT NULL DEFAULT '',
            created_on TEXT NOT NULL,
            created_at TEXT NOT NULL,
            done_on TEXT
        )
        """
    )
    db.execute("CREATE INDEX follow_ups_open ON follow_ups(due_on) WHERE done_on IS NULL")
    db.execute("CREATE INDEX follow_ups_person ON follow_ups(person_id)")
    count_user_writes(db, "follow_ups")
