"""Facebook (JSON): friends and followers in every era's layout, names repaired, found by name
in a download or by content in a file the browser renamed (``your_friends (1).json``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from netdash.importers.meta import (
    Dating,
    checked_name,
    first_key,
    iter_entries,
    load_json,
    name_parts,
    repair,
    single_member,
    skipped_note,
    sniff,
    timestamp_of,
    username_of,
)
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
# One list of people: its files (split follower files are one list) and the keys holding it.
Part = tuple[list[str], tuple[str, ...]]


def _friends_file(source: ExportSource) -> str | None:
    return next((found for name in FRIENDS if (found := source.find(name))), None)


def _follower_files(source: ExportSource) -> list[str]:
    single = source.find("followers/people_who_followed_you.json")
    return [single] if single else source.glob("followers", "people_who_followed_you_*.json")


def _parts(source: ExportSource) -> list[Part]:
    """Friends, then followers: by their paths, or one renamed file by its first key."""
    parts: list[Part] = []
    friends = _friends_file(source)
    if friends:
        parts.append(([friends], FRIEND_KEYS))
    followers = _follower_files(source)
    if followers:
        parts.append((followers, FOLLOWER_KEYS))
    only = single_member(source)
    if not parts and only and only.endswith((".json", ".JSON")):
        key = first_key(sniff(source, only))
        if key in FRIEND_KEYS:
            parts.append(([only], FRIEND_KEYS))
        elif key in FOLLOWER_KEYS:
            parts.append(([only], FOLLOWER_KEYS))
    return parts


def looks_like(source: ExportSource) -> bool:
    return bool(_parts(source))


def _name(entry: object, where: str, index: int) -> str | None:
    """The entry's name, repaired before it is stripped; None for an entry naming nobody."""
    if isinstance(entry, dict) and isinstance(entry.get("name"), str):
        name = repair(entry["name"]).strip()
        return checked_name(name, where, index) if name else None
    if isinstance(entry, dict) and "string_list_data" in entry:
        return username_of(entry, where, index)[0]
    raise BadExport(where, f"item {index}: expected an object with a 'name'")


@dataclass
class _Survey:
    """What one pass over the lists finds before the import: names held by several people
    (each (timestamp, place) of them, in order), the newest entry, and what is skipped."""

    shared: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    newest: int | None = None
    notes: list[str] = field(default_factory=list)


def _entries(
    source: ExportSource, part: Part
) -> Iterator[tuple[str, Callable[[], int], int, object]]:
    """(where, line, place in the list, entry) across the files of one list."""
    files, keys = part
    place = 0
    for member in files:
        where = source.where(member)
        for line, entry in iter_entries(source, member, keys):
            yield where, line, place, entry
            place += 1


def _survey(source: ExportSource, parts: list[Part]) -> list[_Survey]:
    surveys = []
    for part in parts:
        survey = _Survey()
        seen: dict[str, list[tuple[int, int]]] = {}
        skipped: dict[str, list[int]] = {}
        for where, line, place, entry in _entries(source, part):
            name = _name(entry, where, place)
            stamp = timestamp_of(entry) or username_of_stamp(entry)
            if name is None:
                skipped.setdefault(where, []).append(line())
                continue
            seen.setdefault(name.casefold(), []).append((stamp or 0, place))
            if stamp is not None and (survey.newest is None or stamp > survey.newest):
                survey.newest = stamp
        survey.shared = {key: sorted(at) for key, at in seen.items() if len(at) > 1}
        who = "friends" if part[1] is FRIEND_KEYS else "followers"
        for where, lines in skipped.items():
            what = f"{who} without a name (deleted accounts?)"
            survey.notes.append(skipped_note(len(lines), what, where, lines))
        surveys.append(survey)
    return surveys


def username_of_stamp(entry: object) -> int | None:
    """The timestamp of an entry in Instagram's layout (split follower files)."""
    if isinstance(entry, dict) and "string_list_data" in entry:
        return username_of(entry, "", 0)[1]
    return None


def _stream(source: ExportSource, parts: list[Part], surveys: list[_Survey]) -> Iterator[Follower]:
    """Friends, then followers, as they are read; the import counts each id once.

    Facebook gives names only, so a name is the id; people sharing a name within a list are
    told apart by when they became friends: the earliest keeps the plain id (as imports before
    this one stored it), the later ones get '#2', '#3'. A friend who also follows you is one."""
    for part, survey in zip(parts, surveys, strict=True):
        for where, _line, place, entry in _entries(source, part):
            name = _name(entry, where, place)
            if name is None:
                continue
            key = name.casefold()
            remote_id = f"name:{key}"
            if key in survey.shared:
                stamp = timestamp_of(entry) or username_of_stamp(entry) or 0
                rank = survey.shared[key].index((stamp, place)) + 1
                remote_id += f"#{rank}" if rank > 1 else ""
            yield Follower(remote_id, name)


def _account(source: ExportSource) -> str | None:
    """The username profile_information.json gives (``profile_v2``, or ``profile`` before)."""
    member = source.find("profile_information.json")
    if member is None:
        return None
    data = load_json(source, member)
    profile = next(
        (data[key] for key in ("profile_v2", "profile") if isinstance(data, dict) and key in data),
        None,
    )
    value = profile.get("username") if isinstance(profile, dict) else None
    name = repair(value).strip() if isinstance(value, str) else ""
    return name.lower() if name and not any(ch.isspace() for ch in name) else None


def read(source: ExportSource) -> Snapshot:
    parts = _parts(source)
    if not parts:
        raise BadExport(source.label, "no friends or followers JSON: not a Facebook download")
    following = None
    for candidate in FOLLOWING_FILES:
        member = source.find(f"followers/{candidate}")
        if member:
            following = sum(1 for _ in iter_entries(source, member, FOLLOWING_KEYS))
            break
    surveys = _survey(source, parts)
    user, named_date = name_parts(source, PLATFORM)
    newest = max((s.newest for s in surveys if s.newest is not None), default=None)
    dating = Dating()
    dating.offer(named_date, "the zip's name")
    dating.offer_unix(newest, "the newest entry")
    dating.offer(source.member_time(parts[0][0][0]), "the file's time")
    observed_at, dated_by = dating.best()
    notes = ["friends and followers are counted together as your Facebook audience"]
    shared = sum(len(at) for survey in surveys for at in survey.shared.values())
    if shared:
        notes.append(f"{shared:,} people share a name with someone else in the list: kept apart")
    return Snapshot(
        platform=PLATFORM,
        observed_at=observed_at,
        dated_by=dated_by,
        source="facebook download",
        account=_account(source) or (user.lower() if user else None),
        following=following,
        follower_stream=lambda: _stream(source, parts, surveys),
        notes=notes + [note for survey in surveys for note in survey.notes],
    )
