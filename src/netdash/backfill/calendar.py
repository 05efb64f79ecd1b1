"""Calendar backfill: past events with other people, from .ics files, a folder of them or a zip.

Google Calendar exports a zip of one .ics per calendar; Apple Calendar, Outlook and
Thunderbird export single .ics files. Each past occurrence of an event with someone else in it
becomes one trace: recurring events are expanded by ``recurring-ical-events`` (RRULE, RDATE,
EXDATE, moved and cancelled occurrences), the times read by ``icalendar``; both are imported
inside :func:`read` only, so that plain CLI start-up does not pay for them (about 70 ms).
Nothing but the title (SUMMARY, kept only if the user opts in) leaves the reader: descriptions
and locations are looked at for a video-meeting link and dropped (:mod:`.calendar_lines`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from netdash.backfill import clock
from netdash.backfill.calendar_lines import (
    MAX_CALENDAR_BYTES,
    VIDEO_MARK,
    Block,
    Head,
    blocks,
    counted,
    shown,
)
from netdash.backfill.calendar_me import Me, find_me
from netdash.backfill.members import sizes
from netdash.domain.evidence import Counterpart, ReadOptions, Tally, Trace
from netdash.importers import limits
from netdash.importers.source import BadExport, ExportSource

SOURCE = "calendar"
CHANNEL = "calendar"
SUFFIXES = (".ics", ".ical", ".icalendar", ".ifb")
"""What a calendar inside a zip or a folder is called; a single file is judged by content."""

MAX_HELD_CHARS = 32 * limits.MIB
"""Recurring events and their exceptions held until the end of their file, to be expanded."""

MAX_SERIES_CHARS = 4 * limits.MIB
"""One series and its exceptions (icalendar holds about ten times the text while it parses):
a real one is a few KB, a few hundred KB for a daily meeting moved every other day for years."""

MAX_OCCURRENCES = 20_000
"""Past occurrences of one series read at most (daily for fifty years); the rest is skipped."""

MAX_ZONES = 1_000
"""VTIMEZONE definitions in one file (real files: a handful)."""

SERVICE_DOMAINS = (
    "calendar.google.com",  # group., resource., import.: calendars and rooms, not people
)
_FINE = re.compile(r"^RRULE[;:].*FREQ=(?:SECONDLY|MINUTELY)", re.IGNORECASE | re.MULTILINE)
_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*BEGIN:VCALENDAR", re.IGNORECASE)


def looks_like(path: Path) -> bool:
    """Whether ``path`` holds an iCalendar file (its first bytes say BEGIN:VCALENDAR)."""
    try:
        with ExportSource(path) as source:
            for member in calendar_members(source)[:5]:
                with source.open(member) as handle:
                    if _START.match(handle.read(4096)):
                        return True
    except Exception:  # looks_like only asks; whatever the file is, the answer is no
        return False
    return False


def read(path: Path, options: ReadOptions, tally: Tally) -> Iterator[Trace]:
    """Every past occurrence of an event with someone besides the user in it, one trace each."""
    import icalendar  # noqa: F401  (imported here: heavy, and only an import needs it)

    zone = clock.user_zone(options)
    with ExportSource(path) as source:
        members = calendar_members(source)
        if not members:
            raise BadExport(str(path), "holds no calendar (.ics) file")
        tally.total = sum(sizes(source, members).values())
        me = find_me(source, members, options, tally)
        reading = _Reading(zone, now_in(zone), me, tally)
        for member in members:
            yield from reading.member(source, member)
        tally.advance(max(tally.done, tally.total))


def calendar_members(source: ExportSource) -> list[str]:
    """The .ics files of a zip or folder, or the one file the user named (whatever its name)."""
    return [
        name
        for name in source.names
        if name.lower().endswith(SUFFIXES) or source.where(name) == source.label
    ]


def now_in(zone: tzinfo | None) -> datetime:
    """Now, aware; with NETDASH_TODAY pinned, the end of that day (all of it has happened)."""
    if os.environ.get("NETDASH_TODAY"):
        from netdash.domain.dates import today

        return clock.wall(datetime.combine(today() + timedelta(days=1), time()), zone)
    return clock.wall(datetime.now(), zone) if zone is None else datetime.now(zone)


class _Reading:
    """One import's state: the user's zone and now, who the user is, what was counted."""

    def __init__(self, zone: tzinfo | None, now: datetime, me: Me, tally: Tally) -> None:
        self.zone = zone
        self.now = now
        self.me = me
        self.tally = tally
        self.base = tally.done
        """What was read before this file (by this pass, and by calendar_me's if it ran)."""

    def member(self, source: ExportSource, member: str) -> Iterator[Trace]:
        """One .ics file: single events as they come, recurring series at its end."""
        where = source.where(member)
        head = Head()
        series: dict[str, list[Block]] = {}
        zones: list[str] = []
        held = 0
        with source.lines(member, MAX_CALENDAR_BYTES) as lines:
            for block in blocks(counted(lines, self.tally, self.base), where, head):
                if block.broken:
                    self.tally.skipped += 1
                elif block.kind == "VTIMEZONE":
                    _learn_zone(block, zones, where)
                elif block.recurring:
                    held += len(block.text)
                    if held > MAX_HELD_CHARS:
                        raise BadExport(f"{where}:{block.line}", "too many recurring events")
                    series.setdefault(block.uid, []).append(block)
                else:
                    yield from self._single(block, head)
        self.base = self.tally.done
        for group in series.values():
            yield from self._series(group, head, zones)

    def _single(self, block: Block, head: Head) -> Iterator[Trace]:
        import icalendar

        try:
            event = icalendar.Event.from_ical(block.text)
            trace = self._trace(event, head)
        except Exception:  # icalendar's errors on a hostile value are many and unlisted
            self.tally.skipped += 1
            return
        if trace is not None:
            yield trace

    def _series(self, group: list[Block], head: Head, zones: list[str]) -> Iterator[Trace]:
        """A recurring event's past occurrences, exceptions and exclusions applied."""
        import icalendar

        too_big = sum(len(block.text) for block in group) > MAX_SERIES_CHARS
        if too_big or any(_FINE.search(block.text) for block in group):
            self.tally.skipped += 1  # no calendar app repeats an event every second or minute
            return
        lines = ["BEGIN:VCALENDAR"]
        if head.zone:
            lines.append(f"X-WR-TIMEZONE:{head.zone}")
        text = "\r\n".join(lines) + "\r\n" + "".join(zones) + "".join(b.text for b in group)
        try:
            calendar = icalendar.Calendar.from_ical(text + "END:VCALENDAR\r\n")
            for event in self._occurrences(calendar):
                trace = self._trace(event, head)
                if trace is not None:
                    yield trace
        except Exception:  # a series icalendar or the expansion cannot read: skipped
            self.tally.skipped += 1

    def _occurrences(self, calendar: Any) -> Iterator[Any]:
        """Occurrences from the series' first year to now, a year at a time: the expansion's
        own lazy iteration re-queries from the start and takes seconds per thousand."""
        import recurring_ical_events  # type: ignore[import-untyped]

        query = recurring_ical_events.of(calendar)
        starts = [getattr(c.get("DTSTART"), "dt", None) for c in calendar.walk("VEVENT")]
        years = [start.year for start in starts if isinstance(start, date)]
        seen: set[str] = set()
        for year in range(max(min(years, default=self.now.year), 1900), self.now.year + 1):
            for event in query.between((year, 1, 1), (year + 1, 1, 1)):
                key = _conversation(event, event.get("DTSTART").dt)
                if key in seen or not self._started(event):
                    continue
                if len(seen) >= MAX_OCCURRENCES:
                    self.tally.skipped += 1
                    return
                seen.add(key)
                yield event

    def _started(self, event: Any) -> bool:
        return bool(self._local(event.get("DTSTART").dt) < self.now)

    def _local(self, moment: date, head_zone: tzinfo | None = None) -> datetime:
        """A start as an aware time in the user's zone; a date is its local midnight, a
        floating time the calendar's zone's (X-WR-TIMEZONE) or else the user's wall clock."""
        if not isinstance(moment, datetime):
            return clock.wall(datetime.combine(moment, time()), self.zone)
        if moment.tzinfo is None and head_zone is None:
            return clock.wall(moment, self.zone)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=head_zone)
        return moment.astimezone(self.zone)

    def _trace(self, event: Any, head: Head) -> Trace | None:
        """The event as a trace, or None when it did not happen or had nobody else in it."""
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            return None
        start = getattr(event.get("DTSTART"), "dt", None)
        if not isinstance(start, date):
            self.tally.skipped += 1
            return None
        floating = _zone_named(head.zone)
        local = self._local(start, floating)
        if local >= self.now:
            return None
        people, from_me, declined = _who(event, self.me)
        if declined or not people:
            return None
        timed = isinstance(start, datetime)
        return Trace(
            channel=CHANNEL,
            conversation=_conversation(event, start),
            on=local.date() if timed else start,
            at=local if timed else None,
            people=people,
            from_me=from_me,
            unit="event",
            minutes=_minutes(event, start) if isinstance(start, datetime) else None,
            video=VIDEO_MARK.partition(":")[0] in event,
            group_size=len(people) + 1,
            title=shown(str(event.get("SUMMARY", "")))[: limits.MAX_TEXT_CHARS],
        )


