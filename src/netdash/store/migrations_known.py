"""The names of the schema's steps, and which of them a journal has, without importing them.

Every command opens the journal, and nearly always it is current: importing the migration
modules (their SQL, their helpers) only to learn that nothing is due cost each command a few
milliseconds. So the names are written out here; :mod:`netdash.store.migrations` registers the
steps themselves, is imported only when a journal is behind (or something runs the steps), and a
test checks that both list the same names in the same order.
"""

from __future__ import annotations

import sqlite3

STEPS = (
    "m001_initial",
    "m002_connections",
    "m003_depth",
    "m004_depth_cache",
    "m005_goals",
    "m006_contacts",
    "m007_follower_lists",
    "m008_layer_history",
    "m009_trash",
    "m010_depth_dirty",
    "m011_user_revision",
    "m012_lookup_indexes",
    "m013_journal_keys",
    "m014_depth_slots",
    "m016_depth_sums",
    "m015_follower_list_counts",
    "m017_contact_parts",
    "m018_person_alias_kind",
    "m019_follow_ups",
    "m020_search",
    "m021_cadence_limit",
    "m022_drop_name_words",
    "m023_evidence",
    "m024_known_followers",
    "m025_follower_days",
    "m026_depth_reads",
    "m027_entry_count",
)
"""Every step this netdash knows, in the order they run (a new migration is added here too)."""

CURRENT_MARK = 0x6E640000 + len(STEPS)
"""What a journal holding every step of this version, and no other, carries in SQLite's header
(``PRAGMA user_version``): "nd" and the number of steps. The header is read without parsing the
schema (260 statements, about 15M instructions), so opening a journal whose mark is this one
skips the read-only look at its tables that guards against another program's file
(:func:`netdash.store.db._probe`); any other value (an older or newer journal, a file that is
not a journal) gets that look."""

MIGRATION_SET = "netdash"
"""The set's name in sqlite-utils' ``_sqlite_migrations`` table."""


def applied_steps(conn: sqlite3.Connection) -> list[str]:
    """The steps the journal records as applied, in the order they were: one read of
    sqlite-utils' own table (none if it has no such table: a new or a foreign file)."""
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone():
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    ).fetchall()
    return [str(row[0]) for row in rows]


def mark_current(conn: sqlite3.Connection) -> None:
    """Record :data:`CURRENT_MARK` once every step is applied, in the caller's transaction."""
    conn.execute(f"PRAGMA user_version = {CURRENT_MARK}")


def is_current(applied: list[str]) -> bool:
    """Whether every known step is applied (the migrations need not be imported then)."""
    return set(STEPS) <= set(applied)
