"""Who the user is in a calendar: the addresses whose events these are.

An attendee who is the user is not someone they met; the user organising an event is them
starting it. The user says who they are with ``--me``; failing that, Google names a person's
primary calendar by their address (X-WR-CALNAME); failing that, the user is the address that is
organiser or attendee of the most events, since every event in their calendar has them in it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from netdash.backfill.calendar_lines import MAX_CALENDAR_BYTES, Head, blocks, counted
from netdash.domain.evidence import ReadOptions, Tally
from netdash.importers.source import BadExport, ExportSource

MAX_ADDRESSES = 100_000
"""Different addresses counted while guessing; later new ones are not (the user's comes early)."""


@dataclass
class Me:
    """The user's e-mail addresses (lower-cased) and names (case-folded)."""

    emails: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)

    def matches(self, address: str, name: str) -> bool:
        if address:
            return address in self.emails
        return bool(name) and name.casefold() in self.names


def find_me(source: ExportSource, members: list[str], options: ReadOptions, tally: Tally) -> Me:
    """The user, as they said, as the calendar's name says, or as the most frequent guest."""
    if options.me:
        me = Me(
            {value.strip().lower() for value in options.me if "@" in value},
            {value.strip().casefold() for value in options.me if "@" not in value},
        )
        tally.me.update(options.me)
        return me
    named = sorted({name for name in _calendar_names(source, members) if _is_address(name)})
    if len(named) == 1:
        tally.me.add(named[0])
        return Me({named[0]})
    counts = _guest_counts(source, members, tally)
    if named:
        best = max(named, key=lambda address: counts[address])
        tally.me.add(best)
        return Me({best})
    ranked = counts.most_common(2)
    if not ranked:
        return Me()
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        raise BadExport(
            source.label,
            f"cannot tell which guest is you ({ranked[0][0]} or {ranked[1][0]}):"
            " pass --me YOUR@ADDRESS",
        )
    tally.me.add(ranked[0][0])
    return Me({ranked[0][0]})


def _is_address(name: str) -> bool:
    local, at, domain = name.partition("@")
    return bool(local and at and "." in domain and " " not in name)


def _calendar_names(source: ExportSource, members: list[str]) -> Iterator[str]:
    """Each file's X-WR-CALNAME, read up to its first event."""
    for member in members:
        head = Head()
        with source.lines(member, MAX_CALENDAR_BYTES) as lines:
            for block in blocks(lines, source.where(member), head):
                if block.kind == "VEVENT":
                    break
        yield head.name.strip().lower()


def _guest_counts(source: ExportSource, members: list[str], tally: Tally) -> Counter[str]:
    """In how many events each address is organiser or guest. The files are read twice, this
    pass then the events': each counts for half of the progress bar."""
    counts: Counter[str] = Counter()
    tally.total *= 2
    for member in members:
        with source.lines(member, MAX_CALENDAR_BYTES) as lines:
            for block in blocks(counted(lines, tally, tally.done), source.where(member), Head()):
                if block.kind != "VEVENT":
                    continue
                for address in _addresses(block.text):
                    if address in counts or len(counts) < MAX_ADDRESSES:
                        counts[address] += 1
    return counts


def _addresses(text: str) -> set[str]:
    """The mailto: addresses of an event's ORGANIZER and ATTENDEE lines (the last mailto: on a
    line is its value; an earlier one is a parameter such as SENT-BY)."""
    found = set()
    for line in text.split("\r\n"):
        upper = line[:9].upper()
        if upper.startswith(("ORGANIZER", "ATTENDEE")):
            address = line.lower().rpartition("mailto:")[2].strip()
            if "@" in address and not address.endswith("calendar.google.com"):
                found.add(address)
    return found
