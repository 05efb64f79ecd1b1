"""An account's latest follower count: what ``stats`` and the dashboard's audience read.

Apart from :mod:`netdash.domain.models` (which re-exports it) so that ``stats`` does not build
every person record at import.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AudienceRow:
    """The latest follower data point for one platform account."""

    platform: str
    account: str
    followers: int | None
    following: int | None
    as_of: str
    source: str
    previous_followers: int | None
    previous_as_of: str | None = None
    """When the point a change is measured against was true, and how it came in."""
    previous_source: str | None = None
