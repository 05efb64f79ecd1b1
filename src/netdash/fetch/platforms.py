"""Counts and follower lists from Mastodon, Bluesky and GitHub's public endpoints (no login)."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from netdash.config import Config
from netdash.fetch.http import FetchError, get_json
from netdash.store.snapshot import Follower, Snapshot

Getter = Callable[[str], tuple[Any, Any]]
FETCHABLE = ("mastodon", "bluesky", "github")
MAX_PAGES = 2_000
"""A ceiling on pages per account, so a server that never ends its list cannot loop forever."""


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _next_link(headers: Any) -> str | None:
    """The rel="next" URL of an HTTP Link header (Mastodon and GitHub page this way)."""
    link = headers.get("Link") if headers is not None else None
    if not link:
        return None
    for part in link.split(","):
        match = re.search(r'<([^>]+)>\s*;\s*rel="?next"?', part)
        if match:
            return match.group(1)
    return None


def _count(data: Any, key: str, url: str) -> int:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, int) or value < 0:
        raise FetchError(url, f"the answer has no {key} count")
    return value


def fetch_mastodon(handle: str, config: Config, get: Getter, lists: bool) -> Snapshot:
    user, _, server = handle.partition("@")
    if not user or not server:
        raise FetchError(handle, "a Mastodon account is user@server")
    base = config.api["mastodon"] or f"https://{server}"
    url = f"{base}/api/v1/accounts/lookup?acct={urllib.parse.quote(user)}"
    account, _ = get(url)
    snapshot = Snapshot(
        platform="mastodon",
        observed_at=_now(),
        source="mastodon api",
        account=handle,
        followers=_count(account, "followers_count", url),
        following=_count(account, "following_count", url),
    )
    if lists and isinstance(account.get("id"), str):
        followers: list[Follower] = []
        page: str | None = f"{base}/api/v1/accounts/{account['id']}/followers?limit=80"
        for _ in range(MAX_PAGES):
            if page is None:
                break
            data, headers = get(page)
            for item in data if isinstance(data, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    acct = str(item.get("acct") or "")
                    full = acct if "@" in acct else f"{acct}@{server}"
                    followers.append(Follower(item["id"], full.lower() or None))
            page = _next_link(headers)
        snapshot.follower_list = followers
    return snapshot


def fetch_bluesky(handle: str, config: Config, get: Getter, lists: bool) -> Snapshot:
    base = config.api["bluesky"]
    actor = urllib.parse.quote(handle)
    url = f"{base}/xrpc/app.bsky.actor.getProfile?actor={actor}"
    profile, _ = get(url)
    snapshot = Snapshot(
        platform="bluesky",
        observed_at=_now(),
        source="bluesky api",
        account=handle,
        followers=_count(profile, "followersCount", url),
        following=_count(profile, "followsCount", url),
    )
    if lists:
        followers: list[Follower] = []
        cursor: str | None = ""
        for _ in range(MAX_PAGES):
            page = f"{base}/xrpc/app.bsky.graph.getFollowers?actor={actor}&limit=100"
            if cursor:
                page += f"&cursor={urllib.parse.quote(cursor)}"
            data, _ = get(page)
            for item in data.get("followers", []) if isinstance(data, dict) else []:
                if isinstance(item, dict) and isinstance(item.get("did"), str):
                    name = item.get("handle")
                    if not isinstance(name, str) or name == "handle.invalid":
                        name = None  # an unverified handle: the DID is the identity
                    followers.append(Follower(item["did"], name.lower() if name else None))
            cursor = data.get("cursor") if isinstance(data, dict) else None
            if not cursor:  # the last page is the one without a cursor
                break
        snapshot.follower_list = followers
    return snapshot


def fetch_github(handle: str, config: Config, get: Getter, lists: bool) -> Snapshot:
    base = config.api["github"]
    url = f"{base}/users/{urllib.parse.quote(handle)}"
    user, _ = get(url)
    snapshot = Snapshot(
        platform="github",
        observed_at=_now(),
        source="github api",
        account=handle,
        followers=_count(user, "followers", url),
        following=_count(user, "following", url),
    )
    if lists:
        followers: list[Follower] = []
        page: str | None = f"{base}/users/{urllib.parse.quote(handle)}/followers?per_page=100"
        for _ in range(MAX_PAGES):
            if page is None:
                break
            data, headers = get(page)
            for item in data if isinstance(data, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), int):
                    login = item.get("login")
                    followers.append(
                        Follower(str(item["id"]), login.lower() if isinstance(login, str) else None)
                    )
            page = _next_link(headers)
        snapshot.follower_list = followers
    return snapshot


FETCHERS = {"mastodon": fetch_mastodon, "bluesky": fetch_bluesky, "github": fetch_github}


def fetch_account(
    platform: str, handle: str, config: Config, *, lists: bool = True, get: Getter = get_json
) -> Snapshot:
    """One account's counts (and follower list) as of now; FetchError says what went wrong."""
    fetcher = FETCHERS.get(platform)
    if fetcher is None:
        raise FetchError(f"{platform}:{handle}", f"{platform} has no public API netdash reads")
    try:
        return fetcher(handle, config, get, lists)
    except FetchError as error:
        if error.status == 400 and platform == "bluesky":
            text = str(error)
            problem = (
                "the account is suspended (taken down)"
                if "AccountTakedown" in text
                else "the account is deactivated"
                if "AccountDeactivated" in text
                else "no such account"
            )
            raise FetchError(f"bluesky:{handle}", problem) from None
        raise