def _learn_zone(block: Block, zones: list[str], where: str) -> None:
    """Parse a VTIMEZONE so icalendar knows its TZID (a custom Outlook zone) from now on."""
    import icalendar

    if len(zones) >= MAX_ZONES:
        raise BadExport(f"{where}:{block.line}", f"more than {MAX_ZONES} time zones")
    try:
        icalendar.Timezone.from_ical(block.text)
    except Exception:  # a zone icalendar cannot read: its events fall back to floating
        return
    zones.append(block.text)


def _zone_named(name: str) -> tzinfo | None:
    """X-WR-TIMEZONE's zone, which floating times in Google's files are written in."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):
        return None


def _minutes(event: Any, start: datetime) -> float | None:
    """DTEND - DTSTART, or DURATION; None when there is none or it is not positive."""
    end = getattr(event.get("DTEND"), "dt", None)
    if isinstance(end, datetime) and (end.tzinfo is None) == (start.tzinfo is None):
        length = end - start
    else:
        duration = getattr(event.get("DURATION"), "dt", None)
        if not isinstance(duration, timedelta):
            return None
        length = duration
    minutes = length.total_seconds() / 60
    return minutes if minutes > 0 else None


def _conversation(event: Any, start: date) -> str:
    """UID and the occurrence's original start: the same in a newer export of the calendar."""
    original = getattr(event.get("RECURRENCE-ID"), "dt", None)
    stamp = _stamp(original if isinstance(original, date) else start)
    uid = shown(str(event.get("UID", ""))).strip()[: limits.MAX_TEXT_CHARS]
    if not uid:
        who = sorted(str(value) for value in _listed(event.get("ATTENDEE")))
        seed = "\n".join([str(event.get("ORGANIZER", "")), *who])
        uid = "no-uid-" + hashlib.sha256(seed.encode()).hexdigest()[:16]
    return f"{uid}@{stamp}"


