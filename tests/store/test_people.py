from __future__ import annotations

import re
from datetime import date

import pytest
from sqlite_utils import Database

from netdash.domain.errors import Ambiguous, InvalidInput, NotFound
from netdash.domain.models import ContactPoint, Handle
from netdash.domain.names import (
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    normalize_handle,
    parse_handle_spec,
)
from netdash.store.people import (
    add_person,
    count_people,
    delete_person,
    find_people,
    get_person,
    list_people,
    resolve_person,
    update_person,
)
from tests.conftest import MARKUP_NAME


def test_add_person_with_everything(db: Database) -> None:
    ana = add_person(db, "Ana Souza")
    person_id = add_person(
        db,
        "  Ada   Lovelace ",
        handles=[parse_handle_spec("mastodon:@Ada@Example.social"), Handle("github", "ada")],
        tags=["#math", "navy"],
        met_on=date(2020, 5, 1),
        how_met="a conference",
        introduced_by=ana,
        notes="likes engines",
        closeness=4,
        cadence_days=30,
    )
    person = get_person(db, person_id)
    assert person.name == "Ada Lovelace"
    assert person.handles == (Handle("github", "ada"), Handle("mastodon", "ada@example.social"))
    assert person.tags == ("math", "navy")
    assert person.met_on == date(2020, 5, 1)
    assert person.introduced_by is not None and person.introduced_by.name == "Ana Souza"
    assert (person.closeness, person.cadence_days, person.notes) == (4, 30, "likes engines")
    assert person.last_contact is None and person.interactions == 0


def test_markup_names_are_stored_exactly(db: Database) -> None:
    person_id = add_person(db, MARKUP_NAME, notes="[red]not red[/red] [/")
    person = get_person(db, person_id)
    assert person.name == MARKUP_NAME
    assert person.notes == "[red]not red[/red] [/"


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_empty_name_is_refused(db: Database, name: str) -> None:
    with pytest.raises(InvalidInput, match="needs a name"):
        add_person(db, name)
    assert count_people(db) == 0


def test_a_handle_belongs_to_one_person_and_a_failed_add_writes_nothing(db: Database) -> None:
    add_person(db, "Ada", handles=[Handle("github", "ada")])
    with pytest.raises(InvalidInput, match="already belongs to Ada"):
        add_person(db, "Impostor", handles=[Handle("github", "ada")], tags=["x"])
    assert count_people(db) == 1
    assert db.execute("SELECT COUNT(*) FROM tags").fetchone()[0] == 0


@pytest.mark.parametrize("spec", ["ada", ":ada", "github:", "git hub:ada", "github:a da"])
def test_bad_handle_specs_are_refused(spec: str) -> None:
    with pytest.raises(InvalidInput):
        parse_handle_spec(spec)


def test_normalize_handle_lowercases_and_drops_the_at() -> None:
    assert normalize_handle(" Mastodon ", "@Ada@Example.Social") == Handle(
        "mastodon", "ada@example.social"
    )


def test_update_changes_only_what_is_passed(db: Database) -> None:
    person_id = add_person(db, "Ada", tags=["a", "b"], handles=[Handle("github", "ada")])
    update_person(
        db,
        person_id,
        name="Ada Lovelace",
        add_tags=["c"],
        remove_tags=["a"],
        add_handles=[Handle("bluesky", "ada.example.com")],
        remove_handles=[Handle("github", "ada")],
        closeness=5,
    )
    person = get_person(db, person_id)
    assert person.name == "Ada Lovelace"
    assert person.tags == ("b", "c")
    assert person.handles == (Handle("bluesky", "ada.example.com"),)
    assert person.closeness == 5
    update_person(db, person_id, closeness=None)
    assert get_person(db, person_id).closeness is None
    assert get_person(db, person_id).name == "Ada Lovelace"


def test_update_refuses_bad_values_and_writes_nothing(db: Database) -> None:
    person_id = add_person(db, "Ada")
    with pytest.raises(InvalidInput):
        update_person(db, person_id, name="Ada L", closeness=9)
    with pytest.raises(InvalidInput):
        update_person(db, person_id, introduced_by=person_id)
    with pytest.raises(NotFound):
        update_person(db, 999, name="x")
    assert get_person(db, person_id).name == "Ada"


def test_a_refused_removal_names_the_new_name_and_undoes_the_rename(db: Database) -> None:
    person_id = add_person(db, "Ada", points=[ContactPoint("email", "ada@x.org")])
    with pytest.raises(InvalidInput, match=r"^Ada Lovelace has no tag 'x'$") as caught:
        update_person(
            db,
            person_id,
            name="Ada  Lovelace",
            add_tags=["math"],
            remove_points=[ContactPoint("email", "ADA@x.org")],
            remove_tags=["x"],
        )
    assert caught.value.field == "tags"
    person = get_person(db, person_id)  # the whole edit is one transaction
    assert (person.name, person.tags, len(person.points)) == ("Ada", (), 1)


def test_an_email_removed_as_a_handle_is_a_contact_point(db: Database) -> None:
    person_id = add_person(db, "Ada", points=[ContactPoint("email", "ada@x.org")])
    update_person(db, person_id, remove_handles=[Handle("email", "ada@x.org")])
    assert get_person(db, person_id).points == ()


