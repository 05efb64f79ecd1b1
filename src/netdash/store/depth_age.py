"""A new day stepped inside the cache, in a few statements: no row of 10,000 goes through Python.

:func:`~netdash.store.depth_step.advance` ages everyone's stored sums in Python and stores all
10,000 rows again (400 ms in a one-shot command). Every step of it but the few people read again
is arithmetic on one cached row: the sums halve by one factor, the ages move by the days, the
score is a formula of the sums (:func:`~netdash.domain.depth_sums.scores_from_sums`, mirrored
here in SQL with the same operations in the same order, on the same libm), and overdue is a
comparison. So SQLite does it in place, and Python sees only who is read again, who had or has
a layer (the layers are cut from the top of the ranking) and the overdue, whose urgency it
rounds. Each total is rounded by a Python function registered with SQLite, so the scores are
the reference's; a total within EPSILON of a rounding boundary is read again and scored the
reference way, as :func:`advance` does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from datetime import date

from sqlite_utils import Database

from netdash.domain.cadence import urgency
from netdash.domain.depth_sums import EPSILON, weight_total
from netdash.domain.scoring import DepthSettings, Rows
from netdash.domain.vocabulary import LAYERS
from netdash.store.depth_cache import (
    DIRTY_SHARE,
    Marked,
    read_depths,
    relayered,
    reranked,
    scored_again,
    write_cache,
)
from netdash.store.depth_step import crossed, same_decay

_TOTAL = """
100.0 * (
    (CASE WHEN c.entries THEN pow(0.5, {youngest} / :recency_half) ELSE 0.0 END) * :recency
    + (CASE WHEN c.entries THEN 1.0 - exp(-{weighted} / 5.0) ELSE 0.0 END) * :frequency
    + (CASE WHEN p.closeness IS NOT NULL
        THEN 0.5 * (p.closeness - 1) / 4 + 0.5 * (CASE WHEN c.entries AND {decay} > 0
            THEN {depth} / {decay} ELSE 0.0 END)
        ELSE (CASE WHEN c.entries AND {decay} > 0 THEN {depth} / {decay}
            ELSE 0.0 END) END) * :intimacy
    + (CASE WHEN c.entries OR p.met_on IS NOT NULL THEN 1.0 - exp(-max(0.0, (CASE
        WHEN p.met_on IS NULL THEN {oldest}
        WHEN NOT c.entries THEN CAST(:today_jd - julianday(p.met_on) AS INTEGER)
        ELSE max({oldest}, CAST(:today_jd - julianday(p.met_on) AS INTEGER)) END)
        / 365.25) / 3.0) ELSE 0.0 END) * :duration
    + (CASE WHEN c.entries AND {mine} + {theirs}
        THEN 1.0 - CAST(abs({mine} - {theirs}) AS REAL) / ({mine} + {theirs})
        ELSE 0.0 END) * :reciprocity
    + (CASE WHEN c.entries AND c.given + c.received
        THEN min(1.0, (c.given + c.received) / 6.0) * (0.5 + 0.5 * (1.0
            - CAST(abs(c.given - c.received) AS REAL) / (c.given + c.received)))
        ELSE 0.0 END) * :favours
    + (1.0 - exp(-c.contributions / 3.0)) * :community
    + (1.0 - exp(-c.outcomes / 2.0)) * :outcomes
) / :total
"""


def raw_total(mine: str = "c.mine", theirs: str = "c.theirs") -> str:
    """A cached row's score total ``:d`` days after its day, its sums aged by ``:f``
    (:func:`~netdash.domain.depth_sums.aged`'s multiplications), as :func:`scores_from_sums`
    adds it up: the same operations in the same order; ``mine`` and ``theirs`` are who started
    the entries of the year (a read that does not store the day passes them corrected).
    ``:today_jd`` is ``julianday(:today)``, asked of SQLite once rather than for each of 10,000
    rows: the same double."""
    return _TOTAL.format(
        youngest="(c.days_since + :d)",
        weighted="(c.weighted * :f)",
        decay="(c.decay_sum * :f)",
        depth="(c.depth_sum * :f)",
        oldest="(c.oldest + :d)",
        mine=mine,
        theirs=theirs,
    )


SNOOZE = "CASE WHEN c.snoozed_until > :today THEN c.snoozed_until END"
"""A row's snooze ``:d`` days on: dropped once it is over."""
OVERDUE = (
    "(coalesce(c.cadence_days, 0) != 0 AND coalesce(c.days_since + :d > c.cadence_days, 0)"
    " AND NOT coalesce(c.snoozed_until > :today, 0))"
)
"""Whether a row is overdue ``:d`` days on, against the cadence stored (a layer that moves
is relayered after)."""

UNREAD = "c.slot = :slot AND c.person_id NOT IN (SELECT value FROM json_each(:again))"

_STEP = f"""
UPDATE depth_cache AS c SET
    score = netdash_rounded({raw_total()}),
    weighted = c.weighted * :f, decay_sum = c.decay_sum * :f, depth_sum = c.depth_sum * :f,
    days_since = c.days_since + :d, oldest = c.oldest + :d,
    snoozed_until = {SNOOZE},
    overdue = {OVERDUE},
    urgency = 0.0
FROM people p WHERE p.id = c.person_id AND {UNREAD}
"""
"""Every unread row a day (``:d`` days) on in one pass: its sums aged, its score totalled
from them and rounded by Python (:func:`_rounded`), a snooze that ended dropped, overdue
against the cadence stored (a layer that moves is relayered after); the overdue's urgency is
rounded by Python after."""


def _rounded(raw: float) -> float:
    """A score total rounded as :func:`scores_from_sums` rounds it; -1 (read again, the
    reference way) when a rounding boundary lies within EPSILON. Called by SQLite for each
    row: Python's rounding, not SQLite's, which rounds by printing."""
    low = round(raw - EPSILON, 1)
    return low if low == round(raw + EPSILON, 1) else -1.0


def step_args(
    db: Database, today: date, days: int, settings: DepthSettings, slot: int, again: set[int]
) -> dict[str, object]:
    """The parameters of :func:`raw_total`, :data:`SNOOZE`, :data:`OVERDUE` and :data:`UNREAD`
    for ``slot`` stepped ``days`` on to ``today``, the people read ``again`` left out; and
    ``netdash_rounded`` made known to the connection."""
    db.conn.create_function("netdash_rounded", 1, _rounded, deterministic=True)
    return {
        **{name: float(weight) for name, weight in settings.weights.items()},
        "recency_half": float(settings.recency_half_life_days),
        "total": float(weight_total(settings)),
        "today": today.isoformat(),
        "today_jd": db.execute("SELECT julianday(?)", [today.isoformat()]).fetchone()[0],
        "slot": slot,
        "again": json.dumps(sorted(again)),
        "f": 0.5 ** (days / settings.frequency_half_life_days),
        "d": days,
    }


def again_and_left(
    db: Database, slot: int, since: date, today: date, *, sums: bool = True
) -> tuple[set[int], dict[int, tuple[int, int]]] | None:
    """Who is read again (marked, an entry dated after ``since``, no row in the slot) and the
    one-year counts the rest lose; None when too many are to be read again (a full rescore is
    the better way) or the slot has rows without sums (before m016), looked for unless
    ``sums`` is False (a caller that reads such a row the reference way).
    A row's person exists (a delete cascades), so as many rows as people means no one is
    missing: two counts, where looking for the missing scanned both tables (4 ms)."""
    if sums:
        rows, summed = db.execute(
            "SELECT COUNT(*), COUNT(entries) FROM depth_cache WHERE slot = ?", [slot]
        ).fetchone()
        if rows != summed:
            return None
    else:  # through the key's index, not the rows
        rows = db.execute("SELECT COUNT(*) FROM depth_cache WHERE slot = ?", [slot]).fetchone()[0]
    left, again = crossed(db, since, today)
    again.update(row[0] for row in db.execute("SELECT person_id FROM depth_dirty").fetchall())
    count = db.execute("SELECT COUNT(*) FROM people").fetchone()[0]
    if rows != count:
        again.update(
            row[0]
            for row in db.execute(
                "SELECT id FROM people WHERE id NOT IN"
                " (SELECT person_id FROM depth_cache WHERE slot = ?)",
                [slot],
            ).fetchall()
        )
    if len(again) > DIRTY_SHARE * max(count, 1) + 8:
        return None  # a full rescore is the better way
    return again, left


def _stepped_in_place(
    db: Database,
    slot: int,
    today: date,
    days: int,
    settings: DepthSettings,
    again: set[int],
    left: dict[int, tuple[int, int]],
) -> set[int]:
    """The unread rows ``days`` later (:data:`_STEP`), after the one-year counts of who started
    it lose the entries that ``left``; the people whose total lies within EPSILON of a rounding
    boundary are left for the reference way, and returned."""
    db.conn.executemany(
        "UPDATE depth_cache SET mine = mine - ?, theirs = theirs - ?"
        " WHERE slot = ? AND person_id = ? AND entries",
        ((mine, theirs, slot, pid) for pid, (mine, theirs) in left.items() if pid not in again),
    )
    args = step_args(db, today, days, settings, slot, again)
    db.execute(_STEP, args)
    near = {
        row[0]
        for row in db.execute(
            "SELECT person_id FROM depth_cache WHERE slot = ? AND score = -1.0", [slot]
        ).fetchall()
    }
    late = db.execute(
        f"SELECT person_id, days_since, cadence_days, score FROM depth_cache c"
        f" WHERE {UNREAD} AND overdue AND score != -1.0",
        args,
    ).fetchall()
    db.conn.executemany(
        "UPDATE depth_cache SET urgency = ? WHERE slot = ? AND person_id = ?",
        ((urgency(since, ideal, score), slot, pid) for pid, since, ideal, score in late),
    )
    return near


def _ranked_in_place(
    db: Database,
    slot: int,
    key: str,
    today: date,
    settings: DepthSettings,
    again: set[int],
    gather: Callable[[Collection[int]], dict[int, Rows]],
) -> None:
    """The people read ``again`` rescored the reference way, the layers cut from the top of
    the ranking (the unread's stored scores and theirs), and stored with the relayered: who
    had a layer or has one now, whose cadence may follow it (or new settings' defaults)."""
    marked = Marked(sorted(again), *scored_again(db, again, today, settings, gather))
    pinned = marked.pinned
    args = {"slot": slot, "again": json.dumps(sorted(again)), "top": max(LAYERS) + len(pinned)}
    top = db.execute(
        f"SELECT -score, person_id FROM depth_cache c WHERE {UNREAD} AND score > 0"
        " ORDER BY score DESC, person_id LIMIT :top",  # the order of (-score, person) ascending
        args,
    ).fetchall()
    had = [
        row[0]
        for row in db.execute(
            f"SELECT person_id FROM depth_cache c WHERE {UNREAD} AND layer IS NOT NULL", args
        ).fetchall()
    ]
    _, layers = reranked(top, {}, marked.scores, pinned, settings)
    maybe = {*had, *layers} - again
    moved = [
        relayered(depth, layers.get(depth.person_id), settings)
        for depth in read_depths(db, today, slot, maybe)
    ]
    write_cache(db, marked.rows(layers, today, settings), key, slot, everyone=False, moved=moved)


def step_stored(
    db: Database,
    today: date,
    settings: DepthSettings,
    slot: int,
    stored_key: str,
    key: str,
    gather: Callable[[Collection[int]], dict[int, Rows]],
) -> bool:
    """``slot``'s scores stored under ``stored_key`` (an earlier or the same day) brought to
    ``today`` and stored under ``key``, in the caller's write transaction: what
    :func:`~netdash.store.depth_step.advance` gives, without a row through Python but those
    read again. False, with nothing written, when a full rescore is due (a later day, another
    decay, sums from before m016, or too many to read again)."""
    day, _, stored_settings = stored_key.split("|", 2)
    since = date.fromisoformat(day)
    days = (today - since).days
    if days < 0 or not same_decay(stored_settings, settings):
        return False
    found = again_and_left(db, slot, since, today)
    if found is None:
        return False
    again, left = found
    again |= _stepped_in_place(db, slot, today, days, settings, again, left)
    _ranked_in_place(db, slot, key, today, settings, again, gather)
    return True
