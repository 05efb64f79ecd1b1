"""Backfilling the journal from an export: pick the reader, fold its traces into days, store.

The CLI and the TUI's import both come through here. The export is read whole before the
journal is opened for writing (a chat of ten years is a few thousand days in memory, never its
messages), so a file refused anywhere writes nothing, and the write is one short transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from netdash.backfill.registry import BACKFILL_SOURCES, detect_backfill, reader
from netdash.domain.evidence import CHANNELS, ReadOptions, Tally
from netdash.domain.evidence_days import LARGE_GROUP, fold
from netdash.domain.words import count_of
from netdash.importers.source import BadExport
from netdash.store.evidence import BackfillResult, ImportMeta

__all__ = [
    "BACKFILL_SOURCES",
    "BackfillRequest",
    "Backfilled",
    "backfill_lines",
    "detect_backfill",
    "run_backfill",
    "span_words",
]

Opener = Callable[[], AbstractContextManager[Database]]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackfillRequest:
    path: Path
    source: str
    me: tuple[str, ...] = ()
    time_zone: str | None = None
    day_first: bool | None = None
    titles: bool = False
    large_group: int = LARGE_GROUP
    dry_run: bool = False


@dataclass(frozen=True)
class Backfilled:
    """What an import did: the store's result, and who the reader took the user to be."""

    source: str
    file_name: str
    result: BackfillResult
    me: tuple[str, ...]
    dry_run: bool


def run_backfill(
    request: BackfillRequest, open_journal: Opener, progress: Progress | None = None
) -> Backfilled:
    """Read the export, then store it in one transaction."""
    from netdash.importers.source import sha256_of
    from netdash.store.evidence import backfill

    if request.source not in BACKFILL_SOURCES:
        raise BadExport(str(request.path), f"unknown source {request.source!r}")
    the_reader = reader(request.source)
    if not the_reader.looks_like(request.path):
        raise BadExport(str(request.path), f"does not look like a {request.source} export")
    tally = Tally(progress=progress)
    options = ReadOptions(me=request.me, time_zone=request.time_zone, day_first=request.day_first)
    days = fold(the_reader.read(request.path, options, tally))
    meta = ImportMeta(
        source=request.source,
        file_name=request.path.name,
        sha256=sha256_of(request.path),
        titles=request.titles,
        large_group=request.large_group,
        skipped=tally.skipped,
    )
    with open_journal() as db:
        result = backfill(db, days.values(), meta, dry_run=request.dry_run)
    return Backfilled(
        request.source, request.path.name, result, tuple(sorted(tally.me)), request.dry_run
    )


def span_words(first: str, last: str) -> str:
    """ "2026-01-02", or "2026-01-02 to 2026-03-04": the days someone was seen over."""
    return first if first == last else f"{first} to {last}"


UndoHint = Callable[[int | None, bool], str]
"""Given the import's id and whether undo keeps it (``in_trash``), how a face says what takes
it back."""


def backfill_lines(
    done: Backfilled, *, strangers_hint: str, undo_hint: UndoHint, listed: int | None = None
) -> list[str]:
    """What an import did, a line each, for the CLI and the TUI alike: the first says what
    happened, the rest (indented) what it found; ``strangers_hint`` says where the people not
    in the journal are reviewed, and ``listed`` caps the people named one per line."""
    result = done.result
    if not done.dry_run and not result.changed:
        days = count_of(result.days, "day")
        return [f"Nothing new in {done.file_name}: {days}, all already in the journal"]
    verb = "Would add" if done.dry_run else "Added"
    number = f", import #{result.import_id}" if result.import_id else ""
    entries = count_of(result.entries_added, "entry", "entries")
    lines = [f"{verb} {entries} from {done.file_name} ({done.source}){number}"]
    if done.me:
        lines.append(f"  you: {', '.join(done.me)}")
    people = sorted(result.people.values(), key=lambda p: (-sum(p.channels.values()), p.name))
    shown = people if listed is None else people[:listed]
    for person in shown:
        channels = ", ".join(
            f"{count_of(days, 'day')} on {CHANNELS.get(channel, channel)}"
            for channel, days in person.channels.items()
        )
        lines.append(f"  {person.name}: {channels} · {span_words(person.first_on, person.last_on)}")
    if len(people) > len(shown):
        lines.append(f"  and {count_of(len(people) - len(shown), 'more person', 'more people')}")
    if result.links_added:
        linked = count_of(result.links_added, "person", "people")
        lines.append(f"  {linked} added to days already in the journal")
    if result.days_filled:
        filled = count_of(result.days_filled, "day")
        lines.append(f"  {filled} an earlier export had only part of, filled in")
    if result.already_there:
        lines.append(f"  {count_of(result.already_there, 'day')} already in the journal")
    if result.strangers:
        lines.append(f"  {result.strangers:,} not in the journal: {strangers_hint}")
    if result.skipped:
        skipped = count_of(result.skipped, "line")
        lines.append(f"  {skipped} skipped (system lines, attachments, unreadable)")
    if not done.dry_run:
        lines.append(f"  {undo_hint(result.import_id, result.in_trash)}")
    return lines
