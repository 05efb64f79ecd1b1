"""The line grammar of WhatsApp's "Export chat" text: timestamps, senders, system lines.

Every layout the apps have written starts a message with its local date and time, then the
sender and ``: ``; a line without that start continues the message above it. What varies is
the punctuation around it, by phone (Android ``31/12/25, 21:41 - Ana: hi``, iOS
``[31/12/2025, 21:41:05] Ana: hi``) and by the phone's language (the date's order and
separator, a 12- or 24-hour clock, ``PM``/``p. m.``, a narrow no-break space before it).
Only the shape is read here: a message's text is matched over, never kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Kind = Literal["message", "system", "deleted"]

_SPACE = "[ \u00a0\u202f]"
STAMP = re.compile(
    r"(?P<open>\[)?"
    r"(?P<a>\d{1,4})(?P<sep>[./-]) ?(?P<b>\d{1,2})(?P=sep) ?(?P<c>\d{1,4})\.?"
    r",?" + _SPACE + r"(?:[^\W\d]{1,4}" + _SPACE + r")?"  # fi "klo", fr "à"
    r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?"
    r"(?:" + _SPACE + r"?(?P<ampm>[AaPp]\.?" + _SPACE + r"?[Mm]\.?))?"
    r"(?(open)\]" + _SPACE + r"|" + _SPACE + r"[-\u2013]" + _SPACE + ")"
)
"""A message's start: the date as three numbers, the time, then ``] `` (iOS) or `` - ``."""

MARKS = "\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""A BOM and the direction marks WhatsApp puts around names, numbers and iOS system lines."""

_OMITTED = re.compile(
    r"^<|omitted|weggelassen|omitid|omis|ocultad|absent|omess|ausgelassen", re.IGNORECASE
)
"""An iOS attachment (``‎image omitted``, ``‎<attached: 0001-PHOTO.jpg>``), in several languages:
a message that carried a file is still a message."""

_DELETED = re.compile(
    r"^(?:this message was deleted|you deleted this message|diese nachricht wurde gelöscht"
    r"|du hast diese nachricht gelöscht|se eliminó este mensaje|eliminaste este mensaje"
    r"|ce message a été supprimé|vous avez supprimé ce message|mensagem apagada"
    r"|você apagou esta mensagem|essa mensagem foi apagada)\.?$",
    re.IGNORECASE,
)
"""A message its sender took back: it no longer exists, so it is no contact to count."""

_NOTICE = re.compile(r"encrypt|verschlüssel|cifrad|chiffr|criptograf|crittograf|versleutel", re.I)
"""The end-to-end notice iOS writes first, in the chat's name (``Ana Souza: ‎Messages and calls
are end-to-end encrypted``): it names a chat whose file was renamed."""

_GROUP = re.compile(r"group|grupo|gruppe|groupe|gruppo|groep", re.IGNORECASE)
"""A system line about a group (``You created group "Trip"``, ``Ana hat die Gruppe …``)."""

QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb'
"""Quotation marks the apps put around a subject or a group's name in a system line, in their
languages (" “ ” „ « »); no name shown in a chat has one."""

MAX_SENDER = 200
"""A longer "sender" is a system line that happens to hold ``: `` (netdash.importers.limits's
MAX_ID_CHARS, the longest name a person may have)."""


@dataclass(slots=True)
class Line:
    """A dated line: its date's three numbers as written, its time, who wrote it, what it is.
    (Not frozen: a frozen dataclass is built field by field, a third of the reading time.)"""

    a: int
    b: int
    c: int
    year_first: bool
    slash: bool
    hour: int
    minute: int
    second: int
    ampm: str
    """Which half of a 12-hour day, ``a`` or ``p``; empty for a 24-hour clock."""
    dotted: bool
    """``p. m.``, as Spanish and Portuguese write it; en-US writes ``PM``."""
    sender: str
    kind: Kind
    notice: bool = False
    """iOS's end-to-end notice, whose sender is the chat's own name."""
    group: bool = False
    """A system line that says the chat is a group."""


