"""Migration m016: each cached score keeps the sums it was totalled from.

A new day used to rescore all 10,000 people from the journal (the first start of each day, the
first CLI command of the day). The decayed sums halve uniformly with age, so from the sums kept
for the slot's day the next day's are one multiplication away (see
:mod:`netdash.store.depth_step`); only the people whose entries left the one-year window, or
were dated after that day, are read again. Its own module: migrations.py is near the 500-line
limit.
"""

from __future__ import annotations

from sqlite_utils import Database

SUMS_COLUMNS = (
    ("entries", "INTEGER"),
    ("weighted", "REAL"),
    ("decay_sum", "REAL"),
    ("depth_sum", "REAL"),
    ("mine", "INTEGER"),
    ("theirs", "INTEGER"),
    ("given", "INTEGER"),
    ("received", "INTEGER"),
    ("oldest", "INTEGER"),
    ("contributions", "INTEGER"),
    ("outcomes", "INTEGER"),
)
"""Beside ``hours`` and ``days_since`` (the newest entry's age), which the cache already kept.
NULL in a row stored before this migration: that slot's next new day rescores everyone."""


def m016_depth_sums(db: Database) -> None:
    """The sums' columns on ``depth_cache``; the rows already there keep every value."""
    for name, kind in SUMS_COLUMNS:
        db.execute(f"ALTER TABLE depth_cache ADD COLUMN {name} {kind}")
