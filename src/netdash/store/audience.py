"""Breadth: platform accounts and their follower counts, kept as a dated history."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from sqlite_utils import Database

from netdash.domain.audience_row import AudienceRow
from netdash.domain.dates import check_past, local_day, utc_now
from netdash.domain.errors import InvalidInput
from netdash.domain.names import normalize_handle, shorten
from netdash.domain.patterns import when_used
from netdash.store.tx import write_transaction

if TYPE_CHECKING:
    from netdash.domain.refs import Handle

MAX_COUNT = 10**12
"""More followers than there are people, many times over: a count above it is a typo (and one
at 2^63 would not fit SQLite's integers)."""


MAX_ACCOUNT_LENGTH = 200
"""The longest handle of an account on a platform netdash does not fetch: usernames are 15 to 50
characters, a LinkedIn profile (linkedin.com/in/ and up to 100 more) is the longest."""

_GITHUB_LOGIN = when_used(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LABEL = when_used(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_MASTODON_USER = when_used(r"[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*")
_DID_PLC = when_used(r"did:plc:[a-z2-7]{24}")


def _is_domain(name: str, *, labels: int) -> bool:
    """Whether ``name`` is a DNS name of at least ``labels`` labels (letters, digits, inner
    hyphens; 253 characters at most) whose last label is not all digits (that is an IPv4
    address, or nothing)."""
    parts = name.split(".")
    return (
        len(name) <= 253
        and len(parts) >= labels
        and all(_LABEL().fullmatch(part) for part in parts)
        and not parts[-1].isdigit()
    )


def is_host(host: str) -> bool:
    """Whether ``host`` names a server: a DNS name (an internationalised one too), a dotted
    IPv4 address, or an IPv6 address in brackets. Nothing else: no port, path or user."""
    import ipaddress  # here, not on every start: only adding an account needs it

    bracketed = host.startswith("[") and host.endswith("]")
    if bracketed or re.fullmatch(r"[0-9.]+", host):
        try:  # no zone (fe80::1%eth0): it names an interface of this machine
            address = ipaddress.ip_address(host[1:-1] if bracketed else host)
        except ValueError:  # 999.1.1.1, [::g]
            return False
        return "%" not in host and (address.version == 6) == bracketed
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:  # a label too long, a character IDNA refuses
        return False
    return _is_domain(ascii_host.lower(), labels=1)


def _github(handle: str) -> str | None:
    if len(handle) <= 39 and _GITHUB_LOGIN().fullmatch(handle):
        return None
    return "is not a GitHub login (letters, digits and single hyphens, 39 at most)"


def _bluesky(handle: str) -> str | None:
    if handle.startswith("did:"):
        if _DID_PLC().fullmatch(handle):
            return None
        if handle.startswith("did:web:") and _is_domain(handle[8:], labels=2):
            return None
        return "is not a Bluesky DID (did:plc:<24 characters> or did:web:<domain>)"
    if _is_domain(handle, labels=2) and handle[handle.rfind(".") + 1 :][:1].isalpha():
        return None
    return "is not a Bluesky handle (a domain name, e.g. ada.bsky.social, or a DID)"


def _mastodon(handle: str) -> str | None:
    user, at, server = handle.partition("@")
    if at and len(user) <= 64 and _MASTODON_USER().fullmatch(user) and is_host(server):
        return None
    return "is not a Mastodon account (@user@server, e.g. @ada@mastodon.social)"


def _other(handle: str) -> str | None:
    if len(handle) > MAX_ACCOUNT_LENGTH:
        return f"is {len(handle):,} characters long; {MAX_ACCOUNT_LENGTH} is the most"
    return None


_SYNTAX = {"github": _github, "bluesky": _bluesky, "mastodon": _mastodon}


def account_handle(platform: str, handle: str, *, strict: bool = True) -> Handle:
    """The user's own account as stored (see :func:`normalize_handle`), or InvalidInput if it
    cannot be one. Every handle is refused with a control character, a bidi override, a space
    or over :data:`MAX_ACCOUNT_LENGTH` characters. ``strict``: a handle on a platform `netdash
    fetch` reads (it goes into an API address) must also have that platform's syntax."""
    account = normalize_handle(platform, handle)  # refuses spaces and control characters
    check = _SYNTAX.get(account.platform) if strict else None
    problem = _other(account.handle) or (check(account.handle) if check else None)
    if problem:
        raise InvalidInput(f"{shorten(account.handle)!r} {problem}")
    return account


def add_account(db: Database, platform: str, handle: str) -> Handle:
    """Record one of the user's accounts (`netdash accounts add`); its handle as stored."""
    account = account_handle(platform, handle)
    with write_transaction(db):
        ensure_account(db, account.platform, account.handle)
    return account


def ensure_account(db: Database, platform: str, handle: str) -> int:
    """The id of the user's own account on a platform, created on first mention.

    Only the checks every platform shares are made here (an import or a manual count may name
    an account loosely); `netdash accounts add` checks a fetchable account's syntax, and
    `netdash fetch` checks it again before it builds an address from it.
    """
    account = account_handle(platform, handle, strict=False)
    db.execute(
        "INSERT INTO accounts(platform, handle, created_at) VALUES (?, ?, ?)"
        " ON CONFLICT(platform, handle) DO NOTHING",
        [account.platform, account.handle, utc_now()],
    )
    row = db.execute(
        "SELECT id FROM accounts WHERE platform = ? AND handle = ?",
        [account.platform, account.handle],
    ).fetchone()
    return int(row[0])


def accounts_on(db: Database, platforms: Iterable[str]) -> list[tuple[str, str]]:
    """(platform, handle) of the user's accounts on these platforms, in the order added."""
    wanted = list(platforms)
    marks = ", ".join("?" for _ in wanted)
    rows = db.execute(
        f"SELECT platform, handle FROM accounts WHERE platform IN ({marks}) ORDER BY id", wanted
    ).fetchall()
    return [(str(platform), str(handle)) for platform, handle in rows]


def only_account(db: Database, platform: str) -> str | None:
    """The one account the user has on a platform (None with none yet), so ``--account`` can
    usually be left out; with several the user must say which."""
    rows = db.execute(
        "SELECT handle FROM accounts WHERE platform = ? ORDER BY id", [platform.strip().lower()]
    ).fetchall()
    if len(rows) > 1:
        handles = ", ".join(row[0] for row in rows)
        raise InvalidInput(f"you have several {platform} accounts ({handles}); pass --account")
    return str(rows[0][0]) if rows else None


def default_account(db: Database, platform: str) -> str:
    """:func:`only_account`, which must exist (a count typed for an account not made yet)."""
    account = only_account(db, platform)
    if account is None:
        raise InvalidInput(
            f"no {platform} account yet: pass --account with your handle the first time"
        )
    return account


def record_follower_count(
    db: Database,
    *,
    platform: str,
    account: str,
    followers: int | None,
    following: int | None = None,
    at: str,
    source: str,
    today: date | None = None,
) -> bool:
    """Add a data point unless it repeats the one before it; return whether a row was written.

    ``at`` is a UTC timestamp (see :func:`netdash.domain.dates.stamp_for_day`). Given ``today``
    (a count the user states), the local day it falls on may not be after it, as for every day
    the user states; an import or a fetch stamps what the platform said, when it said it."""
    if today is not None:
        check_past(local_day(at), today, field="at")
    for label, value in (("followers", followers), ("following", following)):
        if value is not None and value < 0:
            raise InvalidInput(f"{label} cannot be negative ({value})", field=label)
        if value is not None and value > MAX_COUNT:
            raise InvalidInput(f"{label} is {value:,}; {MAX_COUNT:,} is the most", field=label)
    if followers is None and following is None:
        raise InvalidInput("a data point needs a follower or following count")
    with write_transaction(db):
        account_id = ensure_account(db, platform, account)
        previous = db.execute(
            "SELECT followers, following FROM follower_counts WHERE account_id = ?"
            " AND observed_at <= ? ORDER BY observed_at DESC, id DESC LIMIT 1",
            [account_id, at],
        ).fetchone()
        if previous is not None:
            same_followers = followers is None or previous[0] == followers
            same_following = following is None or previous[1] == following
            if same_followers and same_following:
                return False
        db.execute(
            "INSERT INTO follower_counts(account_id, observed_at, followers, following, source)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                account_id,
                at,
                followers if followers is not None else (previous[0] if previous else None),
                following if following is not None else (previous[1] if previous else None),
                source,
            ],
        )
    return True


def latest_counts(db: Database) -> list[AudienceRow]:
    """The newest data point per account, with the one before it to show the change."""
    rows = db.execute(
        "SELECT a.platform, a.handle, c.followers, c.following, c.observed_at, c.source,"
        " p.followers, p.observed_at, p.source"
        " FROM accounts a JOIN follower_counts c ON c.id = ("
        "  SELECT id FROM follower_counts WHERE account_id = a.id"
        "  ORDER BY observed_at DESC, id DESC LIMIT 1)"
        " LEFT JOIN follower_counts p ON p.id = ("
        "  SELECT b.id FROM follower_counts b WHERE b.account_id = a.id"
        "  AND (b.observed_at < c.observed_at OR (b.observed_at = c.observed_at AND b.id < c.id))"
        "  ORDER BY b.observed_at DESC, b.id DESC LIMIT 1)"
        " ORDER BY a.platform, a.handle"
    ).fetchall()
    return [AudienceRow(*row) for row in rows]


def source_kind(source: str | None) -> str:
    """How a data point came in, in the user's words: typed (`followers set`), fetched (`netdash
    fetch`, whose sources end in " api") or import (an export's name). A change is always shown
    with the date and kind of the point it is compared with: a typed count between two imports
    is a real point, but the user must see that the change is measured against it."""
    if source == "manual":
        return "typed"
    if source is not None and source.endswith(" api"):
        return "fetched"
    return "import"


def compared_with(row: AudienceRow) -> str:
    """ "since 2026-11-01 (typed)": what a change in followers is measured against."""
    if row.previous_as_of is None:
        return ""
    return f"since {row.previous_as_of[:10]} ({source_kind(row.previous_source)})"


class AccountSummary(NamedTuple):
    """One of the user's accounts, as the Audience screen shows it."""

    id: int
    latest: AudienceRow | None
    platform: str
    handle: str
    last_import: str | None
    last_source: str | None


def account_summaries(db: Database) -> list[AccountSummary]:
    latest = {(row.platform, row.account): row for row in latest_counts(db)}
    rows = db.execute(
        "SELECT a.id, a.platform, a.handle,"
        " (SELECT imported_at FROM imports i WHERE i.account_id = a.id"
        "  ORDER BY imported_at DESC LIMIT 1),"
        " (SELECT source FROM imports i WHERE i.account_id = a.id"
        "  ORDER BY imported_at DESC LIMIT 1)"
        " FROM accounts a ORDER BY a.platform, a.handle"
    ).fetchall()
    return [
        AccountSummary(row[0], latest.get((row[1], row[2])), row[1], row[2], row[3], row[4])
        for row in rows
    ]
