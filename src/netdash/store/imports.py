"""Writing an import: counts, follower list and provenance, all in one transaction."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlite_utils import Database

from netdash.domain.dates import utc_now
from netdash.domain.names import normalize_handle
from netdash.store.audience import default_account, ensure_account, record_follower_count
from netdash.store.follower_lists import (
    latest_list,
    list_changes,
    record_list,
    supersede_same_day,
)
from netdash.store.snapshot import Snapshot
from netdash.store.tx import write_transaction


@dataclass(frozen=True)
class ImportResult:
    """What an import changed, for the one-paragraph report the CLI and TUI print."""

    platform: str
    account: str
    observed_at: str
    followers: int | None
    following: int | None
    listed: int | None
    gained: int = 0
    lost: int = 0
    compared_with: str | None = None
    """The day of the list that ``gained`` and ``lost`` are counted against (None: none)."""
    count_changed: bool = False
    already_imported: bool = False
    notes: tuple[str, ...] = field(default=())


def import_snapshot(
    db: Database,
    snapshot: Snapshot,
    *,
    file_name: str,
    sha256: str,
    account: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Record a snapshot; the same file twice changes nothing, a newer one records changes."""
    handle = normalize_handle(
        snapshot.platform,
        account or snapshot.account or default_account(db, snapshot.platform),
    ).handle
    observed = snapshot.observed_at or utc_now()
    base = ImportResult(
        platform=snapshot.platform,
        account=handle,
        observed_at=observed,
        followers=snapshot.followers,
        following=snapshot.following,
        listed=None,
        notes=tuple(snapshot.notes),
    )
    if db.execute("SELECT 1 FROM imports WHERE sha256 = ?", [sha256]).fetchone():
        return ImportResult(**{**base.__dict__, "already_imported": True})
    # A million followers land in random key order: a 64 MB page cache for the import (instead
    # of SQLite's 2 MB) keeps the B-tree in memory and the import a third faster; bounded.
    cache_size = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
    try:
        return _import(db, snapshot, base, handle, observed, file_name, sha256, progress)
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache_size)}")


IMPORT_CACHE_KIB = -65_536


def _import(
    db: Database,
    snapshot: Snapshot,
    base: ImportResult,
    handle: str,
    observed: str,
    file_name: str,
    sha256: str,
    progress: Callable[[int], None] | None,
) -> ImportResult:
    followers = snapshot.followers
    with write_transaction(db):
        account_id = ensure_account(db, snapshot.platform, handle)
        gained = lost = 0
        listed = compared = None
        if snapshot.has_follower_list:
            # "listed" is how many different accounts the list holds (a list may repeat one);
            # with no count in the export, that is the count
            gained, lost, listed, compared = _merge_followers(
                db, account_id, snapshot, observed, progress
            )
            if followers is None:
                followers = listed
        changed = False
        if followers is not None or snapshot.following is not None:
            changed = record_follower_count(
                db,
                platform=snapshot.platform,
                account=handle,
                followers=followers,
                following=snapshot.following,
                at=observed,
                source=snapshot.source,
            )
        _merge_candidates(db, account_id, snapshot)
        db.execute(
            "INSERT INTO imports(source, file_name, sha256, imported_at, rows, account_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [snapshot.source, file_name, sha256, utc_now(), listed or 0, account_id],
        )
    return ImportResult(
        **{
            **base.__dict__,
            "followers": followers,
            "listed": listed,
            "gained": gained,
            "lost": lost,
            "compared_with": compared,
            "count_changed": changed,
        }
    )


