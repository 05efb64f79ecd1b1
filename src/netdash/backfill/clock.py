"""The user's day for an instant: exports stamp in UTC or epoch, the journal keeps local days.

Shared by the readers whose timestamps carry a zone (epoch milliseconds, a mail's Date header),
so a message sent at 23:30 in Lisbon lands on the Lisbon day, whatever zone the export used.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from netdash.domain.evidence import ReadOptions
from netdash.importers.source import BadExport


def user_zone(options: ReadOptions) -> tzinfo | None:
    """The zone named by ``options.time_zone``; None for the machine's own (its rules, DST
    included, are applied instant by instant)."""
    name = options.time_zone
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise BadExport(
            "--time-zone", f"{name!r} is not a known time zone (try Europe/Lisbon)"
        ) from None


def from_epoch(seconds: float, zone: tzinfo | None) -> datetime:
    """The instant as an aware datetime in the user's zone. Raises ValueError, OverflowError or
    OSError for an instant no calendar holds; readers skip such a record."""
    if zone is None:
        return datetime.fromtimestamp(seconds).astimezone()
    return datetime.fromtimestamp(seconds, zone)


def in_zone(moment: datetime, zone: tzinfo | None) -> datetime:
    """An aware or naive (taken as UTC) datetime moved to the user's zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)
