"""The depth score from a person's interactions already added up, one row per person.

Scoring 10,000 people by walking each of their 200,000 interactions in Python took a second;
every component but the rows behind it is a sum, a count, a minimum or a maximum, so the store
adds them up in SQL (:mod:`netdash.store.depth_sums`) and this turns each person's totals into
the score :func:`~netdash.domain.scoring.components_of` and
:func:`~netdash.domain.scoring.total_score` give. Each line mirrors a component there, in the
same order and with the same float operations; the property tests compare the two.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from netdash.domain.scoring import DepthSettings, Rows, _tally, saturate

EPSILON = 1e-6
"""How near a rounding boundary a total may come before the caller scores that person the
reference way: the sums are added in the reference's order (so equal to the last digit on the
SQLite this was measured with), but a SQLite that sums more carefully could move the last digit,
as history.py's running sums may."""

PARTS = (
    "recency",
    "frequency",
    "intimacy",
    "duration",
    "reciprocity",
    "favours",
    "community",
    "outcomes",
)


class Sums(NamedTuple):
    """One person's interactions added up, as the one pass of ``_tally`` adds them."""

    entries: int
    weighted: float
    """Interactions weighted by kind, each halving with age at the frequency half-life."""
    decay_sum: float
    depth_sum: float
    hours: float
    mine: int
    """Started by me or both, in the last 365 days."""
    theirs: int
    given: int
    received: int
    youngest: int
    oldest: int


class Totals(NamedTuple):
    """What a cached score keeps beside it (migration m016): its sums (None without entries)
    and the counts of shared work, enough to total the score again without the journal."""

    sums: Sums | None
    contributions: int
    outcomes: int


def sums_of(rows: Rows, settings: DepthSettings, halving: dict[int, float]) -> Sums | None:
    """One person's sums from their gathered rows, as the one pass of ``_tally`` adds them
    (the same order, so the same last digit as the SQL sums)."""
    if not rows.entries:
        return None
    tally = _tally(rows.entries, settings, halving, False)
    assert tally.youngest is not None and tally.oldest is not None  # entries: both set
    return Sums(
        len(rows.entries),
        tally.weighted,
        tally.decay_sum,
        tally.depth_sum,
        tally.hours,
        tally.mine,
        tally.theirs,
        len(tally.given),
        len(tally.received),
        tally.youngest,
        tally.oldest,
    )


def totals_of(rows: Rows, settings: DepthSettings, halving: dict[int, float]) -> Totals:
    return Totals(sums_of(rows, settings, halving), len(rows.contributions), len(rows.outcomes))


def aged(sums: Sums, days: int, settings: DepthSettings, left: tuple[int, int] = (0, 0)) -> Sums:
    """``sums`` ``days`` later, for a person none of whose entries was dated after the sums'
    day (its age was clamped at 0 and moves by less): each decayed term is w*2^(-age/h), so
    every one of them, and their sums, halve by the same 2^(-days/h); hours and the counts do
    not decay, the ages move by ``days``, and the one-year counts of who started it lose the
    entries that ``left`` the year meanwhile (mine, theirs). Equal to the sums added up on the
    later day but for the last digits, which a total within EPSILON of a rounding boundary
    guards against."""
    factor = 0.5 ** (days / settings.frequency_half_life_days)
    return Sums(
        sums.entries,
        sums.weighted * factor,
        sums.decay_sum * factor,
        sums.depth_sum * factor,
        sums.hours,
        sums.mine - left[0],
        sums.theirs - left[1],
        sums.given,
        sums.received,
        sums.youngest + days,
        sums.oldest + days,
    )


def weight_total(settings: DepthSettings) -> float:
    """What `total_score` divides by: the weights' sum in the components' order (1 if 0)."""
    return sum(settings.weights[name] for name in PARTS) or 1.0


Scoring = tuple[int, "Sums | None", Rows, int, int]
"""(person id, sums, their own fields, contributions, outcomes): what one score needs."""


def scores_from_sums(
    people: Iterable[Scoring], today: date, settings: DepthSettings
) -> dict[int, float | None]:
    """Each person's rounded score, or None when the raw total lies within EPSILON of a
    rounding boundary (the caller then scores that person the reference way). ``Rows`` gives
    the person's own fields (its entries are not read). The settings are looked up once for
    everyone: 10,000 people are scored on every new day."""
    weight = settings.weights
    w_recency, w_frequency, w_intimacy = weight["recency"], weight["frequency"], weight["intimacy"]
    w_duration, w_reciprocity = weight["duration"], weight["reciprocity"]
    w_favours, w_community, w_outcomes = weight["favours"], weight["community"], weight["outcomes"]
    half_life, total, epsilon = settings.recency_half_life_days, weight_total(settings), EPSILON
    ordinal = today.toordinal()
    scores: dict[int, float | None] = {}
    for pid, sums, rows, contributions, outcomes in people:
        recency = frequency = intimacy = reciprocity = favours = 0.0
        oldest: int | None = None
        if sums is not None:
            oldest = sums.oldest
            recency = 0.5 ** (sums.youngest / half_life)
            frequency = saturate(sums.weighted, 5.0)
            intimacy = sums.depth_sum / sums.decay_sum if sums.decay_sum > 0 else 0.0
            mine, theirs = sums.mine, sums.theirs
            reciprocity = 1.0 - abs(mine - theirs) / (mine + theirs) if mine + theirs else 0.0
            given, received = sums.given, sums.received
            helped = given + received
            if helped:
                balance = 1.0 - abs(given - received) / helped
                favours = min(1.0, helped / 6) * (0.5 + 0.5 * balance)
        if rows.closeness is not None:
            intimacy = 0.5 * (rows.closeness - 1) / 4 + 0.5 * intimacy
        if rows.met_on is not None:
            met_age = ordinal - rows.met_on.toordinal()
            oldest = met_age if oldest is None else max(oldest, met_age)
        duration = saturate(max(0.0, oldest / 365.25), 3.0) if oldest is not None else 0.0
        points = (
            recency * w_recency
            + frequency * w_frequency
            + intimacy * w_intimacy
            + duration * w_duration
            + reciprocity * w_reciprocity
            + favours * w_favours
            + saturate(contributions, 3.0) * w_community
            + saturate(outcomes, 2.0) * w_outcomes
        )
        raw = 100.0 * points / total
        low, high = round(raw - epsilon, 1), round(raw + epsilon, 1)
        scores[pid] = low if low == high else None
    return scores
