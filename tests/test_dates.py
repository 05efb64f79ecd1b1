from __future__ import annotations

import contextlib
import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netdash.domain.dates import EARLIEST, OutOfRange, check_past, describe, parse_date
from netdash.domain.errors import InvalidInput
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("Yesterday", date(2026, 11, 25)),
        ("yesterday:", date(2026, 11, 25)),
        ("3 days ago", date(2026, 11, 23)),
        ("a week ago", date(2026, 11, 19)),
        ("two weeks ago", date(2026, 11, 12)),
        ("1 month ago", date(2026, 10, 26)),
        ("last friday", date(2026, 11, 20)),
        ("last thursday", date(2026, 11, 19)),  # today is a Thursday: last one is a week back
        ("thursday", TODAY),
        ("friday", date(2026, 11, 20)),
        ("nov 20", date(2026, 11, 20)),
        ("20 nov", date(2026, 11, 20)),
        ("November 20, 2025", date(2025, 11, 20)),
        ("dec 25", date(2025, 12, 25)),  # not yet this year: the last one
        ("2026-11-20", date(2026, 11, 20)),
        ("feb 29", date(2024, 2, 29)),
    ],
)
def test_grammar(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["", "yesterdy", "2026-02-30", "nov 31", "next friday", "soon", "x days ago", "0000-01-01"],
)
def test_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_date(text, TODAY)


@given(st.integers(0, 20_000))
def test_n_days_ago_round_trips(days: int) -> None:
    assert parse_date(f"{days} days ago", TODAY) == TODAY - timedelta(days=days)


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
def test_month_day_is_never_in_the_future(day: date) -> None:
    text = day.strftime("%b %d").lower()
    parsed = parse_date(text, TODAY)
    assert parsed <= TODAY
    assert (parsed.month, parsed.day) == (day.month, day.day)


@given(st.text(max_size=40))
def test_never_anything_but_a_date_or_invalid_input(text: str) -> None:
    with contextlib.suppress(InvalidInput):
        assert isinstance(parse_date(text, TODAY), date)


def test_describe() -> None:
    assert describe(TODAY, TODAY) == "today"
    assert describe(TODAY - timedelta(days=1), TODAY) == "yesterday"
    assert describe(TODAY - timedelta(days=5), TODAY) == "5 days ago"
    assert describe(TODAY - timedelta(days=21), TODAY) == "3 weeks ago"
    assert describe(TODAY - timedelta(days=800), TODAY) == "2 years ago"


def test_birthday_phrase() -> None:
    from netdash.domain.dates import birthday_phrase

    today = date(2026, 11, 26)
    assert birthday_phrase("1988-12-16", today) == "16 December 1988 · turns 38 in 20 days"
    assert birthday_phrase("--11-26", today) == "26 November · today"
    assert birthday_phrase("--11-27", today) == "27 November · tomorrow"
    assert birthday_phrase("1990-04-15", today) == "15 April 1990 · turns 37 in 140 days"
    assert birthday_phrase("--02-29", today) == "29 February · in 95 days"  # 1 March 2027


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-11-27", "2026-11-27 has not happened yet"),
        ("nov 27, 2026", "'nov 27, 2026' (2026-11-27) has not happened yet"),
        ("9999-12-31", "has not happened yet"),
        ("1899-12-31", "1899-12-31 is before 1900"),
        ("2000 years ago", "'2000 years ago' (0026-11-26) is before 1900"),
        ("127 years ago", "is before 1900"),
        ("99999999999999999999 days ago", "too long ago"),
    ],
)
def test_one_rule_for_days_in_the_past(text: str, message: str) -> None:
    with pytest.raises(OutOfRange, match=re.escape(message)):
        parse_date(text, TODAY)


def test_check_past_bounds() -> None:
    assert check_past(TODAY, TODAY) == TODAY
    assert check_past(EARLIEST, TODAY) == EARLIEST
    with pytest.raises(OutOfRange):
        check_past(TODAY + timedelta(days=1), TODAY)
    with pytest.raises(OutOfRange):
        check_past(EARLIEST - timedelta(days=1), TODAY)


@given(st.text(max_size=40))
def test_a_parsed_day_is_never_in_the_future_or_before_1900(text: str) -> None:
    with contextlib.suppress(InvalidInput):
        assert EARLIEST <= parse_date(text, TODAY) <= TODAY
