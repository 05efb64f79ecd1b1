"""An iCalendar file cut into its events and time zones, one at a time, without their content.

A Google calendar can be tens of megabytes; icalendar parses a whole calendar into memory. So
the file is read line by line here, unfolded, checked (BEGIN/END pairs, content lines) and cut
into one block of text per VEVENT and VTIMEZONE, which icalendar then parses alone. An event
keeps only the properties the journal needs: its description, location, URL and conference
lines are looked at for a video-meeting link and dropped, so no content is ever held.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from netdash.domain.evidence import Tally
from netdash.importers.source import BadExport

MAX_CALENDAR_BYTES = 2 << 30
"""One .ics file; Google's largest real calendars are tens of megabytes."""

PROGRESS_EVERY = 1 << 20
"""Characters read between two reports to the progress bar."""

KEPT = frozenset(
    "UID DTSTART DTEND DURATION RRULE RDATE EXDATE RECURRENCE-ID STATUS SUMMARY ORGANIZER"
    " ATTENDEE".split()
)
"""What an event keeps: when, how it recurs, whether it happened, who, and its title."""

SCANNED = frozenset(
    "LOCATION DESCRIPTION URL CONFERENCE X-GOOGLE-CONFERENCE X-ALT-DESC"
    " X-MICROSOFT-SKYPETEAMSMEETINGURL X-MICROSOFT-ONLINEMEETINGCONFLINK".split()
)
"""Where a video-meeting link may be; read for the link, never kept."""

VIDEO = re.compile(
    r"meet\.google\.com/|(?:^|[/.@])zoom\.us/|zoomgov\.com/|teams\.microsoft\.com/|teams\.live\.com/"
    r"|meet\.jit\.si/|jitsi|webex\.com/",
    re.IGNORECASE,
)
"""Google Meet, Zoom, Microsoft Teams, Jitsi and Webex meeting links."""

VIDEO_MARK = "X-NETDASH-VIDEO:1"
"""Put into an event's block when a link was found (the line it was on is dropped)."""

MAX_VALUE_CHARS = 64 * 1024
"""A logical line longer than this is read past (an inline attachment, a huge description)."""

MAX_BLOCK_CHARS = 4 * 1024 * 1024
"""An event or time zone larger than this (a million attendees) is skipped, not held."""

HIDE = {code: 0x10FF00 + code for code in (*range(0x20), 0x7F) if code != 0x09}
"""Control characters (a name's terminal escapes) stand in for themselves as private-use ones
while icalendar reads a line, which it would drop whole; :func:`shown` puts them back."""
_SHOW = {hidden: code for code, hidden in HIDE.items()}


def shown(text: str) -> str:
    """A value as the file wrote it, control characters included (the display strips them)."""
    return text.translate(_SHOW)


MAX_DEPTH = 20
"""Components inside components: a real calendar nests three deep (a time zone's rules)."""

_NAME = re.compile(r"[A-Za-z0-9-]+(?=[;:])")


@dataclass
class Head:
    """The calendar's own properties that say whose it is and in which zone it was written."""

    name: str = ""
    """X-WR-CALNAME: Google names a person's primary calendar by their e-mail address."""
    zone: str = ""
    """X-WR-TIMEZONE."""


@dataclass
class Block:
    """One VEVENT or VTIMEZONE as text icalendar can parse, and where it began."""

    kind: str
    line: int
    text: str = ""
    uid: str = ""
    recurring: bool = False
    """An RRULE, RDATE or RECURRENCE-ID: it must be expanded with its series' other blocks."""
    broken: bool = False
    """Too large, or a kept value too long: skipped and counted, not read."""
    parts: list[str] = field(default_factory=list)
    size: int = 0


def counted(lines: Iterator[tuple[int, str]], tally: Tally, base: int) -> Iterator[tuple[int, str]]:
    """The lines, telling the tally how far the import has read (``base`` before this file)."""
    done = 0
    mark = PROGRESS_EVERY
    for number, line in lines:
        done += len(line)
        if done >= mark:
            tally.advance(base + done)
            mark = done + PROGRESS_EVERY
        yield number, line
    tally.advance(base + done)


def logical_lines(lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str, bool]]:
    """(first line number, unfolded content line, cut short) for each content line; blank lines
    are passed over. A line past MAX_VALUE_CHARS is cut there (the rest is read and dropped)."""
    start = 0
    pieces: list[str] = []
    size = 0
    cut = False
    for number, raw in lines:
        text = raw.rstrip("\r\n")
        if text[:1] in (" ", "\t") and pieces:
            if size < MAX_VALUE_CHARS:
                pieces.append(text[1:])
                size += len(text) - 1
            else:
                cut = True
            continue
        if pieces:
            yield start, "".join(pieces)[:MAX_VALUE_CHARS], cut or size > MAX_VALUE_CHARS
        pieces, size, cut = [], 0, False
        if text.strip():
            start, pieces, size = number, [text], len(text)
    if pieces:
        yield start, "".join(pieces)[:MAX_VALUE_CHARS], cut or size > MAX_VALUE_CHARS


