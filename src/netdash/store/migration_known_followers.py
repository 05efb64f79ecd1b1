"""Migration m024: how many followers the user knows, stored, keyed by a counter of its own.

The count joins every handle of the journal against a million-row follower index: 30 ms a
read, on every dashboard and every ``stats``. It changes with the handles, the accounts and the
follower lists alone, none of which a logged entry touches, so neither ``user_revision`` (every
write) nor ``journal_revision`` (the depth model's) fits as its key. ``known_followers`` holds
a counter the triggers below bump on exactly those writes, and the counts taken at some value
of it: they are current when ``counted`` equals ``revision``, and a read counts again otherwise.

``follower_accounts`` has no trigger (a million rows an import: one on each would slow it);
every write to it comes with one to ``imports`` (an import, its undo), ``follower_lists`` (a
list's counts are stored or forgotten in the same transaction) or ``accounts`` (a deletion).
"""

from __future__ import annotations

from sqlite_utils import Database

WATCHED = {
    "handles": "person_id, platform, handle",
    "accounts": "platform",
    "follower_lists": None,
    "imports": None,
}
"""Each table whose writes can change the count, and the columns whose update can (None: any
update: ``follower_lists`` has its stored counts rewritten whenever an import changes a list,
a same-day export replacing the first included)."""


def m024_known_followers(db: Database) -> None:
    """The stored count and the counter that says whether it is current."""
    db.execute(
        "CREATE TABLE known_followers ("
        " id INTEGER PRIMARY KEY CHECK (id = 1),"
        " revision INTEGER NOT NULL,"
        " counted INTEGER,"
        " people INTEGER,"
        " accounts TEXT)"
    )
    db.execute("INSERT INTO known_followers(id, revision) VALUES (1, 0)")
    for table, columns in WATCHED.items():
        for event in ("INSERT", "UPDATE", "DELETE"):
            of = f" OF {columns}" if event == "UPDATE" and columns else ""
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_known_followers AFTER {event}{of}"
                f" ON {table} BEGIN UPDATE known_followers SET revision = revision + 1; END"
            )
