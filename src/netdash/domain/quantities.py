"""Hours as people type them ("4", "1.5", "4h", "90m", "90 min"), read one way everywhere.

The give line, the community form and `netdash goal add --hours` all take time given; one parser
means "90m" cannot be ninety minutes in one place and a typo in another.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from netdash.domain.errors import InvalidInput

MAX_QUANTITY = Decimal(10**12)
"""The largest number of hours or of a result (meals, trees, people) a contribution or a goal
can have: more is a typo, and a number SQLite and the dashboard still add up exactly."""

_UNIT = r"h|hr|hrs|hours?|m|min|mins|minutes?"
#: A time inside a longer line ("4h at Food Bank"): the number and its unit, which is required.
DURATION = re.compile(rf"\b(\d+(?:\.\d+)?)\s*({_UNIT})\b", re.IGNORECASE)
_WHOLE = re.compile(rf"(?P<number>.*?)\s*(?P<unit>{_UNIT})?", re.IGNORECASE)


def check_quantity(
    value: Decimal, what: str = "a quantity", *, field: str | None = None
) -> Decimal:
    """A finite number no larger than :data:`MAX_QUANTITY` (NaN and Infinity are refused here,
    before a comparison with them raises)."""
    if not value.is_finite():
        raise InvalidInput(f"{what} must be a number, not {value}", field=field)
    if abs(value) > MAX_QUANTITY:
        raise InvalidInput(f"{what} is {value:,}; {MAX_QUANTITY:,} is the most", field=field)
    return value


def parse_hours(text: str) -> Decimal:
    """Hours from "4", "1.5", "4h", "90m" or "90 min": a bare number counts hours; "" is none.

    Refuses what no one means as time given: words, NaN, Infinity, a negative or a huge number.
    """
    cleaned = text.strip()
    match = _WHOLE.fullmatch(cleaned)
    if not cleaned or match is None:
        return Decimal(0)
    try:
        value = Decimal(match["number"])
    except InvalidOperation:
        raise InvalidInput(
            f"{cleaned!r}: hours as a number, e.g. 4 or 1.5 or 90m", field="hours"
        ) from None
    check_quantity(value, "hours", field="hours")
    if value < 0:
        raise InvalidInput("hours cannot be negative", field="hours")
    unit = (match["unit"] or "h").lower()
    return value if unit.startswith("h") else value / 60


def parse_result(text: str) -> tuple[Decimal, str] | None:
    """A result as people type it, "120 meals served" or "1,200 trees": the number and its unit;
    "" is none. Refused in words that name the result (field "result"), never another option."""
    cleaned = text.strip()
    if not cleaned:
        return None
    number, _, unit = cleaned.partition(" ")
    try:
        quantity = Decimal(number.replace(",", ""))
    except InvalidOperation:
        raise InvalidInput(
            f"{cleaned!r}: a result is a number and its unit, e.g. 120 meals served",
            field="result",
        ) from None
    check_quantity(quantity, "a result", field="result")
    if not unit.strip():
        raise InvalidInput(f"{cleaned!r}: what unit? e.g. 120 meals served", field="result")
    return quantity, unit.strip()


def minutes(hours: Decimal) -> int:
    """Whole minutes, as a contribution stores time given."""
    return int((hours * 60).to_integral_value())


def hours_text(hours: Decimal | float | int) -> str:
    """Hours as every screen and document prints them: "8.5 h", "1,200 h", "0.33 h".

    Two decimals at most, rounded half up, no trailing zeros: 8.5 h is never "8 h" on one screen
    (round-half-to-even to whole hours) and "8.5" on the next.
    """
    value = Decimal(str(hours)) if isinstance(hours, float) else Decimal(hours)
    text = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + " h"


def minutes_as_hours(minutes: int) -> Decimal:
    """Stored whole minutes as exact hours (90 -> 1.5)."""
    return Decimal(minutes) / 60
