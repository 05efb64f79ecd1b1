"""Dates as people type them into a journal: always a day that has been, relative to "today".

A small closed grammar rather than dateparser (80 ms to import, and it guesses) or parsedatetime
(reads "nov 20" as next year). A journal records the past, so a bare "friday" or "nov 20" means
the most recent one, and the grammar is listed in full in the README:

    today · yesterday · N days|weeks|months|years ago (N may be a word: "a", "two") ·
    last friday · friday · nov 20 · 20 nov · november 20, 2025 · 2026-11-20
"""

from __future__ import annotations

import os
import re
from calendar import monthrange
from datetime import UTC, date, datetime, time, timedelta

from netdash.domain.errors import InvalidInput, about

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
MONTHS = {
    name: index + 1
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

EARLIEST = date(1900, 1, 1)
"""The first day a journal of living relationships records: "2000 years ago" is a slip."""


class OutOfRange(InvalidInput):
    """A day that reads as a date but is not one a journal of the past can hold."""


class NotOnCalendar(InvalidInput):
    """A month and day that read as a date but are none ("feb 30"): said, not skipped."""


def check_past(day: date, today: date, text: str | None = None, *, field: str = "when") -> date:
    """The one rule for every day the user states about the past (met, born, logged, vouched,
    counted, given, achieved): not after today and not before 1900. ``text`` is how the user
    wrote it, named in the message when it differs from the day itself."""
    written = (
        f"{text.strip()!r} ({day.isoformat()})"
        if text and text.strip() != day.isoformat()
        else day.isoformat()
    )
    if day > today:
        raise OutOfRange(f"{written} has not happened yet", field=field)
    if day < EARLIEST:
        raise OutOfRange(
            f"{written} is before {EARLIEST.year}; netdash keeps days from then on", field=field
        )
    return day


ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
"""2026-11-20; the grammar of days to come (:mod:`netdash.domain.followup`) shares these."""
MONTH_DAY = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?")
"""nov 20, november 20th, nov. 20, 2025"""
DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?(?:,? (\d{4}))?")
"""20 nov, 20th of november, 20 nov 2025"""
_AGO = re.compile(r"(\d+|[a-z]+) (day|week|month|year)s? ago")


def today() -> date:
    """The local date; ``NETDASH_TODAY`` (ISO) pins it for reproducible demos and screenshots."""
    pinned = os.environ.get("NETDASH_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise InvalidInput(f"NETDASH_TODAY={pinned!r} is not an ISO date") from None
    return date.today()


def shift_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier if negative), kept inside the shorter month
    (31 January + 1 month is 28 or 29 February)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    if year < 1:
        raise OutOfRange("that is too long ago")
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def calendar_date(year: int, month: int, day: int, text: str) -> date:
    """The day, or :class:`NotOnCalendar` naming ``text`` as the user wrote it."""
    try:
        return date(year, month, day)
    except ValueError:
        raise NotOnCalendar(f"{text!r} is not a day on the calendar") from None


def recent(
    month: int, day: int, year: int | None, today: date, text: str, *, forward: bool = False
) -> date:
    """A month and day without a year is the most recent such day, never one to come; with
    ``forward``, the next such day, today included (29 February: the nearest leap year's)."""
    if year is not None:
        return calendar_date(year, month, day, text)
    step = 1 if forward else -1
    for candidate_year in range(today.year, today.year + 8 * step, step):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue  # 29 feb: try other years
        if (candidate >= today) if forward else (candidate <= today):
            return candidate
    raise NotOnCalendar(f"{text!r} is not a day on the calendar")


def clean_phrase(text: str) -> str:
    """A typed day as the grammar reads it: lower case, one space apart, no trailing colon."""
    phrase = " ".join(text.lower().replace(",", ", ").split()).replace(" ,", ",")
    return phrase.rstrip(":").strip()


def parse_date(text: str, today: date) -> date:
    """The day ``text`` names, relative to ``today``; refuse anything the grammar does not know,
    and (:class:`OutOfRange`) a day to come or before 1900."""
    with about("when"):
        return check_past(_parse(text, today), today, text)


def _parse(text: str, today: date) -> date:
    phrase = clean_phrase(text)
    if not phrase:
        raise InvalidInput("a date is needed (e.g. today, yesterday, last friday, 2026-11-20)")
    if phrase == "today":
        return today
    if phrase == "yesterday":
        return today - timedelta(days=1)
    if phrase in ("the day before yesterday", "day before yesterday"):
        return today - timedelta(days=2)
    if match := ISO.fullmatch(phrase):
        return calendar_date(int(match[1]), int(match[2]), int(match[3]), text)
    if match := _AGO.fullmatch(phrase):
        amount_text, unit = match[1], match[2]
        amount = int(amount_text) if amount_text.isdigit() else NUMBER_WORDS.get(amount_text)
        if amount is None:
            raise InvalidInput(f"{text!r}: {amount_text!r} is not a number")
        if amount > 100 * 366:
            raise OutOfRange(f"{text!r} is too long ago")
        if unit == "day":
            return today - timedelta(days=amount)
        if unit == "week":
            return today - timedelta(weeks=amount)
        return shift_months(today, -amount * (12 if unit == "year" else 1))
    words = phrase.split(" ")
    if len(words) == 2 and words[0] == "last" and words[1] in WEEKDAYS:
        back = (today.weekday() - WEEKDAYS[words[1]]) % 7 or 7
        return today - timedelta(days=back)
    if len(words) == 1 and words[0] in WEEKDAYS:
        return today - timedelta(days=(today.weekday() - WEEKDAYS[words[0]]) % 7)
    if (match := MONTH_DAY.fullmatch(phrase)) and match[1] in MONTHS:
        year = int(match[3]) if match[3] else None
        return recent(MONTHS[match[1]], int(match[2]), year, today, text)
    if (match := DAY_MONTH.fullmatch(phrase)) and match[2] in MONTHS:
        year = int(match[3]) if match[3] else None
        return recent(MONTHS[match[2]], int(match[1]), year, today, text)
    raise InvalidInput(
        f"{text.strip()!r} is not a date netdash knows"
        " (try today, yesterday, 3 days ago, last friday, nov 20, 2026-11-20)"
    )


def describe(day: date, today: date) -> str:
    """A short human phrase for a past day: "today", "yesterday", "3 days ago", or the date.

    A day after ``today`` was written where the calendar had already turned (another time zone,
    or a pinned or corrected clock): it is as recent as anything can be, so it reads "today"."""
    delta = days_since(day, today)
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta < 14:
        return f"{delta} days ago"
    if delta < 60:
        return f"{delta // 7} weeks ago"
    if delta < 730:
        return f"{delta // 30} months ago"
    return f"{delta // 365} years ago"


def days_since(day: date, today: date) -> int:
    """Whole days from ``day`` to ``today``: never negative, as :func:`describe` explains."""
    return max(0, (today - day).days)


def birthday_phrase(birthday: str, today: date) -> str:
    """ "15 April 1988 · turns 39 in 20 days" (or "15 April · in 20 days" without the year)."""
    from netdash.domain.upcoming import ahead_words, next_birthday, turns

    month, day = int(birthday[-5:-3]), int(birthday[-2:])
    upcoming = next_birthday(birthday, today)
    label = f"{day} {date(2000, month, day):%B}"
    age = turns(birthday, upcoming)
    if age is None:
        return f"{label} · {ahead_words(upcoming, today)}"
    return f"{label} {birthday[:4]} · turns {age} {ahead_words(upcoming, today)}"


def utc_now() -> str:
    """A sortable UTC timestamp for created/updated columns."""
    return stamp_of(datetime.now(UTC))


def stamp_of(moment: datetime) -> str:
    """The stored form of a moment, ``YYYY-MM-DDTHH:MM:SSZ`` in UTC: every writer stores this
    form, which sorts as the moments it names (the follower history compares it in SQL)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stamp_for_day(day: date, now: datetime | None = None) -> str:
    """The UTC timestamp stored for something known only to be true on local calendar ``day``
    (a follower count typed by hand): the end of that day in the local time zone, but never
    later than now. So a count for today is stamped now, and every later observation, whatever
    the time zone, sorts after it; a count for a past day sorts after that day's others."""
    now = now or datetime.now(UTC)
    end = datetime.combine(day, time(23, 59, 59)).astimezone(UTC)  # naive: local time
    return stamp_of(min(end, now))


def local_moment(stamp: str) -> datetime:
    """A stored UTC timestamp (``...Z``) in the local time zone: what the user sees."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        raise InvalidInput(f"{stamp!r} is not a timestamp") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def local_day(stamp: str) -> date:
    """The local calendar day a stored UTC timestamp (``...Z``) falls on."""
    return local_moment(stamp).date()


def next_day_stamp(day: date) -> str:
    """The stored stamp of the first whole second whose :func:`local_day` is after ``day``:
    a stamp (``...Z``) falls on or before local ``day`` exactly when it sorts before this one.
    Local midnight usually; where a clock change skips or repeats it, the seconds around it
    are searched by :func:`local_day` itself, so the two never disagree."""
    guess = datetime.combine(day + timedelta(days=1), time()).astimezone(UTC)  # naive: local

    def after(moment: datetime) -> bool:
        return local_day(stamp_of(moment)) > day

    second = timedelta(seconds=1)
    if after(guess) and not after(guess - second):
        return stamp_of(guess)
    low, high = guess - timedelta(days=2), guess + timedelta(days=2)  # offsets are under a day
    while high - low > second:  # after(low) is false, after(high) true
        middle = low + timedelta(seconds=(high - low) // second // 2)
        low, high = (low, middle) if after(middle) else (middle, high)
    return stamp_of(high)


def from_iso(value: str | None) -> date | None:
    """A stored ``YYYY-MM-DD`` as a date; a missing one (NULL, "") stays None."""
    return date.fromisoformat(value) if value else None
