"""Issue 15: what vCard properties mean — birthdays without a year, e-mail addresses as written,
messaging accounts, structured names and addresses — read, kept in the journal and written back.

Expectations are written out by hand (and, for the written cards, read by vobject)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import vobject  # type: ignore[import-untyped]  # no stubs published
from hypothesis import given, settings
from hypothesis import strategies as st

from netdash.domain.models import Handle
from netdash.export.vcard import name_parts, people_as_contacts, write_vcards
from netdash.importers.google_contacts import read_google_csv
from netdash.importers.vcard import read_vcards
from netdash.store.contact import Contact, ContactPoint
from netdash.store.contact_stream import import_contact_stream
from netdash.store.db import memory_db, open_db
from netdash.store.people import add_person, update_person
from netdash.store.trash import undo
from tests.conftest import connected

DATA = Path(__file__).resolve().parent.parent / "data"


def card(*lines: str, version: str = "3.0") -> str:
    return (
        "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", "FN:Ada Lovelace", *lines, "END:VCARD"])
        + "\r\n"
    )


def one(*lines: str, version: str = "3.0") -> Contact:
    (contact,) = read_vcards(card(*lines, version=version), "a.vcf")
    return contact


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15", "--04-15"),  # Apple
        ("BDAY:--0415", "--04-15"),  # vCard 4
        ("BDAY:--04-15", "--04-15"),  # Google
        ("BDAY:16040415", "--04-15"),  # Thunderbird CardBook
        ("BDAY:1815-12-10", "1815-12-10"),
        ("BDAY:18151210", "1815-12-10"),
        ("BDAY:1953-10-15T23:10:00Z", "1953-10-15"),
        ("BDAY:--0229", "--02-29"),
    ],
)
def test_birthdays_as_producers_write_them(line: str, expected: str) -> None:
    assert one(line).birthday == expected


@pytest.mark.parametrize(
    ("line", "shown"),
    [("BDAY:19723101", "'19723101'"), ("BDAY;VALUE=text:circa 1800", "'circa 1800'")],
)
def test_an_invalid_birthday_is_skipped_and_said_with_its_line(line: str, shown: str) -> None:
    db = memory_db()
    contacts = read_vcards(card("EMAIL:ada@example.org", line), "a.vcf")
    result = import_contact_stream(
        db, lambda: contacts, source="vcard", file_name="a.vcf", sha256="x"
    )
    assert result.created == ["Ada Lovelace"]
    assert f"a.vcf: line 5: birthday {shown} is not a date; skipped" in result.notes
    assert db.execute("SELECT birthday FROM people").fetchone() == (None,)


def test_email_keeps_its_local_part_and_lowers_its_domain() -> None:
    contact = one(
        "EMAIL:Ada.Lovelace@Example.ORG",
        'EMAIL:"Omega" <omega@example.com>',
        "EMAIL:mailto:Z@EXAMPLE.NET",
    )
    assert [p.value for p in contact.points] == [
        "Ada.Lovelace@example.org",
        "omega@example.com",
        "Z@example.net",
    ]


def test_a_journal_that_kept_emails_lower_cased_still_matches() -> None:
    db = memory_db()
    add_person(db, "Ada Lovelace", points=[ContactPoint("email", "ada.lovelace@example.org")])
    db.execute("UPDATE contact_points SET value = lower(value)")  # as stored before issue 15
    contacts = read_vcards(
        card("EMAIL:Ada.Lovelace@Example.org").replace("FN:Ada Lovelace", "FN:Ada L."), "a.vcf"
    )
    result = import_contact_stream(
        db, lambda: contacts, source="vcard", file_name="a.vcf", sha256="x"
    )
    assert not result.created and result.unchanged == 1  # the same mailbox: nothing added
    assert db.execute("SELECT count(*) FROM contact_points").fetchone() == (1,)


def test_messaging_accounts_become_handles_or_are_kept() -> None:
    contact = one(
        "IMPP;X-SERVICE-TYPE=Skype:skype:ada.l",
        "IMPP;PREF=1:xmpp:ada@jabber.example.org",
        "IMPP:https://twitter.com/ada",
        "X-JABBER:ada@jabber.example.org",
        "X-SKYPE:ada.l",
        "X-ICQ:123456789",
        "X-SOCIALPROFILE;type=github:https://github.com/adal",
        "X-SOCIALPROFILE;type=myspace:https://myspace.example/ada",
        "item1.IMPP;X-SERVICE-TYPE=QQ:x-apple:12345",
        "item2.IMPP;X-SERVICE-TYPE=Mastodon:x-apple:@ada@mastodon.example",
    )
    assert contact.handles == [
        Handle("twitter", "ada"),
        Handle("github", "adal"),
        Handle("mastodon", "ada@mastodon.example"),
    ]
    assert contact.points == [
        ContactPoint("url", "skype:ada.l", "skype"),
        ContactPoint("url", "xmpp:ada@jabber.example.org", "", True),
        ContactPoint("url", "xmpp:ada@jabber.example.org", "jabber"),
        ContactPoint("url", "icq:123456789", "icq"),
        ContactPoint("url", "https://myspace.example/ada", "myspace"),
    ]
    assert contact.notes == "QQ: 12345"  # no address of its own: where the user sees it


def test_messaging_addresses_are_written_back_as_impp() -> None:
    contact = one("X-SKYPE:ada.l")
    written = "".join(write_vcards([contact], "3.0"))
    assert "IMPP;TYPE=skype:skype:ada.l\r\n" in written
    (parsed,) = vobject.readComponents(written)
    assert parsed.impp.value == "skype:ada.l"


def test_structured_name_and_address_are_kept_as_written() -> None:
    read = one(
        "N:Mustermann;Heiko;;Dr.;", "ADR;TYPE=work:PO 7;Floor 2;1 Main St;Springfield;IL;62701;USA"
    )
    assert read.name_parts == ("Mustermann", "Heiko", "", "Dr.", "")
    (address,) = read.points
    assert address.value == "PO 7, Floor 2, 1 Main St, Springfield, IL, 62701, USA"
    assert address.parts == ("PO 7", "Floor 2", "1 Main St", "Springfield", "IL", "62701", "USA")


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Ada Lovelace", ("Lovelace", "Ada", "", "", "")),
        ("Mustermann, Heiko", ("Mustermann", "Heiko", "", "", "")),
        ("van der Berg, Jan", ("", "van der Berg, Jan", "", "", "")),  # three words: unsure
        ("Heiko", ("", "Heiko", "", "", "")),
        ("Mary Ann Evans", ("", "Mary Ann Evans", "", "", "")),
        ("Dr. Watson", ("", "Dr. Watson", "", "", "")),
        ("王小明", ("", "王小明", "", "", "")),
        ("王 小明", ("", "王 小明", "", "", "")),
        ("Jean-Luc O'Brien", ("O'Brien", "Jean-Luc", "", "", "")),
        ("R2 D2", ("", "R2 D2", "", "", "")),
    ],
)
def test_a_typed_name_is_split_only_where_the_split_is_plain(
    name: str, parts: tuple[str, ...]
) -> None:
    assert name_parts(name) == parts


def test_parts_go_through_the_journal_and_back_out() -> None:
    db = memory_db()
    contacts = read_vcards(
        card(
            "N:Lovelace;Augusta Ada;;Countess;",
            "ADR:;;12 St James's Sq;London;;SW1Y 4JH;UK",
            "BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-10",
        ),
        "a.vcf",
    )
    import_contact_stream(db, lambda: contacts, source="vcard", file_name="a.vcf", sha256="x")
    add_person(db, "Mustermann, Heiko")  # typed: no parts
    for version in ("3.0", "4.0"):
        parsed = {
            c.fn.value: c
            for c in vobject.readComponents("".join(write_vcards(people_as_contacts(db), version)))
        }
        ada = parsed["Ada Lovelace"]
        assert (ada.n.value.family, ada.n.value.given, ada.n.value.prefix) == (
            "Lovelace",
            "Augusta Ada",
            "Countess",
        )
        address = ada.adr.value
        assert (address.street, address.city, address.code, address.country) == (
            "12 St James's Sq",
            "London",
            "SW1Y 4JH",
            "UK",
        )
        assert ada.bday.value == ("--1210" if version == "4.0" else "1604-12-10")
        heiko = parsed["Mustermann, Heiko"].n.value
        assert (heiko.family, heiko.given) == ("Mustermann", "Heiko")


def test_a_renamed_person_is_not_exported_with_the_old_names_parts() -> None:
    db = memory_db()
    contacts = read_vcards(card("N:Lovelace;Ada;;;"), "a.vcf")
    import_contact_stream(db, lambda: contacts, source="vcard", file_name="a.vcf", sha256="x")
    update_person(db, 1, name="Ada King")
    (contact,) = people_as_contacts(db)
    assert contact.name_parts is None  # the export derives "King", "Ada" instead


def test_an_older_journal_upgrades_and_then_keeps_parts(tmp_path: Path) -> None:
    journal = tmp_path / "old.db"
    shutil.copyfile(DATA / "journal-m009_trash.db", journal)
    with connected(journal) as conn:
        people = set(conn.execute("SELECT * FROM people"))
        points = set(conn.execute("SELECT * FROM contact_points"))
    assert people and points
    db = open_db(journal)
    width = len(next(iter(people)))  # m017's parts and m021's maximum come after, empty
    assert {row[:width] for row in db.execute("SELECT * FROM people")} == people
    assert {row[:-1] for row in db.execute("SELECT * FROM contact_points")} == points
    assert db.execute("SELECT count(*) FROM people WHERE name_parts IS NOT NULL").fetchone() == (0,)
    contacts = read_vcards(
        card("N:Zed;Zoe;;;", "ADR:;;1 Main St;Town;;;").replace("Ada Lovelace", "Zoe Zed"), "z.vcf"
    )
    import_contact_stream(db, lambda: contacts, source="vcard", file_name="z.vcf", sha256="z")
    zoe = {c.name: c for c in people_as_contacts(db)}["Zoe Zed"]
    assert zoe.name_parts == ("Zed", "Zoe", "", "", "")
    assert [p.parts for p in zoe.points] == [("", "", "1 Main St", "Town", "", "", "")]
    db.close()


WORD = st.text(st.characters(whitelist_categories=["L", "Nd"]), min_size=1, max_size=8)
PART = st.one_of(st.just(""), st.lists(WORD, min_size=1, max_size=2).map(" ".join))
SAFE = (
    st.text(
        st.one_of(
            st.characters(whitelist_categories=["L", "Nd"]), st.sampled_from(list(" ;:,.-'é漢"))
        ),
        min_size=1,
        max_size=30,
    )
    .map(lambda v: " ".join(v.split()))
    .filter(bool)
)


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    parts = draw(st.tuples(*[PART] * 5))
    name = draw(SAFE)
    address = draw(st.tuples(*[PART] * 7))
    points = [ContactPoint("email", draw(WORD) + "@example.org")]
    points.append(ContactPoint("phone", "+1 555 " + str(draw(st.integers(1000, 9999)))))
    if any(address):
        points.append(
            ContactPoint("address", ", ".join(p for p in address if p), "", False, address)
        )
    birthday = draw(
        st.one_of(
            st.none(),
            st.dates().map(lambda d: d.isoformat()).filter(lambda d: not d.startswith("1604")),
            st.dates().map(lambda d: d.strftime("--%m-%d")),
        )
    )
    return Contact(
        name=name,
        where="",
        points=points,
        birthday=birthday,
        notes=draw(st.one_of(st.just(""), SAFE)),
        tags=draw(st.lists(WORD, max_size=3, unique=True)),
        name_parts=parts,
    )


@settings(max_examples=60, deadline=None)
@given(contacts(), st.sampled_from(["3.0", "4.0"]))
def test_vobject_reads_what_netdash_writes(contact: Contact, version: str) -> None:
    (parsed,) = vobject.readComponents("".join(write_vcards([contact], version)))
    assert parsed.fn.value == contact.name
    n = parsed.n.value
    assert (n.family, n.given, n.additional, n.prefix, n.suffix) == contact.name_parts
    assert [line.value for line in parsed.contents["email"]] == [contact.points[0].value]
    assert [line.value for line in parsed.contents["tel"]] == [contact.points[1].value]
    if len(contact.points) == 3:
        a = parsed.adr.value
        got = (a.box, a.extended, a.street, a.city, a.region, a.code, a.country)
        assert got == contact.points[2].parts
    if contact.birthday is None:
        assert "bday" not in parsed.contents
    elif contact.birthday.startswith("--"):
        month, day = contact.birthday[2:4], contact.birthday[5:]
        if version == "4.0":
            assert parsed.bday.value == f"--{month}{day}"
        else:
            assert parsed.bday.value == f"1604-{month}-{day}"
            assert parsed.bday.params["X-APPLE-OMIT-YEAR"] == ["1604"]
    else:
        assert parsed.bday.value.replace("-", "") == contact.birthday.replace("-", "")
    assert ("note" in parsed.contents) == bool(contact.notes)
    if contact.notes:
        assert parsed.note.value == contact.notes
    if contact.tags:
        assert parsed.categories.value == contact.tags


GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Name Prefix,Name Suffix,Birthday,E-mail 1 - Label,"
    "E-mail 1 - Value,Address 1 - Label,Address 1 - Street,Address 1 - City,Address 1 - PO Box,"
    "Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address"
)


def test_google_csv_keeps_parts_and_says_a_birthday_it_cannot_read() -> None:
    rows = [
        "Ada,,Lovelace,Countess,,--12-10,Home,Ada@Example.org,Home,1 Main St,London,,,SW1,UK,",
        "Grace,,Hopper,,,04/05/1906,,,,,,,,,,",
    ]
    db = memory_db()
    ada, grace = read_google_csv("\r\n".join([GOOGLE_HEADER, *rows]) + "\r\n", "g.csv")
    assert ada.name == "Ada Lovelace"
    assert ada.name_parts == ("Lovelace", "Ada", "", "Countess", "")
    assert ada.birthday == "--12-10"
    address = ada.of_kind("address")[0]
    assert address.parts == ("", "", "1 Main St", "London", "", "SW1", "UK")
    result = import_contact_stream(
        db, lambda: [ada, grace], source="google", file_name="g.csv", sha256="g"
    )
    assert result.created == ["Ada Lovelace", "Grace Hopper"]
    assert (
        "g.csv: line 3: birthday '04/05/1906' is not a date whose day and month are plain; skipped"
        in result.notes
    )
    emails = db.execute("SELECT value FROM contact_points WHERE kind = 'email'").fetchall()
    assert emails == [("Ada@example.org",)]


def test_undo_of_an_import_takes_back_the_parts_it_gave() -> None:
    db = memory_db()
    add_person(db, "Ada Lovelace", points=[ContactPoint("address", "1 Main St, Town")])
    contacts = read_vcards(card("N:Lovelace;Ada;;;", "ADR:;;1 Main St;Town;;;"), "a.vcf")
    result = import_contact_stream(
        db, lambda: contacts, source="vcard", file_name="a.vcf", sha256="x"
    )
    assert result.updated == ["Ada Lovelace: structured name, 1 contact detail"]
    (ada,) = people_as_contacts(db)
    assert ada.name_parts == ("Lovelace", "Ada", "", "", "")
    assert ada.points[0].parts == ("", "", "1 Main St", "Town", "", "", "")
    undo(db)
    (ada,) = people_as_contacts(db)
    assert ada.name_parts is None and ada.points[0].parts == ()
