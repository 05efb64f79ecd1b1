from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.domain.errors import Ambiguous, InvalidInput
from netdash.domain.log_words import TITLES
from netdash.domain.models import KINDS, Handle
from netdash.domain.quicklog import Mention, mentions_from_names, parse_quick_log
from netdash.store.journal import NewPerson
from netdash.store.mentions import resolve_mentions
from netdash.store.people import add_person
from tests.conftest import TODAY


def test_the_example_from_the_issue() -> None:
    parsed = parse_quick_log(
        "yesterday: coffee with Grace Hopper and @ada #navy talked about COBOL", TODAY
    )
    assert parsed.occurred_on == TODAY - timedelta(days=1)
    assert parsed.mentions == (Mention("Grace Hopper", False), Mention("ada", True))
    assert parsed.tags == ("navy",)
    assert parsed.kind == "in_person"
    assert parsed.initiated_by == "me"
    assert parsed.note == "coffee with Grace Hopper and @ada talked about COBOL"


@pytest.mark.parametrize(
    ("text", "names", "kind", "when"),
    [
        ("coffee with Ana Souza", ["Ana Souza"], "in_person", TODAY),
        (
            "last friday lunch with Ana, Bo and Cy. Talked shop",
            ["Ana", "Bo", "Cy"],
            "in_person",
            date(2026, 11, 20),
        ),
        ("3 days ago called Mum", ["Mum"], "call", date(2026, 11, 23)),
        (
            "nov 20: zoom with Ludwig van Beethoven",
            ["Ludwig van Beethoven"],
            "video",
            date(2026, 11, 20),
        ),
        ("introduced Ana to Bo", ["Ana", "Bo"], "introduction", TODAY),
        ("Ana helped me move", ["Ana"], "helped_me", TODAY),
        ("helped Bo with his CV", ["Bo"], "helped_them", TODAY),
        ("texted Bo about Friday", ["Bo"], "message", TODAY),
        ("sat with Bo by the river", ["Bo"], "in_person", TODAY),  # "sat" is not a date here
        ("2026-11-01 met Zoë Ørsted at the meetup", ["Zoë Ørsted"], "event", date(2026, 11, 1)),
    ],
)
def test_examples(text: str, names: list[str], kind: str, when: date) -> None:
    parsed = parse_quick_log(text, TODAY)
    assert [m.text for m in parsed.mentions if not m.is_handle] == names
    assert parsed.kind == kind
    assert parsed.occurred_on == when


def test_they_started_it() -> None:
    assert parse_quick_log("Ana called me about the job", TODAY).initiated_by == "them"
    assert parse_quick_log("Ana Souza called", TODAY).initiated_by == "them"


@pytest.mark.parametrize(
    "text", ["", "   ", "coffee with nobody", "#tag only", "yesterdy: coffee with Bo"]
)
def test_refused_with_a_reason(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_quick_log(text, TODAY)


# a title ("Mx", "Dr") before a name is not part of it: the names generated here have none
name_words = st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True).filter(
    lambda word: word.lower() not in TITLES
)
names = st.lists(name_words, min_size=1, max_size=3).map(" ".join)
tags = st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), max_size=3, unique=True)


@given(st.lists(names, min_size=1, max_size=3, unique=True), tags, st.integers(0, 400))
def test_generated_logs_find_every_name_and_tag(
    people: list[str], tag_list: list[str], days: int
) -> None:
    text = (
        f"{days} days ago: lunch with {', '.join(people)} "
        + " ".join(f"#{tag}" for tag in tag_list)
        + " talked a lot"
    )
    parsed = parse_quick_log(text, TODAY)
    assert [m.text for m in parsed.mentions] == people
    assert list(parsed.tags) == tag_list
    assert parsed.occurred_on == TODAY - timedelta(days=days)
    assert "#" not in parsed.note
    assert parsed.note.endswith("talked a lot")


@given(st.text(max_size=120))
def test_any_text_parses_or_is_refused_cleanly(text: str) -> None:
    try:
        parsed = parse_quick_log(text, TODAY)
    except InvalidInput:
        return
    assert parsed.mentions
    assert parsed.kind in KINDS
    assert parsed.occurred_on <= TODAY


def test_resolving_mentions(db: Database) -> None:
    ada = add_person(db, "Ada Lovelace", handles=[Handle("mastodon", "ada@example.social")])
    choices = resolve_mentions(
        db, [Mention("Grace Hopper", False), Mention("ada", True), Mention("Ada", False)]
    )
    assert choices == [NewPerson("Grace Hopper"), ada]
    with pytest.raises(InvalidInput, match="@nobody matches nobody"):
        resolve_mentions(db, [Mention("nobody", True)])
    add_person(db, "Ada Byron")  # "ada" is still Lovelace: her handle is an exact match
    assert resolve_mentions(db, [Mention("Ada", False)]) == [ada]
    add_person(db, "Bo One")
    add_person(db, "Bo Two")
    with pytest.raises(Ambiguous):
        resolve_mentions(db, [Mention("Bo", False)])


def test_mentions_from_form_text() -> None:
    assert mentions_from_names(" Ana  Souza, @Bo,, Ana Souza ") == [
        Mention("Ana Souza", False),
        Mention("bo", True),
    ]


@pytest.mark.parametrize(
    "text",
    ["2099-01-01 coffee with Ana", "2000 years ago coffee with Ana", "1850-01-01: tea with Bo"],
)
def test_a_date_out_of_range_is_refused_not_read_as_a_note(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"has not happened yet|before 1900"):
        parse_quick_log(text, TODAY)


def test_a_handle_too_long_to_exist_matches_nobody(db: Database) -> None:
    with pytest.raises(InvalidInput, match=r"matches nobody.*\(60,001 characters\)"):
        resolve_mentions(db, [Mention("a" * 60_001, is_handle=True)])
