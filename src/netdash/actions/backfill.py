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
from netdash.domain.evidence import ReadOptions, Tally
from netdash.domain.evidence_days import LARGE_GROUP, fold
from netdash.importers.source import BadExport
from netdash.store.evidence import BackfillResult, ImportMeta

__all__ = ["BACKFILL_SOURCES", "BackfillRequest", "Backfilled", "detect_backfill", "run_backfill"]

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
