"""Follower lists: which list is the latest, who is new or gone since the one before, and which
people in the journal are in it.

Every list imported is dated in ``follower_lists``; each follower row says the first and last
list it was seen in. The import summary, the Audience screen and ``stats`` all count new and
gone with :func:`list_changes`, so they cannot disagree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from sqlite_utils import Database

from netdash.domain.words import count_of
from netdash.store.audience import latest_counts
from netdash.store.errors import JournalBusy
from netdash.store.tx import without_waiting, write_transaction

if TYPE_CHECKING:
    from netdash.domain.audience_row import AudienceRow


class ListStats(NamedTuple):
    """What the follower list says: how many at the latest import, how many new, how many gone
    since ``compared_with`` (the list before it; None for a first list)."""

    listed: int
    new: int
    gone: int
    as_of: str | None
    compared_with: str | None = None


def list_dates(db: Database, account_id: int, before: str | None = None) -> list[str]:
    """The days of the account's last two lists (newest first), optionally only those before
    ``before``: read from the small dated table, never from the followers."""
    sql = "SELECT observed_at FROM follower_lists WHERE account_id = ?"
    args: list[object] = [account_id]
    if before is not None:
        sql += " AND observed_at < ?"
        args.append(before)
    rows = db.execute(sql + " ORDER BY observed_at DESC LIMIT 2", args).fetchall()
    return [str(row[0]) for row in rows]


def latest_list(db: Database, account_id: int, before: str | None = None) -> str | None:
    """The day of the account's latest list (before ``before``, if given), or None."""
    days = list_dates(db, account_id, before)
    return days[0] if days else None


def record_list(db: Database, account_id: int, observed: str) -> None:
    db.execute(
        "INSERT OR IGNORE INTO follower_lists(account_id, observed_at) VALUES (?, ?)",
        [account_id, observed],
    )


def backfill_list_dates(db: Database) -> None:
    """Date the lists of follower rows written without an import (the demo journal)."""
    db.execute(
        "INSERT OR IGNORE INTO follower_lists(account_id, observed_at) SELECT account_id,"
        " first_seen FROM"
        " follower_accounts UNION SELECT account_id, last_seen FROM follower_accounts"
    )


def list_changes(db: Database, account_id: int, latest: str, previous: str | None) -> ListStats:
    """Who is in the ``latest`` list, who arrived in it and who left since ``previous``.

    New: first seen in the latest list (none for a first list). Gone: last seen in the list
    before it. A scan of the account's followers: run it off the UI thread."""
    listed, new, gone = db.execute(
        "SELECT SUM(last_seen = ?), SUM(first_seen = ? AND ? IS NOT NULL), SUM(last_seen = ?)"
        " FROM follower_accounts WHERE account_id = ?",
        [latest, latest, previous, previous, account_id],
    ).fetchone()
    return ListStats(int(listed or 0), int(new or 0), int(gone or 0), latest, previous)


def follower_list_stats(db: Database, account_id: int) -> ListStats:
    """The latest list of one account against the list before it: the counts the last import
    stored (:func:`store_latest_counts`), or a scan where none did."""
    rows = db.execute(
        "SELECT observed_at, listed, new, gone FROM follower_lists WHERE account_id = ?"
        " ORDER BY observed_at DESC LIMIT 2",
        [account_id],
    ).fetchall()
    if not rows:
        return ListStats(0, 0, 0, None)
    latest, listed, new, gone = rows[0]
    previous = str(rows[1][0]) if len(rows) > 1 else None
    if listed is None or new is None or gone is None:
        return list_changes(db, account_id, str(latest), previous)
    return ListStats(int(listed), int(new), int(gone), str(latest), previous)


def store_latest_counts(db: Database, account_id: int, counted: ListStats | None = None) -> None:
    """Keep the counts of the account's latest list on its row, and on no other (a list that is
    no longer the latest has other counts: its followers' last sighting moved on). Called in
    every import's transaction; ``counted`` spares the scan when the caller has just counted
    the latest list against the list before it."""
    days = list_dates(db, account_id)
    if not days:
        return
    previous = days[1] if len(days) > 1 else None
    stats = counted
    if stats is None or (stats.as_of, stats.compared_with) != (days[0], previous):
        stats = list_changes(db, account_id, days[0], previous)
    forget_list_counts(db, [account_id], keep=days[0])
    db.execute(
        "UPDATE follower_lists SET listed = ?, new = ?, gone = ?"
        " WHERE account_id = ? AND observed_at = ?",
        [stats.listed, stats.new, stats.gone, account_id, days[0]],
    )


