"""The depth model: a tie-strength score per person whose every point is explained.

Grounded in Granovetter (1973: time, emotional intensity, intimacy, reciprocal services),
Gilbert & Karahalios (2009: recency, intensity, intimacy, duration, reciprocity, support,
structure), Dunbar's layers of about 5, 15, 50 and 150 with decay without contact, and Hall
(2018: about 50, 90 and 200 hours to casual friend, friend and close friend).

Each component is a number from 0 to 1, computed from journal rows; the score is their weighted
mean times 100, with the weights from the config file. It depends only on the journal and
"today", so the same journal gives the same scores. The README explains it in words.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from netdash.domain import cadence as keep
from netdash.domain.vocabulary import LAYERS
from netdash.domain.words import count_of, days_ago, every

DEFAULT_WEIGHTS = {
    "recency": 20.0,
    "frequency": 20.0,
    "intimacy": 20.0,
    "duration": 10.0,
    "reciprocity": 10.0,
    "favours": 8.0,
    "community": 6.0,
    "outcomes": 6.0,
}
DEFAULT_CADENCE = {"5": 7, "15": 30, "50": 90, "150": 365}
DEFAULT_MIN_SCORE = {"5": 55.0, "15": 35.0, "50": 15.0, "150": 0.0}
"""The least score each layer takes, beside its size: ranking alone put all twelve people of a
new journal in the inner 5 with a 7-day cadence. One interaction, without a closeness rating
or a day met, scores at most 54.3 (today, depth 5, both started it, a favour: recency 20 +
frequency 3.6 + intimacy 20 + reciprocity 10 + favours 0.7), so 55 keeps an acquaintance seen
once out of the inner 5; one logged with the defaults (depth 2, you started it) scores at most
28.6, under the inner 15's 35. The README's "How the depth score works" has the arithmetic."""


@dataclass(frozen=True)
class DepthSettings:
    """The depth model's knobs; the README's "How the depth score works" explains each."""

    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    recency_half_life_days: float = 30.0
    frequency_half_life_days: float = 180.0
    cadence_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_CADENCE))
    """Default keep-in-touch cadence per layer, for people without one of their own."""
    min_score: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_MIN_SCORE))
    """The least score each layer takes (a score must also be above 0 for any layer)."""


#: How much one interaction of a kind counts towards frequency (a coffee more than a message).
KIND_WEIGHT = {
    "in_person": 1.0,
    "helped_them": 1.0,
    "helped_me": 1.0,
    "call": 0.8,
    "video": 0.7,
    "event": 0.6,
    "introduction": 0.5,
    "other": 0.4,
    "message": 0.3,
}
#: Typical hours of an entry of a kind, for Hall's marks (store/hours_together: real durations).
KIND_HOURS = {
    "in_person": 2.0,
    "helped_them": 2.0,
    "helped_me": 2.0,
    "event": 1.5,
    "video": 0.75,
    "call": 0.5,
    "other": 0.5,
    "introduction": 0.25,
    "message": 0.1,
}
HALL_MARKS = ((50, "casual friend"), (90, "friend"), (200, "close friend"))
LABELS = {
    "recency": "Recency",
    "frequency": "Frequency and intensity",
    "intimacy": "Intimacy",
    "duration": "Duration",
    "reciprocity": "Reciprocity",
    "favours": "Favours both ways",
    "community": "Shared community work",
    "outcomes": "Outcomes together",
}


@dataclass(frozen=True)
class Component:
    """One part of a score: its value (0-1), its weight, what it means, and its journal rows."""

    name: str
    value: float
    weight: float
    detail: str
    rows: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        return LABELS[self.name]


@dataclass(frozen=True, slots=True)
class Depth:
    """A person's score, its components, layer and keep-in-touch state, as of ``today``.

    Slotted: the app holds everyone's (10,000 on a large journal), and an instance dict each
    took 3.7 MB of the settled dashboard's peak memory."""

    person_id: int
    score: float
    components: tuple[Component, ...]
    layer: int | None = None
    last_contact: date | None = None
    days_since: int | None = None
    cadence_days: int | None = None
    cadence_source: str = ""
    snoozed_until: date | None = None
    overdue: bool = False
    urgency: float = 0.0
    hours: float = 0.0
    cadence_max_days: int | None = None
    """The most days they set between contacts ("at worst 6 weeks"); never a layer default."""

    def points_of(self, component: Component) -> float:
        total = sum(part.weight for part in self.components) or 1.0
        return 100.0 * component.value * component.weight / total

    @property
    def overdue_text(self) -> str:
        """Why someone is in the reach-out queue, in words: "12 days past a 7-day cadence"."""
        if not self.overdue or self.days_since is None or self.cadence_days is None:
            return ""
        return keep.overdue_reason(self.days_since, self.cadence_days, self.cadence_max_days)

    @property
    def cadence_status(self) -> keep.Status | None:
        """ "on track", "due" (past the ideal) or "late" (past the maximum); None: no cadence."""
        return keep.status_of(self.days_since, self.cadence_days, self.cadence_max_days)

    @property
    def hall_mark(self) -> str:
        """Where the hours logged stand against Hall's 50 / 90 / 200 hours."""
        reached = [label for hours, label in HALL_MARKS if self.hours >= hours]
        upcoming = next(((h, label) for h, label in HALL_MARKS if self.hours < h), None)
        text = f"{self.hours:.0f} h logged"
        if reached:
            text += f" (past {reached[-1]})"
        if upcoming:
            text += f"; {upcoming[0] - self.hours:.0f} h to {upcoming[1]}"
        return text


