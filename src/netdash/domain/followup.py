"""A follow-up from one line: "follow up with Ana next friday about the intro".

The one place a day to come is allowed. The line must start with "follow up" (or "follow-up",
"followup", "remind me to follow up", "check in"), optionally after a day and a colon
("friday: follow up with Ana"); anything else is an ordinary quick log. The day may stand
anywhere in the line and reads forward from today:

    today · tomorrow · the day after tomorrow · in N days|weeks|months|years ·
    next week|month|year · friday · this friday · next friday · on dec 3 · 3 dec ·
    december 3, 2026 · 2026-12-03

("friday" and "next friday" are both the coming Friday, never today; "dec 3" is the next
3 December, today included.) A day in the past is refused, and so is a line without a day:
netdash does not guess when. People are found by the ordinary quick-log grammar
(:func:`netdash.domain.quicklog.parse_quick_log`), so a follow-up names people exactly as a
log does; the words after "about" (or "re", "regarding", "to", "for") say what about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from netdash.domain.dates import (
    DAY_MONTH,
    ISO,
    MONTH_DAY,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    NotOnCalendar,
    OutOfRange,
    calendar_date,
    clean_phrase,
    parse_date,
    recent,
    shift_months,
)
from netdash.domain.errors import InvalidInput, about

if TYPE_CHECKING:  # the grammar is imported when a line is read
    from netdash.domain.known_names import KnownNames
    from netdash.domain.quicklog import Mention

FARTHEST_YEARS = 10
"""How far ahead a follow-up may be: "in 200 years" is a slip."""

DUE_FORMS = "tomorrow, friday, next friday, in 2 weeks, on dec 3, 2026-12-03"
"""The forms a message suggests."""

_LEADS = (
    ("remind", "me", "to", "follow", "up"),
    ("follow", "up"),
    ("follow-up",),
    ("followup",),
    ("check", "in"),
)
_ABOUT = frozenset(["about", "re", "re:", "regarding", "to", "for"])
_IN = re.compile(r"in (\d+|[a-z]+) (day|week|month|year)s?")
_TRAILING = ".,;:!?)"


@dataclass(frozen=True)
class FollowUpLine:
    """What a follow-up line says, before any name is looked up."""

    mentions: tuple[Mention, ...]
    due_on: date
    due_text: str
    about: str


def _relative(phrase: str, today: date) -> date | None:
    """today, tomorrow, in N units, next week/month/year, and weekdays: None if not one."""
    fixed = {"today": 0, "tomorrow": 1, "day after tomorrow": 2, "the day after tomorrow": 2}
    if phrase in fixed:
        return today + timedelta(days=fixed[phrase])
    if match := _IN.fullmatch(phrase):
        amount = int(match[1]) if match[1].isdigit() else NUMBER_WORDS.get(match[1])
        if amount is None or amount > 366 * FARTHEST_YEARS:
            return None
        if match[2] in ("day", "week"):
            return today + timedelta(days=amount * (7 if match[2] == "week" else 1))
        return shift_months(today, amount * (12 if match[2] == "year" else 1))
    units = {"next week": 7, "next month": -1, "next year": -12}
    if phrase in units:
        step = units[phrase]
        return today + timedelta(days=step) if step > 0 else shift_months(today, -step)
    words = phrase.split(" ")
    if len(words) == 2 and words[0] in ("next", "this", "on", "coming") and words[1] in WEEKDAYS:
        words = words[1:]
    if len(words) == 1 and words[0] in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS[words[0]] - today.weekday() - 1) % 7 + 1)
    return None


def parse_due(text: str, today: date) -> date:
    """The day ``text`` names, today or later; :class:`OutOfRange` for a day gone by (or one
    over ten years ahead), InvalidInput for anything the grammar does not know."""
    with about("when"):
        return check_ahead(_due(text, today), today, text)


def _due(text: str, today: date) -> date:
    phrase = clean_phrase(text).removeprefix("on ").strip()
    day = _relative(phrase, today)
    if day is None and (match := ISO.fullmatch(phrase)):
        day = calendar_date(int(match[1]), int(match[2]), int(match[3]), text)
    for pattern, month_at, day_at in ((MONTH_DAY, 1, 2), (DAY_MONTH, 2, 1)):
        if day is None and (match := pattern.fullmatch(phrase)) and match[month_at] in MONTHS:
            year = int(match[3]) if match[3] else None
            day = recent(
                MONTHS[match[month_at]], int(match[day_at]), year, today, text, forward=True
            )
    if day is None:
        raise InvalidInput(f"{text.strip()!r} is not a day netdash knows (try {DUE_FORMS})")
    return day


def check_ahead(day: date, today: date, text: str | None = None) -> date:
    """A follow-up's day: today or later, and not over ten years ahead."""
    written = f"{text.strip()!r} ({day.isoformat()})" if text else day.isoformat()
    if day < today:
        raise OutOfRange(
            f"{written} is in the past: a follow-up is for today or a day to come (to log"
            " what happened, leave out 'follow up')",
            field="when",
        )
    if day > shift_months(today, 12 * FARTHEST_YEARS):
        raise OutOfRange(f"{written} is over {FARTHEST_YEARS} years ahead", field="when")
    return day


def _bare(token: str) -> str:
    return token.lower().rstrip(_TRAILING)


def _lead(words: list[str]) -> int:
    """How many words the follow-up's opening takes ("follow up", "follow-up"...); 0 if none."""
    lowered = [_bare(word) for word in words]
    for lead in _LEADS:
        if tuple(lowered[: len(lead)]) == lead:
            return len(lead)
    return 0


