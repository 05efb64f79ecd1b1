"""What an export says about the user's audience at one moment."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True)
class Follower:
    """One account following the user: a stable id (kept as text: ids pass 2^53) and a handle."""

    remote_id: str
    handle: str | None


@dataclass(frozen=True)
class Candidate:
    """Someone an export names as a contact (a LinkedIn connection): a person-to-be."""

    remote_id: str
    name: str
    url: str | None = None
    email: str | None = None
    company: str | None = None
    position: str | None = None
    connected_on: str | None = None


@dataclass
class Snapshot:
    """Counts as of ``observed_at``, and the follower list where the export has one."""

    platform: str
    observed_at: str
    source: str
    account: str | None = None
    followers: int | None = None
    following: int | None = None
    follower_list: list[Follower] | None = None
    follower_stream: Callable[[], Iterator[Follower]] | None = None
    """For large lists: followers read from the export as they are written, never all at once."""
    candidates: list[Candidate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dated_by: str = ""
    """Where ``observed_at`` came from, in words ("the manifest", "the newest entry", "the
    file's time"): the import says it, since a file's time is only a last resort."""

    @property
    def has_follower_list(self) -> bool:
        return self.follower_list is not None or self.follower_stream is not None

    def followers_iter(self) -> Iterator[Follower]:
        if self.follower_stream is not None:
            return self.follower_stream()
        return iter(self.follower_list or ())


def iso_from_unix(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_from_zip(date_time: tuple[int, int, int, int, int, int]) -> str:
    return datetime(*date_time, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
