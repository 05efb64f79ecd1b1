"""An address book imported as it is read: one card at a time, so 100,000 cards take the memory
of one (see :func:`import_contact_stream`). The matching and writing are
:mod:`netdash.store.contact_import`'s, card by card."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlite_utils import Database

from netdash.domain.dates import utc_now
from netdash.store.contact import Contact, validated
from netdash.store.contact_import import (
    ContactsResult,
    DryRun,
    Matcher,
    apply_contact,
    scopes,
)
from netdash.store.trash import into_trash
from netdash.store.tx import write_transaction

MAX_NOTES = 200
"""How many notes a streamed import names one by one; past it, only counted (as the reader
does): a file of 100,000 odd birthdays is not held as 100,000 sentences."""

KEEP_CONTACTS_UP_TO = 10_000
"""A streamed import of more cards than this is not kept in the trash: its before and after
images would be the whole people tables in memory and in one row (hundreds of MB at 100,000)."""


class Notes(list[str]):
    """A list of notes that names the first MAX_NOTES and then only counts the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.more = 0

    def append(self, note: str) -> None:
        if len(self) < MAX_NOTES:
            super().append(note)
            return
        self.more += 1
        if self.more == 1:
            super().append("more notes besides; the first ones are named above")

    def extend(self, notes: Iterable[str]) -> None:
        for note in notes:
            self.append(note)


def import_contact_stream(
    db: Database,
    read: Callable[[], Iterable[Contact]],
    *,
    source: str,
    file_name: str,
    sha256: str,
    dry_run: bool = False,
) -> ContactsResult:
    """:func:`import_contacts` for a file read one card at a time: cards are validated, matched
    and written as they come, in the one transaction the import is (a refusal anywhere rolls
    everything back). ``read`` gives the cards afresh each time it is called: when the journal
    knows UIDs, the file is read twice, the cards whose UID it knows first, as
    :meth:`Matcher.uid_first` orders a list, so the journal ends exactly as after
    :func:`import_contacts`."""
    if db.execute("SELECT 1 FROM imports WHERE sha256 = ?", [sha256]).fetchone():
        return ContactsResult(already_imported=True)
    notes = Notes()
    result = ContactsResult(notes=Notes())
    try:
        with write_transaction(db), into_trash(db, "import", file_name, scopes(db)) as keeping:
            matcher = Matcher(db)
            known = matcher.known_uids()
            passes = [True, False] if known else [None]
            for at, uid_known in enumerate(passes):
                said: list[str] = notes if at == 0 else []
                for contact in read():
                    checked = validated(contact, said)
                    result.contacts += at == 0
                    if uid_known is None or (checked.uid in known) == uid_known:
                        apply_contact(db, checked, result, matcher)
            db.execute(
                "INSERT INTO imports(source, file_name, sha256, imported_at, rows)"
                " VALUES (?, ?, ?, ?, ?)",
                [source, file_name, sha256, utc_now(), result.contacts],
            )
            if dry_run:
                raise DryRun
            if result.contacts > KEEP_CONTACTS_UP_TO:
                keeping.drop()
                result.notes.append(
                    f"not kept in the trash: over {KEEP_CONTACTS_UP_TO:,} cards"
                    " — take a `netdash backup` before a large import"
                )
            else:
                keeping.description = result.description(file_name)
                result.undoable = True
    except DryRun:
        pass
    result.notes[:0] = notes
    return result
