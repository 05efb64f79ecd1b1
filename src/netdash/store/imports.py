"""Writing an import: counts, follower list and provenance, all in one transaction.

An import goes to the trash like a delete, so undo puts the journal back as it was before it
(the ``imports`` row too, so the same file can be imported again). A follower list of more than
:data:`~netdash.store.account_delete.KEEP_LIST_UP_TO` accounts, before or after, is written but
not kept, as when an account is deleted: its before and after images would cost seconds and
tens of megabytes (measured in the README); the result says so.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlite_utils import Database

from netdash.domain.dates import utc_now
from netdash.domain.names import normalize_handle
from netdash.domain.words import count_of
from netdash.store.account_delete import KEEP_LIST_UP_TO
from netdash.store.audience import (
    account_handle,
    ensure_account,
    only_account,
    record_follower_count,
)
from netdash.store.follower_lists import (
    latest_list,
    list_changes,
    record_list,
    store_latest_counts,
    supersede_same_day,
)
from netdash.store.snapshot import Snapshot
from netdash.store.trash import Keeping, Scope, created_scopes, into_trash
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
    undoable: bool = False
    """In the trash: ``netdash undo`` or ctrl+z takes it back. False for a follower list over
    :data:`KEEP_LIST_UP_TO` (written, not kept) and for a file already imported."""
    dated_by: str = ""
    """Where ``observed_at`` came from (see :attr:`Snapshot.dated_by`); "" if not said."""
    account_from: str = ""
    """How the account was chosen: "given" (--account), "the export", "the journal" (the one
    account on that platform), or "default" (none yet: made as :data:`DEFAULT_ACCOUNT`)."""
    account_new: bool = False
    """The import made the account: the output says so, so a made-up name can be renamed."""


DEFAULT_ACCOUNT = "me"
"""The account a first import makes when neither the user nor the export names one: it reads
well in `netdash accounts list` ("linkedin  me") and `netdash accounts rename` changes it."""


def choose_account(
    db: Database, platform: str, given: str | None, named: str | None
) -> tuple[str, str]:
    """The account an import goes to, and how it was chosen (see ImportResult.account_from).

    Without --account or a name in the export, the one account on the platform; on first use,
    :data:`DEFAULT_ACCOUNT` rather than a refusal; with several, the user must say which."""
    if given:
        return given, "given"
    if named:
        return named, "the export"
    account = only_account(db, platform)
    return (DEFAULT_ACCOUNT, "default") if account is None else (account, "the journal")


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
    chosen, account_from = choose_account(db, snapshot.platform, account, snapshot.account)
    handle = normalize_handle(snapshot.platform, chosen).handle
    observed = snapshot.observed_at or utc_now()
    known = db.execute(
        "SELECT 1 FROM accounts WHERE platform = ? AND handle = ?", [snapshot.platform, handle]
    ).fetchone()
    base = ImportResult(
        platform=snapshot.platform,
        account=handle,
        observed_at=observed,
        followers=snapshot.followers,
        following=snapshot.following,
        listed=None,
        notes=tuple(snapshot.notes),
        dated_by=snapshot.dated_by if snapshot.observed_at else "the time of the import",
        account_from=account_from,
        account_new=known is None,
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
    with write_transaction(db):
        scopes = _import_scopes(db, snapshot.platform, handle)
        with into_trash(db, "import", file_name, scopes) as keeping:
            if not scopes:  # over the limit before: nothing was read, nothing is kept
                keeping.drop()
            result = _write(db, snapshot, base, handle, observed, file_name, sha256, progress)
            _keep_or_drop(db, keeping, result, file_name, len(snapshot.candidates))
    return ImportResult(**{**result.__dict__, "undoable": keeping.kept})


def _import_scopes(db: Database, platform: str, handle: str) -> list[Scope]:
    """What an import may add or change: the account (maybe new), its counts, follower list and
    contacts, and the provenance row; none if its follower list already holds more than
    :data:`KEEP_LIST_UP_TO` accounts (counted on the primary key's index, never read)."""
    account = account_handle(platform, handle, strict=False)
    mine = "account_id IN (SELECT id FROM accounts WHERE platform = ? AND handle = ?)"
    params = [account.platform, account.handle]
    (held,) = db.execute(f"SELECT COUNT(*) FROM follower_accounts WHERE {mine}", params).fetchone()
    if held > KEEP_LIST_UP_TO:
        return []
    scopes = created_scopes(db, "accounts", "imports")
    tables = ("follower_counts", "follower_accounts", "follower_lists", "connections")
    return scopes + [Scope(table, mine, params) for table in tables]


def _keep_or_drop(
    db: Database, keeping: Keeping, result: ImportResult, file_name: str, contacts: int
) -> None:
    """Name what the import added, for ``netdash undo --list``; or drop it from the trash if
    the list it left is over the limit (``listed`` first: it spares a count of a million)."""
    if keeping.kept and result.listed is not None:
        over = result.listed > KEEP_LIST_UP_TO or _held(db, result) > KEEP_LIST_UP_TO
        if over:
            keeping.drop()
    keeping.description = import_description(result, file_name, contacts)


def _held(db: Database, result: ImportResult) -> int:
    """How many accounts the account's list holds now, old ones included (on the index)."""
    stored = account_handle(result.platform, result.account, strict=False).handle
    (held,) = db.execute(
        "SELECT COUNT(*) FROM follower_accounts WHERE account_id ="
        " (SELECT id FROM accounts WHERE platform = ? AND handle = ?)",
        [result.platform, stored],
    ).fetchone()
    return int(held)


def as_of_words(result: ImportResult) -> str:
    """ "as of 2024-03-01 (the newest connection)": the day an import is dated, and by what,
    since a file's time (the last resort) may be the day it was downloaded, not exported."""
    by = f" ({result.dated_by})" if result.dated_by else ""
    return f"as of {result.observed_at[:10]}{by}"


def account_words(result: ImportResult) -> str | None:
    """What the output says about a new account: how it got its name, and, for a made-up one,
    how to rename it; None for an account the journal already had."""
    if not result.account_new or result.already_imported:
        return None
    if result.account_from == "default":
        return (
            f"no {result.platform} account yet and the export names none: made one called"
            f" {result.account!r}; to rename it: netdash accounts rename {result.account}"
            f" YOUR-HANDLE --platform {result.platform}"
        )
    if result.account_from == "the export":
        return f"new {result.platform} account {result.account}, named by the export"
    return f"new {result.platform} account {result.account}"


def import_description(result: ImportResult, file_name: str, contacts: int = 0) -> str:
    """ "instagram followers.json: 1,204 followers of me" — the file and what it added."""
    name = file_name if file_name.startswith(result.platform) else f"{result.platform} {file_name}"
    if result.listed is not None:
        what = f"{count_of(result.listed, 'follower')} of {result.account}"
    elif contacts:
        what = f"{count_of(contacts, 'contact')} of {result.account}"
    elif result.followers is not None:
        what = f"{result.account} has {count_of(result.followers, 'follower')}"
    else:
        what = f"{result.account} follows {result.following or 0:,}"
    return f"{name}: {what}"


def _write(
    db: Database,
    snapshot: Snapshot,
    base: ImportResult,
    handle: str,
    observed: str,
    file_name: str,
    sha256: str,
    progress: Callable[[int], None] | None,
) -> ImportResult:
    """The import's writes, inside the caller's transaction."""
    followers = snapshot.followers
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
    the list holds (never by holding the list in memory), and the day of the list before.
    """
    latest_before = latest_list(db, account_id)
    previous = latest_list(db, account_id, before=observed)
    # A list newer than every other (the usual import) leaves last_seen = observed on exactly
    # the accounts it holds, so they are counted afterwards. Only a second list of the same day
    # or an older one needs their ids aside (a temporary table: a second B-tree of a million
    # keys, a quarter of the import's time when it was always kept).
    keep_ids = latest_before is not None and latest_before >= observed
    with _handle_index_rebuilt(db, snapshot.followers or 0):
        listed = _upsert_followers(db, account_id, snapshot, observed, progress, keep_ids=keep_ids)
    if keep_ids:
        listed = int(db.execute("SELECT COUNT(*) FROM temp.import_listed").fetchone()[0])
        if latest_before == observed:  # another export of the same day: it replaces the first
            supersede_same_day(db, account_id, observed, previous)
        db.execute("DROP TABLE temp.import_listed")
    record_list(db, account_id, observed)
    if latest_before is not None and latest_before > observed:
        # an older archive after a newer one: it may be the latest's "list before" now
        store_latest_counts(db, account_id)
        return 0, 0, listed, None
    changes = list_changes(db, account_id, observed, previous)  # as the Audience screen counts
    store_latest_counts(db, account_id, changes)  # so the readers need not scan again
    if not keep_ids:
        listed = changes.listed  # last seen in this list: the accounts it holds, once each
    if latest_before is None:
        return 0, 0, listed, None  # a first import
    return changes.new, changes.gone, listed, previous


REBUILD_INDEX_FROM = 100_000
"""A list declared at least this long writes follower_accounts without its handle index, which
is built again afterwards: with no handle in the list (Twitter gives ids only) each row would
otherwise land at a random place in a second B-tree, for as much work again as the table's."""


@contextmanager
def _handle_index_rebuilt(db: Database, declared: int) -> Iterator[None]:
    """Drop ``follower_accounts_handle`` for the block and create it again from its own SQL,
    all inside the caller's transaction: a failure rolls the drop back with the rows."""
    found = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'follower_accounts_handle'"
    ).fetchone()
    if declared < REBUILD_INDEX_FROM or found is None:
        yield
        return
    db.execute("DROP INDEX follower_accounts_handle")
    yield
    db.execute(found[0])


def _upsert_followers(
    db: Database,
    account_id: int,
    snapshot: Snapshot,
    observed: str,
    progress: Callable[[int], None] | None,
    *,
    keep_ids: bool,
) -> int:
    """Write the batches the reader thread hands over; with ``keep_ids`` also each id into
    ``temp.import_listed``. Returns how many rows the list had (repeats included)."""
    batches: queue.Queue[object] = queue.Queue(maxsize=4)  # bounded: memory stays flat
    stop = threading.Event()
    reader = threading.Thread(
        target=_batches, args=(snapshot, account_id, observed, batches, stop), daemon=True
    )
    reader.start()
    rows_read = 0
    if keep_ids:
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
                return rows_read
            if isinstance(item, BaseException):
                raise item
            rows = item if isinstance(item, list) else []
            db.conn.executemany(UPSERT, rows)
            if keep_ids:
                db.conn.executemany(
                    "INSERT OR IGNORE INTO temp.import_listed VALUES (?)",
                    [(row[1],) for row in rows],
                )
            rows_read += len(rows)
            if progress is not None:
                progress(rows_read)
    finally:
        stop.set()
        reader.join()


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
