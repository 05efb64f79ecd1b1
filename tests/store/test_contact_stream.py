"""A streamed address-book import ends with the very journal the list import makes.

The list path (:func:`import_contacts`) is the reference: it validates every card, then puts the
cards whose UID the journal knows first. The stream validates, matches and writes a card at a
time, reading the file twice when the journal knows UIDs; random address books full of repeats
(the same UID, e-mail, phone or name on cards far apart, and on people already in the journal)
must give the same rows, table by table."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.store.contact import Contact, ContactPoint
from netdash.store.contact_import import import_contacts
from netdash.store.contact_stream import MAX_NOTES, import_contact_stream
from netdash.store.db import memory_db
from tests.conftest import CACHES, Run, connected, table_rows

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


def test_a_book_past_the_trash_limit_is_written_and_says_it_is_not_kept(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past KEEP_CONTACTS_UP_TO cards the trash would hold both images of the people tables."""
    monkeypatch.setattr("netdash.store.contact_stream.KEEP_CONTACTS_UP_TO", 5)
    cards = [Contact(name=f"Person {n}", where=f"b.vcf: card {n}") for n in range(6)]
    result = import_contact_stream(
        db, lambda: iter(cards), source="vcard", file_name="b", sha256="b"
    )
    assert (len(result.created), result.undoable) == (6, False)
    assert result.notes[-1].startswith("not kept in the trash: over 5 cards")
    assert db.execute("SELECT count(*) FROM trash").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM people").fetchone() == (6,)


def _vcards(count: int, uid: str = "card") -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nUID:{uid}-{n}\r\n"
        f"EMAIL:p{n}@example.org\r\nEND:VCARD\r\n"
        for n in range(count)
    )


def test_a_file_cut_off_after_many_cards_is_refused_by_the_cli_and_writes_nothing(
    tmp_path: Path, run: Run, journal_path: Path
) -> None:
    """The first 40 cards are written before the cut is reached: all are taken back."""
    assert run("people", "add", "Ada Lovelace").exit_code == 0
    before = table_rows(journal_path)
    book = tmp_path / "book.vcf"
    book.write_text(_vcards(40) + "BEGIN:VCARD\r\nFN:Cut Off\r\n", newline="")
    result = run("import", "vcard", str(book))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "book.vcf: line 241" in result.output and "cut off" in result.output
    assert table_rows(journal_path) == before


def test_the_cli_reads_twice_when_the_journal_knows_uids_and_says_each_skip_once(
    tmp_path: Path, run: Run, journal_path: Path
) -> None:
    """Cards whose UID the journal knows enrich their person; an odd line is said once."""
    first = tmp_path / "first.vcf"
    first.write_text(_vcards(3), newline="")
    assert run("import", "vcard", str(first)).exit_code == 0
    second = tmp_path / "second.vcf"
    second.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person 2\r\nUID:card-2\r\nTEL:+44 20 7946 0000\r\n"
        "this is no property\r\nEND:VCARD\r\n" + _vcards(2, uid="other"),
        newline="",
    )
    result = run("import", "vcard", str(second))
    assert result.exit_code == 0, result.output
    assert "3 contacts in second.vcf: added 0 people, updated 1, 2 already up to date" in (
        result.output
    )
    assert result.output.count("line 6") == 1, result.output
    with connected(journal_path) as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone() == (3,)
