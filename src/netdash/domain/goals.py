"""What a yearly goal aims at, checked the same way when it is set and when it is edited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from netdash.domain.errors import InvalidInput
from netdash.domain.quantities import check_quantity


@dataclass(frozen=True)
class GoalTarget:
    """As the goals table keeps it: a kind, the target as text, and its currency or unit."""

    kind: str
    target: str
    currency: str | None
    unit: str | None


def goal_target(
    hours: Decimal | None = None,
    money: tuple[int, str] | None = None,
    result: tuple[Decimal, str] | None = None,
) -> GoalTarget:
    """Exactly one of hours, money (minor units, currency) or a result (number, unit)."""
    given = [value for value in (hours, money, result) if value is not None]
    if len(given) != 1:
        raise InvalidInput("a goal is one of: hours, money or a result")
    if hours is not None:
        check_quantity(hours, "hours", field="hours")
    if result is not None:
        check_quantity(result[0], "a result", field="result")
    if (hours is not None and hours <= 0) or (money is not None and money[0] <= 0):
        raise InvalidInput("a goal must be above zero")
    if result is not None and (result[0] <= 0 or not result[1].strip()):
        raise InvalidInput(
            "a result goal is a positive number and a unit (500 meals served)", field="result"
        )
    if hours is not None:
        return GoalTarget("hours", str(hours), None, None)
    if money is not None:
        return GoalTarget("money", str(money[0]), money[1], None)
    assert result is not None
    return GoalTarget("result", str(result[0]), None, result[1].strip())
