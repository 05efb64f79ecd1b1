"""Migration m015: each follower list keeps how many it listed, how many were new and how many
gone, as the import that made it the latest counted them.

``stats --json`` and the Audience screen counted them by scanning the account's whole list
(166,666 rows an account on the large journal, a third of a second) on every read. Its own
module: migrations.py is near the 500-line limit.
"""

from __future__ import annotations

from sqlite_utils import Database

COUNT_COLUMNS = ("listed", "new", "gone")
"""NULL but on an account's latest list, and there too until an import stores them (a list
written without an import, a journal upgraded by this migration): readers then scan, as before."""


def m015_follower_list_counts(db: Database) -> None:
    """The counts' columns on ``follower_lists``, all NULL: nothing is counted here, since an
    undo kept in the trash before this migration puts rows back without them."""
    for name in COUNT_COLUMNS:
        db.execute(f"ALTER TABLE follower_lists ADD COLUMN [{name}] INTEGER")
