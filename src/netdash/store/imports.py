"""Writing an import: counts, follower list and provenance, all in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from netdash.store.audience import default_account, ensure_account, record_follower_count
from netdash.store.people import normalize_handle, utc_now
from netdash.store.snapshot import Snapshot


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
        listed=len(snapshot.follower_list) if snapshot.follower_list is not None else None,
        notes=tuple(snapshot.notes),
    )
    if db.execute("SELECT 1 FROM imports WHERE sha256 = ?", [sha256]).fetchone():
        return ImportResult(**{**base.__dict__, "already_imported": True})
    with db.atomic():
        account_id = ensure_account(db, snapshot.platform, handle)
        changed = False
        if snapshot.followers is not None or snapshot.following is not None:
            changed = record_follower_count(
                db,
                platform=snapshot.platform,
                account=handle,
                followers=snapshot.followers,
                following=snapshot.following,
                at=observed,
                source=snapshot.source,
            )
        gained = lost = 0
        if snapshot.follower_list is not None:
            gained, lost = _merge_followers(db, account_id, snapshot, observed)
        _merge_candidates(db, account_id, snapshot)
        db.execute(
            "INSERT INTO imports(source, file_name, sha256, imported_at, rows)"
            " VALUES (?, ?, ?, ?, ?)",
            [snapshot.source, file_name, sha256, utc_now(), base.listed or 0],
        )
    return ImportResult(
        **{**base.__dict__, "gained": gained, "lost": lost, "count_changed": changed}
    )


def _merge_followers(
    db: Database, account_id: int, snapshot: Snapshot, observed: str
) -> tuple[int, int]:
    """Upsert the list: first seen keeps the earliest date, last seen the latest."""
    previous = db.execute(
        "SELECT MAX(last_seen) FROM follower_accounts WHERE account_id = ?", [account_id]
    ).fetchone()[0]
    rows = (
        (account_id, follower.remote_id, follower.handle, observed, observed)
        for follower in snapshot.followers_iter()
    )
    sql = (
        "INSERT INTO follower_accounts(account_id, remote_id, handle, first_seen, last_seen)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT(account_id, remote_id) DO UPDATE SET"
        " handle = coalesce(excluded.handle, handle),"
        " first_seen = min(first_seen, excluded.first_seen),"
        " last_seen = max(last_seen, excluded.last_seen)"
    )
    db.conn.executemany(sql, rows)
    if previous is None or previous >= observed:
        return 0, 0  # a first import, or an older archive after a newer one: nothing to compare
    gained, lost = db.execute(
        "SELECT SUM(first_seen = ?), SUM(last_seen = ?) FROM follower_accounts"
        " WHERE account_id = ?",
        [observed, previous, account_id],
    ).fetchone()
    return int(gained or 0), int(lost or 0)


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