def _window(tokens: list[str], today: date) -> tuple[int, int, date] | None:
    """The first run of tokens naming a day, longest first at each place: (start, stop, day).
    A day gone by ("yesterday", "3 days ago") is refused here rather than left in the note."""
    for start in range(len(tokens)):
        for size in (5, 4, 3, 2, 1):
            stop = start + size
            if stop > len(tokens):
                continue
            phrase = " ".join(_bare(token) for token in tokens[start:stop])
            if phrase == "yesterday":
                _refuse_past(phrase, today)
            if size == 1 and not (
                phrase in ("today", "tomorrow") or ISO.fullmatch(phrase) or phrase in WEEKDAYS
            ):
                continue  # a lone "may" or "sat" is a word
            try:
                return start, stop, parse_due(phrase, today)
            except (OutOfRange, NotOnCalendar):
                raise
            except InvalidInput:
                pass
            if size > 1:
                _refuse_past(phrase, today)
    return None


def _refuse_past(phrase: str, today: date) -> None:
    """Raise if ``phrase`` is a day gone by in the journal's own grammar ("3 days ago")."""
    if phrase.split(" ")[0] in WEEKDAYS or phrase.split(" ")[0] in MONTHS:
        return  # "friday" and "dec 3" read forward here
    try:
        day = parse_date(phrase, today)
    except InvalidInput:
        return
    if day < today:
        check_ahead(day, today, phrase)


def _split_about(tokens: list[str]) -> tuple[list[str], list[str]]:
    """The line up to its first "about" (or "re", "to"...) after the opening, and the words
    after it: only the first part names people."""
    start = next(i for i in range(len(tokens)) if _lead(tokens[i:]))
    after = start + _lead(tokens[start:])
    for index in range(after, len(tokens)):
        if _bare(tokens[index]) in _ABOUT:
            return tokens[:index], tokens[index + 1 :]
    return tokens, []


def _take_due(head: list[str], tail: list[str], today: date) -> tuple[date, str]:
    """Take the day out of the line, in place: first from the names' part, then from the
    "about" part."""
    for part in (head, tail):
        found = _window(part, today)
        if found is not None:
            start, stop, day = found
            text = " ".join(part[start:stop]).rstrip(_TRAILING)
            del part[start:stop]
            return day, text
    raise InvalidInput(
        "when? a follow-up needs a day: write one of " + DUE_FORMS + " in the line", field="when"
    )


def _is_day(phrase: str, today: date) -> bool:
    """Whether words read as a day in either direction ("friday", "yesterday")."""
    for parse in (parse_due, parse_date):
        try:
            parse(phrase, today)
        except OutOfRange:
            return True
        except InvalidInput:
            continue
        return True
    return False


def is_follow_up(text: str, today: date) -> bool:
    """Whether a log line asks for a follow-up rather than recording an interaction: it opens
    with "follow up", or with a day and then "follow up" ("friday: follow up with Ana")."""
    words = text.replace(":", ": ").split()
    if _lead(words):
        return True
    for size in range(1, min(len(words), 6)):
        if _lead(words[size:]) and _is_day(" ".join(words[:size]), today):
            return True
    return False


def parse_follow_up(text: str, today: date, known: KnownNames | None = None) -> FollowUpLine | None:
    """Read a follow-up line; None if the line is not one (an ordinary log). ``known``: the
    journal's names, so "follow up with ana" finds Ana Souza as a log line does."""
    from netdash.domain.quicklog import parse_quick_log

    text = " ".join(text.split())
    if not is_follow_up(text, today):
        return None
    first, colon, rest = text.partition(":")
    if colon and first.strip() and _lead(rest.split()):
        text = f"{first.strip()} {rest.strip()}"  # "friday: follow up..." reads as the day
    head, tail = _split_about(text.split(" "))
    due_on, due_text = _take_due(head, tail, today)
    start = next(i for i in range(len(head)) if _lead(head[i:]))
    before, body = head[:start], head[start + _lead(head[start:]) :]
    if before:
        raise InvalidInput(
            f"{' '.join(before)!r} before 'follow up' is not a day netdash knows (try {DUE_FORMS})",
            field="when",
        )
    if body and _bare(body[0]) in ("on", "w/"):
        body = ["with", *body[1:]]
    elif body and _bare(body[0]) != "with":
        body = ["with", *body]
    try:
        if not body:
            raise InvalidInput("no one named", field="people")
        parsed = parse_quick_log(" ".join(body), today, known)
    except InvalidInput as error:
        if error.field != "people":
            raise
        raise InvalidInput(
            f"who? {text!r} names no one: write 'follow up with Ana Souza friday about the"
            " intro' (a capitalised name, an @handle, #12 or a name the journal knows)",
            field="people",
        ) from None
    about = " ".join(tail).strip() if tail else _after_names(body, parsed.mentions)
    return FollowUpLine(parsed.mentions, due_on, due_text, about)


def _after_names(body: list[str], mentions: Sequence[Mention]) -> str:
    """What the follow-up is about when no "about" (or "re"...) says so: the words after the
    names ("follow up with Ana friday, send the deck" is about sending the deck)."""
    named = {word.casefold() for mention in mentions for word in mention.text.split()}
    rest = body[1:]  # after "with"
    while rest and (
        rest[0][:1] in "@#,"
        or _bare(rest[0]).casefold() in named
        or _bare(rest[0]) in ("and", "&", "+")
    ):
        rest = rest[1:]
    return " ".join(rest).strip(" ,:;")
