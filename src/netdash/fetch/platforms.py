"""Counts and follower lists from Mastodon, Bluesky and GitHub's public endpoints (no login).

Whatever a server answers is checked before it is believed: a count is an int from 0 to
2^63 - 1 (not ``true``, not 10^30), a page of followers holds no more than was asked for, and
ids and handles have sane lengths. Anything else is a bad answer from that server.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from netdash.config import Config
from netdash.fetch.http import Answer, Deadline, FetchError, Limits, get_json
from netdash.store.audience import account_handle
from netdash.store.snapshot import Follower, Snapshot

Getter = Callable[[str], Answer]
FETCHABLE = ("mastodon", "bluesky", "github")
MAX_PAGES = 2_000
"""A ceiling on follower pages per account (160,000 to 200,000 followers): past it, or when the
account's time runs short, the list is cut off and said to be partial."""
MAX_COUNT = 2**63 - 1
MAX_ID = 300
"""Longest id or handle believed: DIDs are about 32 characters, DNS names at most 253."""


class BadAnswer(FetchError):
    """The server answered, but not with what its API promises."""

    def __init__(self, url: str, problem: str) -> None:
        super().__init__(url, f"bad answer: {problem}")


@dataclass
class Fetched:
    """One account's snapshot, and why its follower list stopped early if it did."""

    snapshot: Snapshot
    cut_off: str | None = None
    """Set when the list is partial: the followers not reached are not gone."""
    pages: int = 0


@dataclass
class _Session:
    get: Getter
    deadline: Deadline
    max_pages: int


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _quote(text: str) -> str:
    """``text`` as one segment of an address's path or one value of its query: a "/", "?",
    "#", "&" or "%" in it is percent-quoted, never taken as part of the address."""
    return urllib.parse.quote(text, safe="")