@dataclass
class Rows:
    """Everything the model reads about one person, gathered in one pass."""

    entries: list[tuple[int, int, str, int, str, float | None]] = field(default_factory=list)
    """(interaction id, age in days as of today, kind, depth, who started it, hours together:
    None for the kind's typical length, else a real duration or 0 where a typed entry wins)."""
    met_on: date | None = None
    closeness: int | None = None
    cadence: int | None = None
    cadence_max: int | None = None
    snoozed_until: date | None = None
    pinned_layer: int | None = None
    contributions: list[int] = field(default_factory=list)
    outcomes: list[int] = field(default_factory=list)


def saturate(amount: float, scale: float) -> float:
    """0 for nothing, rising towards 1: each ``scale`` more closes about two thirds of the gap."""
    return 1.0 - math.exp(-amount / scale)


class _Tally(NamedTuple):
    """What one pass over a person's interactions adds up, for every component to read (a
    named tuple: quicker to make, per person, and as a class at import, than a dataclass)."""

    weighted: float
    """Interactions weighted by kind, each halving with age at the frequency half-life."""
    decay_sum: float
    depth_sum: float
    hours: float
    mine: int
    theirs: int
    youngest: int | None
    oldest: int | None
    recent: tuple[int, ...]
    given: tuple[int, ...]
    received: tuple[int, ...]


def _tally(
    entries: list[tuple[int, int, str, int, str, float | None]],
    settings: DepthSettings,
    halving: dict[int, float],
    collect: bool,
) -> _Tally:
    """Walk the interactions once: scoring 10,000 people must not walk them once per component.

    Sums stay in local variables (not on the tally) because this loop is the hot path.
    """
    weighted = decay_sum = depth_sum = hours = 0.0
    mine = theirs = 0
    youngest: int | None = None
    oldest: int | None = None
    recent: list[int] = []
    given: list[int] = []
    received: list[int] = []
    for iid, age, kind, depth, initiated, spent in entries:
        decay = halving.get(age)
        if decay is None:
            decay = halving[age] = 0.5 ** (age / settings.frequency_half_life_days)
        weighted += KIND_WEIGHT.get(kind, 0.4) * decay
        decay_sum += decay
        hours += KIND_HOURS.get(kind, 0.5) if spent is None else spent
        if youngest is None or age < youngest:
            youngest = age
        if oldest is None or age > oldest:
            oldest = age
        depth_sum += (depth - 1) / 4 * decay
        if age <= 365:
            if collect:
                recent.append(iid)
            mine += initiated in ("me", "mutual")
            theirs += initiated in ("them", "mutual")
        if kind == "helped_them":
            given.append(iid)
        elif kind == "helped_me":
            received.append(iid)
    return _Tally(
        weighted,
        decay_sum,
        depth_sum,
        hours,
        mine,
        theirs,
        youngest,
        oldest,
        tuple(recent),
        tuple(given),
        tuple(received),
    )


