"""What the import form's request runs, in a worker: followers, an address book, or history.

Apart from the Audience screen (which shows the progress and the outcome) so the screen keeps
to its length and the choice of importer is in one place. The job opens its own connection
(sqlite3 connections stay on their thread), and only once the file has been read and found good.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing, nullcontext
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from netdash.actions.imports import PeopleImported, undo_words
from netdash.domain.errors import InvalidInput
from netdash.store.imports import ImportResult
from netdash.tui.screens.import_form import ImportRequest
from netdash.tui.workers import Report

if TYPE_CHECKING:
    from netdash.actions.backfill import Backfilled

NO_DRY_RUN = "--dry-run is for address books and history, not follower counts"
"""The command line's refusal, which the form words as its own (``import_form.CLI_WORDS``)."""


@dataclass(frozen=True)
class ImportDone:
    """What an import did, for the screen to word: followers, people, history, or a refusal."""

    result: ImportResult | None = None
    people: str | None = None
    refused: str | None = None
    history: Backfilled | None = None


def people_summary(done: PeopleImported) -> str:
    result = done.result
    if result.already_imported:
        return f"{done.file_name}: already imported; nothing changed"
    if done.dry_run:
        return (
            f"Dry run, nothing written. {done.contacts:,} contacts: would make"
            f" {len(result.created):,} new people, update {len(result.updated):,}"
        )
    return (
        f"{done.contacts:,} contacts: {len(result.created):,} new people,"
        f" {len(result.updated):,} updated, {result.unchanged:,} already up to date"
        + (f"\n{undo_words(True)}" if result.undoable else "")
    )


def history_source(request: ImportRequest) -> str | None:
    """The history source the request names, or detects from the file's content; None for
    followers and address books."""
    from netdash.actions.backfill import BACKFILL_SOURCES, detect_backfill

    if request.source is not None:
        return request.source if request.source in BACKFILL_SOURCES else None
    return detect_backfill(request.path)


def run_import(
    request: ImportRequest, db_path: Path, show: Callable[[int, int], None], report: Report
) -> ImportDone:
    """The import itself, in a worker; ``show`` (done, total) runs on the UI thread."""

    def open_journal() -> closing[Database]:
        from netdash.store.db import open_db

        return closing(open_db(db_path))

    try:
        history = history_source(request)
        if history is not None:
            return ImportDone(history=_history(request, history, open_journal, show, report))
        return _followers_or_people(request, open_journal, show, report)
    except InvalidInput as error:
        return ImportDone(refused=str(error))


def _history(
    request: ImportRequest,
    source: str,
    open_journal: Callable[[], closing[Database]],
    show: Callable[[int, int], None],
    report: Report,
) -> Backfilled:
    from netdash.actions.backfill import BackfillRequest, run_backfill

    def progress(done: int, total: int) -> None:
        report(partial(show, done, total))  # a flood collapses into the latest (Delivered)

    wanted = BackfillRequest(
        request.path, source, me=request.me, titles=request.titles, dry_run=request.dry_run
    )
    return run_backfill(wanted, open_journal, progress)


def _followers_or_people(
    request: ImportRequest,
    open_journal: Callable[[], closing[Database]],
    show: Callable[[int, int], None],
    report: Report,
) -> ImportDone:
    from netdash.actions.imports import address_book_source, import_address_book, import_followers

    def watch(total: int) -> nullcontext[Callable[[int], None]]:
        def written(done: int) -> None:
            report(partial(show, done, total))

        return nullcontext(written)

    source = address_book_source(request.source, request.path)
    if source is not None:
        done = import_address_book(request.path, source, open_journal, dry_run=request.dry_run)
        return ImportDone(people=people_summary(done))
    if request.dry_run:
        return ImportDone(refused=NO_DRY_RUN)
    result = import_followers(
        request.path, request.source, open_journal, account=request.account, watch=watch
    )
    return ImportDone(result=result)
