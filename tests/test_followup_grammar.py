"""The follow-up line: "follow up with Ana next friday about the intro" and its days ahead."""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Mapping
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netdash.domain.errors import InvalidInput
from netdash.domain.followup import parse_due, parse_follow_up
from netdash.domain.quicklog import Mention
from netdash.domain.upcoming import month_days, next_birthday, turns
from tests.conftest import TODAY  # Thursday 26 November 2026


@pytest.mark.parametrize(
    ("text", "names", "due", "about"),
    [
        (
            "follow up with Ana next friday about the intro",
            ["Ana"],
            date(2026, 11, 27),
            "the intro",
        ),
        ("follow up with Ana Souza in 2 weeks", ["Ana Souza"], date(2026, 12, 10), ""),
        ("follow-up with Bo on dec 3 re: the grant", ["Bo"], date(2026, 12, 3), "the grant"),
        ("friday: follow up with Bo", ["Bo"], date(2026, 11, 27), ""),
        (
            "tomorrow follow up with Ana and Bo to send the deck",
            ["Ana", "Bo"],
            date(2026, 11, 27),
            "send the deck",
        ),
        ("Follow up with Cy 2026-12-24 about presents", ["Cy"], date(2026, 12, 24), "presents"),
        ("followup with Cy today", ["Cy"], TODAY, ""),
        ("follow up with Cy thursday", ["Cy"], date(2026, 12, 3), ""),  # never today
        ("follow up with Cy in a month", ["Cy"], date(2026, 12, 26), ""),
        ("follow up with Cy 3 dec", ["Cy"], date(2026, 12, 3), ""),
        ("follow up with Cy nov 26", ["Cy"], TODAY, ""),  # today counts
        ("follow up with Cy nov 20", ["Cy"], date(2027, 11, 20), ""),  # the next one
        ("remind me to follow up with Cy next week", ["Cy"], date(2026, 12, 3), ""),
        ("check in with Cy in 3 days", ["Cy"], date(2026, 11, 29), ""),
        # no "about": the words after the names still say what it is about
        ("follow up with Ana friday, send the deck", ["Ana"], date(2026, 11, 27), "send the deck"),
        (
            "follow up with Ana and Bo friday: the intro",
            ["Ana", "Bo"],
            date(2026, 11, 27),
            "the intro",
        ),
    ],
)
def test_a_follow_up_line(text: str, names: list[str], due: date, about: str) -> None:
    line = parse_follow_up(text, TODAY)
    assert line is not None
    assert [m.text for m in line.mentions] == names
    assert line.due_on == due
    assert line.about == about


class _Knows:
    """The journal's names as the grammar asks for them: here only "ana"."""

    def known(self, phrases: Collection[str]) -> Mapping[str, str]:
        return {phrase: "first name" for phrase in phrases if phrase == "ana"}


def test_the_about_part_names_no_one_and_is_not_read_as_a_log() -> None:
    line = parse_follow_up("follow up with Ana tomorrow about lunch with Bo", TODAY)
    assert line is not None
    assert [m.text for m in line.mentions] == ["Ana"]
    assert line.about == "lunch with Bo"
    line = parse_follow_up("follow up with Ana friday about the demo on 2027-01-05", TODAY)
    assert line is not None
    assert (line.due_on, line.about) == (date(2026, 11, 27), "the demo on 2027-01-05")


def test_a_known_name_in_lower_case_is_a_person_not_the_about() -> None:
    line = parse_follow_up("follow up with ana friday", TODAY, _Knows())
    assert line is not None
    assert [m.text for m in line.mentions] == ["ana"]
    assert line.about == ""


def test_people_are_found_by_the_quick_log_grammar() -> None:
    line = parse_follow_up("follow up with @ada and #12 tomorrow", TODAY)
    assert line is not None
    assert set(line.mentions) == {Mention("ada", True), Mention("", False, person_id=12)}


@pytest.mark.parametrize(
    "text",
    [
        "coffee with Ana",
        "call with Bo to follow up on the contract",  # an entry about a follow-up
        "yesterday: lunch with Ana, we said we'd follow up",
        "Ana followed up with me",
    ],
)
def test_an_ordinary_line_is_not_a_follow_up(text: str) -> None:
    assert parse_follow_up(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("follow up with Ana 2026-11-01", "is in the past"),
        ("yesterday: follow up with Ana", "is in the past"),
        ("follow up with Ana 3 days ago", "is in the past"),
        ("follow up with Ana last friday", "is in the past"),
        ("follow up with Ana about the intro", "needs a day"),
        ("follow up tomorrow about the intro", "names no one"),
        ("follow up with Ana in 400 years", "over 10 years ahead"),
        ("follow up with Ana on 2040-01-01", "over 10 years ahead"),
        ("follow up with Ana on feb 30", "not a day on the calendar"),
    ],
)
def test_a_refused_follow_up_says_why(text: str, says: str) -> None:
    with pytest.raises(InvalidInput, match=says):
        parse_follow_up(text, TODAY)


def test_leap_day_is_the_next_29_february() -> None:
    assert parse_due("feb 29", TODAY) == date(2028, 2, 29)


@given(st.text(max_size=80))
def test_any_text_reads_or_is_refused_never_crashes(text: str) -> None:
    with contextlib.suppress(InvalidInput):
        parse_follow_up(text, TODAY)


@given(st.text(alphabet="follw up@#:Ana Bo tomrwinxdaysnext friday 0123456789-", max_size=60))
def test_follow_up_shaped_text_never_crashes(text: str) -> None:
    try:
        line = parse_follow_up(text, TODAY)
    except InvalidInput:
        return
    if line is not None:
        assert line.due_on >= TODAY


def test_birthdays_ahead_with_and_without_a_year() -> None:
    assert next_birthday("1990-11-26", TODAY) == TODAY
    assert next_birthday("--11-25", TODAY) == date(2027, 11, 25)
    assert turns("1990-11-26", TODAY) == 36
    assert turns("--11-26", TODAY) is None


def test_a_29_february_birthday_is_kept_on_1_march_in_a_common_year() -> None:
    assert next_birthday("2000-02-29", date(2027, 2, 20)) == date(2027, 3, 1)
    assert next_birthday("2000-02-29", date(2028, 2, 20)) == date(2028, 2, 29)
    assert "02-29" in month_days(date(2027, 2, 27), 3)
    assert "02-29" not in month_days(date(2028, 3, 1), 3)  # a leap year has its own


def test_the_person_page_phrase_keeps_the_same_29_february_rule_as_the_panel() -> None:
    from netdash.domain.dates import birthday_phrase

    on_1_march = date(2027, 3, 1)  # a common year: today is the day
    assert next_birthday("2000-02-29", on_1_march) == on_1_march
    assert birthday_phrase("2000-02-29", on_1_march) == "29 February 2000 · turns 27 today"