def test_resolve_by_name_handle_and_first_name(db: Database) -> None:
    ada = add_person(db, "Ada Lovelace", handles=[Handle("mastodon", "ada@example.social")])
    grace = add_person(db, "Grace Hopper", handles=[Handle("github", "ghopper")])
    assert resolve_person(db, "ada lovelace").id == ada
    assert resolve_person(db, "@ada").id == ada  # mastodon user part
    assert resolve_person(db, "@ghopper").id == grace
    assert resolve_person(db, "Grace").id == grace  # first name
    with pytest.raises(NotFound):
        resolve_person(db, "Linus")


def test_exact_match_wins_over_first_name(db: Database) -> None:
    ada = add_person(db, "Ada")
    add_person(db, "Ada Lovelace")
    assert find_people(db, "Ada")[0].id == ada
    assert len(find_people(db, "Ada")) == 1


def test_a_first_name_with_an_accented_initial_is_found_in_either_case(db: Database) -> None:
    elodie = add_person(db, "Élodie Dupré")
    add_person(db, "Eloise Martin")  # NOCASE sorts É after every ASCII letter: not a match
    assert [person.id for person in find_people(db, "élodie")] == [elodie]
    assert [person.id for person in find_people(db, "Élodie")] == [elodie]
    assert resolve_person(db, "élodie").id == elodie


def test_people_who_share_a_first_name_come_in_name_order(db: Database) -> None:
    later = add_person(db, "élodie Zola")  # written lower-case: found as typed
    first = add_person(db, "Élodie Abadie")
    beta = add_person(db, "Élodie Beta")
    # SQLite's NOCASE order: UTF-8 bytes, ASCII folded; "é" (0xC3 0xA9) after "É" (0xC3 0x89)
    assert [person.id for person in find_people(db, "élodie")] == [first, beta, later]
    with pytest.raises(Ambiguous):
        resolve_person(db, "Élodie")


def test_ambiguous_names_list_the_candidates(db: Database) -> None:
    add_person(db, "Ada Lovelace")
    add_person(db, "Ada Byron", handles=[Handle("github", "byron")])
    with pytest.raises(Ambiguous) as caught:
        resolve_person(db, "Ada")
    assert "Ada Byron" in str(caught.value) and "github:byron" in str(caught.value)
    assert len(caught.value.candidates) == 2


def test_list_people_pages_and_searches(db: Database) -> None:
    for index in range(25):
        add_person(db, f"Person {index:02d}", tags=["odd"] if index % 2 else [])
    assert count_people(db) == 25
    first = list_people(db, limit=10)
    second = list_people(db, limit=10, offset=10)
    assert [row.name for row in first] == [f"Person {i:02d}" for i in range(10)]
    assert [row.name for row in second] == [f"Person {i:02d}" for i in range(10, 20)]
    assert count_people(db, "odd") == 12
    assert count_people(db, "person 1") == 10
    assert count_people(db, "%") == 0  # LIKE wildcards are literal


def test_delete_person_keeps_shared_entries(db: Database) -> None:
    from netdash.store.journal import count_interactions, log_interaction

    ada, bo = add_person(db, "Ada"), add_person(db, "Bo")
    day = date(2026, 11, 1)
    log_interaction(db, people=[ada], occurred_on=day, today=day, kind="call")
    log_interaction(db, people=[ada, bo], occurred_on=day, today=day, kind="event")
    delete_person(db, ada)
    assert count_interactions(db) == 1
    assert get_person(db, bo).interactions == 1


def test_phone_numbers_need_digits(db: Database) -> None:
    with pytest.raises(InvalidInput, match="'call me' is not a phone number: it has no digits"):
        add_person(db, "Bo", points=[ContactPoint("phone", "call me")])
    assert count_people(db) == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"remove_tags": ["gone"]}, "Ana Souza has no tag 'gone'"),
        ({"remove_handles": [Handle("github", "bo")]}, "Ana Souza has no handle github:bo"),
        ({"remove_points": [ContactPoint("email", "no@x.org")]}, "has no email 'no@x.org'"),
        ({"remove_handles": [Handle("email", "no@x.org")]}, "has no email 'no@x.org'"),
        ({"met_on": date(2099, 1, 1)}, "2099-01-01 has not happened yet"),
        ({"met_on": date(1899, 1, 1)}, "1899-01-01 is before 1900"),
        ({"birthday": "2099-01-01"}, "birthday 2099-01-01 has not happened yet"),
    ],
)
def test_an_edit_that_cannot_be_done_changes_nothing(
    db: Database, change: dict[str, object], message: str
) -> None:
    ana = add_person(db, "Ana Souza", tags=["work"], handles=[Handle("github", "ana")])
    before = get_person(db, ana)
    with pytest.raises(InvalidInput, match=re.escape(message)):
        update_person(db, ana, notes="changed", **change)  # type: ignore[arg-type]
    assert get_person(db, ana) == before


def test_a_reference_longer_than_any_name_finds_nobody(db: Database) -> None:
    add_person(db, "a" * MAX_NAME_LENGTH, handles=[Handle("github", "a" * MAX_TEXT_LENGTH)])
    long = "a" * 60_000
    assert find_people(db, long) == []
    assert count_people(db, long) == 0 and list_people(db, search=long) == []
    with pytest.raises(NotFound, match=r"no person matches 'a+… \(60,000 characters\)'"):
        resolve_person(db, long)
    assert find_people(db, "a" * MAX_TEXT_LENGTH)  # the longest handle is still found
    with pytest.raises(InvalidInput, match="handle is 501 characters long; 500 is the most"):
        add_person(db, "Bo", handles=[Handle("github", "b" * 501)])
    with pytest.raises(InvalidInput, match="tag is 501 characters long"):
        add_person(db, "Bo", tags=["t" * 501])