def forget_list_counts(db: Database, account_ids: list[int], keep: str | None = None) -> None:
    """Clear the stored counts of these accounts' lists (but the list of day ``keep``), so the
    readers scan: for writes that change a list's followers without counting them again."""
    db.conn.executemany(
        "UPDATE follower_lists SET listed = NULL, new = NULL, gone = NULL WHERE account_id = ?"
        " AND observed_at IS NOT ? AND (listed IS NOT NULL OR new IS NOT NULL OR gone IS NOT NULL)",
        [(account_id, keep) for account_id in account_ids],
    )


def supersede_same_day(db: Database, account_id: int, observed: str, previous: str | None) -> None:
    """A second export of the same day replaces the first: whoever only the first listed is
    no longer in the latest list. Seen first that day: the row goes. Seen before: it was in
    every list since (the model keeps one continuous stretch), so its last list is ``previous``.
    ``temp.import_listed`` holds the ids the new export lists."""
    not_listed = "remote_id NOT IN (SELECT remote_id FROM temp.import_listed)"
    db.execute(
        "DELETE FROM follower_accounts WHERE account_id = ? AND last_seen = ?"
        f" AND first_seen = ? AND {not_listed}",
        [account_id, observed, observed],
    )
    db.execute(
        "UPDATE follower_accounts SET last_seen = max(first_seen, coalesce(?, first_seen))"
        f" WHERE account_id = ? AND last_seen = ? AND {not_listed}",
        [previous, account_id, observed],
    )


class KnownPerson(NamedTuple):
    id: int
    name: str
    handle: str


class KnownAccount(NamedTuple):
    """One of the user's accounts: its follower count and the people of the journal in its
    latest follower list (empty when no list was imported)."""

    id: int
    platform: str
    handle: str
    followers: int | None
    list_as_of: str | None
    known: tuple[KnownPerson, ...]
    """Empty when read for the counts alone (``names=False``)."""
    known_count: int
    """How many people of the journal are in the list (``len(known)`` when names were read)."""


class KnownFollowers(NamedTuple):
    accounts: tuple[KnownAccount, ...]
    people: int
    """Different people across all accounts: one person following on two platforms is one."""
    followers: int
    """Every account's latest count added up: the denominator."""


_LATEST = (
    "WITH latest AS (SELECT account_id, MAX(observed_at) AS at FROM follower_lists"
    "  GROUP BY account_id)"
)

_KNOWN_FROM = (
    " FROM handles h JOIN accounts a ON a.platform = h.platform"
    " JOIN latest l ON l.account_id = a.id"
)

_KNOWN_WHERE = (
    " WHERE EXISTS (SELECT 1 FROM follower_accounts f INDEXED BY follower_accounts_handle"
    "  WHERE f.account_id = a.id AND f.handle = h.handle AND f.last_seen = l.at)"
    " OR EXISTS (SELECT 1 FROM follower_accounts f WHERE f.account_id = a.id"
    "  AND f.remote_id = h.handle AND f.last_seen = l.at)"
)
"""Which handles the latest lists hold, driven from the journal's handles (thousands), never
from the followers (millions). A handle may be the follower's name on the platform or its
numeric id (Twitter archives list ids only), so both indexes are asked, each in its own EXISTS;
the handle index is named, since without it SQLite reads every follower of the account to check
the list's day. The two queries below share it; only the one that prints names joins
``people`` (a handle's person always exists: foreign keys cascade a deletion)."""

KNOWN_SQL = (
    f"{_LATEST} SELECT DISTINCT a.id, p.id, p.name, h.handle{_KNOWN_FROM}"
    f" JOIN people p ON p.id = h.person_id{_KNOWN_WHERE}"
    " ORDER BY p.name COLLATE NOCASE, p.id"
)
"""Each account's known followers: account, person, name and the handle that matched."""

KNOWN_IDS_SQL = (
    f"{_LATEST} SELECT DISTINCT a.id, h.person_id, NULL, NULL{_KNOWN_FROM}{_KNOWN_WHERE}"
)
"""The same matches, for the counts alone: no names to read, nothing to sort."""


class KnownCounts(NamedTuple):
    """How many people of the journal are in the latest follower lists: across all accounts
    (one person following on two platforms is one), and per account id (absent: none)."""

    people: int
    accounts: dict[int, int]


def count_known(db: Database) -> KnownCounts:
    """The counts worked out afresh from the handles and the follower index (30 ms on the large
    journal); :func:`known_counts` reads them stored."""
    seen: dict[int, set[int]] = {}
    for account_id, person_id, _, _ in db.execute(KNOWN_IDS_SQL):
        seen.setdefault(account_id, set()).add(person_id)
    return _counts_of(seen)


