"""Facebook (JSON): friends and followers in every era's layout, names repaired."""

from __future__ import annotations

from netdash.importers.meta import load_json, repair, username_of
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


def _list(data: object, keys: tuple[str, ...], where: str) -> list[object]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in keys:
            if isinstance(data.get(key), list):
                return list(data[key])
    raise BadExport(where, f"expected an object with one of {', '.join(map(repr, keys))}")


def _name(entry: object, where: str, index: int) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry["name"].strip():
        return repair(entry["name"].strip())
    if isinstance(entry, dict) and "string_list_data" in entry:
        return username_of(entry, where, index)[0]
    raise BadExport(where, f"item {index}: expected an object with a 'name'")


def read(source: ExportSource) -> Snapshot:
    friends_file = _friends_file(source)
    follower_files = _follower_files(source)
    if friends_file is None and not follower_files:
        raise BadExport(source.label, "no friends or followers JSON: not a Facebook download")
    audience: dict[str, Follower] = {}
    for member, keys in [(friends_file, FRIEND_KEYS)] + [
        (f, FOLLOWER_KEYS) for f in follower_files
    ]:
        if member is None:
            continue
        where = source.where(member)
        for index, entry in enumerate(_list(load_json(source, member), keys, where)):
            name = _name(entry, where, index)
            # Facebook gives names only; a name is the best identity the export offers.
            audience.setdefault(name.casefold(), Follower(f"name:{name.casefold()}", name))
    following = None
    for candidate in FOLLOWING_FILES:
        member = source.find(f"followers/{candidate}")
        if member:
            following = len(_list(load_json(source, member), FOLLOWING_KEYS, source.where(member)))
            break
    first = friends_file or follower_files[0]
    return Snapshot(
        platform=PLATFORM,
        observed_at=source.member_time(first) or "",
        source="facebook download",
        followers=len(audience),
        following=following,
        follower_list=list(audience.values()),
        notes=["friends and followers are counted together as your Facebook audience"],
    )
