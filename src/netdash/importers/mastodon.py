"""Mastodon exports: following_accounts.csv, or the account archive (zip or tar.gz).

Mainline Mastodon exports no follower list and no follower count (see FORMATS.md); an import
records what the export does hold, and `netdash fetch` reads the counts from the server.
"""

from __future__ import annotations

import csv
from urllib.parse import urlparse

from netdash.importers import limits
from netdash.importers.meta import load_json
from netdash.importers.source import BadExport, ExportSource
from netdash.store.snapshot import Snapshot

PLATFORM = "mastodon"
HEADER = "Account address"


def looks_like(source: ExportSource) -> bool:
    return (
        source.find("following_accounts.csv") is not None or source.find("actor.json") is not None
    )


def read(source: ExportSource) -> Snapshot:
    following_member = source.find("following_accounts.csv")
    actor_member = source.find("actor.json")
    if following_member is None and actor_member is None:
        raise BadExport(
            source.label, "neither following_accounts.csv nor actor.json: not a Mastodon export"
        )
    account = None
    if actor_member is not None:
        actor = load_json(source, actor_member)
        where = source.where(actor_member)
        if not isinstance(actor, dict) or actor.get("type") not in ("Person", "Service"):
            raise BadExport(where, "expected an ActivityPub Person object")
        username, actor_id = actor.get("preferredUsername"), actor.get("id")
        if isinstance(username, str) and isinstance(actor_id, str):
            try:
                host = urlparse(actor_id).hostname
            except ValueError:
                host = None
            if host and len(username) <= limits.MAX_ID_CHARS and "\0" not in username + host:
                account = f"{username}@{host}".lower()
    following = None
    if following_member is not None:
        following = _count_following(source, following_member)
    first = actor_member or following_member
    assert first is not None
    return Snapshot(
        platform=PLATFORM,
        observed_at=source.member_time(first) or "",
        source="mastodon export",
        account=account,
        following=following,
        notes=["Mastodon exports hold no follower count: `netdash fetch` reads it from the server"],
    )


def _count_following(source: ExportSource, member: str) -> int:
    """The accounts followed, one CSV row at a time (the file at most MAX_TABLE_BYTES)."""
    where = source.where(member)
    following = 0
    with source.lines(member, limits.MAX_TABLE_BYTES) as lines:
        numbered = iter(lines)
        rows = csv.reader(line for _, line in numbered)
        try:
            for number, row in enumerate(rows, start=1):
                if number == 1:
                    if not row or row[0] != HEADER:
                        raise BadExport(
                            where, f"line 1: expected the header '{HEADER},Show boosts,…'"
                        )
                    continue
                if not row:
                    continue
                if "@" not in row[0]:
                    raise BadExport(
                        where, f"line {rows.line_num}: {row[0][:60]!r} is not user@domain"
                    )
                following += 1
        except csv.Error as error:
            raise BadExport(where, f"line {rows.line_num}: not valid CSV ({error})") from None
    if following == 0 and rows.line_num == 0:
        raise BadExport(where, f"line 1: expected the header '{HEADER},Show boosts,…'")
    return following
