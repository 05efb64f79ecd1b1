"""Counts and follower lists from Mastodon, Bluesky and GitHub's public endpoints (no login)."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Iterator
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


def _snapshot(platform: str, handle: str, data: Any, url: str, counts: tuple[str, str]) -> Snapshot:
    """A snapshot from a profile answer, whose follower and following counts have these keys."""
    return Snapshot(
        platform=platform,
        observed_at=_now(),
        source=f"{platform} api",
        account=handle,
        followers=_count(data, counts[0], url),
        following=_count(data, counts[1], url),
    )


def _pages_by_link(get: Getter, first: str) -> Iterator[list[Any]]:
    """Each page of a list that pages with the HTTP Link header (Mastodon, GitHub)."""
    page: str | None = first
    for _ in range(MAX_PAGES):
        if page is None:
            return
        data, headers = get(page)
        yield data if isinstance(data, list) else []
        page = _next_link(headers)


def fetch_mastodon(handle: str, config: Config, get: Getter, lists: bool) -> Snapshot:
    user, _, server = handle.partition("@")
    if not user or not server:
        raise FetchError(handle, "a Mastodon account is user@server")
    base = config.api["mastodon"] or f"https://{server}"
    url = f"{base}/api/v1/accounts/lookup?acct={urllib.parse.quote(user)}"
    account, _ = get(url)
    snapshot = _snapshot("mastodon", handle, account, url, ("followers_count", "following_count"))
    if lists and isinstance(account.get("id"), str):
        followers: list[Follower] = []
        first = f"{base}/api/v1/accounts/{account['id']}/followers?limit=80"
        for page in _pages_by_link(get, first):
            for item in page:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    acct = str(item.get("acct") or "")
                    full = acct if "@" in acct else f"{acct}@{server}"  # local accounts
                    followers.append(Follower(item["id"], full.lower() or None))
        snapshot.follower_list = followers
    return snapshot


def fetch_bluesky(handle: str, config: Config, get: Getter, lists: bool) -> Snapshot:
    base = config.api["bluesky"]
    actor = urllib.parse.quote(handle)
    url = f"{base}/xrpc/app.bsky.actor.getProfile?actor={actor}"
    profile, _ = get(url)
    snapshot = _snapshot("bluesky", handle, profile, url, ("followersCount", "followsCount"))
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
    login = urllib.parse.quote(handle)
    url = f"{base}/users/{login}"
    user, _ = get(url)
    snapshot = _snapshot("github", handle, user, url, ("followers", "following"))
    if lists:
        followers: list[Follower] = []
        for page in _pages_by_link(get, f"{base}/users/{login}/followers?per_page=100"):
            for item in page:
                if isinstance(item, dict) and isinstance(item.get("id"), int):
                    name = item.get("login")
                    followers.append(
                        Follower(str(item["id"]), name.lower() if isinstance(name, str) else None)
                    )
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