def _counts_of(seen: dict[int, set[int]]) -> KnownCounts:
    """The counts of the people each account's list holds: a person in two lists is one."""
    people = {person for persons in seen.values() for person in persons}
    return KnownCounts(len(people), {account: len(ids) for account, ids in seen.items()})


STORED_SQL = "SELECT revision, counted, people, accounts FROM known_followers WHERE id = 1"
"""The stored counts and the key they hold for: one row, by its primary key (m024)."""


def known_counts(db: Database) -> KnownCounts:
    """The counts stored by the last reader, if no write to handles, accounts or follower lists
    came since (m024's counter); otherwise counted, and stored for the next reader."""
    revision, stored = _current(db)
    if stored is not None:
        return stored
    counts = count_known(db)
    _store_counts(db, revision, counts)
    return counts


def _current(db: Database) -> tuple[int, KnownCounts | None]:
    """m024's counter, and the counts stored for it (None when a write came since)."""
    revision, counted, people, accounts = db.execute(STORED_SQL).fetchone()
    if counted != revision or people is None:
        return int(revision), None
    pairs = (pair.split(":") for pair in str(accounts or "").split())
    return int(revision), KnownCounts(int(people), {int(account): int(n) for account, n in pairs})


def _store_counts(db: Database, revision: int, counts: KnownCounts) -> None:
    """Keep ``counts`` as taken at ``revision``, unless a write moved it since (they may be
    older than it). Never waits: a busy or read-only journal, or a caller's transaction
    (a read snapshot could not take the write lock), leaves it to the next reader."""
    if db.conn.in_transaction:
        return
    accounts = " ".join(f"{account}:{n}" for account, n in sorted(counts.accounts.items()))
    try:
        with without_waiting(), write_transaction(db):
            db.execute(
                "UPDATE known_followers SET counted = revision, people = ?, accounts = ?"
                " WHERE id = 1 AND revision = ?",
                [counts.people, accounts, revision],
            )
    except (sqlite3.OperationalError, JournalBusy):
        pass


def known_followers(db: Database, *, names: bool = True) -> KnownFollowers:
    """The people in the journal found in the latest follower list of each account. Without
    ``names`` only how many, read stored (:func:`known_counts`): the dashboard shows counts,
    and 6,000 people's names and handles (2.4 MB on the large journal) can wait for the
    Known-followers screen."""
    found: dict[int, list[KnownPerson]] = {}
    if names:
        seen: dict[int, set[int]] = {}
        for account_id, person_id, name, handle in db.execute(KNOWN_SQL):
            if person_id in seen.setdefault(account_id, set()):
                continue  # two handles of one person on one platform: once per account
            seen[account_id].add(person_id)
            found.setdefault(account_id, []).append(KnownPerson(person_id, name, handle))
        return _known_of(db, _counts_of(seen), found, latest_counts(db))
    return _known_of(db, known_counts(db), found, latest_counts(db))


def stored_known_followers(db: Database, latest: Sequence[AudienceRow]) -> KnownFollowers | None:
    """The counts as :func:`known_followers` without names gives them, if they are stored and
    current (0.1 ms: the dashboard's first frame shows them); None when a write since calls
    for a count (60 ms on a million followers, a worker's job). ``latest``: the accounts'
    :func:`~netdash.store.audience.latest_counts`, which the caller has read already."""
    _, stored = _current(db)
    return None if stored is None else _known_of(db, stored, {}, latest)


def _known_of(
    db: Database,
    known: KnownCounts,
    found: dict[int, list[KnownPerson]],
    latest: Sequence[AudienceRow],
) -> KnownFollowers:
    """Each account with its latest list, its followers and ``known``'s count of it."""
    counts = {(row.platform, row.account): row.followers for row in latest}
    accounts = tuple(
        KnownAccount(
            account_id,
            platform,
            handle,
            counts.get((platform, handle)),
            latest_list(db, account_id),
            tuple(found.get(account_id, ())),
            known.accounts.get(account_id, 0),
        )
        for account_id, platform, handle in db.execute(
            "SELECT id, platform, handle FROM accounts ORDER BY platform, handle"
        ).fetchall()
    )
    return KnownFollowers(accounts, known.people, sum(value or 0 for value in counts.values()))


def known_text(people: int, followers: int) -> str:
    """The count with its denominator: "9 people you know among 3,389 followers"."""
    known = count_of(people, "person", "people")
    return f"{known} you know among {count_of(followers, 'follower')}"
