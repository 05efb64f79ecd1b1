"""Importing a file: detect what it is, read it, store it, and say what changed.

The CLI and the Audience screen both import through here; each opens the journal its own way
(the CLI may remove a journal it made for input that was refused, the screen's worker needs its
own connection), so they pass an opener, and each words the result its own way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Literal

from sqlite_utils import Database

from netdash.importers import IMPORT_SOURCES
from netdash.importers.contact_files import CONTACT_SOURCES, detect_contacts
from netdash.store.account_delete import KEEP_LIST_UP_TO
from netdash.store.contact import Contact
from netdash.store.contact_import import ContactsResult
from netdash.store.imports import ImportResult

ALL_SOURCES = (*IMPORT_SOURCES, *CONTACT_SOURCES)
"""Every source name an import takes: platforms (followers), then address books (people)."""

Opener = Callable[[], AbstractContextManager[Database]]
"""Opens the journal for one import and closes it after."""

Watch = Callable[[int], AbstractContextManager[Callable[[int], None]]]
"""Given the followers expected, a context giving the callback told how many are written."""


@dataclass(frozen=True)
class PeopleImported:
    """What an address-book import did, or for a dry run would do."""

    file_name: str
    contacts: int
    """How many contacts the file holds."""
    result: ContactsResult
    dry_run: bool = False


ImportKind = Literal["history", "people", "followers"]

NO_DRY_RUN = "--dry-run is for address books and history, not follower counts"
"""Both faces' refusal of a dry run of followers (the form words the flag as its checkbox)."""


def import_route(source: str | None, path: Path) -> tuple[ImportKind, str | None]:
    """Which import takes ``path``, and the source's name: history (a calendar, chat, call log
    or mail: named, else detected from the content), then an address book, else followers (the
    name None when the platform is left to detect). A followers dry run is refused:
    ``NO_DRY_RUN``."""
    from netdash.actions.backfill import BACKFILL_SOURCES, detect_backfill

    history = source if source in BACKFILL_SOURCES else None
    if source is None:
        history = detect_backfill(path)
    if history is not None:
        return "history", history
    contacts = address_book_source(source, path)
    if contacts is not None:
        return "people", contacts
    return "followers", source


UNDOABLE = "ctrl+z / netdash undo takes it back"
NOT_KEPT = (
    f"not kept in the trash: over {KEEP_LIST_UP_TO:,} followers"
    " — take a `netdash backup` before a large import"
)


def undo_words(undoable: bool) -> str:
    """The last line of an import's report in both faces: whether undo can take it back."""
    return UNDOABLE if undoable else NOT_KEPT


def address_book_source(source: str | None, path: Path) -> str | None:
    """The address book ``path`` is (``source`` if given, else detected), or None when it is a
    platform's export of followers."""
    contacts = source or detect_contacts(path)
    return contacts if contacts in CONTACT_SOURCES else None


def import_address_book(
    path: Path, source: str, open_journal: Opener, *, dry_run: bool = False
) -> PeopleImported:
    """People from a vCard or Google Contacts file, read a card at a time inside the import's
    transaction: a file refused anywhere (even at its last card) writes nothing."""
    from netdash.importers.contact_files import iter_contacts_file
    from netdash.importers.source import sha256_of
    from netdash.store.contact_stream import import_contact_stream

    skipped: list[str] = []  # odd lines and cards the reader left out, said before the rest
    # the file is checked (a folder, unreadable) before the journal is opened; a second
    # reading (when the journal knows UIDs) says nothing new
    first_reading = iter_contacts_file(path, source, skipped)
    # and a file refused at its first card is refused before its bytes are hashed: 2 GB of
    # rubbish says so at once, not after a reading of all of it
    first = list(islice(first_reading, 1))
    pending = [chain(first, first_reading)]

    def read() -> Iterator[Contact]:
        return pending.pop() if pending else iter_contacts_file(path, source)

    with open_journal() as db:
        result = import_contact_stream(
            db,
            read,
            source=source,
            file_name=path.name,
            sha256=sha256_of(path),
            dry_run=dry_run,
        )
    result.notes[:0] = skipped
    return PeopleImported(path.name, result.contacts, result, dry_run)


def import_followers(
    path: Path,
    source: str | None,
    open_journal: Opener,
    *,
    account: str | None = None,
    watch: Watch | None = None,
) -> ImportResult:
    """Follower counts and lists from a platform's export; the same file twice changes nothing.
    The export is opened (and refused if bad) before the journal is."""
    from netdash.importers.registry import open_export
    from netdash.importers.source import sha256_of
    from netdash.store.imports import import_snapshot

    with open_export(path, source) as snapshot, open_journal() as db:
        digest = sha256_of(path)
        expected = snapshot.followers or 0
        watching = watch(expected) if watch is not None else nullcontext(None)
        with watching as progress:
            return import_snapshot(
                db,
                snapshot,
                file_name=path.name,
                sha256=digest,
                account=account,
                progress=progress,
            )
