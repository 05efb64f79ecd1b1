"""Instagram data download (JSON): every followers_N.json, both the 2021 and current layouts."""

from __future__ import annotations

import re

from netdash.importers.meta import load_json, username_of
from netdash.importers.source import BadExport, ExportSource
from netdash.store.snapshot import Follower, Snapshot, iso_from_unix

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


def _entries(data: object, key: str, where: str) -> list[object]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and isinstance(data.get(key), list):
        return list(data[key])
    raise BadExport(where, f"expected a list, or an object with {key!r}")


def read(source: ExportSource) -> Snapshot:
    files = _follower_files(source)
    if not files:
        raise BadExport(
            source.label, "no followers_and_following/followers_1.json: not an Instagram download"
        )
    followers: dict[str, Follower] = {}
    newest = 0
    for member in files:
        where = source.where(member)
        for index, entry in enumerate(
            _entries(load_json(source, member), "relationships_followers", where)
        ):
            name, stamp = username_of(entry, where, index)
            followers.setdefault(name.lower(), Follower(name.lower(), name.lower()))
            newest = max(newest, stamp or 0)
    following = None
    following_member = source.find("followers_and_following/following.json")
    if following_member:
        where = source.where(following_member)
        following = len(
            _entries(load_json(source, following_member), "relationships_following", where)
        )
    match = ARCHIVE_NAME.search(source.path.name)
    snapshot = Snapshot(
        platform=PLATFORM,
        observed_at=source.member_time(files[0]) or iso_from_unix(newest or 0),
        source="instagram download",
        account=match["user"].lower() if match else None,
        followers=len(followers),
        following=following,
        follower_list=list(followers.values()),
    )
    return snapshot
