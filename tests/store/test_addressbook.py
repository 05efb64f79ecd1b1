"""Address-book contacts into people: matched, enriched, never overwriting what the user typed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.domain.models import Handle
from netdash.store.connections import list_connections, promote_connections
from netdash.store.contact import Contact, ContactPoint
from netdash.store.contact_import import import_contacts, match_person
from netdash.store.imports import import_snapshot
from netdash.store.people import add_person, get_person, update_person
from netdash.store.snapshot import Candidate, Snapshot


def priya(**changes: object) -> Contact:
    contact = Contact(
        name="Priya Raman",
        where="contacts.vcf: card 1, line 1",
        points=[
            ContactPoint("email", "Priya@Example.net", "other", True),
            ContactPoint("phone", "+351 912 345 678", "cell"),
        ],
        handles=[Handle("linkedin", "linkedin.com/in/priya-raman-4b1a2c")],
        birthday="--04-15",
        company="Northwind Analytics",
        job_title="Director, Data Platform",
        notes="Met at the Lisbon data meetup.",
        tags=["Friends"],
        uid="6F1C2B9E",
    )
    for name, value in changes.items():
        setattr(contact, name, value)
    return contact


def test_a_new_contact_becomes_a_person_with_everything(db: Database) -> None:
    result = import_contacts(db, [priya()], source="vcard", file_name="c.vcf", sha256="a")
    assert result.created == ["Priya Raman"] and not result.updated
    person = get_person(db, 1)
    assert person.birthday == "--04-15"
    assert (person.company, person.job_title) == ("Northwind Analytics", "Director, Data Platform")
    assert person.of_kind("email") == (
        ContactPoint("email", "Priya@example.net", "other", True),
    )  # the local part as written
    assert person.of_kind("phone")[0].value == "+351 912 345 678"
    assert person.handles == (Handle("linkedin", "linkedin.com/in/priya-raman-4b1a2c"),)
    assert person.tags == ("Friends",) and person.notes == "Met at the Lisbon data meetup."


def test_the_same_file_twice_changes_nothing(db: Database) -> None:
    import_contacts(db, [priya()], source="vcard", file_name="c.vcf", sha256="a")
    again = import_contacts(db, [priya()], source="vcard", file_name="c.vcf", sha256="a")
    assert again.already_imported
    changed = import_contacts(db, [priya()], source="vcard", file_name="c2.vcf", sha256="b")
    assert changed.unchanged == 1 and not changed.created and not changed.updated
    assert db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 1


def test_a_match_gains_what_it_lacked_and_keeps_what_the_user_typed(db: Database) -> None:
    typed = add_person(db, "Priya R.", notes="my own words", how_met="conference")
    update_person(db, typed, company="Northwind", add_points=[ContactPoint("email", "p@x.org")])
    contact = priya(points=[ContactPoint("email", "P@X.org"), ContactPoint("phone", "+351 1")])
    result = import_contacts(db, [contact], source="vcard", file_name="c.vcf", sha256="a")
    assert result.updated and not result.created
    person = get_person(db, typed)
    assert person.name == "Priya R." and person.company == "Northwind"  # kept
    assert person.job_title == "Director, Data Platform" and person.birthday == "--04-15"
    assert person.notes == "my own words\n\nMet at the Lisbon data meetup."
    assert [point.value for point in person.points] == ["p@x.org", "+351 1"]


@pytest.mark.parametrize(
    "existing",
    [
        {"uid": "6F1C2B9E"},
        {"points": [ContactPoint("email", "priya@example.net")]},
        {"handles": [Handle("linkedin", "linkedin.com/in/priya-raman-4b1a2c")]},
        {},  # the same name, and nobody else has it
    ],
)
def test_matching_by_uid_email_handle_or_unique_name(
    db: Database, existing: dict[str, object]
) -> None:
    person_id = add_person(db, "priya raman" if not existing else "P. Raman", **existing)  # type: ignore[arg-type]
    assert match_person(db, priya()) == person_id


def test_a_name_two_people_share_matches_nobody(db: Database) -> None:
    add_person(db, "Priya Raman")
    add_person(db, "Priya Raman")
    assert match_person(db, priya(uid=None, points=[], handles=[])) is None


def test_a_bad_contact_refuses_the_whole_file_naming_its_place(db: Database) -> None:
    bad = priya(name=" ", where="c.vcf: card 2, line 17")
    with pytest.raises(InvalidInput, match=r"^c\.vcf: card 2, line 17: "):
        import_contacts(db, [priya(), bad], source="vcard", file_name="c.vcf", sha256="a")
    assert db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 0


@pytest.mark.parametrize("birthday", ["1988-13-45", "1815-12-10"])
def test_a_birthday_netdash_cannot_keep_is_skipped_and_said(db: Database, birthday: str) -> None:
    odd = priya(name="Someone", birthday=birthday, where="c.vcf: card 2, line 17")
    result = import_contacts(db, [odd], source="vcard", file_name="c.vcf", sha256="a")
    assert result.created == ["Someone"]
    assert result.notes[0].startswith("c.vcf: card 2, line 17: birthday")
    assert result.notes[0].endswith("; skipped")
    assert db.execute("SELECT birthday FROM people").fetchone() == (None,)


def test_a_dry_run_reports_and_writes_nothing(db: Database) -> None:
    result = import_contacts(
        db, [priya(), priya(name="Wei Zhang", uid=None, points=[], handles=[])],
        source="vcard", file_name="c.vcf", sha256="a", dry_run=True,
    )  # fmt: skip
    assert result.created == ["Priya Raman", "Wei Zhang"]
    assert db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 0


def linkedin_import(db: Database) -> None:
    snapshot = Snapshot(
        platform="linkedin",
        observed_at="2025-03-01T00:00:00Z",
        source="linkedin export",
        followers=2,
        candidates=[
            Candidate(
                "linkedin.com/in/tomasreyes",
                "Tomás Reyes",
                url="https://www.linkedin.com/in/tomasreyes",
                email="tomas.reyes@example.org",
                company="Contoso",
                position="Software Engineer",
                connected_on="2019-11-03",
            ),
            Candidate("linkedin.com/in/weizhang88", "Wei Zhang", connected_on="2024-01-09"),
        ],
    )
    import_snapshot(db, snapshot, file_name="Connections.csv", sha256="li", account="me")


def test_promoting_linkedin_connections(db: Database) -> None:
    linkedin_import(db)
    tomas = add_person(db, "Tomás Reyes", met_on=date(2018, 5, 1))
    connections = list_connections(db)
    assert [c.name for c in connections] == ["Wei Zhang", "Tomás Reyes"]
    result = promote_connections(db, connections)
    assert result.created == ["Wei Zhang"] and len(result.updated) == 1
    person = get_person(db, tomas)
    assert person.met_on == date(2018, 5, 1)  # what the user typed wins
    assert person.company == "Contoso" and person.job_title == "Software Engineer"
    assert Handle("linkedin", "linkedin.com/in/tomasreyes") in person.handles
    assert person.of_kind("email")[0].value == "tomas.reyes@example.org"
    wei = get_person(db, match_person(db, Contact("Wei Zhang", "")) or 0)
    assert wei.met_on == date(2024, 1, 9) and wei.how_met == "LinkedIn"
    assert list_connections(db, unlinked_only=True) == []
    again = promote_connections(db, list_connections(db))
    assert again.unchanged == 2 and not again.created


def card(name: str, **fields: object) -> Contact:
    contact = Contact(name=name, where=f"c.vcf: {name}")
    for key, value in fields.items():
        setattr(contact, key, value)
    return contact


def people_named(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT name FROM people ORDER BY id").fetchall()]


def test_cards_of_one_file_are_never_merged_with_each_other(db: Database) -> None:
    family = ContactPoint("email", "smiths@example.org")
    cards = [
        card("John Smith", uid="JOHN", points=[family]),
        card("Jane Smith", uid="JANE", points=[family, ContactPoint("phone", "+1 555 0101")]),
        card("John Smith", uid="OTHER-JOHN", company="Contoso", birthday="1970-01-01"),
    ]
    result = import_contacts(db, cards, source="vcard", file_name="f.vcf", sha256="f")
    assert len(result.created) == 3
    assert people_named(db) == ["John Smith", "Jane Smith", "John Smith"]


def test_a_shared_address_does_not_fold_one_person_into_another(db: Database) -> None:
    john = add_person(db, "John Smith", points=[ContactPoint("email", "smiths@example.org")])
    jane = card("Jane Smith", points=[ContactPoint("email", "smiths@example.org")])
    import_contacts(db, [jane], source="vcard", file_name="j.vcf", sha256="j")
    assert people_named(db) == ["John Smith", "Jane Smith"]
    assert get_person(db, john).name == "John Smith"


def test_a_name_match_needs_nothing_against_it(db: Database) -> None:
    add_person(db, "John Smith", birthday="1970-01-01")
    other = card("John Smith", birthday="1982-05-05")
    assert match_person(db, other) is None
    add_person(db, "Ana Souza", points=[ContactPoint("email", "ana@work.example")])
    assert match_person(db, card("Ana Souza", points=[ContactPoint("email", "a@x.org")])) is None
    assert match_person(db, card("ANA SOUZA")) is not None
    add_person(db, "Tomás Reyes")
    assert match_person(db, card("TOMÁS REYES")) is not None  # not ASCII-only case folding


def test_reimport_after_a_merge_or_a_rename_finds_the_same_person(db: Database) -> None:
    from netdash.store.duplicates import merge_people

    tom = card("Tom", uid="PHONE-TOM", points=[ContactPoint("phone", "+34 612 34 56 78")])
    import_contacts(db, [tom], source="vcard", file_name="phone.vcf", sha256="1")
    icloud = card("Tomás Reyes", uid="ICLOUD", points=[ContactPoint("email", "t@example.org")])
    import_contacts(db, [icloud], source="vcard", file_name="icloud.vcf", sha256="2")
    assert people_named(db) == ["Tom", "Tomás Reyes"]
    merge_people(db, 2, 1)
    again = card("Tom", uid="PHONE-TOM", points=tom.points, notes="new note")
    result = import_contacts(db, [again], source="vcard", file_name="phone2.vcf", sha256="3")
    assert people_named(db) == ["Tomás Reyes"] and result.updated == ["Tomás Reyes: notes"]

    mom = card("Mom", points=[ContactPoint("phone", "+1 555 0199")])
    import_contacts(db, [mom], source="google-contacts", file_name="g1.csv", sha256="4")
    update_person(db, 3, name="Maria Lopez")
    mom_again = card("Mom", points=[ContactPoint("phone", "+1 555 0199")], company="Litware")
    import_contacts(db, [mom_again], source="google-contacts", file_name="g2.csv", sha256="5")
    assert people_named(db) == ["Tomás Reyes", "Maria Lopez"]
    assert get_person(db, 3).company == "Litware"


def test_an_unusable_contact_detail_is_skipped_and_said(db: Database) -> None:
    bad = card("Bo Chen", points=[ContactPoint("email", "not-an-email")])
    result = import_contacts(db, [bad], source="vcard", file_name="b.vcf", sha256="b")
    assert result.created == ["Bo Chen"]
    assert result.notes == ["c.vcf: Bo Chen: 'not-an-email' is not an e-mail address; skipped"]


def test_family_members_sharing_an_address_stay_two_people(db: Database) -> None:
    shared = [ContactPoint("email", "garcia.casa@example.org"), ContactPoint("phone", "+34 600")]
    for first, second in (("Maria", "Mario"), ("Daniel", "Daniela"), ("Paul", "Paula")):
        add_person(db, f"{first} Garcia", points=shared)
        assert match_person(db, card(f"{second} Garcia", points=shared)) is None, second
        db.execute("DELETE FROM people")


def test_two_cards_of_one_file_never_land_on_the_same_person(db: Database) -> None:
    sam = add_person(db, "Sam Lee")
    cards = [
        card("Sam Lee", points=[ContactPoint("email", "sam@x.org")], birthday="1990-01-01"),
        card("Sam Lee", points=[ContactPoint("phone", "+1 555 0123")]),
    ]
    result = import_contacts(db, cards, source="google-contacts", file_name="g", sha256="g")
    assert len(result.updated) == 1 and result.created == ["Sam Lee"]
    assert get_person(db, sam).birthday == "1990-01-01"


def test_titles_nicknames_and_nameless_cards_find_their_person(db: Database) -> None:
    jane = add_person(db, "Jane Smith", points=[ContactPoint("email", "jane@x.org")])
    for name in ("Dr. Jane Smith", "Jane Smith PhD", "Smith, Jane"):
        assert match_person(db, card(name, points=[ContactPoint("email", "jane@x.org")])) == jane
    bob = add_person(db, "Bob Jones", points=[ContactPoint("email", "bob@x.org")])
    robert = card("Robert Jones", nickname="Bob", points=[ContactPoint("email", "bob@x.org")])
    assert match_person(db, robert) == bob
    assert match_person(db, card("Robert Jones", nickname="Bob")) == bob  # by "Bob Jones"
    nameless = card("jane@x.org", points=[ContactPoint("email", "jane@x.org")])
    assert match_person(db, nameless) == jane


def test_a_new_card_before_a_known_one_cannot_take_its_person(db: Database) -> None:
    first = [card("Sam Lee", uid="A", points=[ContactPoint("phone", "+1 555 0001")])]
    import_contacts(db, first, source="vcard", file_name="a.vcf", sha256="a")
    edited = [card("Sam Lee", uid="B", points=[ContactPoint("phone", "+1 555 0999")]), first[0]]
    import_contacts(db, edited, source="vcard", file_name="b.vcf", sha256="b")
    uids = db.execute(
        "SELECT person_id, value FROM person_aliases WHERE kind = 'uid' ORDER BY value"
    ).fetchall()
    assert uids == [(1, "A"), (2, "B")]


def test_a_nickname_is_a_first_name_exactly(db: Database) -> None:
    shared = [ContactPoint("email", "costa.home@example.org")]
    add_person(db, "Daniela Costa", points=shared)
    assert match_person(db, card("Daniel Costa", nickname="Dan", points=shared)) is None
    bob = add_person(db, "Bob Jones", points=[ContactPoint("email", "bob@x.org")])
    robert = card("Robert Jones", nickname="Bob", points=[ContactPoint("email", "bob@x.org")])
    assert match_person(db, robert) == bob


@pytest.mark.parametrize("known", ["Jones, Bob", "Dr. Bob Jones", "Bob Jones"])
def test_a_nickname_finds_the_name_however_it_was_written(db: Database, known: str) -> None:
    bob = add_person(db, known, points=[ContactPoint("email", "bob@x.org")])
    for name in ("Robert Jones", "Robert"):
        robert = card(name, nickname="Bob", points=[ContactPoint("email", "bob@x.org")])
        assert match_person(db, robert) == bob, (known, name)
    tomas = add_person(db, "Tomás Reyes", points=[ContactPoint("email", "t@x.org")])
    assert match_person(db, card("T. R.", nickname="Tomas", points=tomas_points())) == tomas


def tomas_points() -> list[ContactPoint]:
    return [ContactPoint("email", "t@x.org")]


def test_a_nickname_keeps_the_generation(db: Database) -> None:
    shared = [ContactPoint("email", "x@x.org")]
    junior = add_person(db, "Bob Jones Jr.", points=shared)
    assert match_person(db, card("Robert Jones Jr.", nickname="Bob", points=shared)) == junior
    db.execute("DELETE FROM people")
    add_person(db, "Bob Jones", points=shared)
    assert match_person(db, card("Robert Jones Jr.", nickname="Bob", points=shared)) is None
