"""GET JSON over HTTP(S), bounded in time and size whatever the server does. Standard library only.

A socket timeout bounds each read, not a response: a server that drips one byte a second never
trips it. So every request runs on a worker thread that the caller waits for only until its
deadline, and every account has a deadline of its own across all its requests and retries.
Bodies are read in pieces and refused past a size cap. Every way a server can fail (refused,
reset, closed mid-body, a bad status line, a body too large, not JSON) becomes a FetchError
whose message is one line.
"""

from __future__ import annotations

import http.client
import json
import re
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import Any, NamedTuple

from netdash import __version__
from netdash.domain.errors import InvalidInput
from netdash.inert import inert_line

USER_AGENT = f"netdash/{__version__} (+personal follower counts)"
MIB = 1024 * 1024
MAX_REDIRECTS = 5
_PIECE = 64 * 1024


class FetchError(InvalidInput):
    """A request that failed for a reason the user can act on (not found, offline, refused)."""

    def __init__(self, url: str, problem: str, status: int | None = None) -> None:
        self.status = status
        super().__init__(inert_line(f"{url}: {problem}"))


class _Retryable(FetchError):
    """A failure that may pass: a timeout, a dropped connection, 429, a 5xx."""

    def __init__(
        self, url: str, problem: str, status: int | None = None, wait: float | None = None
    ) -> None:
        self.wait = wait
        super().__init__(url, problem, status)


@dataclass(frozen=True)
class Limits:
    """What one account may cost, so a slow, broken or hostile server cannot hang `fetch`."""

    account_seconds: float = 300.0
    """Everything for one account (count, follower pages, retries and their waits)."""
    request_seconds: float = 30.0
    """One response, from connecting to its last byte; follower paging stops (the list then
    partial) when less than this is left of the account's time."""
    max_bytes: int = 8 * MIB
    """One response body."""

    @classmethod
    def within(cls, seconds: float) -> Limits:
        """Limits for an account deadline of ``seconds`` (a request gets at most half of it)."""
        return cls(account_seconds=seconds, request_seconds=min(cls.request_seconds, seconds / 2))


