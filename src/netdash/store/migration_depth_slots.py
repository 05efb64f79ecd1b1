"""Migration m014: the depth cache keeps two days' scores, today's and an earlier day's.

The cache (m004) held one day: ``netdash review --year 2025`` scores everyone as of the last
day of 2025, which evicted today's scores, so the next dashboard read rescored all 10,000
people, and the review after it did the same. Slot 1 keeps the newest day asked for (today),
slot 2 an earlier one (a review's); see :mod:`netdash.store.depth_cache`. Its own module:
migrations.py is near the 500-line limit.
"""

from __future__ import annotations

from sqlite_utils import Database

from netdash.store.migration_script import run_script


def m014_depth_slots(db: Database) -> None:
    """Both cache tables rebuilt with a slot in their key; what was stored becomes slot 1."""
    run_script(
        db,
        """
        CREATE TABLE depth_cache_slots (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            layer INTEGER,
            days_since INTEGER,
            cadence_days INTEGER,
            cadence_source TEXT NOT NULL,
            snoozed_until TEXT,
            overdue INTEGER NOT NULL,
            urgency REAL NOT NULL,
            hours REAL NOT NULL,
            slot INTEGER NOT NULL DEFAULT 1 CHECK (slot IN (1, 2)),
            PRIMARY KEY (slot, person_id)
        );
        INSERT INTO depth_cache_slots SELECT *, 1 FROM depth_cache;
        DROP TABLE depth_cache;
        ALTER TABLE depth_cache_slots RENAME TO depth_cache;
        CREATE TABLE depth_cache_key_slots (
            id INTEGER PRIMARY KEY CHECK (id IN (1, 2)),
            key TEXT NOT NULL
        );
        INSERT INTO depth_cache_key_slots SELECT * FROM depth_cache_key;
        DROP TABLE depth_cache_key;
        ALTER TABLE depth_cache_key_slots RENAME TO depth_cache_key;
        """,
    )
