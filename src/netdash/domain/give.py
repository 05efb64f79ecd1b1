"""Quick capture of community work: one line becomes a contribution.

    saturday: 4h at Food Bank as volunteer, 120 meals served, with @ana and Bo Chen

reads as a date (as in `netdash log`), time given (4h, 90 min), an organisation ("at" or "for"
and a capitalised name), money ($50, 2300 USD), a result (a number and its unit: "120 meals
served"), a role ("as volunteer"), the people you were with (after "with", by name or @handle),
and anything else as the note. Parsing is pure; people are resolved as `netdash log` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from netdash.domain.errors import InvalidInput
from netdash.domain.money import NotMoney, parse_money
from netdash.domain.quantities import DURATION, minutes, parse_hours
from netdash.domain.quicklog import Mention, split_date

_ORG = re.compile(
    r"\b(?:at|for)\s+((?:the\s+)?[A-Z0-9][\w'&.-]*"
    r"(?:\s+(?:(?:of|the|and|for|de)\s+)*[A-Z0-9][\w'&.-]*)*)"
)
_ROLE = re.compile(r"\bas\s+(?:an?\s+)?([\w-]+(?:\s+[\w-]+)?)$", re.IGNORECASE)
_RESULT = re.compile(r"^(\d[\d,]*(?:\.\d+)?)\s+([^\d].*)$")


@dataclass
class GiveDraft:
    occurred_on: date
    organisation: str | None = None
    minutes: int = 0
    money: tuple[int, str] | None = None
    result: tuple[Decimal, str] | None = None
    role: str = ""
    mentions: list[Mention] = field(default_factory=list)
    note: list[str] = field(default_factory=list)


def _minutes(amount: str, unit: str) -> int:
    hours = parse_hours(amount + unit)
    if hours * 60 > 24 * 60 * 7:
        raise InvalidInput(f"{amount}{unit} is more than a week", field="hours")
    return minutes(hours)


def _people(text: str) -> list[Mention]:
    mentions: list[Mention] = []
    for part in re.split(r",|\band\b|&", text):
        name = " ".join(part.split()).strip(".")
        if not name:
            continue
        item = (
            Mention(name[1:].lower(), is_handle=True)
            if name.startswith("@") and len(name) > 1
            else Mention(name, is_handle=False)
        )
        if item not in mentions:
            mentions.append(item)
    return mentions


def parse_give(text: str, today: date) -> GiveDraft:
    """Read one line of community work; InvalidInput says what to fix."""
    text = " ".join(text.split())
    if not text:
        raise InvalidInput("nothing to record: e.g. 'saturday: 4h at Food Bank, 120 meals served'")
    occurred_on, _, body = split_date(text, today)
    draft = GiveDraft(occurred_on=occurred_on)
    parts = re.split(r"(?:^|,\s*|\s)with\s+", body, maxsplit=1)
    head = parts[0]
    if len(parts) == 2:
        draft.mentions = _people(parts[1])
    # ", " separates parts; a comma inside a number ($1,234) groups thousands
    for segment in (piece.strip() for piece in re.split(r",\s+|,$", head)):
        if not segment:
            continue
        if time := DURATION.search(segment):
            if draft.minutes:
                raise InvalidInput(f"{segment!r}: the time is given twice", field="hours")
            draft.minutes = _minutes(time[1], time[2])
            segment = (segment[: time.start()] + segment[time.end() :]).strip()
        if draft.organisation is None and (org := _ORG.search(segment)):
            draft.organisation = re.sub(r"^the\s+", "", org[1].strip(), flags=re.IGNORECASE)
            segment = (segment[: org.start()] + segment[org.end() :]).strip()
        if role := _ROLE.search(segment):
            draft.role = role[1].strip()
            segment = segment[: role.start()].strip()
        if not segment:
            continue
        if re.match(r"-\s*[$€£¥₹₩]?\d", segment):
            raise InvalidInput(f"{segment!r}: amounts and hours cannot be negative")
        words = segment.split()
        money = None
        for size in (2, 1):
            try:
                money = parse_money(" ".join(words[:size]))
            except NotMoney:
                continue
            rest = words[size:]
            break
        if money is not None:
            if draft.money is not None:
                raise InvalidInput(f"{segment!r}: the money is given twice", field="amount")
            draft.money = money
            if rest:
                draft.note.append(" ".join(rest))
            continue
        if (result := _RESULT.match(segment)) and draft.result is None:
            try:
                quantity = Decimal(result[1].replace(",", ""))
            except InvalidOperation:
                raise InvalidInput(f"{result[1]!r} is not a number", field="result") from None
            draft.result = (quantity, result[2].strip())
            continue
        draft.note.append(segment)
    if draft.organisation is None:
        raise InvalidInput(
            "which organisation? write 'at Food Bank' or 'for Code Club'", field="organisation"
        )
    return draft