def _recency(sums: _Tally, ids: tuple[int, ...], settings: DepthSettings) -> Component:
    """Dunbar's decay without contact: the last interaction's age, halving at a set pace."""
    weight = settings.weights["recency"]
    if sums.youngest is None:
        return Component("recency", 0.0, weight, "no interaction yet")
    days = sums.youngest
    return Component(
        "recency",
        0.5 ** (days / settings.recency_half_life_days),
        weight,
        f"last contact {days_ago(days)}; halves {every(settings.recency_half_life_days)}",
        ids[:1],
    )


def _frequency(
    sums: _Tally, count: int, ids: tuple[int, ...], settings: DepthSettings
) -> Component:
    """Time spent together: how often, how substantial the kind, recent ones counting more."""
    return Component(
        "frequency",
        saturate(sums.weighted, 5.0),
        settings.weights["frequency"],
        f"{count_of(count, 'interaction')}, {sums.weighted:.1f} after weighting by kind and"
        f" halving {every(settings.frequency_half_life_days)}",
        ids,
    )


def _intimacy(sums: _Tally, rows: Rows, ids: tuple[int, ...], weight: float) -> Component:
    """Depth of talk, blended half and half with the closeness the user set, if any."""
    depth_part = sums.depth_sum / sums.decay_sum if sums.decay_sum > 0 else 0.0
    if rows.closeness is not None:
        value = 0.5 * (rows.closeness - 1) / 4 + 0.5 * depth_part
        detail = f"your closeness {rows.closeness}/5 and how deep talks went ({depth_part:.2f})"
    else:
        value = depth_part
        detail = f"how deep talks went, recent ones counting more ({depth_part:.2f})"
    return Component("intimacy", value, weight, detail, ids)


def _duration(sums: _Tally, rows: Rows, today: date, weight: float) -> Component:
    """How long they have been known: the oldest interaction, or the day met if earlier."""
    oldest = sums.oldest
    if rows.met_on is not None:
        met_age = (today - rows.met_on).days
        oldest = met_age if oldest is None else max(oldest, met_age)
    years = max(0.0, oldest / 365.25) if oldest is not None else 0.0
    return Component(
        "duration",
        saturate(years, 3.0),
        weight,
        f"known for {years:.1f} years" if oldest is not None else "not known how long",
    )


def _reciprocity(sums: _Tally, weight: float) -> Component:
    """Whether both sides start contact: 1 when even over the last year, 0 when one-sided."""
    mine, theirs = sums.mine, sums.theirs
    balance = 1.0 - abs(mine - theirs) / (mine + theirs) if mine + theirs else 0.0
    return Component(
        "reciprocity",
        balance,
        weight,
        f"in the last year you started {mine}, they started {theirs}",
        sums.recent,
    )


def _favours(sums: _Tally, weight: float, collect: bool) -> Component:
    """Granovetter's reciprocal services: how many favours, and how evenly they went."""
    given, received = len(sums.given), len(sums.received)
    total = given + received
    balance = 1.0 - abs(given - received) / total if total else 0.0
    return Component(
        "favours",
        min(1.0, total / 6) * (0.5 + 0.5 * balance) if total else 0.0,
        weight,
        f"you helped {given} times, they helped {received} times",
        sums.given + sums.received if collect else (),
    )


