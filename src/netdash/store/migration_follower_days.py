"""Migration m025: follower counts found by their stamp, not parsed one by one.

The history shows, per account and month end, the latest count on or before that local day.
Every writer stores ``observed_at`` as ``YYYY-MM-DDTHH:MM:SSZ`` (`followers set`, fetch, the
importers, the demo), which sorts as the moments it names, so that count is the last before the
first second of the next local day: one seek in ``follower_counts_stamped``. A restored export
may hold any text there (an offset, a naive time, a fraction of a second), and a Twitter archive
whose date is short leaves one too: those rows, normally none, are found through
``follower_counts_odd`` and their accounts read the old way, each stamp parsed.

The indexes hold only counts with a follower number (the history skips the others), so an
account with years of following counts only is not walked back row by row at each month end.
"""

from __future__ import annotations

from sqlite_utils import Database

STAMPED = (
    "observed_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'"
)
"""An ``observed_at`` in the writers' form; the queries repeat this text exactly, so SQLite
can tell that the partial indexes below hold every row they ask for."""


def m025_follower_days(db: Database) -> None:
    """A covering index of the stamped counts, in the order the history wants them (ties on
    a stamp by id, as the old read took them), and one of the accounts with other stamps."""
    db.execute(
        "CREATE INDEX follower_counts_stamped ON follower_counts"
        f"(account_id, observed_at, id, followers) WHERE followers IS NOT NULL AND {STAMPED}"
    )
    db.execute(
        "CREATE INDEX follower_counts_odd ON follower_counts(account_id)"
        f" WHERE followers IS NOT NULL AND NOT {STAMPED}"
    )