def _batches(
    snapshot: Snapshot,
    account_id: int,
    observed: str,
    out: queue.Queue[object],
    stop: threading.Event,
) -> None:
    """Producer thread: read the export into batches while SQLite writes the previous one.

    sqlite3 releases the GIL while it writes, so reading and writing overlap on two cores.
    """

    def hand_over(item: object) -> bool:
        while not stop.is_set():
            try:
                out.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False  # the writer gave up: stop reading

    try:
        batch: list[tuple[object, ...]] = []
        for follower in snapshot.followers_iter():
            batch.append((account_id, follower.remote_id, follower.handle, observed, observed))
            if len(batch) >= BATCH:
                if not hand_over(batch):
                    return
                batch = []
        if hand_over(batch):
            hand_over(_DONE)
    except BaseException as error:  # handed to the writer, which re-raises it in its thread
        hand_over(error)


_DONE = object()
BATCH = 5_000
UPSERT = (
    "INSERT INTO follower_accounts(account_id, remote_id, handle, first_seen, last_seen)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT(account_id, remote_id) DO UPDATE SET"
    " handle = coalesce(excluded.handle, handle),"
    " first_seen = min(first_seen, excluded.first_seen),"
    " last_seen = max(last_seen, excluded.last_seen)"
)


def _merge_followers(
    db: Database,
    account_id: int,
    snapshot: Snapshot,
    observed: str,
    progress: Callable[[int], None] | None,
) -> tuple[int, int, int, str | None]:
    """Upsert the list (first seen keeps the earliest date, last seen the latest); a list of
    the same day as the latest one replaces it rather than adding to it.

    Returns how many are new since the list before, how many gone, how many different accounts
    the list holds (counted in a temporary table, so a list of any length is never held in
    memory to count it), and the day of the list before.
    """
    latest_before = latest_list(db, account_id)
    previous = latest_list(db, account_id, before=observed)
    batches: queue.Queue[object] = queue.Queue(maxsize=4)  # bounded: memory stays flat
    stop = threading.Event()
    reader = threading.Thread(
        target=_batches, args=(snapshot, account_id, observed, batches, stop), daemon=True
    )
    reader.start()
    listed = 0
    db.execute("DROP TABLE IF EXISTS temp.import_listed")
    db.execute("CREATE TEMP TABLE import_listed(remote_id TEXT PRIMARY KEY) WITHOUT ROWID")
    try:
        while True:
            try:
                item = batches.get(timeout=0.5)
            except queue.Empty:
                if reader.is_alive():
                    continue
                raise RuntimeError("the export reader stopped without finishing") from None
            if item is _DONE:
                break
            if isinstance(item, BaseException):
                raise item
            rows = item if isinstance(item, list) else []
            db.conn.executemany(UPSERT, rows)
            db.conn.executemany(
                "INSERT OR IGNORE INTO temp.import_listed VALUES (?)", [(row[1],) for row in rows]
            )
            listed += len(rows)
            if progress is not None:
                progress(listed)
    finally:
        stop.set()
        reader.join()
    distinct = int(db.execute("SELECT COUNT(*) FROM temp.import_listed").fetchone()[0])
    if latest_before == observed:  # another export of the same day: it replaces the first
        supersede_same_day(db, account_id, observed, previous)
    db.execute("DROP TABLE temp.import_listed")
    record_list(db, account_id, observed)
    if latest_before is None or latest_before > observed:
        return 0, 0, distinct, None  # a first import, or an older archive after a newer one
    changes = list_changes(db, account_id, observed, previous)  # as the Audience screen counts
    return changes.new, changes.gone, distinct, previous


def _merge_candidates(db: Database, account_id: int, snapshot: Snapshot) -> None:
    """Keep each contact's latest details; the link to a person, once made, is never undone."""
    db.conn.executemany(
        "INSERT INTO connections(account_id, remote_id, name, url, email, company, position,"
        " connected_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(account_id, remote_id) DO UPDATE SET name = excluded.name,"
        " url = excluded.url, email = coalesce(excluded.email, email),"
        " company = excluded.company, position = excluded.position,"
        " connected_on = coalesce(excluded.connected_on, connected_on)",
        (
            (account_id, c.remote_id, c.name, c.url, c.email, c.company, c.position, c.connected_on)
            for c in snapshot.candidates
        ),
    )
