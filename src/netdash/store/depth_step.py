"""A new day from the day before's scores: the stored sums aged, not the journal read again.

Every decayed sum behind a score is a sum of w·2^(-age/h), so a day later each of its terms,
and the sum, is the same sum times 2^(-1/h) (:func:`~netdash.domain.depth_sums.aged`); the
newest and oldest entry are a day older; hours and counts stand. Three things break that for a
person, who is then read again by index (the per-person path a write takes): an entry dated
after the stored day (its age was clamped at 0 and moves less than the days), a write since
(the marks of m010), and a total too near a rounding boundary. An entry that left the one-year
window of reciprocity changes only the counts of who started it, which the entries that left
correct without reading the rest. New settings re-total from the same sums unless they change
the frequency half-life the sums decayed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date
from typing import NamedTuple

from sqlite_utils import Database

from netdash.domain.depth_sums import (
    Sums,
    Totals,
    aged,
    scores_from_sums,
    totals_of,
)
from netdash.domain.scoring import Depth, DepthSettings, Rows, components_of, total_score
from netdash.store.depth_cache import DIRTY_SHARE
from netdash.store.depth_sums import person_rows, ranked

_HALF_LIFE = re.compile(r"frequency_half_life_days=([^,)]*)")


class Stepped(NamedTuple):
    depths: dict[int, Depth]
    totals: dict[int, Totals]
    """Everyone's sums as of the new day, to store with their scores."""
    read: int
    """How many people were read again by index."""


def crossed(db: Database, since: date, today: date) -> tuple[dict[int, tuple[int, int]], set[int]]:
    """From ``since`` to ``today``: per person, the entries that left the one-year window
    (``age <= 365`` then, not now) that they or I started (mine, theirs: those counts lose
    them; the decayed sums still age uniformly), and the people with an entry dated after
    ``since``, whose ages moved by less than the days (read again)."""
    if today <= since:
        return {}, set()
    window = (
        date.fromordinal(since.toordinal() - 365).isoformat(),
        date.fromordinal(today.toordinal() - 365).isoformat(),
    )
    left = {
        pid: (mine, theirs)
        for pid, mine, theirs in db.execute(
            "SELECT ip.person_id, SUM(i.initiated_by IN ('me', 'mutual')),"
            " SUM(i.initiated_by IN ('them', 'mutual')) FROM interactions i"
            " CROSS JOIN interaction_people ip ON ip.interaction_id = i.id"
            " WHERE i.occurred_on >= ? AND i.occurred_on < ? GROUP BY ip.person_id",
            window,
        ).fetchall()
    }
    later = db.execute(  # CROSS: by date, not every person (DISTINCT drew SQLite there)
        "SELECT ip.person_id FROM interactions i"
        " CROSS JOIN interaction_people ip ON ip.interaction_id = i.id WHERE i.occurred_on > ?",
        [since.isoformat()],
    ).fetchall()
    return left, {row[0] for row in later}


def same_decay(stored: str, settings: DepthSettings) -> bool:
    """Whether the stored key's settings decayed the sums at ``settings``' half-life."""
    old, new = _HALF_LIFE.search(stored), _HALF_LIFE.search(repr(settings))
    return old is not None and new is not None and old.group(1) == new.group(1)


def _stored(db: Database, slot: int) -> tuple[dict[int, Rows], dict[int, Totals]] | None:
    """Everyone's own fields and the sums ``slot`` keeps for them (none for a person it has
    no row for), in one pass; None when a row was stored before m016 kept sums."""
    people: dict[int, Rows] = {}
    totals: dict[int, Totals] = {}
    for pid, met, closeness, cadence, snoozed, pinned, most, kept, entries, *row in db.execute(
        "SELECT p.id, p.met_on, p.closeness, p.cadence_days, p.snoozed_until, p.pinned_layer,"
        " p.cadence_max_days, c.person_id, c.entries, c.weighted, c.decay_sum, c.depth_sum,"
        " c.hours, c.mine, c.theirs, c.given, c.received, c.days_since, c.oldest,"
        " c.contributions, c.outcomes"
        " FROM people p LEFT JOIN depth_cache c ON c.slot = ? AND c.person_id = p.id",
        [slot],
    ).fetchall():
        people[pid] = person_rows(met, closeness, cadence, snoozed, pinned, most)
        if kept is None:
            continue
        if entries is None:
            return None
        totals[pid] = Totals(Sums(entries, *row[:10]) if entries else None, row[10], row[11])
    return people, totals


def advance(
    db: Database,
    today: date,
    settings: DepthSettings,
    slot: int,
    stored_key: str,
    gather: Callable[[Collection[int]], dict[int, Rows]],
) -> Stepped | None:
    """Everyone's depth on ``today`` from ``slot``'s sums stored under ``stored_key`` (an
    earlier or the same day; the slot's marked people and those :func:`crossed` dates after
    its day are read again with ``gather``); None when the slot cannot give it (a later day,
    another decay, sums from before m016, or so many to read again that a full rescore is
    cheaper)."""
    day, _, stored_settings = stored_key.split("|", 2)
    since = date.fromisoformat(day)
    days = (today - since).days
    if days < 0 or not same_decay(stored_settings, settings):
        return None
    found = _stored(db, slot)
    if found is None:
        return None
    people, stored = found
    left, again = crossed(db, since, today)
    again.update(row[0] for row in db.execute("SELECT person_id FROM depth_dirty").fetchall())
    again |= people.keys() - stored.keys()
    again &= people.keys()
    if len(again) > DIRTY_SHARE * max(len(people), 1) + 8:
        return None
    totals: dict[int, Totals] = {}
    for pid in people.keys() - again:
        sums, contributions, outcomes = stored[pid]
        if sums is not None:
            sums = aged(sums, days, settings, left.get(pid, (0, 0)))
        totals[pid] = Totals(sums, contributions, outcomes)
    scores: dict[int, float] = {}
    aged_scores = scores_from_sums(
        ((pid, kept.sums, people[pid], *kept[1:]) for pid, kept in totals.items()),
        today,
        settings,
    )
    for pid, score in aged_scores.items():
        if score is None:  # near a rounding boundary: the reference way, below
            again.add(pid)
        else:
            scores[pid] = score
    gathered = gather(again)
    halving: dict[int, float] = {}
    for pid, rows in gathered.items():
        scores[pid] = total_score(components_of(rows, today, settings, halving)[0])
        totals[pid] = totals_of(rows, settings, halving)
    return Stepped(ranked(people, scores, totals, today, settings), totals, len(gathered))
