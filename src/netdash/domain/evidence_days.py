"""Folding traces into days: one journal entry per conversation, channel and day.

A chat of 500,000 messages is some thousands of days, so the fold keeps one small record per
day, never a message. Who started a day is whoever wrote first that day; the day's people are
everyone who took part, and its counts say what it was ("WhatsApp: 42 messages").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from netdash.domain.evidence import CHANNELS, Counterpart, Trace, Unit

LARGE_GROUP = 8
"""More people than this (the user included) make a day an event, not a conversation."""
MAX_DAY_MINUTES = 16 * 60
"""A day's time together is at most a waking day: a three-day conference is one trace on its
first day, and 72 hours on one day would swamp everyone's hours together."""


def identity_key(counterpart: Counterpart) -> tuple[str, str]:
    """What makes two counterparts the same one: kind and normalised value."""
    value = counterpart.value.strip()
    if counterpart.kind == "phone":
        value = phone_digits(value)
    elif counterpart.kind in ("email", "name"):
        value = value.casefold()
    return counterpart.kind, value


def phone_digits(number: str) -> str:
    """A phone number's digits, its last nine when it has more: ``+49 151 2345678`` and
    ``0151 2345678`` are one number, whatever prefix each export wrote."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return digits[-9:] if len(digits) > 9 else digits


@dataclass(slots=True)
class Day:
    """Everything on one channel, in one conversation, on one day."""

    channel: str
    conversation: str
    on: date
    people: tuple[Counterpart, ...] = ()
    """Everyone else in it, each identity once (a tuple: a mailbox's 90,000 thread-days each
    held a dict, and most days have one or two people)."""
    first_at: datetime | None = None
    first_from_me: bool = True
    units: dict[Unit, int] = field(default_factory=dict)
    minutes: float = 0.0
    timed: bool = False
    """Whether any trace gave a duration (a day of messages has none)."""
    video: bool = False
    group_size: int = 0
    titles: tuple[str, ...] = ()
    seen: bool = False

    @property
    def key(self) -> str:
        """The entry's stable source key: a second import of the same export finds it."""
        return f"{self.channel}:{self.conversation}:{self.on.isoformat()}"

    @property
    def size(self) -> int:
        """How many people took part, the user included."""
        return max(self.group_size, len(self.people) + 1)

    def add(self, trace: Trace) -> None:
        if trace.people and trace.people != self.people:
            self._meet(trace.people)
        earlier = not self.seen or (
            trace.at is not None and (self.first_at is None or _before(trace.at, self.first_at))
        )
        if earlier:
            self.first_at = trace.at
            self.first_from_me = trace.from_me
        self.seen = True
        self.units[trace.unit] = self.units.get(trace.unit, 0) + 1
        if trace.minutes is not None:
            self.minutes += max(0.0, trace.minutes)
            self.timed = True
        self.video = self.video or trace.video
        self.group_size = max(self.group_size, trace.group_size or 0)
        if trace.title and trace.title not in self.titles and len(self.titles) < 3:
            self.titles = (*self.titles, trace.title)

    def _meet(self, people: tuple[Counterpart, ...]) -> None:
        """Add who is new, in the order first seen."""
        known = {identity_key(person) for person in self.people}
        new = []
        for person in people:
            key = identity_key(person)
            if key not in known:
                known.add(key)
                new.append(person)
        if new:
            self.people = (*self.people, *new)

    def kind(self, large_group: int = LARGE_GROUP) -> str:
        """The entry's kind, as the user would have typed it."""
        if self.size > large_group:
            return "event"
        if self.units.get("event"):
            return "video" if self.video else "in_person"
        if self.units.get("call") or self.units.get("missed_call"):
            return "call"
        return "message"

    def depth(self) -> int:
        """A day of only missed calls was an attempt, not a talk; every other day is what a
        typed entry of its kind gets by default."""
        attempts_only = set(self.units) == {"missed_call"}
        return 1 if attempts_only else 2

    def initiated_by(self) -> str:
        return "me" if self.first_from_me else "them"

    def whole_minutes(self) -> int | None:
        """The day's real duration, None when nothing in it had one."""
        if set(self.units) == {"missed_call"}:
            return 0  # an attempt, not time together (missed calls come without a duration)
        return round(min(self.minutes, MAX_DAY_MINUTES)) if self.timed else None

    def note(self, *, titles: bool = False) -> str:
        """What the day was, never what was said: "WhatsApp: 42 messages"."""
        label = CHANNELS.get(self.channel, self.channel)
        if titles and self.titles:
            return f"{label}: {'; '.join(self.titles)}" + _duration(self)
        return f"{label}: {counts_words(self.units)}" + _duration(self)


def _before(one: datetime, other: datetime) -> bool:
    """Order two times even when one export wrote them naive and another aware."""
    if (one.tzinfo is None) != (other.tzinfo is None):
        one, other = one.replace(tzinfo=None), other.replace(tzinfo=None)
    return one < other


_UNIT_WORDS: dict[Unit, tuple[str, str]] = {
    "message": ("message", "messages"),
    "mail": ("mail", "mails"),
    "call": ("call", "calls"),
    "missed_call": ("missed call", "missed calls"),
    "event": ("event", "events"),
}


def counts_words(units: dict[Unit, int]) -> str:
    """ "42 messages, 1 call" in a fixed order."""
    parts = []
    for unit, (one, many) in _UNIT_WORDS.items():
        count = units.get(unit, 0)
        if count:
            parts.append(f"{count:,} {one if count == 1 else many}")
    return ", ".join(parts)


def _duration(day: Day) -> str:
    minutes = day.whole_minutes()
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f" ({rest} min)"
    return f" ({hours} h {rest} min)" if rest else f" ({hours} h)"


def fold(traces: Iterable[Trace]) -> dict[str, Day]:
    """Days by source key, in the order first seen."""
    days: dict[str, Day] = {}
    for trace in traces:
        key = f"{trace.channel}:{trace.conversation}:{trace.on.isoformat()}"
        day = days.get(key)
        if day is None:
            day = days[key] = Day(trace.channel, trace.conversation, trace.on)
        day.add(trace)
    return days
