"""Migration m011: a counter of the user's own writes, so the app can tell them from its caches'.

The TUI watches the journal for another process's commits (``PRAGMA data_version``), but that
counter also moves when the app's own workers write their caches (depth scores, kept layer
history) on their own connections: each such write reloaded the dashboard as if someone else
had logged. ``user_revision`` moves only on writes to what the user keeps, so the watcher
reloads for those alone.
"""

from __future__ import annotations

from sqlite_utils import Database

USER_TABLES = (
    "accounts",
    "connections",
    "contact_points",
    "contribution_people",
    "contributions",
    "follower_counts",
    "follower_lists",
    "goals",
    "handles",
    "imports",
    "interaction_people",
    "interaction_tags",
    "interactions",
    "not_duplicates",
    "organisations",
    "outcome_credits",
    "outcomes",
    "people",
    "person_aliases",
    "person_tags",
    "tags",
    "trash",
    "vouches",
    "follow_ups",
    "strangers",
)
"""Every table of the user's data, each bumping ``user_revision`` on every row written."""

ADDED_LATER = {"follow_ups": "m019_follow_ups", "strangers": "m023_evidence"}
"""User tables a later migration creates, and counts with :func:`count_user_writes` itself:
m011 ran before they existed."""

NOT_COUNTED = {
    "_sqlite_migrations": "sqlite-utils' own record of the schema",
    "depth_cache": "the app's cache of scores",
    "depth_cache_key": "the app's cache of scores",
    "journal_revision": "a counter bumped by the depth model's triggers",
    "journal_counts": "the count of entries, kept by triggers on a counted table (m027)",
    "layer_history": "the app's kept months of layer history",
    "user_revision": "this counter",
    "known_followers": "the app's stored count of known followers (m024), with its own counter",
    "depth_dirty": "the depth model's marks of whom a write touched (moved with counted writes)",
    **{
        name: "the search index (m020) and FTS5's own tables, kept by triggers from counted tables"
        for name in (
            "_search",
            "_search_config",
            "_search_content",
            "_search_data",
            "_search_docsize",
            "_search_idx",
        )
    },
    **{
        name: "written only by a backfill import, with its row in imports, in one transaction"
        for name in ("evidence_links", "evidence_revisions", "stranger_days")
    },
    "follower_accounts": (
        "a million rows per import: a trigger on each would slow the import, and every write"
        " to it comes with one to imports, follower_counts, follower_lists or accounts in the"
        " same transaction"
    ),
}
"""Tables whose writes are not the user's news, each with the reason."""


def m011_user_revision(db: Database) -> None:
    """A counter bumped by every write to the user's tables, and never by the app's caches."""
    db.execute(
        "CREATE TABLE user_revision ("
        " id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO user_revision VALUES (1, 0)")
    for table in USER_TABLES:
        if table not in ADDED_LATER:
            count_user_writes(db, table)


def count_user_writes(db: Database, table: str) -> None:
    """The three triggers that make every write to ``table`` move ``user_revision``."""
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER {table}_{event.lower()}_user_revision AFTER {event} ON {table}"
            " BEGIN UPDATE user_revision SET revision = revision + 1; END"
        )
