"""Twitter / X archive: counts from manifest.js (every part), follower ids from follower*.js."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from netdash.importers import limits
from netdash.importers.source import BadExport, ExportSource
from netdash.importers.stream import iter_json_array
from netdash.store.snapshot import Follower, Snapshot

PLATFORM = "twitter"


def looks_like(source: ExportSource) -> bool:
    return any(source.find(name) for name in ("manifest.js", "follower.js"))


def parse_js(source: ExportSource, member: str) -> Any:
    """``window.X = <json>;``: everything after the first '=', without a trailing ';'.

    Read whole, so at most limits.MAX_DOCUMENT_BYTES (a real manifest.js is a few KB)."""
    text = source.read_text(member)
    head, equals, body = text.partition("=")
    if not equals or not head.strip().startswith("window."):
        raise BadExport(source.where(member), "expected 'window.<name> = …' as the first line")
    body = body.strip().removesuffix(";").strip()
    try:
        return json.loads(body)
    except json.JSONDecodeError as error:
        raise BadExport(
            source.where(member), f"line {error.lineno + head.count(chr(10))}: {error.msg}"
        ) from None
    except RecursionError:
        raise BadExport(source.where(member), "nested too deeply") from None


def _files(manifest: dict[str, Any], data_type: str, where: str) -> list[dict[str, Any]]:
    try:
        files = manifest["dataTypes"][data_type]["files"]
    except (KeyError, TypeError):
        return []
    if not isinstance(files, list) or not all(isinstance(item, dict) for item in files):
        raise BadExport(where, f"dataTypes.{data_type}.files should be a list of objects")
    return files


def _count(files: list[dict[str, Any]], data_type: str, where: str) -> int:
    total = 0
    for index, item in enumerate(files):
        count = item.get("count")
        if not isinstance(count, str | int) or not str(count).isdigit():
            raise BadExport(
                where, f"dataTypes.{data_type}.files[{index}].count should be a number as text"
            )
        total += int(count)
    return total


def read(source: ExportSource) -> Snapshot:
    member = source.find("data/manifest.js") or source.find("manifest.js")
    if member is None:
        return _read_without_manifest(source)
    where = source.where(member)
    manifest = parse_js(source, member)
    if not isinstance(manifest, dict):
        raise BadExport(where, "expected an object after 'window.__THAR_CONFIG ='")
    info = manifest.get("archiveInfo")
    generated = info.get("generationDate") if isinstance(info, dict) else None
    if not isinstance(generated, str) or len(generated) < 10:
        raise BadExport(where, "archiveInfo.generationDate is missing")
    user = manifest.get("userInfo")
    user_name = user.get("userName") if isinstance(user, dict) else None
    if isinstance(user_name, str) and (len(user_name) > limits.MAX_ID_CHARS or "\0" in user_name):
        raise BadExport(where, "userInfo.userName is not a username (too long, or a NUL in it)")
    follower_files = _files(manifest, "follower", where)
    following_files = _files(manifest, "following", where)
    snapshot = Snapshot(
        platform=PLATFORM,
        observed_at=generated[:19] + "Z",
        source="twitter archive",
        account=user_name if isinstance(user_name, str) else None,
        followers=_count(follower_files, "follower", where),
        following=_count(following_files, "following", where),
    )
    if isinstance(info, dict) and info.get("isPartialArchive") is True:
        snapshot.notes.append("the archive says it is partial")
    root = member[: -len("manifest.js")]  # "data/" as the archive has it, or ""
    parts = []
    for item in follower_files:
        name = str(item.get("fileName", ""))
        part = source.find(name) or source.find(root + name.removeprefix("data/"))
        if part is None:
            raise BadExport(where, f"lists {name!r}, which is not in the archive")
        parts.append(part)
    snapshot.follower_list = None
    snapshot.follower_stream = lambda: _stream_followers(source, parts)
    return snapshot


def _stream_followers(source: ExportSource, parts: list[str]) -> Iterator[Follower]:
    """Each part's followers as they are read: a million of them never sit in memory at once."""
    for part in parts:
        where = source.where(part)
        with source.open(part) as handle:
            for index, row in enumerate(iter_json_array(handle, where, after="=")):
                entry = row.get("follower") if isinstance(row, dict) else None
                account_id = entry.get("accountId") if isinstance(entry, dict) else None
                if (
                    not isinstance(account_id, str)
                    or not account_id.isascii()
                    or not account_id.isdigit()
                    or len(account_id) > limits.MAX_ID_CHARS
                ):
                    raise BadExport(
                        where,
                        f"item {index}: expected follower.accountId as digits"
                        f" (at most {limits.MAX_ID_CHARS})",
                    )
                yield Follower(account_id, None)


def _read_without_manifest(source: ExportSource) -> Snapshot:
    """Archives from 2019-2020 may lack manifest.js: count the follower parts themselves."""
    first = source.find("data/follower.js") or source.find("follower.js")
    if first is None:
        raise BadExport(
            source.label, "no data/manifest.js or data/follower.js: not a Twitter archive"
        )
    folder = first[: -len("follower.js")].rstrip("/")
    parts = [first, *source.glob(folder, "follower-part*.js")]
    following_member = source.find(f"{folder}/following.js" if folder else "following.js")
    following = None
    if following_member:
        with source.open(following_member) as handle:
            where = source.where(following_member)
            following = sum(1 for _ in iter_json_array(handle, where, after="="))
    # followers=None with a list: the count is how many different accounts the list holds,
    # counted as the list is written (netdash.store.imports)
    return Snapshot(
        platform=PLATFORM,
        observed_at=source.member_time(first) or "",
        source="twitter archive",
        following=following,
        follower_stream=lambda: _stream_followers(source, parts),
        notes=["no manifest.js: counted the follower files themselves"],
    )
