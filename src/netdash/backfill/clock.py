"""The user's day for an instant: exports stamp in UTC or epoch, the journal keeps local days.

Shared by every reader, so a message sent at 23:30 in Lisbon lands on the Lisbon day, whatever
zone the export used. The user's zone is the one ``--time-zone`` names, else None: the
machine's own, applied instant by instant with its summer-time rules (``astimezone()``), never
today's fixed offset.
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


LAST_SECOND = 253_402_300_799
"""9999-12-31T23:59:59Z: a timestamp past it is not a date (datetime cannot hold it)."""

MAX_CALL_SECONDS = 7 * 24 * 3600
"""A call said to last longer than a week is a broken field, not a call length."""


def minutes(seconds: int) -> float | None:
    """A call's length in minutes; None for a length no call has (negative, over a week)."""
    return seconds / 60 if 0 <= seconds <= MAX_CALL_SECONDS else None


def from_epoch(seconds: float, zone: tzinfo | None) -> datetime:
    """The instant as an aware datetime in the user's zone. Raises ValueError, OverflowError or
    OSError for an instant no calendar holds; readers skip such a record."""
    if zone is None:
        return datetime.fromtimestamp(seconds).astimezone()
    return datetime.fromtimestamp(seconds, zone)


def moment(seconds: float, zone: tzinfo | None) -> datetime | None:
    """An epoch as the user's wall clock (aware), or None if it is no date at all."""
    if not 0 < seconds <= LAST_SECOND:
        return None
    try:
        return from_epoch(seconds, zone)
    except (OverflowError, OSError, ValueError):
        return None


def wall(naive: datetime, zone: tzinfo | None) -> datetime:
    """A wall-clock time (an event's floating time, a date's midnight) in the user's zone,
    aware; with the machine's zone, that zone's offset on that date."""
    return naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()


def in_zone(moment: datetime, zone: tzinfo | None) -> datetime:
    """An aware or naive (taken as UTC) datetime moved to the user's zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)
