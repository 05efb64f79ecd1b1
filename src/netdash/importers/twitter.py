"""Twitter / X archive: counts from manifest.js (every part), follower ids from follower*.js;
archives from before the manifest counted from their files, with the username from account.js.
Found by content, so a renamed archive or ``follower (1).js`` is still one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from netdash.domain.dates import stamp_of
from netdash.importers import limits
from netdash.importers.meta import Dating, name_parts, single_member, sniff
from netdash.importers.source import BadExport, ExportSource
from netdash.importers.stream import iter_json_array
from netdash.store.snapshot import Follower, Snapshot

PLATFORM = "twitter"


def looks_like(source: ExportSource) -> bool:
    return any(source.find(name) for name in ("manifest.js", "follower.js")) or bool(
        _renamed(source)
    )


def _renamed(source: ExportSource) -> str | None:
    """A follower list or manifest saved under another name, told by its ``window.`` line."""
    only = single_member(source)
    if only is None:
        return None
    start = sniff(source, only)
    return only if start.startswith(("window.YTD.follower.part", "window.__THAR_CONFIG")) else None


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
    renamed = _renamed(source) if member is None else None
    if renamed and sniff(source, renamed).startswith("window.__THAR_CONFIG"):
        member = renamed
    if member is None:
        return _read_without_manifest(source, renamed)
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
    folder = member.rpartition("/")[0]
    root = folder + "/" if folder else ""  # "data/" as the archive has it, or ""
    following_files = _files(manifest, "following", where)
    snapshot = Snapshot(
        platform=PLATFORM,
        observed_at=_generated_at(generated, where),
        dated_by="the manifest",
        source="twitter archive",
        account=user_name if isinstance(user_name, str) else _username(source, folder),
        followers=_count(follower_files, "follower", where),
        following=_count(following_files, "following", where),
    )
    if isinstance(info, dict) and info.get("isPartialArchive") is True:
        snapshot.notes.append("the archive says it is partial")
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


def _generated_at(text: str, where: str) -> str:
    """``archiveInfo.generationDate`` as the stored stamp. Twitter writes UTC with milliseconds
    and a ``Z``; an offset is honoured, and a time without one (or a bare date) read as UTC.
    Cutting the text at 19 characters instead stored ``2022-10-25Z`` for a bare date, which
    no reader could parse, and moved an offset's time by the offset."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadExport(
            where, f"archiveInfo.generationDate {text!r} is not a date and time"
        ) from None
    return stamp_of(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def _read_without_manifest(source: ExportSource, renamed: str | None) -> Snapshot:
    """Archives from 2019-2020 may lack manifest.js: count the follower parts themselves, and
    take the username from account.js."""
    first = source.find("data/follower.js") or source.find("follower.js") or renamed
    if first is None:
        raise BadExport(
            source.label, "no data/manifest.js or data/follower.js: not a Twitter archive"
        )
    folder = first.rpartition("/")[0]
    parts = [first, *source.glob(folder, "follower-part*.js")]
    following_member = source.find(f"{folder}/following.js" if folder else "following.js")
    following = None
    if following_member:
        with source.open(following_member) as handle:
            where = source.where(following_member)
            following = sum(1 for _ in iter_json_array(handle, where, after="="))
    user, named_date = name_parts(source, PLATFORM)
    dating = Dating()
    dating.offer(named_date, "the zip's name")
    dating.offer(source.member_time(first), "the file's time")
    observed_at, dated_by = dating.best()
    # followers=None with a list: the count is how many different accounts the list holds,
    # counted as the list is written (netdash.store.imports)
    return Snapshot(
        platform=PLATFORM,
        observed_at=observed_at,
        dated_by=dated_by,
        source="twitter archive",
        account=_username(source, folder) or user,
        following=following,
        follower_stream=lambda: _stream_followers(source, parts),
        notes=["no manifest.js: counted the follower files themselves"],
    )


def _username(source: ExportSource, folder: str) -> str | None:
    """account.js's ``account.username``, beside the follower list (None if it has none)."""
    member = source.find(f"{folder}/account.js" if folder else "account.js")
    if member is None:
        return None
    accounts = parse_js(source, member)
    first = accounts[0] if isinstance(accounts, list) and accounts else None
    account = first.get("account") if isinstance(first, dict) else None
    name = account.get("username") if isinstance(account, dict) else None
    if not isinstance(name, str) or not name.strip():
        return None
    if len(name) > limits.MAX_ID_CHARS or "\0" in name or any(ch.isspace() for ch in name.strip()):
        raise BadExport(source.where(member), "account.username is not a username")
    return name.strip()
