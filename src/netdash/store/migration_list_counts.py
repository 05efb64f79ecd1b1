"""Migration m015: each follower list keeps how many it listed, how many were new and how many
gone, as the import that made it the latest counted them.

``stats --json`` and the Audience screen counted them by scanning the account's whole list
(166,666 rows an account on the large journal, a third of a second) on every read. Its own
module: migrations.py is near the 500-line limit.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

COUNT_COLUMNS = ("listed", "new", "gone")
"""NULL but on an account's latest list, and there too until an import stores them (a list
written without an import, a journal upgraded by this migration): readers then scan, as before."""


def m015_follower_list_counts(db: Database) -> None:
    """The counts' columns on ``follower_lists``, all NULL: nothing is counted here, since an
    undo kept in the trash before this migration puts rows back without them."""
    for name in COUNT_COLUMNS:
        db.execute(f"ALTER TABLE follower_lists ADD COLUMN [{name}] INTEGER")
    mark_uncounted_trash(db)


UNCOUNTED = ["account_id", "observed_at"]
"""The columns of ``follower_lists`` before this migration."""


def mark_uncounted_trash(db: Database) -> None:
    """Give every trash item that puts followers back a ``follower_lists`` entry with the
    columns of its time (an empty one if it changed no list's day), so undo can tell an item
    kept before the counts (which it must forget: see :func:`netdash.store.trash.undo`) from
    one that keeps them, which leaves out a list whose counts did not change."""
    items = db.execute(
        "SELECT id, rows FROM trash WHERE rows LIKE '%\"follower_accounts\"%'"
    ).fetchall()
    for item_id, text in items:
        tables = json.loads(text)
        names = {table["table"] for table in tables}
        if "follower_accounts" not in names or "follower_lists" in names:
            continue
        at = [table["table"] for table in tables].index("follower_accounts") + 1
        tables.insert(
            at, {"table": "follower_lists", "columns": UNCOUNTED, "before": [], "after": []}
        )
        db.execute("UPDATE trash SET rows = ? WHERE id = ?", [json.dumps(tables), item_id])
