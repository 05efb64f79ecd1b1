"""GET JSON with a timeout, and retries with backoff on 429 and 5xx. Standard library only."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import Message
from typing import Any

from netdash import __version__
from netdash.store.errors import InvalidInput

USER_AGENT = f"netdash/{__version__} (+personal follower counts)"


class FetchError(InvalidInput):
    """A request that failed for a reason the user can act on (not found, offline, refused)."""

    def __init__(self, url: str, problem: str, status: int | None = None) -> None:
        self.status = status
        super().__init__(f"{url}: {problem}")


def get_json(
    url: str,
    *,
    timeout: float = 10.0,
    attempts: int = 4,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[Any, Message]:
    """The decoded JSON body and headers of a 2xx response; FetchError for anything else."""
    delay = 1.0
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(
            url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read()
                headers = response.headers
        except urllib.error.HTTPError as error:
            if error.code == 403 and error.headers.get("x-ratelimit-remaining") == "0":
                raise FetchError(url, _rate_limited(error.headers), 429) from None
            retry = error.code == 429 or error.code >= 500
            if retry and attempt < attempts:
                sleep(_retry_after(error.headers, delay))
                delay *= 2
                continue
            raise FetchError(url, _describe(error), error.code) from None
        except TimeoutError:
            if attempt < attempts:
                sleep(delay)
                delay *= 2
                continue
            raise FetchError(url, f"no answer within {timeout:g} s") from None
        except urllib.error.URLError as error:
            raise FetchError(url, f"cannot connect ({error.reason}); are you offline?") from None
        try:
            return json.loads(body), headers
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise FetchError(url, "the answer is not JSON") from None
    raise AssertionError("unreachable")


def _rate_limited(headers: Message) -> str:
    """GitHub answers 403 when its hourly allowance (60 without a login) is spent."""
    reset = headers.get("x-ratelimit-reset", "")
    if reset.isdigit():
        when = time.strftime("%H:%M", time.localtime(int(reset)))
        return f"rate limited: the hourly allowance is spent; try again after {when}"
    return "rate limited: the hourly allowance is spent; try again later"


def _retry_after(headers: Message, default: float) -> float:
    value = headers.get("Retry-After") if headers else None
    if value and value.strip().isdigit():
        return min(float(value), 60.0)
    return default


def _describe(error: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(error.read() or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError, OSError):
        body = {}
    detail = ""
    if isinstance(body, dict):  # Mastodon says "error", GitHub "message", Bluesky both
        detail = ": ".join(
            str(body[key]) for key in ("error", "message") if isinstance(body.get(key), str)
        )
    reason = {
        401: "this server requires a login for its API",
        404: "no such account",
        429: "rate limited; try again later",
    }.get(error.code, f"the server answered {error.code}")
    return f"{reason}{f' ({detail})' if detail else ''}"
