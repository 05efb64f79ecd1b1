"""A new day from the day before's scores: the stored sums aged, not the journal read again.

Every decayed sum behind a score is a sum of w·2^(-age/h), so a day later each of its terms,
and the sum, is the same sum times 2^(-1/h) (:func:`~netdash.domain.depth_sums.aged`); the
newest and oldest entry are a day older; hours and counts stand. Three things break that for a
person, who is then read again by index (the per-person path a write takes): an entry that left
the one-year window of reciprocity, an entry dated after the stored day (its age was clamped at
0 and moves less than the days), and a write since (the marks of m010). New settings re-total
from the same sums unless they change the frequency half-life the sums decayed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date
from typing import NamedTuple

from sqlite_utils import Database

from netdash.domain.depth_sums import Totals, aged, score_from_sums, totals_of, weight_total
from netdash.domain.scoring import Depth, DepthSettings, Rows, components_of, total_score
from netdash.store.depth_cache import DIRTY_SHARE, read_totals
from netdash.store.depth_sums import people_rows, ranked

_HALF_LIFE = re.compile(r"frequency_half_life_days=([^,)]*)")


class Stepped(NamedTuple):
    depths: dict[int, Depth]
    totals: dict[int, Totals]
    """Everyone's sums as of the new day, to store with their scores."""
    read: int
    """How many people were read again by index."""


def crossed(db: Database, since: date, today: date) -> set[int]:
    """The people with an entry whose sums do not simply age from ``since`` to ``today``: one
    that left the one-year window (``age <= 365`` then, not now) or was dated after ``since``."""
    if today <= since:
        return set()
    window = (
        date.fromordinal(since.toordinal() - 365).isoformat(),
        date.fromordinal(today.toordinal() - 365).isoformat(),
    )
    rows = db.execute(
        "SELECT ip.person_id FROM interactions i"
        " JOIN interaction_people ip ON ip.interaction_id = i.id"
        " WHERE i.occurred_on >= ? AND i.occurred_on < ?"
        " UNION SELECT ip.person_id FROM interactions i"
        " JOIN interaction_people ip ON ip.interaction_id = i.id WHERE i.occurred_on > ?",
        [*window, since.isoformat()],
    ).fetchall()
    return {row[0] for row in rows}


def _same_decay(stored: str, settings: DepthSettings) -> bool:
    """Whether the stored key's settings decayed the sums at ``settings``' half-life."""
    old, new = _HALF_LIFE.search(stored), _HALF_LIFE.search(repr(settings))
    return old is not None and new is not None and old.group(1) == new.group(1)


def advance(
    db: Database,
    today: date,
    settings: DepthSettings,
    slot: int,
    stored_key: str,
    gather: Callable[[Collection[int]], dict[int, Rows]],
) -> Stepped | None:
    """Everyone's depth on ``today`` from ``slot``'s sums stored under ``stored_key`` (an
    earlier or the same day; the slot's marked people and those :func:`crossed` are read
    again with ``gather``); None when the slot cannot give it (a later day, another decay,
    sums from before m016, or so many to read again that a full rescore is cheaper)."""
    day, _, stored_settings = stored_key.split("|", 2)
    since = date.fromisoformat(day)
    days = (today - since).days
    if days < 0 or not _same_decay(stored_settings, settings):
        return None
    stored = read_totals(db, slot)
    if stored is None:
        return None
    people = people_rows(db)
    again = {row[0] for row in db.execute("SELECT person_id FROM depth_dirty").fetchall()}
    again |= crossed(db, since, today)
    again |= people.keys() - stored.keys()
    again &= people.keys()
    if len(again) > DIRTY_SHARE * max(len(people), 1) + 8:
        return None
    total = weight_total(settings)
    scores: dict[int, float] = {}
    totals: dict[int, Totals] = {}
    for pid, rows in people.items():
        if pid in again:
            continue
        kept = stored[pid]
        sums = aged(kept.sums, days, settings) if kept.sums else None
        score = score_from_sums(
            sums, rows, kept.contributions, kept.outcomes, today, settings, total
        )
        if score is None:  # near a rounding boundary: the reference way, below
            again.add(pid)
        else:
            scores[pid], totals[pid] = score, kept._replace(sums=sums)
    gathered = gather(again)
    halving: dict[int, float] = {}
    for pid, rows in gathered.items():
        scores[pid] = total_score(components_of(rows, today, settings, halving)[0])
        totals[pid] = totals_of(rows, settings, halving)
    return Stepped(ranked(people, scores, totals, today, settings), totals, len(gathered))
