"""A keep-in-touch cadence as people say it: an ideal and, optionally, a maximum.

"every 4 weeks, at worst 6" is an ideal of 28 days and a maximum of 42: past the ideal someone
is *due*, past the maximum *late*. One grammar for the shell (``--cadence``) and the person
form, so what one accepts the other does:

- ``30``, ``30d``, ``30 days``: days, as ``--cadence N`` always took;
- ``4w``, ``4 weeks``, ``2 months`` (30 days each), ``1y`` (365 days), ``weekly``, ``monthly``,
  ``every week``, ``every 2 weeks``, ``fortnightly``;
- a maximum after the ideal: ``every 4 weeks, at worst 6`` (``at most``, ``max``, ``or at
  worst``), or as a range: ``4-6 weeks``, ``4w-6w``, ``28-42``, ``4 to 6 weeks``. A bare number
  in the maximum takes the ideal's unit, a bare ideal in a range the maximum's;
- a number may be a word, as in dates and follow-ups: ``every two weeks``, ``at most a year``;
- ``none`` (or nothing) clears the cadence; the layer's default applies again.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, NamedTuple

from netdash.domain.dates import NUMBER_WORDS
from netdash.domain.errors import InvalidInput
from netdash.domain.patterns import when_used
from netdash.domain.words import count_of, every

MAX_CADENCE_DAYS = 3650
"""Ten years: what ``--cadence`` has always allowed."""

_UNITS = {
    "d": 1, "day": 1, "days": 1,
    "w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7,
    "fortnight": 14, "fortnights": 14,
    "m": 30, "mo": 30, "mos": 30, "month": 30, "months": 30,
    "y": 365, "yr": 365, "yrs": 365, "year": 365, "years": 365,
}  # fmt: skip
_ADVERBS = {"daily": 1, "weekly": 7, "fortnightly": 14, "monthly": 30, "yearly": 365}
_AMOUNT = r"(?:every\s+)?(?:(\d+)\s*([a-z]+)?|([a-z]+))"
_ONE = when_used(rf"^{_AMOUNT}$")
_RANGE = when_used(rf"^{_AMOUNT}\s*(?:-|\u2013|to)\s*{_AMOUNT}$")
_LIMIT = when_used(
    r"^(.+?)\s*[,;]?\s*(?:(?:or|but)\s+)?(?:at\s+worst|at\s+(?:the\s+)?most|max(?:imum)?|"
    r"no\s+more\s+than|worst)\s*:?\s+(.+)$"
)
_NUMBER_WORD = when_used(rf"\b(?:{'|'.join(NUMBER_WORDS)})\b")
CLEAR = ("none", "off", "no", "never")
EXAMPLES = '30, 4w, "every 4 weeks, at worst 6", 4-6 weeks or none'


class Cadence(NamedTuple):
    """Keep in touch every ``ideal`` days; ``maximum`` days at the worst, if set."""

    ideal: int
    maximum: int | None = None

    def __str__(self) -> str:
        return describe(self.ideal, self.maximum)


def _amount(number: str | None, unit: str | None, word: str | None) -> tuple[int, int]:
    """(count, days per unit) of one amount; 0 days per unit for a bare number."""
    if word is not None:  # "weekly", "week" in "every week"
        per = _ADVERBS.get(word) or _UNITS.get(word)
        if per is None:
            raise ValueError(word)
        return 1, per
    if unit is not None and unit not in _UNITS:
        raise ValueError(unit)
    return int(number or 0), _UNITS[unit] if unit else 0


def _days(text: str, default_unit: int = 1) -> tuple[int, int]:
    """Days of one amount and the unit it was given in (0: a bare number)."""
    found = _ONE().match(text)
    if not found:
        raise ValueError(text)
    count, unit = _amount(*found.groups())
    return count * (unit or default_unit), unit


def parse_cadence(text: str, *, field: str = "cadence_days") -> Cadence | None:
    """The cadence ``text`` says, or None for none (clear it). Raises InvalidInput, naming
    ``field``, with examples of what works."""
    said = " ".join(text.lower().replace("every other", "every 2").split()).strip(" .")
    said = _NUMBER_WORD().sub(lambda word: str(NUMBER_WORDS[word[0]]), said)  # "at most a year"
    if said in ("", *CLEAR):
        return None
    try:
        ideal, maximum = _parse(said)
    except ValueError:
        raise InvalidInput(
            f"cadence {text.strip()!r} is not a number of days netdash reads; try {EXAMPLES}",
            field=field,
        ) from None
    return checked(ideal, maximum, field=field)


def _parse(said: str) -> tuple[int, int | None]:
    """(ideal, maximum) in days of a lower-cased, single-spaced cadence; ValueError if not one."""
    limit = _LIMIT().match(said)
    if limit:
        ideal, unit = _days(limit.group(1))
        maximum, _ = _days(limit.group(2), unit or 1)
        return ideal, maximum
    spread = _RANGE().match(said)
    if spread:
        groups = spread.groups()
        low, low_unit = _amount(*groups[:3])
        high, high_unit = _amount(*groups[3:])
        low_unit = low_unit or high_unit or 1
        return low * low_unit, high * (high_unit or low_unit)
    return _days(said)[0], None


def checked(ideal: int, maximum: int | None, *, field: str = "cadence_days") -> Cadence:
    """A cadence whose days are within bounds and whose maximum is no shorter than its ideal."""
    for days in (ideal, maximum):
        if days is not None and not 1 <= days <= MAX_CADENCE_DAYS:
            raise InvalidInput(
                f"cadence is a number of days from 1 to {MAX_CADENCE_DAYS}, not {days}",
                field=field,
            )
    if maximum is not None and maximum < ideal:
        raise InvalidInput(
            f"at worst {maximum} days is sooner than the ideal, {ideal} days: the ideal comes"
            ' first, as in "every 4 weeks, at worst 6"',
            field=field,
        )
    return Cadence(ideal, maximum)


def _in_units(days: int) -> tuple[int, str]:
    """Weeks when whole weeks (28 → 4 weeks), else days: how people count a cadence."""
    return (days // 7, "week") if days % 7 == 0 else (days, "day")


def describe(ideal: int, maximum: int | None = None) -> str:
    """ "every 4 weeks, at worst 6", "every 30 days", "every 10 days, at worst 3 weeks": the
    cadence as it can be typed back in."""
    count, unit = _in_units(ideal)
    text = every(count, unit)
    if maximum is None:
        return text
    most, most_unit = _in_units(maximum)
    if most_unit == unit:
        return f"{text}, at worst {most}"
    return f"{text}, at worst {most} {most_unit}{'' if most == 1 else 's'}"


Status = Literal["on track", "due", "late"]


def status_of(days_since: int | None, ideal: int | None, maximum: int | None) -> Status | None:
    """On track until the ideal has passed, due after it, late after the maximum (never, with
    none: a person with only an ideal is due, as they were "overdue"); None with no cadence
    or nothing logged yet. Snoozing does not change it: it only keeps them out of the queue."""
    if ideal is None or days_since is None:
        return None
    if maximum is not None and days_since > maximum:
        return "late"
    return "due" if days_since > ideal else "on track"


def overdue_reason(days_since: int, ideal: int, maximum: int | None) -> str:
    """Why someone is in the reach-out queue, short for the dashboard's narrow panel: "13 days
    past a 7-day cadence"; past the maximum "5 days past the 42-day limit" (the caller says
    "late")."""
    if maximum is not None and days_since > maximum:
        return f"{count_of(days_since - maximum, 'day')} past the {maximum}-day limit"
    return f"{count_of(days_since - ideal, 'day')} past a {ideal}-day cadence"


def late_in(days_since: int | None, maximum: int | None) -> str:
    """ "late in 12 days": when someone due becomes late; "" when they will not (no maximum,
    nothing logged) or already are."""
    if maximum is None or days_since is None or days_since > maximum:
        return ""
    return f"late in {count_of(maximum - days_since + 1, 'day')}"


def status_words(
    ideal: int,
    maximum: int | None,
    source: str,
    days_since: int | None,
    snoozed_until: date | None = None,
) -> str:
    """ "every 4 weeks, at worst 6 (set for them) · due, late in 5 days, snoozed until
    2026-12-01": the cadence, where it comes from and where they stand ("nothing logged yet"
    before any entry). One line, so `people show` and the Person page say the same."""
    state: str = status_of(days_since, ideal, maximum) or "nothing logged yet"
    soon = late_in(days_since, maximum) if state == "due" else ""
    snoozed = f"snoozed until {snoozed_until.isoformat()}" if snoozed_until else ""
    said = ", ".join(part for part in (state, soon, snoozed) if part)
    return f"{describe(ideal, maximum)} ({source}) · {said}"


def in_touch(
    own: tuple[int | None, int | None],
    layer_default: tuple[int | None, str],
    days_since: int | None,
    snoozed: bool,
    score: float,
) -> tuple[int | None, int | None, str, bool, float]:
    """(ideal, maximum, where the cadence comes from, overdue, urgency) from the person's
    ``own`` (ideal, maximum) or their layer's default (days, source; no maximum). Overdue is
    past the ideal and not snoozed: the reach-out queue; urgency = (days since ÷ ideal) *
    (0.5 + score ÷ 100), rounded to 3 decimals; the queue puts the late first
    (:func:`netdash.domain.scoring.reach_out_queue`)."""
    ideal, maximum = own
    source = "set for them"
    if not ideal:
        (ideal, source), maximum = layer_default, None
    overdue = bool(ideal and days_since is not None and days_since > ideal and not snoozed)
    late = 0.0
    if overdue and ideal and days_since is not None:
        late = urgency(days_since, ideal, score)
    return ideal, maximum, source if ideal else "", overdue, late


def urgency(days_since: int, ideal: int, score: float) -> float:
    """How pressing an overdue person is: how far past their cadence, weighted by depth (a
    new day's step in the stored scores computes it too)."""
    return round((days_since / ideal) * (0.5 + score / 100), 3)


def layer_cadence(layer: int | None, defaults: dict[str, int]) -> tuple[int | None, str]:
    """The layer's default cadence (``defaults``: the config's, by layer) and where it comes
    from, for someone without their own."""
    if not layer:
        return None, ""
    return defaults[str(layer)], f"default for the {layer} layer"


def check_cadence(ideal: int | None, maximum: int | None) -> None:
    """What the store takes: a maximum only with an ideal, each in bounds, none below it."""
    if maximum is None:
        return
    if ideal is None:
        raise InvalidInput("a maximum is set with its cadence", field="cadence_days")
    checked(ideal, maximum)
