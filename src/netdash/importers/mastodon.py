"""Mastodon exports: following_accounts.csv, or the account archive (zip or tar.gz).

Mainline Mastodon exports no follower list and no follower count (see FORMATS.md); an import
records what the export does hold, and `netdash fetch` reads the counts from the server. The
follows file is known by its content, not its name (browsers save ``following_accounts (1).csv``);
before 2019 it had no header row, one ``user@host`` a line.
"""

from __future__ import annotations

import csv
import re
from urllib.parse import urlparse

from netdash.importers import limits
from netdash.importers.meta import Dating, load_json, single_member, sniff
from netdash.importers.source import BadExport, ExportSource
from netdash.store.snapshot import Snapshot

PLATFORM = "mastodon"
HEADER = "Account address"
FOLLOWS_SECOND = "Show boosts"
"""The second column of the follows file's header; muted_accounts.csv has Hide notifications."""
ADDRESS = re.compile(r"@?[A-Za-z0-9_][A-Za-z0-9_.-]*(@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+)?")
"""An account address: user@host, or a bare user (an account of the user's own server)."""
# archive-20240301120000-0123456789abcdef0123456789abcdef.tar.gz (Mastodon's archive name)
ARCHIVE_NAME = re.compile(r"archive-(?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?P<t>\d{6})-")


def looks_like(source: ExportSource) -> bool:
    return _following_file(source) is not None or source.find("actor.json") is not None


def _following_file(source: ExportSource) -> str | None:
    """following_accounts.csv by its name, or a lone file by its first line: the follows
    header, or (the file before 2019) an address and nothing else."""
    named = source.find("following_accounts.csv")
    if named is not None:
        return named
    only = single_member(source)
    if only is None or only.lower().endswith((".json", ".js", ".vcf", ".zip")):
        return None
    lines = sniff(source, only).splitlines()
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith(f"{HEADER},{FOLLOWS_SECOND}") or first == HEADER:
        return only
    return only if "@" in first and ADDRESS.fullmatch(first) else None


def read(source: ExportSource) -> Snapshot:
    following_member = _following_file(source)
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
    dating = Dating()
    dating.offer(_named_date(source), "the archive's name")
    dating.offer(source.member_time(first), "the file's time: the export has no date")
    observed_at, dated_by = dating.best()
    return Snapshot(
        platform=PLATFORM,
        observed_at=observed_at,
        dated_by=dated_by,
        source="mastodon export",
        account=account,
        following=following,
        notes=["Mastodon exports hold no follower count: `netdash fetch` reads it from the server"],
    )


def _named_date(source: ExportSource) -> str | None:
    """When the archive was made, from the name Mastodon gives it (UTC)."""
    found = ARCHIVE_NAME.search(source.path.name)
    if found is None:
        return None
    t = found["t"]
    return f"{found['y']}-{found['m']}-{found['d']}T{t[:2]}:{t[2:4]}:{t[4:]}Z"


def _count_following(source: ExportSource, member: str) -> int:
    """The accounts followed, one CSV row at a time (the file at most MAX_TABLE_BYTES); the
    header row is optional (files from before 2019 have none)."""
    where = source.where(member)
    following = 0
    seen_first = False
    with source.lines(member, limits.MAX_TABLE_BYTES) as lines:
        rows = csv.reader(line for _, line in lines)
        try:
            for row in rows:
                if not row or not "".join(row).strip():
                    continue  # Mastodon's own fixture has blank lines between rows
                address = row[0].strip()
                if not seen_first:
                    seen_first = True
                    if address == HEADER:
                        _check_header(row, where, rows.line_num)
                        continue
                    if "@" not in address:  # a file without a header starts with user@host
                        raise BadExport(
                            where,
                            f"line {rows.line_num}: expected the header"
                            f" '{HEADER},{FOLLOWS_SECOND},…' or an address user@domain",
                        )
                if not ADDRESS.fullmatch(address):
                    raise BadExport(
                        where,
                        f"line {rows.line_num}: {address[:60]!r} is not an account address"
                        " (user@domain)",
                    )
                following += 1
        except csv.Error as error:
            raise BadExport(where, f"line {rows.line_num}: not valid CSV ({error})") from None
    if not seen_first:
        raise BadExport(
            where, f"is empty: expected the header '{HEADER},{FOLLOWS_SECOND},…' or user@domain"
        )
    return following


def _check_header(row: list[str], where: str, line: int) -> None:
    """Refuse the other lists Mastodon writes with the same first column (muted accounts)."""
    second = row[1].strip() if len(row) > 1 else FOLLOWS_SECOND
    if second != FOLLOWS_SECOND:
        raise BadExport(
            where,
            f"line {line}: a list of accounts with {second!r}, not the accounts you follow"
            f" (expected '{HEADER},{FOLLOWS_SECOND},…')",
        )
