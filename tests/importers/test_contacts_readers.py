"""Address books: vCard 2.1/3.0/4.0 and Google Contacts CSV in, vCard 3.0/4.0 out.

The fixtures are written from FORMATS.md §9 (CRLF, folded lines and all); the property tests
check that no file, however damaged, gets past the readers as anything but a BadExport, and that
whatever the writer writes the reader reads back unchanged.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdash.domain.errors import InvalidInput
from netdash.domain.models import Handle
from netdash.domain.names import normalize_email
from netdash.export.vcard import name_parts, write_vcards
from netdash.importers.google_contacts import looks_like_google_csv, read_google_csv
from netdash.importers.source import BadExport
from netdash.importers.vcard import looks_like_vcard, read_vcards
from netdash.importers.vcard_card import SOCIAL_PLATFORMS, parse_birthday
from netdash.store.contact import Contact, ContactPoint
from tests.importers.conftest import FIXTURES

CONTACTS = FIXTURES / "contacts"


def fixture(name: str) -> str:
    return (CONTACTS / name).read_bytes().decode("utf-8")


def card(*lines: str) -> str:
    return "\r\n".join(("BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD")) + "\r\n"


def without_where(contacts: list[Contact]) -> list[Contact]:
    return [dataclasses.replace(contact, where="") for contact in contacts]


def bad_export(call: object, *args: str) -> str:
    """The one-line message of the BadExport ``call(*args)`` raises."""
    assert callable(call)
    with pytest.raises(BadExport) as caught:
        call(*args)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- vCard 3.0 --------------------------------------------------------------------------------


def test_v3_fixture_is_crlf_with_two_folded_lines() -> None:
    raw = (CONTACTS / "contacts_v3.vcf").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert b"linkedin.com/in/priya-raman-4b1a\r\n 2c\r\n" in raw
    assert b"on a \r\n single content line." in raw


def test_v3_apple_card_unfolds_unescapes_and_reads_the_omit_year_birthday() -> None:
    priya, tomas, jen = read_vcards(fixture("contacts_v3.vcf"), "contacts_v3.vcf")
    assert priya.name == "Priya Raman"
    assert priya.where == "contacts_v3.vcf: card 1, line 1"
    assert priya.company == "Northwind Analytics"
    assert priya.job_title == "Director, Data Platform"
    assert priya.handles == [Handle("linkedin", "linkedin.com/in/priya-raman-4b1a2c")]
    assert priya.birthday == "--04-15"
    assert priya.notes == "Met at the Lisbon data meetup, March 2024.\nIntro via Tomás."
    assert priya.uid == "6F1C2B9E-3D4A-4C7B-9E2F-1A2B3C4D5E6F"
    # item1.EMAIL takes its label from the linked item1.X-ABLabel; type=pref marks it preferred
    assert priya.points == [
        ContactPoint("email", "priya@example.net", "other", True),
        ContactPoint("phone", "+351 912 345 678", "cell", True),
    ]
    assert tomas.where == "contacts_v3.vcf: card 2, line 17"
    assert tomas.birthday == "1988-11-03"
    assert tomas.tags == ["Friends"]  # Google's myContacts is not a tag
    assert tomas.points == [
        ContactPoint("email", "tomas.reyes@example.org", "work"),
        ContactPoint("phone", "+34 612 34 56 78", "cell"),
        ContactPoint("url", "https://tomas.example.org"),
    ]
    assert jen.where == "contacts_v3.vcf: card 3, line 27"
    assert jen.notes == (
        "Long note that is folded because it exceeds seventy-five octets on a single content line."
    )
    assert jen.of_kind("address") == [
        ContactPoint("address", "12 Harbour Road, Cork, T12 AB34, Ireland", "home")
    ]


def test_lf_line_endings_and_a_bom_read_the_same() -> None:
    crlf = read_vcards(fixture("contacts_v3.vcf"), "a.vcf")
    lf = read_vcards("\ufeff" + fixture("contacts_v3.vcf").replace("\r\n", "\n"), "a.vcf")
    assert lf == crlf


# --- vCard 4.0 --------------------------------------------------------------------------------


def test_v4_fixture_tel_uri_pref_and_year_less_birthdays() -> None:
    wei, lena = read_vcards(fixture("contacts_v4.vcf"), "contacts_v4.vcf")
    assert wei.name == "Wei Zhang"
    assert wei.company == "Fabrikam, Inc."
    assert wei.job_title == "Head of Partnerships"
    assert wei.birthday == "--07-09"
    assert wei.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert wei.points == [
        ContactPoint("email", "wei.zhang@example.com", "work", True),
        ContactPoint("phone", "+1-555-010-4477", "cell"),  # tel: dropped, voice is no label
        ContactPoint("url", "https://www.linkedin.com/in/weizhang88"),
    ]
    assert wei.handles == [Handle("linkedin", "linkedin.com/in/weizhang88")]
    assert lena.name == "Lena Fotografia"
    assert lena.where == "contacts_v4.vcf: card 2, line 15"
    assert lena.nickname == "lena.fotografia"
    assert lena.birthday == "1993-06-12"
    assert lena.points == [  # IMPP on no platform netdash follows: kept, as a messaging address
        ContactPoint("email", "lena@example.com"),
        ContactPoint("url", "xmpp:lena@chat.example.com"),
    ]


# --- vCard 2.1 --------------------------------------------------------------------------------


def test_v21_quoted_printable_with_charsets_soft_breaks_and_bare_types() -> None:
    bjorn, chidi = read_vcards(fixture("contacts_v21.vcf"), "contacts_v21.vcf")
    assert bjorn.name == "Björn Åström"
    assert bjorn.points == [
        ContactPoint("phone", "+46 70 123 45 67", "cell", True),
        ContactPoint("phone", "+46 8 555 012 34", "home"),
        ContactPoint("email", "bjorn@example.se", "home"),
        ContactPoint("address", "Storgatan 1, Lgh 1102, Göteborg, 411 01, Sverige", "home"),
    ]
    assert bjorn.notes == (
        "Träffades på konferensen i Göteborg; vill gärna höras igen.\nRinger helst på kvällen."
    )
    assert bjorn.birthday == "1979-02-28"
    assert bjorn.tags == ["Konferens"]
    assert chidi.company == "Café Lagos Ltd"  # CHARSET=ISO-8859-1
    assert chidi.job_title == "Head Chef"
    assert chidi.where == "contacts_v21.vcf: card 2, line 15"
    assert chidi.points == [ContactPoint("phone", "+234 1 555 0199", "work")]


def test_v21_base64_photo_that_was_not_indented_is_passed_over() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nFN:Ola\nPHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRg\n"
        "ABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgK\nDBQNDAsLDBkSEw8UHRof==\n\nEMAIL:ola@example.no\n"
        "END:VCARD\n"
    )
    (ola,) = read_vcards(text, "ola.vcf")
    assert ola.points == [ContactPoint("email", "ola@example.no")]


# --- values -----------------------------------------------------------------------------------


def test_escapes_structured_values_and_quoted_parameters() -> None:
    (contact,) = read_vcards(
        card(
            "FN:A\\, B\\; C\\\\D\\NE",
            "N:Family\\;Name;Given;Middle;;",
            "ORG:Acme\\; Sons;R&D",
            "NICKNAME:Ace\\, the first,Second",
            'TEL;TYPE="work,voice";PREF=1:tel:+1 555 0100',
            "CATEGORIES:Rock\\, Paper,Scissors,starred, ,Scissors",
            'item7.URL;X-LABEL="a:b;c":https://example.com/a?b=c',
        ),
        "x.vcf",
    )
    assert contact.name == "A, B; C\\D\nE"
    assert contact.company == "Acme; Sons"
    assert contact.nickname == "Ace, the first"
    assert contact.tags == ["Rock, Paper", "Scissors"]
    assert contact.points == [
        ContactPoint("phone", "+1 555 0100", "work", True),
        ContactPoint("url", "https://example.com/a?b=c"),
    ]


def test_name_falls_back_from_fn_to_n_nickname_org_and_email() -> None:
    def named(*lines: str) -> str:
        return read_vcards(card(*lines), "x.vcf")[0].name

    assert named("N:Lovelace;Ada;King;;", "FN:") == "Ada King Lovelace"
    assert named("NICKNAME:,Countess", "ORG:Analytical") == "Countess"
    assert named("ORG:Analytical Engines;Research") == "Analytical Engines"
    assert named("EMAIL:ada@example.com") == "ada@example.com"


def test_apple_custom_labels_and_a_type_that_wins_over_them() -> None:
    (contact,) = read_vcards(
        card(
            "FN:Ada",
            "item2.TEL:+44 20 0000 0000",
            "item2.X-ABLabel:Studio",
            "item3.URL;type=WORK:https://ada.example",
            "item3.X-ABLabel:_$!<HomePage>!$_",
            "ITEM4.url:https://blog.example",
            "item4.X-ABLabel:_$!<HomePage>!$_",
        ),
        "x.vcf",
    )
    assert [(p.value, p.label) for p in contact.points] == [
        ("+44 20 0000 0000", "Studio"),
        ("https://ada.example", "work"),
        ("https://blog.example", "homepage"),
    ]


def test_social_profiles_become_handles() -> None:
    (contact,) = read_vcards(
        card(
            "FN:Ada",
            "X-SOCIALPROFILE;type=twitter:https://twitter.com/AdaL",
            "X-SOCIALPROFILE;type=twitter:x.com/grace",
            "X-SOCIALPROFILE;type=twitter;x-user=hopper:x-apple:hopper",
            "X-SOCIALPROFILE;type=github:https://github.com/ada-l",
            "X-SOCIALPROFILE;type=instagram:https://www.instagram.com/ada.pics/",
            "X-SOCIALPROFILE;type=facebook:https://www.facebook.com/ada.lovelace",
            "X-SOCIALPROFILE;type=mastodon:https://mastodon.social/@ada",
            "X-SOCIALPROFILE;type=bluesky:https://bsky.app/profile/ada.bsky.social",
            "X-SOCIALPROFILE;type=linkedin;x-user=ada-lovelace:",
            "X-SOCIALPROFILE;type=linkedin:https://uk.linkedin.com/in/ada-l/?trk=x",
            "X-SOCIALPROFILE;type=mastodon:@babbage@example.social",
            "X-SOCIALPROFILE;type=flickr:https://flickr.com/ada",
            "X-SOCIALPROFILE;type=twitter:https://example.com/not-twitter",
            "X-SOCIALPROFILE;type=mastodon:no-server",
        ),
        "x.vcf",
    )
    assert [str(handle) for handle in contact.handles] == [
        "twitter:adal",
        "twitter:grace",
        "twitter:hopper",
        "github:ada-l",
        "instagram:ada.pics",
        "facebook:ada.lovelace",
        "mastodon:ada@mastodon.social",
        "bluesky:ada.bsky.social",
        "linkedin:linkedin.com/in/ada-lovelace",
        "linkedin:linkedin.com/in/ada-l",
        "mastodon:babbage@example.social",
    ]


@pytest.mark.parametrize(
    ("value", "omit_year", "expected"),
    [
        ("1988-11-03", "", "1988-11-03"),
        ("19930612", "", "1993-06-12"),
        ("--0709", "", "--07-09"),
        ("--07-09", "", "--07-09"),
        ("1604-04-15", "1604", "--04-15"),
        ("1988-11-03T00:00:00Z", "", "1988-11-03"),
        ("--02-29", "", "--02-29"),
        ("1988-02-30", "", None),
        ("--13-01", "", None),
        ("circa 1800", "", None),
        ("1988", "", None),
    ],
)
def test_birthdays(value: str, omit_year: str, expected: str | None) -> None:
    assert parse_birthday(value, omit_year=omit_year) == expected


def test_an_unreadable_birthday_is_left_out_not_fatal() -> None:
    (contact,) = read_vcards(card("FN:Ada", "BDAY:sometime in May"), "x.vcf")
    assert contact.birthday is None


def test_looks_like_vcard() -> None:
    assert looks_like_vcard("\ufeff\r\nbegin:vcard\r\nVERSION:3.0")
    assert not looks_like_vcard("First Name,Middle Name")


# --- vCard errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "book.vcf: line 1: empty"),
        ("\r\n  \r\n", "book.vcf: line 1: empty"),
        ("FN:Ada\r\n", "book.vcf: line 1: 'FN:Ada' where a vCard's BEGIN:VCARD should be"),
        ("BEGIN:VCARD\r\nFN:Ada\r\n", "book.vcf: line 1: BEGIN:VCARD has no END:VCARD"),
        ("\r\nEND:VCARD\r\n", "book.vcf: line 2: END:VCARD without a BEGIN:VCARD"),
        (
            "BEGIN:VCARD\r\nFN:Ada\r\nBEGIN:VCARD\r\n",
            "book.vcf: line 1: BEGIN:VCARD has no END:VCARD: the file is cut off",
        ),
        ("BEGIN:VCALENDAR\r\n", "book.vcf: line 1: 'BEGIN:VCALENDAR' where a vCard's BEGIN"),
        (
            "BEGIN;QUOTED-PRINTABLE:VC=0AARD\r\n",
            "book.vcf: line 1: 'BEGIN;QUOTED-PRINTABLE:VC=0AARD' where a vCard's BEGIN:VCARD",
        ),
    ],
)
def test_structural_damage_is_reported_with_file_and_line(text: str, expected: str) -> None:
    assert bad_export(read_vcards, text, "book.vcf").startswith(expected)


# --- Google Contacts CSV ----------------------------------------------------------------------


def test_google_csv_current_header() -> None:
    raw = (CONTACTS / "google_contacts.csv").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")
    priya, tomas, jen, wei = read_google_csv(fixture("google_contacts.csv"), "g.csv")
    assert priya.name == "Priya Raman"
    assert priya.where == "g.csv: line 2"
    assert priya.birthday == "--04-15"
    assert priya.company == "Northwind Analytics"
    assert priya.job_title == "Director, Data Platform"
    assert priya.notes == "Met at the Lisbon data meetup, March 2024.\nIntro via Tomás."
    assert priya.tags == []  # * myContacts ::: * starred are Google's own
    assert priya.points == [
        ContactPoint("email", "priya@example.net", "Other"),
        ContactPoint("phone", "+351 912 345 678", "Mobile"),
        ContactPoint("url", "https://www.linkedin.com/in/priya-raman-4b1a2c", "Profile"),
    ]
    assert priya.handles == [Handle("linkedin", "linkedin.com/in/priya-raman-4b1a2c")]
    assert tomas.where == "g.csv: line 4"  # the row after the two-line note
    assert tomas.tags == ["Friends"]
    assert tomas.birthday == "1988-11-03"
    assert [p.value for p in tomas.of_kind("email")] == [
        "tomas.reyes@example.org",
        "tomas@example.net",
    ]
    assert [(p.value, p.label) for p in jen.of_kind("phone")] == [
        ("+353 21 123 4567", "Home"),
        ("+353 21 765 4321", "Work"),
    ]
    assert wei.company == "Fabrikam, Inc."
    assert wei.where == "g.csv: line 6"


def test_google_csv_lf_and_bom_read_the_same() -> None:
    crlf = read_google_csv(fixture("google_contacts.csv"), "g.csv")
    lf = read_google_csv("\ufeff" + fixture("google_contacts.csv").replace("\r\n", "\n"), "g.csv")
    assert lf == crlf


def test_google_csv_legacy_header() -> None:
    marta, kofi, bakery, ana = read_google_csv(fixture("google_contacts_legacy.csv"), "old.csv")
    assert marta.name == "Marta Quintero"
    assert marta.points == [
        ContactPoint("email", "marta@example.com", "Home", True),  # "* Home": preferred
        ContactPoint("email", "marta.q@example.net", "Home"),  # second value of the cell
        ContactPoint("email", "mquintero@example.org", "Work"),
        ContactPoint("phone", "+57 300 555 0101", "Mobile"),
        ContactPoint("address", "Calle 10 # 5-51, Bogotá, Colombia", "Home"),
        ContactPoint("url", "https://www.linkedin.com/in/marta-quintero/", "Profile"),
    ]
    assert marta.handles == [Handle("linkedin", "linkedin.com/in/marta-quintero")]
    assert marta.tags == ["Climbing"]
    assert (marta.company, marta.job_title) == ("Andes Robotics", "CTO")
    assert marta.birthday == "1985-07-22"
    assert kofi.name == "Kofi Mensah"  # no Name cell: Given + Family
    assert kofi.where == "old.csv: line 5"
    assert kofi.birthday == "--12-01"
    assert kofi.of_kind("phone") == [
        ContactPoint("phone", "+233 20 555 0102", "Mobile", True),
        ContactPoint("phone", "+233 30 555 0103", "Mobile"),
    ]
    assert kofi.of_kind("address") == [
        ContactPoint("address", "4 Independence Ave, Accra, Ghana", "Work")
    ]
    assert bakery.name == "Harbourside Bakery"  # named by its organization
    assert bakery.birthday == "1990-11-30"  # 11/30/1990 can only be November 30
    assert ana.where == "old.csv: line 8"  # the row with nothing but * myContacts is skipped
    assert ana.nickname == "Aninha"
    assert ana.birthday is None  # 04/05/1990 could be April or May


def test_looks_like_google_csv() -> None:
    assert looks_like_google_csv(fixture("google_contacts.csv").splitlines()[0])
    assert looks_like_google_csv(fixture("google_contacts_legacy.csv").splitlines()[0])
    assert not looks_like_google_csv("First Name,Last Name,URL,Email Address,Company,Position")
    assert not looks_like_google_csv('"unclosed')


def test_google_csv_errors_name_file_and_line() -> None:
    header = fixture("google_contacts.csv").splitlines()[0]
    assert bad_export(
        read_google_csv, "First Name,Last Name,URL,Email Address\r\nAda,L,,\r\n", "in.csv"
    ).startswith("in.csv: line 1: 'First Name,Last Name,URL,Email Address' is not a Google")
    assert bad_export(read_google_csv, "", "in.csv").startswith("in.csv: line 1: empty file")
    ragged = f"{header}\r\nAda,,Lovelace{',' * 30}\r\n"
    assert bad_export(read_google_csv, ragged, "in.csv") == (
        "in.csv: line 2: 33 cells but the header has 27"
    )
    unclosed = f'{header}\r\nAda,,Lovelace\r\nGrace,,"Hopper\r\n'
    assert bad_export(read_google_csv, unclosed, "in.csv").startswith(
        "in.csv: line 3: not valid CSV"
    )
    nameless = f"{header}\r\n,,,,,,,,,,,,,,A note about nobody\r\n"
    assert bad_export(read_google_csv, nameless, "in.csv").startswith(
        "in.csv: line 2: no name, nickname, organization, e-mail or phone"
    )


# --- writing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["contacts_v3.vcf", "contacts_v4.vcf", "contacts_v21.vcf"])
@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_fixtures_survive_a_round_trip(name: str, version: str) -> None:
    contacts = read_vcards(fixture(name), name)
    written = "".join(write_vcards(contacts, version))
    assert without_where(read_vcards(written, "out.vcf")) == without_where(contacts)


def test_google_contacts_written_as_vcards_read_back() -> None:
    contacts = read_google_csv(fixture("google_contacts_legacy.csv"), "old.csv")
    back = read_vcards("".join(write_vcards(contacts)), "out.vcf")
    assert [c.name for c in back] == [c.name for c in contacts]
    assert [c.birthday for c in back] == [c.birthday for c in contacts]
    assert back[0].of_kind("email")[0] == ContactPoint("email", "marta@example.com", "home", True)


def test_writer_layout_for_each_version() -> None:
    contact = Contact(
        name="Priya Raman",
        where="",
        points=[ContactPoint("email", "priya@example.net", "work", True)],
        handles=[Handle("linkedin", "linkedin.com/in/priya"), Handle("github", "priya")],
        birthday="--04-15",
    )
    v3 = next(write_vcards([contact]))
    v4 = next(write_vcards([contact], "4.0"))
    for text in (v3, v4):
        assert text.startswith("BEGIN:VCARD\r\nVERSION:")
        assert text.endswith("END:VCARD\r\n")
        assert "\n" not in text.replace("\r\n", "")
        assert "N:Raman;Priya;;;\r\n" in text
        assert "X-SOCIALPROFILE;type=linkedin:https://linkedin.com/in/priya\r\n" in text
        assert "X-SOCIALPROFILE;type=github:priya\r\n" in text
    assert "EMAIL;TYPE=work,pref:priya@example.net\r\n" in v3
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15\r\n" in v3
    assert "EMAIL;TYPE=work;PREF=1:priya@example.net\r\n" in v4
    assert "BDAY:--0415\r\n" in v4


def test_writer_folds_at_75_octets_without_splitting_characters() -> None:
    note = "Ünïcödé 漢字 and emoji 😀 " * 20
    text = next(write_vcards([Contact(name="Ada", where="", notes=note.strip())]))
    lines = text.split("\r\n")
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert sum(line.startswith(" ") for line in lines) > 5
    assert read_vcards(text, "x.vcf")[0].notes == note.strip()


def test_writer_refuses_other_versions_before_writing_anything() -> None:
    with pytest.raises(ValueError, match=r"'2\.1' cannot be written"):
        write_vcards([], "2.1")


# --- properties -------------------------------------------------------------------------------

MUTATED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def only_bad_export(call: object, text: str) -> None:
    """A reader either returns contacts or raises an error the user can act on; nothing else."""
    assert callable(call)
    try:
        result = call(text, "f")
    except InvalidInput as error:  # BadExport is one
        assert "\n" not in str(error)
    else:
        assert isinstance(result, list)
        assert all(isinstance(contact, Contact) and contact.name for contact in result)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "truncate", "swap", "insert"]))
        if how == "delete":
            del lines[at]
        elif how == "duplicate":
            lines.insert(at, lines[at])
        elif how == "truncate":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif how == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            lines.insert(at, draw(st.text(max_size=30)))
    return "".join(lines)


VCARD_FIXTURES = [fixture(n) for n in ("contacts_v3.vcf", "contacts_v4.vcf", "contacts_v21.vcf")]
CSV_FIXTURES = [fixture(n) for n in ("google_contacts.csv", "google_contacts_legacy.csv")]


@MUTATED
@given(st.one_of(st.text(), st.binary().map(lambda b: b.decode("utf-8", "replace"))))
def test_garbage_never_escapes_as_anything_but_bad_export(text: str) -> None:
    only_bad_export(read_vcards, text)
    only_bad_export(read_google_csv, text)
    only_bad_export(read_vcards, "BEGIN:VCARD\r\n" + text + "\r\nEND:VCARD\r\n")
    only_bad_export(read_google_csv, CSV_FIXTURES[0].splitlines()[0] + "\r\n" + text)


PROPERTY_NAMES = st.sampled_from(
    "BEGIN END VERSION FN N EMAIL TEL URL ADR BDAY ORG TITLE NICKNAME NOTE CATEGORIES UID"
    " X-SOCIALPROFILE X-ABLabel PHOTO item1.EMAIL item1.X-ABLabel".split()
)
PARAMETERS = st.sampled_from(
    [
        "TYPE=pref",
        'TYPE="cell,voice"',
        "PREF=1",
        "CELL",
        "ENCODING=QUOTED-PRINTABLE",
        "QUOTED-PRINTABLE",
        "CHARSET=ISO-8859-1",
        "CHARSET=utf-16",
        "ENCODING=BASE64",
        "X-APPLE-OMIT-YEAR=1604",
        "type=twitter",
        "type=mastodon",
        "type=linkedin",
        "x-user=ada",
        'X-LABEL="a:b',
    ]
)
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "VCARD",
            "3.0",
            "=C3=A9=",
            "=E9=ZZ",
            "1604-04-15",
            "--0229",
            "https://twitter.com/",
            "https://[::1",
            "https://mastodon.social/@",
            "x-apple:%40",
            "https://www.facebook.com/profile.php?id=4",
            "https://bsky.app/profile",
            "tel:",
            ";;;;",
            "\\",
            "VC=0AARD",
        ]
    ),
)
content_lines = st.builds(
    lambda name, params, value: ";".join([name, *params]) + ":" + value,
    PROPERTY_NAMES,
    st.lists(PARAMETERS, max_size=3),
    VALUES,
)


@MUTATED
@given(st.lists(content_lines, max_size=12), st.sampled_from(["\r\n", "\n", "\r\n "]))
def test_random_properties_never_escape_as_anything_but_bad_export(
    lines: list[str], newline: str
) -> None:
    only_bad_export(read_vcards, newline.join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]))


@MUTATED
@given(st.sampled_from(VCARD_FIXTURES).flatmap(mutated))
def test_damaged_vcards_raise_bad_export_or_read(text: str) -> None:
    only_bad_export(read_vcards, text)


@MUTATED
@given(st.sampled_from(CSV_FIXTURES).flatmap(mutated))
def test_damaged_google_csvs_raise_bad_export_or_read(text: str) -> None:
    only_bad_export(read_google_csv, text)


def stripped(alphabet: st.SearchStrategy[str], max_size: int = 120) -> st.SearchStrategy[str]:
    return st.text(alphabet, max_size=max_size).map(str.strip).filter(bool)


TRICKY = st.one_of(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\r"),
    st.sampled_from(list(',;:\\\n"=é漢😀 ')),
)
SIMPLE = st.characters(whitelist_categories=["Ll", "Nd"], max_codepoint=127)
LABELS = st.sampled_from(["", "work", "home", "cell", "other", "main office"])


@st.composite
def handles(draw: st.DrawFn) -> Handle:
    platform = draw(st.sampled_from(SOCIAL_PLATFORMS))
    name = draw(stripped(SIMPLE, 15))
    handle = {
        "linkedin": f"linkedin.com/in/{name}",
        "mastodon": f"{name}@example.social",
        "bluesky": f"{name}.bsky.social",
    }.get(platform, name)
    return Handle(platform, handle)


def point_values(kind: str) -> st.SearchStrategy[str]:
    values = stripped(TRICKY, 60)
    if kind == "address":
        values = values.map(lambda v: " ".join(v.split()))  # the reader keeps addresses on one line
    if kind == "email":  # as the journal keeps them: the domain lower-cased, the bare address
        values = values.map(normalize_email)
    return values.filter(
        lambda v: (
            bool(v)
            and not v.lower().startswith(("tel:", "mailto:"))
            and "linkedin.com/in/" not in v.lower()
        )
    )


PART = st.one_of(st.just(""), stripped(TRICKY, 20).map(lambda v: " ".join(v.split())))


def address_with_parts(parts: tuple[str, ...], label: str, preferred: bool) -> ContactPoint:
    """An address as an address book gives it: seven parts, and the one line they make."""
    return ContactPoint("address", ", ".join(p for p in parts if p), label, preferred, parts)


points = st.one_of(
    st.sampled_from(["email", "phone", "url", "address"]).flatmap(
        lambda kind: st.builds(
            ContactPoint, st.just(kind), point_values(kind), LABELS, st.booleans()
        )
    ),
    st.builds(address_with_parts, st.tuples(*[PART] * 7), LABELS, st.booleans()).filter(
        lambda point: bool(point.value)
    ),
)
birthdays = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
    st.dates(date(2000, 1, 1), date(2000, 12, 31)).map(lambda d: d.strftime("--%m-%d")),
)
tags = stripped(TRICKY, 20).filter(
    lambda tag: (
        not tag.startswith("*")
        and tag.casefold().replace(" ", "") not in ("mycontacts", "starred", "starredinandroid")
    )
)
contacts = st.builds(
    Contact,
    name=stripped(TRICKY),
    where=st.just(""),
    points=st.lists(points, max_size=4),
    handles=st.lists(handles(), max_size=3, unique=True),
    birthday=birthdays,
    company=st.one_of(st.none(), stripped(TRICKY)),
    job_title=st.one_of(st.none(), stripped(TRICKY)),
    nickname=st.one_of(st.none(), stripped(TRICKY)),
    notes=st.one_of(st.just(""), stripped(TRICKY, 300)),
    tags=st.lists(tags, max_size=4, unique=True),
    uid=st.one_of(st.none(), stripped(TRICKY, 40)),
    name_parts=st.one_of(st.none(), st.tuples(*[PART] * 5)),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(contacts, min_size=1, max_size=3), st.sampled_from(["3.0", "4.0"]))
def test_whatever_is_written_reads_back_unchanged(people: list[Contact], version: str) -> None:
    written = "".join(write_vcards(people, version))
    assert all(len(line.encode("utf-8")) <= 75 for line in written.split("\r\n"))
    read = read_vcards(written, "out.vcf")
    assert read == [
        dataclasses.replace(
            contact,
            where=f"out.vcf: card {n}, line {written_at}",
            name_parts=contact.name_parts or name_parts(contact.name),
        )
        for n, (contact, written_at) in enumerate(zip(people, card_lines(written), strict=True), 1)
    ]
    for before, after in zip(people, read, strict=True):  # parts are not compared by ==
        assert [p.parts for p in after.points] == [
            p.parts or ((("", "", p.value, "", "", "", "")) if p.kind == "address" else ())
            for p in before.points
        ]


def card_lines(written: str) -> list[int]:
    return [n for n, line in enumerate(written.split("\r\n"), 1) if line == "BEGIN:VCARD"]
