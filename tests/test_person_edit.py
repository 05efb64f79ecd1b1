"""The person edit as one value: whole lists in, adds and removes out, no screen or journal."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from netdash.domain.errors import InvalidInput
from netdash.domain.models import ContactPoint, Handle, Person
from netdash.domain.person_edit import DetailChanges, ListChanges, detail_changes, list_changes

ESC = "\x1b"


def person(
    handles: Sequence[Handle] = (),
    tags: Sequence[str] = (),
    points: Sequence[ContactPoint] = (),
) -> Person:
    return Person(
        id=1,
        name="Bo Chen",
        met_on=None,
        how_met=None,
        introduced_by=None,
        notes="",
        closeness=None,
        cadence_days=None,
        handles=tuple(handles),
        tags=tuple(tags),
        last_contact=None,
        interactions=0,
        created_at="2026-01-01T00:00:00Z",
        points=tuple(points),
    )


def changes(
    who: Person,
    *,
    handles: Sequence[str] = (),
    tags: Sequence[str] = (),
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
) -> DetailChanges:
    return detail_changes(who, handles=handles, tags=tags, emails=emails, phones=phones)


def test_an_untouched_person_changes_nothing() -> None:
    bo = person(
        handles=[Handle("github", "bo")],
        tags=["work"],
        points=[ContactPoint("email", "bo@x.org", "home", True), ContactPoint("phone", "+1 555")],
    )
    edit = changes(bo, handles=["github:bo"], tags=["work"], emails=["bo@x.org"], phones=["+1 555"])
    assert edit == DetailChanges(ListChanges(), ListChanges(), ListChanges())


def test_lists_become_adds_and_removes_in_order() -> None:
    bo = person(handles=[Handle("github", "bo"), Handle("twitter", "bo")], tags=["a", "b"])
    edit = changes(bo, handles=["github:bo", "mastodon:@Bo@Example.social"], tags=["b", "c"])
    assert edit.handles == ListChanges(
        add=(Handle("mastodon", "bo@example.social"),), remove=(Handle("twitter", "bo"),)
    )
    assert edit.tags == ListChanges(add=("c",), remove=("a",))


def test_a_stored_handle_shown_as_stored_is_kept_unparsed() -> None:
    odd = Handle("github", "Bo Chen")  # from before today's rules: a space, capitals
    assert changes(person(handles=[odd]), handles=[str(odd)]).handles == ListChanges()


def test_email_domains_are_lower_cased_and_phones_tidied() -> None:
    bo = person(points=[ContactPoint("email", "old@x.org", "home")])
    edit = changes(bo, emails=["old@x.org", "Bo@New.org"], phones=["  +1  555 0100 ", "", " "])
    assert edit.points == ListChanges(  # a mailbox's local part may differ by case (RFC 5321)
        add=(ContactPoint("email", "Bo@new.org"), ContactPoint("phone", "+1 555 0100"))
    )


def test_points_compare_by_kind_and_value_so_a_label_survives() -> None:
    home = ContactPoint("email", "bo@x.org", "home", True)
    web = ContactPoint("url", "https://bo.example")  # not a kind the form edits: left alone
    phone = ContactPoint("phone", "+1 555")
    edit = changes(person(points=[home, web, phone]), emails=["bo@x.org"])
    assert edit.points == ListChanges(remove=(phone,))


def test_a_stored_hostile_point_never_blocks_a_save() -> None:
    hostile = ContactPoint("email", f"m{ESC}]52;c;@x.org")  # as an old import kept it
    bo = person(points=[hostile])
    assert changes(bo, emails=[hostile.value], tags=["new"]).tags == ListChanges(add=("new",))
    assert changes(bo).points == ListChanges(remove=(hostile,))


@pytest.mark.parametrize(
    ("typed", "field", "words"),
    [
        ({"handles": ["nocolon"]}, "handles", "should be PLATFORM:HANDLE"),
        ({"emails": ["not-an-address"]}, "emails", "not an e-mail address"),
        ({"emails": [f"new{ESC}@x.org"]}, "emails", "control character"),
        ({"phones": ["call me"]}, "phones", "not a phone number"),
        ({"handles": ["x"], "emails": ["nope"]}, "handles", "PLATFORM:HANDLE"),  # first box first
        ({"emails": ["nope"], "phones": ["nope"]}, "emails", "e-mail"),
    ],
)
def test_a_new_value_is_checked_and_names_its_box(
    typed: dict[str, list[str]], field: str, words: str
) -> None:
    with pytest.raises(InvalidInput, match=words) as caught:
        changes(person(), **typed)
    assert caught.value.field == field


def test_list_changes_keeps_what_both_hold() -> None:
    assert list_changes((1, 2, 3), (3, 4, 1)) == ListChanges(add=(4,), remove=(2,))