def parse(text: str) -> Line | None:
    """The dated line ``text`` starts, or None for a line that continues a message."""
    text = text.lstrip(MARKS)
    found = STAMP.match(text)
    if found is None:
        return None
    opened, a, sep, b, c, hour, minute, second, ampm = found.groups()
    year_first = len(a) == 4
    if (year_first and len(c) > 2) or len(a) == 3 or len(c) in (1, 3):
        return None  # a year at both ends, or at neither: not a date WhatsApp writes
    if opened and sep == "-" and second is None:
        return None  # Signal's export ([2019-12-24, 12:23]); iOS's brackets hold seconds
    sender, body = _split(text[found.end() :])
    kind: Kind = "message"
    notice = group = False
    if sender is None:
        kind = "system"
        group = _GROUP.search(body) is not None
    elif body.startswith("\u200e") and not _OMITTED.search(body.lstrip(MARKS)):
        kind = "system"  # iOS marks its own lines in a chat with U+200E
        notice = _NOTICE.search(body) is not None
        group = _GROUP.search(body) is not None
    elif len(body) < 48 and _DELETED.match(body.strip(MARKS + " ")):
        kind = "deleted"
    return Line(
        int(a),
        int(b),
        int(c),
        year_first,
        sep == "/",
        int(hour),
        int(minute),
        int(second or 0),
        ampm[:1].lower() if ampm else "",
        ampm is not None and "." in ampm,
        sender or "",
        kind,
        notice,
        group,
    )


def _split(rest: str) -> tuple[str | None, str]:
    """(sender, body) of what follows the timestamp; no sender for a system line.

    The sender ends at the first ``: ``; a quote in it means a system line that quotes
    (``Ana changed the subject to "Trip: day 2"``, ``Ana hat den Betreff zu „Reise: Tag 2“
    geändert``). chat-miner's samples also have an
    empty body right after the colon (``John Doe:.``), which counts as a message."""
    rest = rest.rstrip("\r\n")
    cut = rest.find(": ")
    if cut < 0:
        cut = rest.find(":")
        if cut < 0 or rest[cut + 1 : cut + 2].isdigit() or rest[cut + 1 : cut + 2] == "/":
            return None, rest  # "Missed voice call at 9:41", "https://…": a system line
    sender = rest[:cut].strip(MARKS + " ~\u202f\u00a0")
    if not sender or any(mark in sender for mark in QUOTES) or len(sender) > MAX_SENDER:
        return None, rest
    return sender, rest[cut + 2 :] if rest[cut : cut + 2] == ": " else rest[cut + 1 :]


@dataclass
class Evidence:
    """What the lines of a file say about its date order, gathered in a first pass."""

    day_over_12: int = 0
    """Lines whose first number is over 12: it is the day (31/12/25)."""
    month_over_12: int = 0
    """Lines whose second number is over 12: the first is the month (12/31/25)."""
    back_if_day_first: int = 0
    """Times the dates would go back in time if read day first; a chat only goes forward."""
    back_if_month_first: int = 0
    twelve_hour: bool = False
    dotted: bool = False
    slash: bool = False
    short_year: bool = False
    last: tuple[int, int, int] = field(default=(0, 0, 0))

    def add(self, line: Line) -> None:
        if line.year_first:
            return
        a, b, c = line.a, line.b, line.c
        self.day_over_12 += a > 12
        self.month_over_12 += b > 12
        before = self.last
        if before != (0, 0, 0):
            self.back_if_day_first += (c, b, a) < (before[2], before[1], before[0])
            self.back_if_month_first += (c, a, b) < (before[2], before[0], before[1])
        self.last = (a, b, c)
        self.twelve_hour = self.twelve_hour or bool(line.ampm)
        self.slash = self.slash or line.slash
        self.dotted = self.dotted or line.dotted
        self.short_year = self.short_year or c < 100

    def day_first(self, hint: bool | None) -> bool:
        """Whether the file writes the day first: a day over 12 settles it (the majority, should
        a few lines disagree); else the user's hint; else the order in which the dates never go
        back in time; else the likelier by the layout: month first only for a 12-hour clock
        written ``AM``/``PM`` with two-digit years and slashes, which is en-US
        (12/31/25, 9:41 PM), the only common locale that writes the month first (es and pt
        write ``p. m.`` and the day first)."""
        if self.day_over_12 != self.month_over_12:
            return self.day_over_12 > self.month_over_12
        if hint is not None:
            return hint
        if self.back_if_day_first != self.back_if_month_first:
            return self.back_if_day_first < self.back_if_month_first
        return not (self.twelve_hour and not self.dotted and self.short_year and self.slash)


def moment(line: Line, day_first: bool) -> datetime | None:
    """The line's local date and time (naive: the phone's clock), or None if it is no date."""
    if line.year_first:
        year, month, day = line.a, line.b, line.c
    elif day_first:
        year, month, day = line.c, line.b, line.a
    else:
        year, month, day = line.c, line.a, line.b
    if year < 100:
        year += 2000  # WhatsApp began in 2009: a two-digit year is this century's
    hour = line.hour
    if line.ampm and hour <= 12:
        hour = hour % 12 + (12 if line.ampm == "p" else 0)
    try:
        return datetime(year, month, day, hour, line.minute, line.second)
    except ValueError:
        return None
