"""Instagram data download (JSON): every followers_N.json, both the 2021 and current layouts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from netdash.importers.meta import iter_entries, username_of
from netdash.importers.source import BadExport, ExportSource
from netdash.store.snapshot import Follower, Snapshot

PLATFORM = "instagram"
ARCHIVE_NAME = re.compile(r"instagram-(?P<user>[A-Za-z0-9._]+)-\d{4}-\d{2}-\d{2}")


def _follower_files(source: ExportSource) -> list[str]:
    # in their folder, or handed over on their own
    current = source.glob("followers_and_following", "followers_*.json") or source.glob(
        "", "followers_*.json"
    )
    if current:
        return current
    legacy = source.find("followers_and_following/followers.json")
    return [legacy] if legacy else []


def looks_like(source: ExportSource) -> bool:
    return bool(_follower_files(source))


def _stream(source: ExportSource, files: list[str]) -> Iterator[Follower]:
    """Each follower as it is read; the import counts each account once."""
    for member in files:
        where = source.where(member)
        for index, entry in enumerate(iter_entries(source, member, ("relationships_followers",))):
            name = username_of(entry, where, index)[0].lower()
            yield Follower(name, name)


def read(source: ExportSource) -> Snapshot:
    files = _follower_files(source)
    if not files:
        raise BadExport(
            source.label, "no followers_and_following/followers_1.json: not an Instagram download"
        )
    following = None
    following_member = source.find("followers_and_following/following.json")
    if following_member:
        following = sum(
            1 for _ in iter_entries(source, following_member, ("relationships_following",))
        )
    match = ARCHIVE_NAME.search(source.path.name)
    return Snapshot(
        platform=PLATFORM,
        observed_at=source.member_time(files[0]) or "",
        source="instagram download",
        account=match["user"].lower() if match else None,
        following=following,
        follower_stream=lambda: _stream(source, files),
    )