def blocks(lines: Iterator[tuple[int, str]], where: str, head: Head) -> Iterator[Block]:
    """The file's VEVENT and VTIMEZONE blocks in order, filling ``head`` as it is read; raises
    BadExport naming the line for a file that is not iCalendar or is broken."""
    stack: list[tuple[str, int]] = []
    block: Block | None = None
    seen = False
    for number, line, cut in logical_lines(lines):
        name = _check(line, number, where, seen=seen)
        seen = True
        value = line.partition(":")[2].strip()
        if name == "BEGIN":
            kind = value.upper()
            if not stack and kind != "VCALENDAR":
                raise BadExport(f"{where}:{number}", f"BEGIN:{value} outside a VCALENDAR")
            if len(stack) >= MAX_DEPTH:
                raise BadExport(f"{where}:{number}", f"components nested over {MAX_DEPTH} deep")
            stack.append((kind, number))
            if len(stack) == 2 and kind in ("VEVENT", "VTIMEZONE"):
                block = Block(kind, number)
                continue
            if block is not None and len(stack) > 2 and block.kind == "VEVENT":
                continue  # an event's alarms: not what happened
        elif name == "END":
            _close(stack, value.upper(), number, where)
            if block is not None and not stack[1:]:
                _add(block, line)
                yield _finish(block)
                block = None
                continue
        elif not stack:
            raise BadExport(f"{where}:{number}", f"{name} outside a VCALENDAR")
        elif len(stack) == 1:
            _head(head, name, value)
            continue
        if block is not None and (block.kind == "VTIMEZONE" or len(stack) == 2):
            _keep(block, name, line, cut)
    if stack:
        kind, number = stack[-1]
        raise BadExport(f"{where}:{number}", f"BEGIN:{kind} is never ended (a cut-off file?)")
    if not seen:
        raise BadExport(f"{where}:1", "empty, not an iCalendar file")


def _check(line: str, number: int, where: str, *, seen: bool) -> str:
    found = _NAME.match(line)
    if found is None:
        if not seen:
            raise BadExport(f"{where}:{number}", "not an iCalendar file (no BEGIN:VCALENDAR)")
        raise BadExport(f"{where}:{number}", "not an iCalendar content line (NAME:value)")
    name = found.group().upper()
    if not seen and (name != "BEGIN" or line.partition(":")[2].strip().upper() != "VCALENDAR"):
        raise BadExport(f"{where}:{number}", "not an iCalendar file (no BEGIN:VCALENDAR)")
    return name


def _close(stack: list[tuple[str, int]], kind: str, number: int, where: str) -> None:
    if not stack:
        raise BadExport(f"{where}:{number}", f"END:{kind} without its BEGIN")
    opened, began = stack.pop()
    if opened != kind:
        raise BadExport(f"{where}:{number}", f"END:{kind} closes BEGIN:{opened} of line {began}")


def _head(head: Head, name: str, value: str) -> None:
    if name == "X-WR-CALNAME" and not head.name:
        head.name = value[:200]
    elif name == "X-WR-TIMEZONE" and not head.zone:
        head.zone = value[:200]


def _keep(block: Block, name: str, line: str, cut: bool) -> None:
    """Keep a line the journal needs, note a video link, drop everything else."""
    if block.kind == "VEVENT":
        if name in SCANNED:
            if VIDEO.search(line) and VIDEO_MARK not in block.parts:
                _add(block, VIDEO_MARK)
            return
        if name not in KEPT:
            return
        if name in ("RRULE", "RDATE", "RECURRENCE-ID"):
            block.recurring = True
            if name == "RRULE":  # Exchange writes BYDAY=MO, TU, which no parser reads
                line = line.replace(", ", ",")
        elif name == "UID":
            block.uid = line.partition(":")[2].strip()
    if cut:
        block.broken = True
        return
    _add(block, line.translate(HIDE))


def _add(block: Block, line: str) -> None:
    if block.broken:
        return
    block.size += len(line) + 2
    if block.size > MAX_BLOCK_CHARS:
        block.broken = True
        block.parts = []
        return
    block.parts.append(line)


def _finish(block: Block) -> Block:
    if not block.broken:
        block.parts.insert(0, f"BEGIN:{block.kind}")
        block.text = "\r\n".join(block.parts) + "\r\n"
    block.parts = []
    return block
