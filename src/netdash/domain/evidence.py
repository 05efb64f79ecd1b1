"""What a backfill reader yields: one trace per message, call, mail or event occurrence.

A trace says when, on which channel and in which conversation something happened, who else
was in it and who it came from — never what was said. Readers stream traces so a ten-year
chat or a 2 GB mailbox is read in bounded memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal, Protocol

IdentityKind = Literal["email", "phone", "handle", "name"]
"""How a counterpart is matched to a person: e-mail and phone against contact points, a
handle (``platform:id``) against handles, a name against names and aliases."""

Unit = Literal["message", "call", "missed_call", "mail", "event"]
"""What one trace is, for the day's counts ("42 messages", "2 calls, 34 min")."""

CHANNELS: dict[str, str] = {
    "calendar": "Calendar",
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "messenger": "Messenger",
    "instagram": "Instagram",
    "sms": "SMS",
    "phone": "Phone",
    "mail": "Mail",
}
"""Channel slug -> the label an entry's note starts with ("WhatsApp: 42 messages")."""


@dataclass(frozen=True, slots=True)
class Counterpart:
    """Someone other than the user, as an export names them.

    ``value`` is normalised by the reader: an e-mail lower-cased, a phone as written (the
    matcher compares digits), a handle as ``platform:id`` (``telegram:user123``), a name as
    shown. ``name`` is what the review list shows ("" when the export gives none).
    """

    kind: IdentityKind
    value: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Trace:
    """One message, call, mail or event occurrence, without its content."""

    channel: str
    """A key of :data:`CHANNELS`."""
    conversation: str
    """Stable id of the chat, thread, call partner or event within its service (a chat's
    name, a Telegram chat id, an event's UID): with the channel and the day it keys the
    journal entry, so a second import of the same export finds its days already there."""
    on: date
    """The user's local day it happened on."""
    at: datetime | None
    """When, for ordering within the day (who wrote first); None for an all-day event."""
    people: tuple[Counterpart, ...]
    """Everyone else it involved: a 1:1 chat's other person, a group message's sender, an
    event's accepted attendees, a mail's other addresses."""
    from_me: bool
    """True when the user sent, called, organised or wrote it."""
    unit: Unit
    minutes: float | None = None
    """Real duration (a call, an event), None when there is none (a message)."""
    video: bool = False
    """An event with a video-meeting link, a video call."""
    group_size: int | None = None
    """How many people the conversation has, the user included, when the export says (a
    Telegram group, an event's attendees); None when only the senders are known."""
    title: str = ""
    """An event's title: stored only if the user opts in with ``--titles``."""


@dataclass
class Tally:
    """What a reader counts while it reads: lines it skipped, how far it got (for progress)."""

    skipped: int = 0
    """Lines or records that could not be read in an otherwise good export (system lines,
    attachments without a sender, a line in no layout the reader knows)."""
    done: int = 0
    """Bytes (or records) read so far, against ``total``."""
    total: int = 0
    me: set[str] = field(default_factory=set)
    """Who the reader took to be the user (names, addresses, numbers), to say in the summary."""
    progress: Callable[[int, int], None] | None = None
    """Called now and then with (done, total); the CLI's and TUI's progress bars."""

    def advance(self, done: int) -> None:
        self.done = done
        if self.progress is not None:
            self.progress(done, self.total)


@dataclass(frozen=True)
class ReadOptions:
    """What the user told the import: who they are (names, e-mails, numbers) when the export
    does not say, and the time zone to take the user's day in."""

    me: tuple[str, ...] = ()
    time_zone: str | None = None
    """An IANA zone name; None means the machine's local zone."""
    day_first: bool | None = None
    """How to read a chat export's dates when no day in it is over 12 (WhatsApp writes them
    in the phone's language: 03/04/25 is 3 April in en-GB, March 4 in en-US): True for day
    first, False for month first, None to let the reader judge from the file."""


class Reader(Protocol):
    """A backfill reader module: ``looks_like`` on the content, ``read`` streaming traces.

    ``read`` raises :class:`netdash.importers.source.BadExport` naming file and line for a
    malformed export, and counts in ``tally.skipped`` what it can pass over.
    """

    def looks_like(self, path: Path) -> bool: ...

    def read(self, path: Path, options: ReadOptions, tally: Tally) -> Iterator[Trace]: ...