class Deadline:
    """The moment an account's time is up, from its start."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._end = clock() + limits.account_seconds

    def remaining(self) -> float:
        return self._end - self._clock()


class Answer(NamedTuple):
    data: Any
    headers: Message
    url: str
    """Where the answer came from, after redirects."""


def get_json(
    url: str,
    *,
    limits: Limits | None = None,
    deadline: Deadline | None = None,
    timeout: float | None = None,
    attempts: int = 4,
    sleep: Callable[[float], None] = time.sleep,
) -> Answer:
    """The decoded JSON body of a 2xx answer; FetchError for anything else.

    ``timeout`` bounds each attempt as a whole (default ``limits.request_seconds``); 429, 5xx,
    timeouts and dropped connections are tried again with backoff while the deadline allows.
    """
    check_url(url)  # a bad address fails here, once, not as each retry
    limits = limits or (deadline.limits if deadline else Limits())
    deadline = deadline or Deadline(limits)
    per_request = timeout if timeout is not None else limits.request_seconds
    delay = 1.0
    for attempt in range(1, attempts + 1):
        allowed = min(per_request, deadline.remaining())
        if allowed <= 0:
            raise FetchError(url, f"gave up: the {_secs(limits.account_seconds)} s allowed ran out")
        try:
            status, headers, body, final = _request(url, allowed, limits.max_bytes)
        except _Retryable as error:
            wait = error.wait if error.wait is not None else delay
            if attempt < attempts and wait < deadline.remaining() - 0.05:
                sleep(wait)
                delay *= 2
                continue
            raise
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # bad JSON, bad UTF-8, 5,000-digit numbers, [[[[…
            raise FetchError(url, "the answer is not JSON", status) from None
        return Answer(data, headers, final)
    raise AssertionError("unreachable")


def _request(url: str, seconds: float, max_bytes: int) -> tuple[int, Message, bytes, str]:
    """One 2xx answer (redirects followed) within ``seconds``, or FetchError."""
    outcome: list[tuple[int, Message, bytes, str] | BaseException] = []
    done, abandoned = threading.Event(), threading.Event()

    def work() -> None:
        try:
            outcome.append(_follow(url, seconds, max_bytes, abandoned))
        except BaseException as error:  # handed to the waiting thread, which re-raises it
            outcome.append(error)
        finally:
            done.set()

    threading.Thread(target=work, name="netdash-fetch", daemon=True).start()
    if not done.wait(seconds):
        abandoned.set()  # the worker stops at its next read; it holds only its own socket
        raise _Retryable(url, f"no complete answer within {_secs(seconds)} s")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _follow(
    url: str, seconds: float, max_bytes: int, abandoned: threading.Event
) -> tuple[int, Message, bytes, str]:
    for _ in range(MAX_REDIRECTS + 1):
        status, headers, body = _exchange(url, seconds, max_bytes, abandoned)
        if status in (301, 302, 303, 307, 308) and headers.get("Location"):
            url = redirect_target(url, headers["Location"])
            continue
        if 200 <= status < 300:
            return status, headers, body, url
        raise _status_error(url, status, headers, body)
    raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")


def check_url(url: str) -> str:
    """``url`` if it is an http or https address with a host; FetchError (one line) for
    anything else, as ``urlsplit`` would raise ValueError for (``https://[::1``)."""
    try:
        parts = urllib.parse.urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number from 0 to 65535
    except ValueError as error:
        raise FetchError(url[:200], f"not a valid address ({error})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url[:200], "not an http or https address")
    return url


def redirect_target(current: str, location: str) -> str:
    """An absolute http(s) URL for ``location``, never from https down to http."""
    try:
        target = urllib.parse.urljoin(current, location.strip())
    except ValueError:  # Location: https://[::1
        raise FetchError(current, f"refused a redirect to {location[:200]}") from None
    try:
        scheme = urllib.parse.urlsplit(check_url(target)).scheme
    except FetchError:
        scheme = ""
    if scheme not in ("http", "https") or (
        urllib.parse.urlsplit(current).scheme == "https" and scheme != "https"
    ):
        raise FetchError(current, f"refused a redirect to {target[:200]}")
    return target


def _exchange(
    url: str, seconds: float, max_bytes: int, abandoned: threading.Event
) -> tuple[int, Message, bytes]:
    """One request and its answer; ``url`` was checked by get_json or redirect_target."""
    try:
        request = urllib.request.Request(
            url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
        )
        with _opener().open(request, timeout=seconds) as response:
            return response.status, response.headers, _read(response, url, max_bytes, abandoned)
    except FetchError:
        raise
    except http.client.RemoteDisconnected:  # before the status line: also a ConnectionError
        raise _Retryable(url, "the server closed the connection without answering") from None
    except http.client.IncompleteRead as error:
        raise _Retryable(
            url, f"the answer was cut off after {len(error.partial):,} bytes"
        ) from None
    except http.client.LineTooLong:
        raise FetchError(url, "not an HTTP answer (a line too long)") from None
    except http.client.HTTPException as error:  # BadStatusLine, too many headers, …
        raise FetchError(url, f"not an HTTP answer ({type(error).__name__})") from None
    except urllib.error.URLError as error:  # connecting failed; not an HTTPError, no processor
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise _Retryable(url, f"no answer within {_secs(seconds)} s") from None
        if isinstance(reason, ssl.SSLCertVerificationError):
            raise FetchError(
                url, f"its certificate is not valid ({reason.verify_message})"
            ) from None
        raise FetchError(url, f"cannot connect ({reason}); are you offline?") from None
    except TimeoutError:
        raise _Retryable(url, f"no complete answer within {_secs(seconds)} s") from None
    except ConnectionError as error:  # reset or broken mid-answer
        raise _Retryable(url, f"the connection broke ({error.strerror or error})") from None
    except (OSError, ValueError) as error:  # TLS failures, a bad address or port
        raise FetchError(url, f"the request failed ({error})") from None


def _read(
    response: http.client.HTTPResponse, url: str, max_bytes: int, abandoned: threading.Event
) -> bytes:
    """The body, piece by piece: past ``max_bytes`` it is refused, not buffered."""
    too_large = f"the answer is larger than {max_bytes / MIB:.3g} MiB"
    declared = response.headers.get("Content-Length", "").strip()
    length = int(declared) if re.fullmatch(r"[0-9]{1,18}", declared) else None
    if length is not None and length > max_bytes:
        raise FetchError(url, too_large)
    pieces: list[bytes] = []
    size = 0
    while not abandoned.is_set():
        piece = response.read1(_PIECE)  # what has arrived, not a full 64 KiB: a drip ends here
        if not piece:
            if length is not None and size < length:  # read1 returns b"" on an early close
                raise http.client.IncompleteRead(b"".join(pieces), length - size)
            return b"".join(pieces)
        size += len(piece)
        if size > max_bytes:
            raise FetchError(url, too_large)
        pieces.append(piece)
    raise FetchError(url, "abandoned")  # nobody waits for this answer any more


_OPENER: urllib.request.OpenerDirector | None = None


def _opener() -> urllib.request.OpenerDirector:
    """HTTP and HTTPS only (no file:, ftp: or data:), proxies from the environment, and every
    status handed back as it is: redirects and errors are handled here, their bodies capped."""
    global _OPENER
    if _OPENER is None:
        opener = urllib.request.OpenerDirector()
        for handler in (
            urllib.request.ProxyHandler(),
            urllib.request.HTTPHandler(),
            urllib.request.HTTPSHandler(context=ssl.create_default_context()),
        ):
            opener.add_handler(handler)
        _OPENER = opener
    return _OPENER


def _secs(seconds: float) -> str:
    return f"{seconds:.1f}".removesuffix(".0")


def _status_error(url: str, status: int, headers: Message, body: bytes) -> FetchError:
    if status == 403 and headers.get("x-ratelimit-remaining") == "0":
        return FetchError(url, _rate_limited(headers), 429)
    if status == 429 or status >= 500:
        return _Retryable(url, _describe(status, body), status, _retry_after(headers))
    return FetchError(url, _describe(status, body), status)


def _rate_limited(headers: Message) -> str:
    """GitHub answers 403 when its hourly allowance (60 without a login) is spent."""
    reset = headers.get("x-ratelimit-reset", "").strip()
    if re.fullmatch(r"[0-9]{1,11}", reset):
        try:
            when = time.strftime("%H:%M", time.localtime(int(reset)))
        except (OverflowError, OSError, ValueError):
            pass
        else:
            return f"rate limited: the hourly allowance is spent; try again after {when}"
    return "rate limited: the hourly allowance is spent; try again later"


def _retry_after(headers: Message) -> float | None:
    value = (headers.get("Retry-After") or "").strip()
    if re.fullmatch(r"[0-9]{1,9}", value):
        return min(float(value), 60.0)
    return None


def _describe(status: int, body: bytes) -> str:
    try:
        document = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        document = {}
    detail = ""
    if isinstance(document, dict):  # Mastodon says "error", GitHub "message", Bluesky both
        detail = ": ".join(
            str(document[key]) for key in ("error", "message") if isinstance(document.get(key), str)
        )[:200]
    reason = {
        401: "this server requires a login for its API",
        404: "no such account",
        429: "rate limited; try again later",
    }.get(status, f"the server answered {status}")
    return f"{reason}{f' ({detail})' if detail else ''}"