def _stamp(moment: date) -> str:
    if not isinstance(moment, datetime):
        return moment.strftime("%Y%m%d")
    if moment.tzinfo is None:
        return moment.strftime("%Y%m%dT%H%M%S")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _listed(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _who(event: Any, me: Me) -> tuple[tuple[Counterpart, ...], bool, bool]:
    """(everyone else who did not decline, whether the user organised it, whether the user
    declined). Rooms, resources and Google's calendar addresses are not people."""
    people: dict[str, Counterpart] = {}
    declined = False
    for attendee in _listed(event.get("ATTENDEE")):
        params = getattr(attendee, "params", {})
        address, name = address_of(attendee), _param(params, "CN")
        refusal = _param(params, "PARTSTAT").upper() == "DECLINED"
        if me.matches(address, name):
            declined = declined or refusal
        elif not refusal and not _is_thing(address, params):
            _add(people, address, name)
    organizer = event.get("ORGANIZER")
    if organizer is None:
        return tuple(people.values()), True, declined
    address = address_of(organizer)
    name = _param(getattr(organizer, "params", {}), "CN")
    if me.matches(address, name):
        return tuple(people.values()), True, declined
    if not _is_thing(address, getattr(organizer, "params", {})):
        _add(people, address, name)
    return tuple(people.values()), False, declined


def address_of(value: object) -> str:
    """The e-mail address of a ``mailto:`` calendar address, lower-cased; "" for any other."""
    text = shown(str(value)).strip()
    if text[:7].lower() != "mailto:":
        return ""
    address = text[7:].strip().lower()
    return address if "@" in address and len(address) <= limits.MAX_ID_CHARS else ""


def _param(params: Any, key: str) -> str:
    value = params.get(key, "") if hasattr(params, "get") else ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return shown(str(value))[: limits.MAX_ID_CHARS]


def _is_thing(address: str, params: Any) -> bool:
    """A room, a resource or a calendar's own address: not someone to log time with."""
    if _param(params, "CUTYPE").upper() in ("RESOURCE", "ROOM"):
        return True
    return address.rpartition("@")[2].endswith(SERVICE_DOMAINS)


def _add(people: dict[str, Counterpart], address: str, name: str) -> None:
    if address:
        people.setdefault(address, Counterpart("email", address, name))
    elif name.strip():
        people.setdefault("\0" + name, Counterpart("name", name, name))
