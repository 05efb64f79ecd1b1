"""The one hours parser the give line, the community form and `goal add` share."""

from __future__ import annotations

from decimal import Decimal

import pytest

from netdash.domain.errors import InvalidInput
from netdash.domain.quantities import minutes, parse_hours


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4", 240),
        ("1.5", 90),
        ("4h", 240),
        ("4 hours", 240),
        ("2hrs", 120),
        ("90m", 90),
        ("90 min", 90),
        ("45 minutes", 45),
        ("", 0),
        ("  ", 0),
    ],
)
def test_hours_as_people_type_them(text: str, expected: int) -> None:
    assert minutes(parse_hours(text)) == expected


def test_a_bare_number_stays_an_exact_decimal_of_hours() -> None:
    assert parse_hours("12") == Decimal(12)
    assert str(parse_hours("1.25")) == "1.25"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lots", "'lots': hours as a number, e.g. 4 or 1.5 or 90m"),
        ("-2", "hours cannot be negative"),
        ("NaN", "hours must be a number, not NaN"),
        ("Infinity", "hours must be a number, not Infinity"),
        ("1e400", "1,000,000,000,000 is the most"),
    ],
)
def test_what_is_not_time_given_is_refused_with_its_field(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_hours(text)
    assert message in str(caught.value)
    assert caught.value.field == "hours"
