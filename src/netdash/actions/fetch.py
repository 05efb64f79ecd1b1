"""Fetching: each configured account in turn, each bounded in time and size, each stored in its
own transaction. One account's failure is one line, and the others still run.

Callable without click: lines go to the ``out`` and ``err`` callbacks the caller gives."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from sqlite_utils import Database

from netdash.config import Config
from netdash.domain.errors import InvalidInput
from netdash.fetch.http import Limits
from netdash.fetch.platforms import FETCHABLE, Fetched, fetch_account
from netdash.inert import inert_line
from netdash.store.account_delete import KEEP_LIST_UP_TO
from netdash.store.audience import accounts_on
from netdash.store.imports import import_snapshot


def fetch_accounts(
    db: Database,
    config: Config,
    *,
    lists: bool = True,
    limits: Limits | None = None,
    out: Callable[[str], None],
    err: Callable[[str], None],
) -> int:
    """Fetch and store every account netdash can fetch; the number that failed.

    ``out`` gets one line per account stored, ``err`` one line per account that failed. An
    unexpected error (a bug) fails its account too, and is raised once the others have run.
    """
    accounts = accounts_on(db, FETCHABLE)
    if not accounts:
        raise InvalidInput(
            "no accounts to fetch: add one with netdash accounts add PLATFORM HANDLE"
        )
    failures = 0
    bug: Exception | None = None
    for platform, handle in accounts:
        shown = inert_line(f"{platform} {handle}")  # stored by an older netdash, maybe
        try:
            fetched = fetch_account(platform, handle, config, lists=lists, limits=limits)
            line = _store(db, platform, handle, fetched)  # the store may refuse a count too
        except InvalidInput as error:
            err(f"{shown}: {error}")
            failures += 1
            continue
        except Exception as error:  # a bug: said after the other accounts have their turn
            err(f"{shown}: not fetched (an unexpected error, below)")
            failures += 1
            bug = bug or error
            continue
        out(line)
    if bug is not None:
        raise bug
    return failures


def _store(db: Database, platform: str, handle: str, fetched: Fetched) -> str:
    """Record the snapshot; a partial follower list is left out (see ``partial_note``)."""
    snapshot = fetched.snapshot
    seen = len(snapshot.follower_list or ())
    if fetched.cut_off:
        # The journal has no way yet to mark a list partial, and a list taken as complete
        # would count everyone not reached as gone: keep the counts, leave the list out.
        snapshot.follower_list = None
    digest = hashlib.sha256(
        repr((snapshot.observed_at, snapshot.followers, snapshot.follower_list)).encode()
    ).hexdigest()
    result = import_snapshot(
        db, snapshot, file_name=f"{platform} api", sha256=digest, account=handle
    )
    line = f"{platform} {handle}: {result.followers:,} followers, {result.following:,} following"
    if fetched.cut_off:
        return f"{line}; follower list partial ({seen:,} listed, {fetched.cut_off}): not stored"
    if result.listed is not None:
        line = f"{line}, {result.listed:,} listed"
    if not (result.undoable or result.already_imported):
        # each fetch goes to the trash like an import; a list too large to keep is said
        line = f"{line}; not kept in the trash (over {KEEP_LIST_UP_TO:,} followers)"
    return line
