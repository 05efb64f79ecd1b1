"""A streamed address-book import ends with the very journal the list import makes.

The list path (:func:`import_contacts`) is the reference: it validates every card, then puts the
cards whose UID the journal knows first. The stream validates, matches and writes a card at a
time, reading the file twice when the journal knows UIDs; random address books full of repeats
(the same UID, e-mail, phone or name on cards far apart, and on people already in the journal)
must give the same rows, table by table."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.store.contact import Contact, ContactPoint
from netdash.store.contact_import import import_contacts
from netdash.store.contact_stream import MAX_NOTES, import_contact_stream
from netdash.store.db import memory_db
from tests.conftest import CACHES, table_rows

NAMES = ["Ada Lovelace", "Ada King", "Grace Hopper", "Alan Turing", "Tom Reyes", "Tomás Reyes"]
EMAILS = ["ada@example.org", "ADA@example.org", "grace@example.net", "at@example.com"]
PHONES = ["+44 20 7946 0000", "+44 (20) 7946-0000", "+1 555 0100", "+1 555 0199"]
UIDS = ["u1", "u2", "u3", "u4"]
BIRTHDAYS = ["1815-12-10", "1906-12-09", "--06-23", "1815-12-11"]

contacts_strategy = st.builds(
    lambda name, emails, phones, uid, birthday, tags: Contact(
        name=name,
        where="book.vcf: card",
        points=[ContactPoint("email", e) for e in emails]
        + [ContactPoint("phone", p) for p in phones],
        uid=uid,
        birthday=birthday,
        tags=tags,
    ),
    st.sampled_from(NAMES),
    st.lists(st.sampled_from(EMAILS), max_size=2, unique=True),
    st.lists(st.sampled_from(PHONES), max_size=2, unique=True),
    st.none() | st.sampled_from(UIDS),
    st.none() | st.sampled_from(BIRTHDAYS),
    st.lists(st.sampled_from(["Friends", "Work"]), max_size=1),
)

_STAMP = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d")


def _journal(db: Database) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every table but the caches and the trash's dated JSON, timestamps masked."""
    tables = table_rows(db, skip=CACHES)
    return [
        (
            name,
            sorted(
                (tuple("T" if isinstance(v, str) and _STAMP.match(v) else v for v in row))
                for row in rows
            ),
        )
        for name, rows in sorted(tables.items())
    ]


def _copy(contacts: list[Contact]) -> list[Contact]:
    """Fresh copies: validation cleans a card in place."""
    return [
        Contact(
            name=c.name,
            where=c.where,
            points=list(c.points),
            uid=c.uid,
            birthday=c.birthday,
            tags=list(c.tags),
        )
        for c in contacts
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.lists(contacts_strategy, max_size=5),
    book=st.lists(contacts_strategy, min_size=1, max_size=14),
)
def test_streamed_import_gives_the_journal_the_list_import_gives(
    before: list[Contact], book: list[Contact]
) -> None:
    journals = []
    for streamed in (False, True):
        db = memory_db()
        if before:
            import_contacts(db, _copy(before), source="vcard", file_name="a.vcf", sha256="a")
        readings = 0

        def read() -> Iterator[Contact]:
            nonlocal readings
            readings += 1
            return iter(_copy(book))

        if streamed:
            result = import_contact_stream(db, read, source="vcard", file_name="b.vcf", sha256="b")
            knows_uids = any(c.uid for c in before)
            assert readings == (2 if knows_uids else 1)
            assert result.contacts == len(book)
        else:
            result = import_contacts(db, _copy(book), source="vcard", file_name="b.vcf", sha256="b")
        journals.append((_journal(db), len(result.created), len(result.updated), result.unchanged))
        db.close()
    assert journals[0] == journals[1]


def test_a_refusal_at_the_last_card_writes_nothing(db: Database) -> None:
    """The first cards are written before the last is read; a refusal takes them back."""
    before = table_rows(db)
    cards = [Contact(name=f"Person {n}", where=f"b.vcf: card {n}") for n in range(50)]
    cards.append(Contact(name="   ", where="b.vcf: card 51, line 300"))
    with pytest.raises(InvalidInput, match="card 51, line 300"):
        import_contact_stream(db, lambda: iter(cards), source="vcard", file_name="b", sha256="b")
    assert table_rows(db) == before


def test_a_dry_run_counts_and_writes_nothing(db: Database) -> None:
    before = table_rows(db)
    cards = [Contact(name=f"Person {n}", where=f"b.vcf: card {n}") for n in range(30)]
    result = import_contact_stream(
        db, lambda: iter(cards), source="vcard", file_name="b", sha256="b", dry_run=True
    )
    assert (len(result.created), result.contacts, result.undoable) == (30, 30, False)
    assert table_rows(db) == before


def test_notes_are_bounded(db: Database) -> None:
    """500 cards with a birthday netdash cannot use: 200 named, the rest only counted."""
    cards = [
        Contact(name=f"Person {n}", where=f"b.vcf: card {n}", birthday="1815-02-30")
        for n in range(500)
    ]
    result = import_contact_stream(
        db, lambda: iter(cards), source="vcard", file_name="b", sha256="b"
    )
    assert len(result.created) == 500
    assert len(result.notes) == MAX_NOTES + 1
    assert result.notes[0].startswith("b.vcf: card 0:")
    assert result.notes[-1].startswith("more notes besides")
