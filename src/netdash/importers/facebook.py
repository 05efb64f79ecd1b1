"""Facebook (JSON): friends and followers in every era's layout, names repaired."""

from __future__ import annotations

from collections.abc import Iterator

from netdash.importers.meta import checked_name, iter_entries, repair, username_of
from netdash.importers.source import BadExport, ExportSource
from netdash.store.snapshot import Follower, Snapshot

PLATFORM = "facebook"
FRIENDS = (
    "connections/friends/your_friends.json",
    "friends_and_followers/friends.json",
    "friends/friends.json",
    "your_friends.json",  # the file on its own
)
FRIEND_KEYS = ("friends_v2", "friends")
FOLLOWER_KEYS = ("followers_v3", "followers_v2", "followers")
FOLLOWING_FILES = ("who_you've_followed.json", "who_you_follow.json", "who_you_followed.json")
FOLLOWING_KEYS = ("following_v3", "following_v2", "following")


def _friends_file(source: ExportSource) -> str | None:
    return next((found for name in FRIENDS if (found := source.find(name))), None)


def _follower_files(source: ExportSource) -> list[str]:
    single = source.find("followers/people_who_followed_you.json")
    return [single] if single else source.glob("followers", "people_who_followed_you_*.json")


def looks_like(source: ExportSource) -> bool:
    return _friends_file(source) is not None or bool(_follower_files(source))


def _name(entry: object, where: str, index: int) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry["name"].strip():
        return checked_name(repair(entry["name"].strip()), where, index)
    if isinstance(entry, dict) and "string_list_data" in entry:
        return username_of(entry, where, index)[0]
    raise BadExport(where, f"item {index}: expected an object with a 'name'")


def _stream(source: ExportSource, members: list[tuple[str, tuple[str, ...]]]) -> Iterator[Follower]:
    """Friends, then followers, as they are read; the import counts each name once."""
    for member, keys in members:
        where = source.where(member)
        for index, entry in enumerate(iter_entries(source, member, keys)):
            name = _name(entry, where, index)
            # Facebook gives names only; a name is the best identity the export offers.
            yield Follower(f"name:{name.casefold()}", name)


def read(source: ExportSource) -> Snapshot:
    friends_file = _friends_file(source)
    follower_files = _follower_files(source)
    if friends_file is None and not follower_files:
        raise BadExport(source.label, "no friends or followers JSON: not a Facebook download")
    members: list[tuple[str, tuple[str, ...]]] = []
    if friends_file:
        members.append((friends_file, FRIEND_KEYS))
    members += [(member, FOLLOWER_KEYS) for member in follower_files]
    following = None
    for candidate in FOLLOWING_FILES:
        member = source.find(f"followers/{candidate}")
        if member:
            following = sum(1 for _ in iter_entries(source, member, FOLLOWING_KEYS))
            break
    first = friends_file or follower_files[0]
    return Snapshot(
        platform=PLATFORM,
        observed_at=source.member_time(first) or "",
        source="facebook download",
        following=following,
        follower_stream=lambda: _stream(source, members),
        notes=["friends and followers are counted together as your Facebook audience"],
    )