def _show(value: Any) -> str:
    text = "true" if value is True else "false" if value is False else repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _object(data: Any, url: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise BadAnswer(url, f"expected a JSON object, got {type(data).__name__}")
    return data


def _count(data: dict[str, Any], key: str, url: str) -> int:
    if key not in data:
        raise BadAnswer(url, f"no {key}")
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise BadAnswer(url, f"{key} is {_show(value)}, not a count from 0 to 2^63 - 1")
    return value


def _text(value: Any, what: str, url: str) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ID:
        raise BadAnswer(url, f"{what} is {_show(value)}, not a name of 1 to {MAX_ID} characters")
    return value


def _snapshot(platform: str, handle: str, answer: Answer, counts: tuple[str, str]) -> Snapshot:
    """A snapshot from a profile answer, whose follower and following counts have these keys."""
    data = _object(answer.data, answer.url)
    return Snapshot(
        platform=platform,
        observed_at=_now(),
        source=f"{platform} api",
        account=handle,
        followers=_count(data, counts[0], answer.url),
        following=_count(data, counts[1], answer.url),
    )


def _next_link(answer: Answer) -> str | None:
    """The rel="next" URL of an HTTP Link header (Mastodon and GitHub page this way), if it stays
    on the server that answered: a list never leads to another host or to file:."""
    link = answer.headers.get("Link") if answer.headers is not None else None
    if not isinstance(link, str) or not link:
        return None
    for part in link.split(","):
        match = re.search(r'<([^>]+)>\s*;\s*rel="?next"?', part)
        if match:
            try:
                target = urllib.parse.urljoin(answer.url, str(match.group(1)).strip())
                elsewhere = _origin(target) != _origin(answer.url)
            except ValueError:  # <https://[::1>
                raise BadAnswer(answer.url, "the next page is not an address") from None
            if elsewhere:
                raise BadAnswer(answer.url, f"the next page is elsewhere ({target[:100]})")
            return target
    return None


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _page_items(data: Any, url: str, key: str | None, limit: int) -> list[Any]:
    items = _object(data, url).get(key, []) if key else data
    if not isinstance(items, list):
        raise BadAnswer(url, f"the followers are {type(items).__name__}, not a list")
    if len(items) > limit:
        raise BadAnswer(url, f"a page holds {len(items):,} followers, more than the {limit} asked")
    return items


class _Pages:
    """Follower pages until the last, the page cap, or too little time left for another."""

    def __init__(self, session: _Session) -> None:
        self.session = session
        self.count = 0
        self.cut_off: str | None = None

    def more(self) -> bool:
        limits = self.session.deadline.limits
        if self.count >= self.session.max_pages:
            self.cut_off = f"stopped at the cap of {self.session.max_pages:,} pages"
        elif self.count and self.session.deadline.remaining() < limits.request_seconds:
            self.cut_off = f"stopped when the {limits.account_seconds:g} s allowed ran short"
        else:
            self.count += 1
            return True
        return False


def _items_by_link(pages: _Pages, first: str, limit: int) -> Iterator[Any]:
    """Each item of a list that pages with the HTTP Link header (Mastodon, GitHub)."""
    page: str | None = first
    while page is not None and pages.more():
        answer = pages.session.get(page)
        yield from _page_items(answer.data, answer.url, None, limit)
        page = _next_link(answer)


Followers = Callable[[_Pages], Iterator[Follower]]
"""One platform's follower list, read page by page through the shared page budget."""


def _fetched(snapshot: Snapshot, session: _Session, followers: Followers | None) -> Fetched:
    """The snapshot, with its follower list when one is asked for (and why it stopped early)."""
    fetched = Fetched(snapshot)
    if followers is not None:
        pages = _Pages(session)
        snapshot.follower_list = list(followers(pages))
        fetched.cut_off, fetched.pages = pages.cut_off, pages.count
    return fetched


def fetch_mastodon(handle: str, config: Config, session: _Session, lists: bool) -> Fetched:
    user, _, server = handle.partition("@")  # both checked by fetch_account
    base = config.api["mastodon"] or f"https://{server}"
    url = f"{base}/api/v1/accounts/lookup?acct={_quote(user)}"
    answer = session.get(url)
    snapshot = _snapshot("mastodon", handle, answer, ("followers_count", "following_count"))

    def followers(pages: _Pages) -> Iterator[Follower]:
        account_id = _text(answer.data.get("id"), "id", answer.url)
        first = f"{base}/api/v1/accounts/{_quote(account_id)}/followers?limit=80"
        for item in _items_by_link(pages, first, 80):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                remote_id = _text(item["id"], "a follower's id", first)
                acct = _text(item.get("acct"), "a follower's acct", first)
                full = acct if "@" in acct else f"{acct}@{server}"  # local accounts
                yield Follower(remote_id, full.lower())

    return _fetched(snapshot, session, followers if lists else None)


def fetch_bluesky(handle: str, config: Config, session: _Session, lists: bool) -> Fetched:
    base = config.api["bluesky"]
    actor = _quote(handle)
    url = f"{base}/xrpc/app.bsky.actor.getProfile?actor={actor}"
    snapshot = _snapshot("bluesky", handle, session.get(url), ("followersCount", "followsCount"))

    def followers(pages: _Pages) -> Iterator[Follower]:
        cursor = ""
        while pages.more():
            page = f"{base}/xrpc/app.bsky.graph.getFollowers?actor={actor}&limit=100"
            if cursor:
                page += f"&cursor={_quote(cursor)}"
            answer = session.get(page)
            for item in _page_items(answer.data, answer.url, "followers", 100):
                if isinstance(item, dict) and isinstance(item.get("did"), str):
                    did = _text(item["did"], "a follower's did", answer.url)
                    name = item.get("handle")
                    if not isinstance(name, str) or name == "handle.invalid":
                        name = None  # an unverified handle: the DID is the identity
                    else:
                        name = _text(name, "a follower's handle", answer.url).lower()
                    yield Follower(did, name)
            next_cursor = answer.data.get("cursor")
            if next_cursor is None or next_cursor == "":  # the last page has no cursor
                break
            cursor = _text(next_cursor, "the cursor", answer.url)

    return _fetched(snapshot, session, followers if lists else None)


def fetch_github(handle: str, config: Config, session: _Session, lists: bool) -> Fetched:
    base = config.api["github"]
    login = _quote(handle)
    url = f"{base}/users/{login}"
    snapshot = _snapshot("github", handle, session.get(url), ("followers", "following"))

    def followers(pages: _Pages) -> Iterator[Follower]:
        first = f"{base}/users/{login}/followers?per_page=100"
        for item in _items_by_link(pages, first, 100):
            if isinstance(item, dict) and "id" in item:
                remote_id = _count(item, "id", first)
                name = _text(item.get("login"), "a follower's login", first)
                yield Follower(str(remote_id), name.lower())

    return _fetched(snapshot, session, followers if lists else None)


FETCHERS = {"mastodon": fetch_mastodon, "bluesky": fetch_bluesky, "github": fetch_github}


def fetch_account(
    platform: str,
    handle: str,
    config: Config,
    *,
    lists: bool = True,
    limits: Limits | None = None,
    deadline: Deadline | None = None,
    get: Callable[..., Answer] = get_json,
) -> Fetched:
    """One account's counts (and follower list) as of now, within ``limits`` (from now, unless
    a ``deadline`` is given); FetchError (one line) for anything that went wrong, whatever the
    server did, and InvalidInput for a handle that cannot be an account on ``platform``."""
    fetcher = FETCHERS.get(platform)
    if fetcher is None:
        raise FetchError(f"{platform}:{handle}", f"{platform} has no public API netdash reads")
    account_handle(platform, handle)  # stored by an older netdash, or by a manual count: the
    # syntax `netdash accounts add` checks, checked again before it goes into an address
    deadline = deadline or Deadline(limits or Limits())
    session = _Session(lambda url: get(url, deadline=deadline), deadline, MAX_PAGES)
    try:
        return fetcher(handle, config, session, lists)
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
