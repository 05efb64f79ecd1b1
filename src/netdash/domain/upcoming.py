"""Birthdays ahead: which days a window covers, and how old someone turns.

A birthday is stored as ``YYYY-MM-DD``, or ``--MM-DD`` when the year is not known (see
:func:`netdash.domain.names.check_birthday`). Someone born on 29 February is celebrated on
1 March in a common year, as :func:`netdash.domain.dates.birthday_phrase` says.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MAX_DAYS = 366
"""The longest window ``upcoming`` looks ahead: a year, leap day included."""


def ahead_words(day: date, today: date) -> str:
    """ "today", "tomorrow", "in 3 days", or "2 days late" for a day gone by (a follow-up)."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 0:
        return f"in {days} days"
    return "1 day late" if days == -1 else f"{-days} days late"


def weekday_date(day: date) -> str:
    """ "Fri 2026-11-27": a day ahead as the commands list it."""
    return f"{day:%a} {day.isoformat()}"


def next_birthday(birthday: str, today: date) -> date:
    """The next day the birthday is celebrated, today included."""
    month, day = int(birthday[-5:-3]), int(birthday[-2:])
    for year in (today.year, today.year + 1):
        if (month, day) == (2, 29) and not calendar.isleap(year):
            candidate = date(year, 3, 1)
        else:
            candidate = date(year, month, day)
        if candidate >= today:
            return candidate
    raise AssertionError("a birthday comes round within a year")


def turns(birthday: str, on: date) -> int | None:
    """How old someone born on ``birthday`` turns on their birthday ``on``; None without a year."""
    if birthday.startswith("--"):
        return None
    return on.year - int(birthday[:4])


def month_days(today: date, days: int) -> list[str]:
    """The ``MM-DD`` a stored birthday ends with for each day from today through ``days`` more:
    a narrow filter for the store (``02-29`` when a common year's 1 March is in the window)."""
    wanted: list[str] = []
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        wanted.append(f"{day.month:02d}-{day.day:02d}")
        if (day.month, day.day) == (3, 1) and not calendar.isleap(day.year):
            wanted.append("02-29")
    return wanted
