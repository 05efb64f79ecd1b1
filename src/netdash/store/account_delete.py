"""Deleting or renaming one of the user's own accounts: what goes with it is said first, and
the change goes to the trash so undo puts it back.

An account takes its follower counts, its follower lists and its contacts (connections) with
it; the imports that named it stay in the history, no longer pointing at it. A follower list
of more than :data:`KEEP_LIST_UP_TO` rows is deleted but not kept in the trash (measured on a
million followers: kept, the delete took 4.6 s, the trash item was 80 MB in a 128 MB journal
and undo took 10 s; not kept, the delete took 2 s); the question says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from netdash.domain.errors import InvalidInput, NotFound
from netdash.domain.words import count_of
from netdash.store.audience import account_handle
from netdash.store.trash import Scope, into_trash
from netdash.store.tx import write_transaction

KEEP_LIST_UP_TO = 100_000
"""Followers an account's list may hold and still be kept in the trash when it is deleted."""


@dataclass(frozen=True)
class AccountDeletion:
    """What deleting an account takes with it, said before it is done."""

    id: int
    platform: str
    handle: str
    counts: int
    followers: int
    lists: int
    connections: int

    @property
    def list_kept(self) -> bool:
        return self.followers <= KEEP_LIST_UP_TO

    def words(self) -> str:
        """ "the mastodon account @me@x.social, 3 follower counts, 2 follower lists (1,200
        followers) and 40 contacts"."""
        parts = [f"the {self.platform} account {self.handle}"]
        if self.counts:
            parts.append(count_of(self.counts, "follower count"))
        if self.lists or self.followers:
            parts.append(
                f"{count_of(self.lists, 'follower list')} ({count_of(self.followers, 'follower')})"
            )
        if self.connections:
            parts.append(count_of(self.connections, "contact"))
        return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]

    def question(self) -> str:
        """Asked by both faces before deleting."""
        undo = "It can be undone (netdash undo, or ctrl+z in the app)"
        if not self.list_kept:
            undo += f", except its follower list: over {KEEP_LIST_UP_TO:,} followers is not kept"
        return f"Delete {self.words()}? {undo}."


def find_account(db: Database, handle: str, platform: str | None = None) -> int:
    """The id of the user's account with that handle (on ``platform`` if given), written as
    the user writes it (``@me@x.social`` is stored as ``me@x.social``)."""
    rows = db.execute("SELECT id, platform, handle FROM accounts").fetchall()
    found = [
        (int(row[0]), str(row[1]))
        for row in rows
        if (platform is None or row[1] == platform.strip().lower())
        and _stored(str(row[1]), handle) == row[2]
    ]
    if not found:
        raise NotFound(f"no account {handle!r}: netdash accounts list shows yours")
    if len(found) > 1:
        platforms = ", ".join(sorted(name for _, name in found))
        raise InvalidInput(f"{handle!r} is an account on {platforms}: say which with --platform")
    return found[0][0]


def _stored(platform: str, handle: str) -> str | None:
    try:
        return account_handle(platform, handle, strict=False).handle
    except InvalidInput:
        return None


def account_deletion(db: Database, account_id: int) -> AccountDeletion:
    row = db.execute(
        "SELECT id, platform, handle,"
        " (SELECT count(*) FROM follower_counts WHERE account_id = a.id),"
        " (SELECT count(*) FROM follower_accounts WHERE account_id = a.id),"
        " (SELECT count(*) FROM follower_lists WHERE account_id = a.id),"
        " (SELECT count(*) FROM connections WHERE account_id = a.id)"
        " FROM accounts a WHERE id = ?",
        [account_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no account with id {account_id}")
    return AccountDeletion(*row)


def _account_scopes(account_id: int, *, with_list: bool) -> list[Scope]:
    """Every row deleting an account removes or changes (the imports naming it are changed:
    they stop pointing at it)."""
    tables = ["follower_counts", "connections", "imports"]
    if with_list:  # the list's days go with its rows: a day without them would be a list of 0
        tables += ["follower_lists", "follower_accounts"]
    scopes = [Scope("accounts", "id = ?", [account_id])]
    scopes += [Scope(table, "account_id = ?", [account_id]) for table in tables]
    return scopes


def delete_account(db: Database, account_id: int) -> AccountDeletion:
    """Remove an account and everything of it, into the trash (its follower list only up to
    :data:`KEEP_LIST_UP_TO` followers)."""
    with write_transaction(db):
        gone = account_deletion(db, account_id)
        said = f"delete {gone.words()}"
        if not gone.list_kept:  # the list goes first, outside the trash, so undo gives an
            # account with its counts and an empty list rather than refusing
            db.execute("DELETE FROM follower_accounts WHERE account_id = ?", [account_id])
            # and its days: kept, undo would give days whose followers are gone, so the next
            # import would count the whole list as gained against an empty "previous" list
            db.execute("DELETE FROM follower_lists WHERE account_id = ?", [account_id])
            said += " (the follower list was not kept)"
        scopes = _account_scopes(account_id, with_list=gone.list_kept)
        with into_trash(db, "delete account", said, scopes):
            db.execute("DELETE FROM accounts WHERE id = ?", [account_id])
    return gone


def rename_account(db: Database, account_id: int, handle: str) -> str:
    """Change an account's handle (a typo, a move to another server); the old one goes to the
    trash. The new handle is checked as `accounts add` checks one; the handle as stored."""
    with write_transaction(db):
        old = account_deletion(db, account_id)
        new = account_handle(old.platform, handle, strict=False).handle
        taken = db.execute(
            "SELECT 1 FROM accounts WHERE platform = ? AND handle = ? AND id != ?",
            [old.platform, new, account_id],
        ).fetchone()
        if taken:
            raise InvalidInput(f"you already have the {old.platform} account {new}")
        said = f"rename the {old.platform} account {old.handle} to {new}"
        with into_trash(db, "edit account", said, [Scope("accounts", "id = ?", [account_id])]):
            db.execute("UPDATE accounts SET handle = ? WHERE id = ?", [new, account_id])
    return new
