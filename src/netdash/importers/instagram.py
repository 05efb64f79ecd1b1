"""Instagram data download (JSON): every followers_N.json, both the 2021 and current layouts,
found by name in a download or by content in a file the browser renamed."""

from __future__ import annotations

from collections.abc import Iterator

from netdash.importers.meta import (
    Dating,
    first_key,
    iter_entries,
    load_json,
    name_parts,
    repair,
    single_member,
    skipped_note,
    sniff,
    username_of,
)
from netdash.importers.source import BadExport, ExportSource
from netdash.store.snapshot import Follower, Snapshot

PLATFORM = "instagram"
FOLLOWER_KEYS = ("relationships_followers",)


def _follower_files(source: ExportSource) -> list[str]:
    # in their folder, or handed over on their own
    current = source.glob("followers_and_following", "followers_*.json") or source.glob(
        "", "followers_*.json"
    )
    if current:
        return current
    legacy = source.find("followers_and_following/followers.json")
    if legacy:
        return [legacy]
    only = single_member(source)
    return [only] if only and _holds_followers(sniff(source, only)) else []


def _holds_followers(text: str) -> bool:
    """A followers file saved under another name: Instagram's entries, or the 2021 object."""
    if text.startswith("["):
        return '"string_list_data"' in text and "instagram.com/" in text
    return first_key(text) in FOLLOWER_KEYS


def looks_like(source: ExportSource) -> bool:
    return bool(_follower_files(source))


def _stream(source: ExportSource, files: list[str]) -> Iterator[Follower]:
    """Each follower as it is read; the import counts each account once."""
    for member in files:
        where = source.where(member)
        for index, (_line, entry) in enumerate(iter_entries(source, member, FOLLOWER_KEYS)):
            name = username_of(entry, where, index)[0]
            if name is not None:
                yield Follower(name.lower(), name.lower())


def _survey(source: ExportSource, files: list[str]) -> tuple[int | None, list[str]]:
    """The newest follower's timestamp, and notes on entries that name nobody: read once
    before the import, since both must be said before the list is written."""
    newest: int | None = None
    notes = []
    for member in files:
        where = source.where(member)
        skipped = []
        for index, (line, entry) in enumerate(iter_entries(source, member, FOLLOWER_KEYS)):
            name, stamp = username_of(entry, where, index)
            if name is None:
                skipped.append(line())
            elif stamp is not None and (newest is None or stamp > newest):
                newest = stamp
        if skipped:
            what = "followers without a username (deleted accounts?)"
            notes.append(skipped_note(len(skipped), what, where, skipped))
    return newest, notes


def _account(source: ExportSource) -> str | None:
    """The username personal_information.json gives (both of its eras' paths)."""
    member = source.find("personal_information.json")
    if member is None:
        return None
    data = load_json(source, member)
    users = data.get("profile_user") if isinstance(data, dict) else None
    user = users[0] if isinstance(users, list) and users else None
    fields = user.get("string_map_data") if isinstance(user, dict) else None
    entry = fields.get("Username") if isinstance(fields, dict) else None
    value = entry.get("value") if isinstance(entry, dict) else None
    name = repair(value).strip().lstrip("@") if isinstance(value, str) else ""
    return name.lower() if name and not any(ch.isspace() for ch in name) else None


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
    user, named_date = name_parts(source, PLATFORM)
    newest, notes = _survey(source, files)
    dating = Dating()
    dating.offer(named_date, "the zip's name")
    dating.offer_unix(newest, "the newest entry")
    dating.offer(source.member_time(files[0]), "the file's time")
    observed_at, dated_by = dating.best()
    return Snapshot(
        platform=PLATFORM,
        observed_at=observed_at,
        dated_by=dated_by,
        source="instagram download",
        account=_account(source) or (user.lower() if user else None),
        following=following,
        follower_stream=lambda: _stream(source, files),
        notes=notes,
    )
