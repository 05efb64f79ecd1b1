"""Money kept exact, and the `give` line grammar."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netdash.domain.errors import InvalidInput
from netdash.domain.give import parse_give
from netdash.domain.money import parse_money
from netdash.domain.quicklog import Mention
from netdash.store.stats import money_text
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2300 USD", (230_000, "USD")),
        ("$2,300", (230_000, "USD")),
        ("12.50 eur", (1_250, "EUR")),
        ("€12.5", (1_250, "EUR")),
        ("500 JPY", (500, "JPY")),
        ("1.234 KWD", (1_234, "KWD")),
    ],
)
def test_amounts(text: str, expected: tuple[int, str]) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("-5 USD", "negative"),
        ("5 ABC", "ISO 4217"),
        ("1.005 USD", "decimal places"),
        ("12.5 JPY", "decimal places"),
        ("$5 USD", "not both"),
        ("1,23 USD", "thousands"),
        ("five USD", "not an amount"),
    ],
)
def test_refused_amounts(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        parse_money(text)


@given(st.integers(0, 10**12), st.sampled_from(["USD", "EUR", "JPY", "KWD", "GBP"]))
def test_minor_units_round_trip_exactly(minor: int, currency: str) -> None:
    assert parse_money(f"{money_text(minor, currency)} {currency}") == (minor, currency)


def test_give_the_issue_example() -> None:
    draft = parse_give("saturday: 4h at Food Bank, 120 meals served, with @ana", TODAY)
    assert draft.occurred_on == date(2026, 11, 21)
    assert draft.organisation == "Food Bank"
    assert draft.minutes == 240
    assert draft.result == (Decimal("120"), "meals served")
    assert draft.mentions == [Mention("ana", is_handle=True)]


@pytest.mark.parametrize(
    ("text", "org", "minutes", "money", "result", "role"),
    [
        (
            "2300 USD raised for Shelter Run as organiser",
            "Shelter Run",
            0,
            (230_000, "USD"),
            None,
            "organiser",
        ),
        (
            "90 min at the Code Club as mentor, 12 kids taught",
            "Code Club",
            90,
            None,
            (Decimal("12"), "kids taught"),
            "mentor",
        ),
        (
            "yesterday: $1,234.50 for Urban Tree Trust",
            "Urban Tree Trust",
            0,
            (123_450, "USD"),
            None,
            "",
        ),
        (
            "1.5 hours at Friends of the Library, 300 books sorted",
            "Friends of the Library",
            90,
            None,
            (Decimal("300"), "books sorted"),
            "",
        ),
    ],
)
def test_give_examples(
    text: str, org: str, minutes: int, money: object, result: object, role: str
) -> None:
    draft = parse_give(text, TODAY)
    assert (draft.organisation, draft.minutes, draft.money, draft.result, draft.role) == (
        org,
        minutes,
        money,
        result,
        role,
    )


@pytest.mark.parametrize(
    "text",
    ["", "4h, 120 meals", "4h at Food Bank, -5 USD", "5 ABC for Food Bank", "200h at Food Bank"],
)
def test_give_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_give(text, TODAY)


@given(st.text(max_size=100))
def test_give_never_crashes(text: str) -> None:
    try:
        draft = parse_give(text, TODAY)
    except InvalidInput:
        return
    assert draft.organisation
    assert draft.minutes >= 0
    assert draft.occurred_on <= TODAY


@given(st.integers(1, 600), st.integers(1, 5000), st.integers(0, 300))
def test_generated_lines(minutes: int, quantity: int, days: int) -> None:
    text = f"{days} days ago: {minutes} min at Food Bank, {quantity} meals served"
    draft = parse_give(text, TODAY)
    assert draft.minutes == minutes
    assert draft.result == (Decimal(quantity), "meals served")
    assert draft.occurred_on == TODAY - timedelta(days=days)