def _shared_work(rows: Rows, weights: dict[str, float], collect: bool) -> list[Component]:
    """Structure and support: community contributions and outcomes done together."""
    return [
        Component(
            "community",
            saturate(len(rows.contributions), 3.0),
            weights["community"],
            f"{len(rows.contributions)} contributions together",
            tuple(rows.contributions) if collect else (),
        ),
        Component(
            "outcomes",
            saturate(len(rows.outcomes), 2.0),
            weights["outcomes"],
            f"{len(rows.outcomes)} outcomes they were part of",
            tuple(rows.outcomes) if collect else (),
        ),
    ]


def components_of(
    rows: Rows,
    today: date,
    settings: DepthSettings,
    halving: dict[int, float],
    collect: bool = False,
) -> tuple[list[Component], int | None, float]:
    """The eight components, from one pass over the person's interactions.

    ``collect`` also gathers the journal rows behind each component (newest first), for the
    explanation of one person; scoring everyone skips that work.
    """
    weights = settings.weights
    entries = sorted(rows.entries, key=lambda e: (e[1], -e[0])) if collect else rows.entries
    ids = tuple(entry[0] for entry in entries) if collect else ()
    sums = _tally(entries, settings, halving, collect)
    parts = [
        _recency(sums, ids, settings),
        _frequency(sums, len(entries), ids, settings),
        _intimacy(sums, rows, ids, weights["intimacy"]),
        _duration(sums, rows, today, weights["duration"]),
        _reciprocity(sums, weights["reciprocity"]),
        _favours(sums, weights["favours"], collect),
        *_shared_work(rows, weights, collect),
    ]
    return parts, sums.youngest, sums.hours


def total_score(parts: list[Component]) -> float:
    total = sum(part.weight for part in parts) or 1.0
    return round(100.0 * sum(part.value * part.weight for part in parts) / total, 1)


def assign_layers(
    scores: dict[int, float],
    pinned: dict[int, int],
    min_score: dict[str, float] | None = None,
) -> dict[int, int]:
    """Inner 5, 15, 50, 150 by score (ties by id), each layer only for scores at least its
    minimum: a person goes to the innermost layer with room whose minimum they reach. A pinned
    person sits in their layer whatever their score."""
    minimum = {layer: (min_score or DEFAULT_MIN_SCORE).get(str(layer), 0.0) for layer in LAYERS}
    capacity = {5: 5, 15: 10, 50: 35, 150: 100}
    layer_of: dict[int, int] = {}
    for person_id, layer in pinned.items():
        layer_of[person_id] = layer
        capacity[layer] -= 1
    ranked = sorted(
        (pid for pid, score in scores.items() if score > 0 and pid not in pinned),
        key=lambda pid: (-scores[pid], pid),
    )
    for person_id in ranked:
        score = scores[person_id]
        if all(capacity[layer] <= 0 for layer in LAYERS):
            break
        free = next(
            (layer for layer in LAYERS if capacity[layer] > 0 and score >= minimum[layer]), None
        )
        if free is not None:
            layer_of[person_id] = free
            capacity[free] -= 1
    return layer_of


def layered(depths: Mapping[int, Depth]) -> dict[int, int]:
    """The people in a layer (at most 150) and theirs: anyone else counts as "others", as a
    layer of None or one beyond the last does."""
    return {pid: d.layer for pid, d in depths.items() if d.layer and d.layer <= max(LAYERS)}


def reach_out_queue(depths: dict[int, Depth]) -> list[Depth]:
    """Overdue people, the late (past their maximum) first, then most urgent first: how far
    past their cadence, times how close."""
    return sorted(
        (depth for depth in depths.values() if depth.overdue),
        key=lambda d: (d.cadence_status != "late", -d.urgency, d.person_id),
    )


def layer_counts(depths: dict[int, Depth]) -> dict[str, int]:
    """How many people sit in each layer (cumulative: the 15 includes the inner 5)."""
    return cumulative_counts(Counter(depth.layer for depth in depths.values() if depth.layer))


def cumulative_counts(in_layer: Mapping[int, int]) -> dict[str, int]:
    """Each layer's count from how many people have it as their own: the 15 includes the 5."""
    return {str(layer): sum(n for own, n in in_layer.items() if own <= layer) for layer in LAYERS}
