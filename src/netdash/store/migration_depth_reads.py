"""Migration m026: the few stored scores a command prints, found without walking all of them.

`stats` prints how many people sit in each layer and how many are overdue, `reach-out` the
overdue, and a write's refresh reads who had a layer and who is pinned: a few hundred rows of
10,000, which each of those reads found by walking the whole slot (or every person). These
partial indexes hold only those rows. The new day's step rewrites every row's score but no
layer, and only the few overdue rows enter or leave theirs, so it costs the step nothing
measurable; the ranking by score has no index, since every score changes every day.
"""

from __future__ import annotations

from sqlite_utils import Database


def m026_depth_reads(db: Database) -> None:
    """Indexes of the layered and the overdue in each cache slot, and of the pinned people."""
    db.execute(
        "CREATE INDEX depth_cache_layered ON depth_cache(slot, layer) WHERE layer IS NOT NULL"
    )
    db.execute("CREATE INDEX depth_cache_overdue ON depth_cache(slot) WHERE overdue")
    db.execute("CREATE INDEX people_pinned ON people(pinned_layer) WHERE pinned_layer IS NOT NULL")
