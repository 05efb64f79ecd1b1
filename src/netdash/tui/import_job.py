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

from netdash.actions.imports import (
    NO_DRY_RUN,
    PeopleImported,
    import_address_book,
    import_route,
    undo_words,
)
from netdash.domain.errors import InvalidInput
from netdash.store.imports import ImportResult
from netdash.tui.screens.import_form import ImportRequest
from netdash.tui.workers import Report

if TYPE_CHECKING:
    from netdash.actions.backfill import Backfilled


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


def run_import(
    request: ImportRequest, db_path: Path, show: Callable[[int, int], None], report: Report
) -> ImportDone:
    """The import itself, in a worker; ``show`` (done, total) runs on the UI thread."""

    def open_journal() -> closing[Database]:
        from netdash.store.db import open_db

        return closing(open_db(db_path))

    try:
        kind, name = import_route(request.source, request.path)
        if kind == "history" and name is not None:
            return ImportDone(history=_history(request, name, open_journal, show, report))
        if kind == "people" and name is not None:
            done = import_address_book(request.path, name, open_journal, dry_run=request.dry_run)
            return ImportDone(people=people_summary(done))
        if request.dry_run:  # the form words the command line's flag as its checkbox
            return ImportDone(refused=NO_DRY_RUN)
        return ImportDone(result=_followers(request, open_journal, show, report))
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


def _followers(
    request: ImportRequest,
    open_journal: Callable[[], closing[Database]],
    show: Callable[[int, int], None],
    report: Report,
) -> ImportResult:
    from netdash.actions.imports import import_followers  # looked up late: tests replace it

    def watch(total: int) -> nullcontext[Callable[[int], None]]:
        def written(done: int) -> None:
            report(partial(show, done, total))

        return nullcontext(written)

    return import_followers(
        request.path, request.source, open_journal, account=request.account, watch=watch
    )
