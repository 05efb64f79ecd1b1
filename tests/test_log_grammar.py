"""The log line's grammar (issue 16): known names in any case and anywhere, aliases, titles,
"w/", "my sister Maria", dates at the end, and the words for depth and who started it."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, timedelta

import pytest
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.domain.log_words import clean_alias
from netdash.domain.quicklog import Mention, parse_quick_log
from netdash.store.aliases import JournalNames
from netdash.store.journal import NewPerson
from netdash.store.mentions import Resolved, resolve_found
from netdash.store.people import add_person, update_person
from tests.conftest import TODAY

YESTERDAY = TODAY - timedelta(days=1)


class Names:
    """A journal as the parser sees it, by hand: phrase -> how it names someone."""

    def __init__(self, hows: Mapping[str, str]) -> None:
        self.hows = dict(hows)
        self.asked: list[Collection[str]] = []

    def known(self, phrases: Collection[str]) -> Mapping[str, str]:
        self.asked.append(phrases)
        return {phrase: self.hows[phrase] for phrase in phrases if phrase in self.hows}


JOURNAL = Names(
    {
        "ana souza": "name",
        "ana": "first name",
        "bo": "first name",
        "mom": "alias",
        "my sister": "alias",
        "the landlord": "alias",
        "maria": "first name",
        "will": "first name",
        "tea": "first name",
    }
)


def texts(line: str, known: Names | None = JOURNAL) -> list[str]:
    return [str(m) for m in parse_quick_log(line, TODAY, known).mentions]


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("call with ana souza", ["ana souza"]),
        ("CALL WITH ANA SOUZA", ["ANA SOUZA"]),
        ("lunch. ana souza paid", ["ana souza"]),  # anywhere, not only after "with"
        ("mom called me", ["mom"]),
        ("coffee with Ana and mom", ["Ana", "mom"]),
        ("dinner w/ ana and bo", ["ana", "bo"]),
        ("dinner w/ana", ["ana"]),
        ("talked to the landlord about the boiler", ["the landlord"]),
        ("coffee with Bo at ana's place", ["Bo", "ana"]),  # a possessive is still them
        ("will call back tomorrow about it", []),  # an everyday word is a name only in place
        ("called will about Ana", ["will", "Ana"]),
        ("tea with Bo", ["Bo"]),  # Tea Smith is known, but "tea" here is what they drank
        ("lunch with Ana, Bo and mom", ["Ana", "Bo", "mom"]),
        ("Ana and mom came over", ["Ana", "mom"]),
        ("coffee with Ana Souza's team", ["Ana Souza"]),
    ],
)
def test_known_names_are_found_in_any_case_and_anywhere(line: str, people: list[str]) -> None:
    if not people:
        with pytest.raises(InvalidInput):
            parse_quick_log(line, TODAY, JOURNAL)
        return
    assert texts(line) == people


def test_the_journal_is_asked_once_per_line() -> None:
    journal = Names({})
    parse_quick_log("coffee with Ana Souza, talked about the grant and her trip", TODAY, journal)
    assert len(journal.asked) == 1
    assert "ana souza" in journal.asked[0] and "ana souza, talked" not in journal.asked[0]


def test_a_new_name_still_needs_capitals() -> None:
    assert texts("coffee with Grace Hopper", Names({})) == ["Grace Hopper"]
    with pytest.raises(InvalidInput, match="'grace hopper' is nobody in the journal yet"):
        parse_quick_log("coffee with grace hopper", TODAY, Names({}))


def test_a_known_name_a_capitalised_word_continues_is_someone_else() -> None:
    assert texts("lunch with Ana Souza Lima") == ["Ana Souza Lima"]


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("met Dr. José García-López at PyCon, talked about type hints", ["José García-López"]),
        ("call with Prof Ada Lovelace", ["Ada Lovelace"]),
        ("lunch with Mrs. Ng and Mx Lee", ["Ng", "Lee"]),
        ("tea with Élodie Dupré-Martin", ["Élodie Dupré-Martin"]),
        ("Had lunch with my sister Maria today", ["Maria"]),
        ("drinks with my old friend Bo Chen", ["Bo Chen"]),
        ("helped Bo with his CV", ["Bo"]),
    ],
)
def test_titles_descriptions_hyphens_and_accents(line: str, people: list[str]) -> None:
    assert texts(line, Names({})) == people


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("lunch with Dr. and Ana", ["Ana"]),
        ("lunch with Ana and Prof.", ["Ana"]),
        ("Dr. called Bo", ["Bo"]),
        ("met Dr. Prof. Ada Lovelace", ["Ada Lovelace"]),
        # the titles the duplicate finder knows too
        ("lunch with Rev. Ana Souza", ["Ana Souza"]),
        ("tea with Miss Ana and Sir Bo", ["Ana", "Bo"]),
    ],
)
def test_a_title_with_no_name_after_it_is_nobody(line: str, people: list[str]) -> None:
    assert texts(line, Names({})) == people


def test_a_line_naming_only_a_title_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no one named"):
        parse_quick_log("met Dr. at PyCon", TODAY, Names({}))


def test_my_sister_maria_is_maria_even_when_my_sister_is_someone_else() -> None:
    assert texts("Had lunch with my sister Maria today") == ["Maria"]
    assert texts("lunch with my sister") == ["my sister"]


@pytest.mark.parametrize(
    ("line", "when", "note"),
    [
        ("Had lunch with my sister Maria today", TODAY, "Had lunch with my sister Maria"),
        ("lunch with Bo yesterday.", YESTERDAY, "lunch with Bo"),
        ("coffee with Bo 3 days ago", TODAY - timedelta(days=3), "coffee with Bo"),
        ("coffee with Bo on friday", date(2026, 11, 20), "coffee with Bo"),
        ("coffee with Bo last friday", date(2026, 11, 20), "coffee with Bo"),
        ("had lunch yesterday with Bo", YESTERDAY, "had lunch with Bo"),
        ("texted Bo about Friday", TODAY, "texted Bo about Friday"),  # a note's word
        ("coffee with Bo 2026-11-02", date(2026, 11, 2), "coffee with Bo"),
        ("coffee with Bo 3 days ago #work #x", TODAY - timedelta(days=3), "coffee with Bo"),
        ("coffee with Bo yesterday #work", YESTERDAY, "coffee with Bo"),
    ],
)
def test_a_date_at_the_end(line: str, when: date, note: str) -> None:
    parsed = parse_quick_log(line, TODAY)
    assert (parsed.occurred_on, parsed.note) == (when, note)


def test_a_date_to_come_at_the_end_is_refused() -> None:
    with pytest.raises(InvalidInput, match="has not happened yet"):
        parse_quick_log("coffee with Bo 2027-01-02", TODAY)


@pytest.mark.parametrize(
    ("line", "depth", "words"),
    [
        ("quick chat with Bo", 1, "quick chat"),
        ("small talk with Bo at the bus stop", 1, "small talk"),
        ("caught up with Bo", 2, "caught up"),
        ("quick catch-up with Bo", 1, "quick catch-up"),
        ("long call with Bo", 3, "long call"),
        ("deep talk with Bo about his father", 4, "deep talk"),
        ("heart-to-heart with Bo", 5, "heart-to-heart"),
        ("coffee with Bo", None, None),
    ],
)
def test_depth_in_words(line: str, depth: int | None, words: str | None) -> None:
    parsed = parse_quick_log(line, TODAY)
    assert (parsed.depth, parsed.said.depth) == (depth, words)


@pytest.mark.parametrize(
    ("line", "by"),
    [
        ("coffee with Bo", "me"),
        ("Bo called me about the flat", "them"),
        ("Bo called", "them"),
        ("dinner with Bo, we both planned it together", "mutual"),
        ("Ora helped me move", "me"),  # a favour to me; who started it is not said
    ],
)
def test_who_started_it_in_words(line: str, by: str) -> None:
    assert parse_quick_log(line, TODAY).initiated_by == by


def test_a_refusal_says_why_and_what_would_work() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_quick_log("yesterday: long call with mom", TODAY)  # no journal, no alias
    message = str(refused.value)
    assert "'mom' is nobody in the journal yet" in message
    assert "--alias 'mom'" in message
    with pytest.raises(InvalidInput, match="write a capitalised name after 'with'"):
        parse_quick_log("just thinking", TODAY)


@pytest.mark.parametrize(
    ("alias", "problem"),
    [
        ("", "needs a word"),
        ("@mom", "not a name"),
        ("#12", "not a name"),
        ("coffee", "already reads"),
        ("Friday", "already reads"),
        ("x" * 201, "200 is the most"),
        ("mo\x1bm", "control character"),
    ],
)
def test_aliases_that_would_confuse_the_line_are_refused(alias: str, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        clean_alias(alias)
    assert clean_alias("  My   Sister ") == "my sister"


# --------------------------------------------------------------- the issue's table, on a journal


def logged(db: Database, line: str) -> tuple[date, str, list[Resolved]]:
    parsed = parse_quick_log(line, TODAY, JournalNames(db))
    return parsed.occurred_on, parsed.kind, resolve_found(db, parsed.mentions)


def test_every_line_of_the_issue_table(db: Database) -> None:
    ana = add_person(db, "Ana Souza")
    bo = add_person(db, "Bo Chen")
    maria = add_person(db, "Maria Lopez")
    rosa = add_person(db, "Rosa Lopez")
    update_person(db, rosa, add_aliases=["mom"])
    update_person(db, maria, add_aliases=["my sister"])
    table = [
        ("coffee with Ana Souza", TODAY, "in_person", [(ana, "known")]),
        ("call with ana souza", TODAY, "call", [(ana, "known")]),
        ("Had lunch with my sister Maria today", TODAY, "in_person", [(maria, "known")]),
        ("yesterday: long call with mom", YESTERDAY, "call", [(rosa, "alias")]),
        ("dinner w/ Ana and Bo", TODAY, "in_person", [(ana, "known"), (bo, "known")]),
        (
            "met Dr. José García-López at PyCon, talked about type hints",
            TODAY,
            "in_person",
            [(NewPerson("José García-López"), "new")],
        ),
    ]
    for line, when, kind, people in table:
        day, got_kind, found = logged(db, line)
        assert (day, got_kind) == (when, kind), line
        assert [(p.choice, p.how) for p in found] == people, line


def test_aliases_and_former_names_resolve(db: Database) -> None:
    rosa = add_person(db, "Rosa Lopez")
    update_person(db, rosa, add_aliases=["Mom"])
    bob = add_person(db, "Bob")
    update_person(db, bob, name="Robert Smith")  # "Bob" is now a name he had
    _, _, found = logged(db, "MOM and Bob came by for tea")
    assert [(p.choice, p.how) for p in found] == [(rosa, "alias"), (bob, "former name")]
    # a name written as a form writes it also finds an alias
    assert resolve_found(db, [Mention("mom", False)])[0].choice == rosa


def test_a_known_name_with_an_id_says_which(db: Database) -> None:
    add_person(db, "John Smith")
    second = add_person(db, "John Smith")
    _, _, found = logged(db, "call with john smith #2 about work")
    assert [p.choice for p in found] == [second]
