"""Everyone's depth from SQL aggregates: Python touches one row per person, not per interaction.

The reference (``compute_depth``: every interaction into Python, then eight components per
person with their explanations) took 1.2-2 s on 10,000 people; the cache needs only the totals.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any
from urllib.parse import quote

from sqlite_utils import Database

from netdash.domain.depth_build import depth_from
from netdash.domain.depth_sums import Sums, Totals, scores_from_sums
from netdash.domain.scoring import (
    KIND_HOURS,
    KIND_WEIGHT,
    Depth,
    DepthSettings,
    Rows,
    assign_layers,
    components_of,
    total_score,
)
from netdash.store.db import JOURNAL_REVISION, journal_revision
from netdash.store.hours_together import has_evidence, own_hours
from netdash.store.tx import one_snapshot

EACH_KIND = (
    "WITH RECURSIVE kinds(kind) AS (SELECT MIN(kind) FROM interactions UNION ALL"
    " SELECT (SELECT MIN(kind) FROM interactions WHERE kind > kinds.kind) FROM kinds"
    " WHERE kinds.kind IS NOT NULL)"
)
"""Every kind in the journal (and a last NULL row), one probe of the (kind, occurred_on, id)
index each: a query that then reads each kind's range of that index reads no table row."""


def kind_case(
    table: Mapping[str, float], default: float, name: str, column: str = "i.kind"
) -> tuple[str, dict[str, object]]:
    """A CASE over the kind with the table's values as named parameters (floats bit for bit
    the same as Python's); the year in review shares it."""
    args: dict[str, object] = {f"{name}_default": default}
    sql = f"CASE {column}"
    for index, (kind, value) in enumerate(table.items()):
        sql += f" WHEN :{name}_k{index} THEN :{name}_v{index}"
        args[f"{name}_k{index}"], args[f"{name}_v{index}"] = kind, value
    return sql + f" ELSE :{name}_default END", args


PAIR = 1 << 32
"""Two counts summed as one integer, ``first + second * PAIR``: every aggregate costs SQLite
about 20-60 ms over 268,000 rows, so who started it (mine, theirs) and the favours (given,
received) take one each instead of two. No person has 2^32 entries."""


def _sums_sql(
    today: date, settings: DepthSettings, evidence: bool = True, half: bool = False
) -> tuple[str, dict[str, object]]:
    """One row per person with entries: count, the decayed sums, hours, the last year's
    starts and the favours (each pair packed by :data:`PAIR`), and the ages of the newest and
    oldest entry.

    Each entry's age is worked out once, in a subquery SQLite runs as a co-routine (``LIMIT
    -1`` keeps it from being flattened, which would copy the expression, two ``julianday``
    calls, into each of the five aggregates that read it). The journal is read in the primary
    key's order (interaction, then person), so each interaction is found by stepping to the
    next row id rather than searched for (a third of the time of reading by person); the
    grouping sorter keeps equal keys in the order they came, so each person's sums are added
    in interaction id order, the order ``_gather`` adds them in: float sums are equal to the
    last digit only when added in the same order. Hours follow :mod:`hours_together` (a
    probe per backfilled row only) when ``evidence`` says some entry was backfilled. A
    ``half`` reads the people whose id has the parity ``:part`` (see :func:`read_sums`). The
    tests check the plan and compare with the reference."""
    weight, weight_args = kind_case(KIND_WEIGHT, 0.4, "weight", "kind")
    hours, hours_args = kind_case(KIND_HOURS, 0.5, "hours", "kind")
    # without a backfilled entry every entry takes its kind's length: the rule's two columns
    # and its CASE cost 5% more CPU over 268,000 rows, for nothing
    own_column = f" {own_hours()} AS own_hours," if evidence else ""
    hours_sum = f"SUM(COALESCE(own_hours, {hours}))" if evidence else f"SUM({hours})"
    decay = "pow(0.5, age / :half_life)"
    sql = f"""
        SELECT person_id, COUNT(*), SUM({weight} * {decay}), SUM({decay}),
            SUM((depth - 1) / 4.0 * {decay}), {hours_sum},
            SUM(CASE WHEN age <= 365 THEN CASE initiated_by WHEN 'me' THEN 1
                WHEN 'them' THEN {PAIR} WHEN 'mutual' THEN {PAIR + 1} ELSE 0 END ELSE 0 END),
            SUM(CASE kind WHEN 'helped_them' THEN 1 WHEN 'helped_me' THEN {PAIR} ELSE 0 END),
            MIN(age), MAX(age)
        FROM (
            SELECT ip.person_id AS person_id, i.kind AS kind, i.depth AS depth,
                i.initiated_by AS initiated_by,{own_column}
                MAX(0, CAST(julianday(:today) - julianday(i.occurred_on) AS INTEGER)) AS age
            FROM interaction_people ip INDEXED BY sqlite_autoindex_interaction_people_1
            JOIN interactions i ON i.id = ip.interaction_id{HALF if half else ""}
            LIMIT -1
        )
        GROUP BY person_id
    """
    args = {**weight_args, **hours_args}
    args["today"] = today.isoformat()
    args["half_life"] = float(settings.frequency_half_life_days)  # a float: not integer division
    if half:
        args["part"] = 0  # the even ids; 1 for the odd
    return sql, args


HALF = " WHERE ip.person_id % 2 = :part"
"""One of two halves of the people, each summed on a core of its own: the test of a key
column, before the interaction is read, so each half reads only its own entries."""


def read_sums(
    db: Database, today: date, settings: DepthSettings, *, halves: bool | None = None
) -> dict[int, Sums]:
    """Everyone's sums with entries, by person, the packed pairs unpacked.

    On a journal file and a free second core, the people with an odd id are summed on a
    second connection in a thread of its own while this one sums the even (SQLite lets go
    of Python's lock while it steps): each person's entries still come in id order, so the
    sums are the same to the last digit. ``halves`` forces the split (True, on this
    connection alone where there is no second) or the single pass (False)."""
    with one_snapshot(db):
        return summing(db, today, settings, halves)()


def summing(
    db: Database, today: date, settings: DepthSettings, halves: bool | None = None
) -> Callable[[], dict[int, Sums]]:
    """:func:`read_sums` begun: the odd half set going in its thread, if split; what it
    returns reads the rest, waits for that thread and gives the sums. The caller holds one
    snapshot (:func:`one_snapshot`) from before this to after that, and may read the rest of
    what it needs in between, while the thread sums."""
    path = _journal_file(db)
    if halves is None:
        halves = path is not None and _spare_core()
    sql, args = _sums_sql(today, settings, has_evidence(db), half=halves)
    if not halves:
        return lambda: _unpacked(db.execute(sql, args).fetchall())
    odd: dict[str, list[Any]] = {}
    helper = None
    if path is not None:
        revision = journal_revision(db)
        helper = threading.Thread(
            target=_sum_odd, args=(path, sql, args, revision, odd), name="netdash-sums"
        )
        helper.start()

    def rest() -> dict[int, Sums]:
        even = db.execute(sql, args).fetchall()
        if helper is not None:
            helper.join()
        if "rows" not in odd:  # no second connection, or a write came between the snapshots
            odd["rows"] = db.execute(sql, {**args, "part": 1}).fetchall()
        return _unpacked(even + odd["rows"])

    return rest


def _spare_core() -> bool:
    """Whether a second core is likely free: this process may run on two and the load over
    the last minute leaves one idle. On a busy machine the two halves only take turns, and
    cost 7-14% more CPU than one pass (bench/rescore.py: each reads every pair's key, and
    most of the interactions' pages, to keep its own half)."""
    try:
        cores = len(os.sched_getaffinity(0))
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on Linux, or no load figure
        return False
    return cores > 1 and load < cores - 0.5


def _sum_odd(
    path: str, sql: str, args: dict[str, object], revision: int, found: dict[str, list[Any]]
) -> None:
    """The odd half's sums, read on a connection of this thread's own, put in ``found`` when
    its snapshot holds the journal at ``revision`` (every write the scores read bumps it), so
    that both halves read the same journal; else nothing is put there and the caller reads
    them itself."""
    try:
        conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
    except sqlite3.Error:
        return
    try:
        conn.execute("BEGIN")  # one snapshot for the revision and the sums
        if conn.execute(JOURNAL_REVISION).fetchone()[0] == revision:
            rows = conn.execute(sql, {**args, "part": 1}).fetchall()
            found["rows"] = rows
        conn.execute("COMMIT")
    except sqlite3.Error:
        found.pop("rows", None)
    finally:
        conn.close()


def _journal_file(db: Database) -> str | None:
    """The file ``db`` reads, or None for a journal in memory."""
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return str(file) or None
    return None


def _unpacked(rows: Iterable[tuple[Any, ...]]) -> dict[int, Sums]:
    low = PAIR - 1
    return {
        pid: Sums(
            entries,
            weighted,
            decay_sum,
            depth_sum,
            hours,
            started & low,
            started >> 32,
            favours & low,
            favours >> 32,
            youngest,
            oldest,
        )
        for (
            pid,
            entries,
            weighted,
            decay_sum,
            depth_sum,
            hours,
            started,
            favours,
            youngest,
            oldest,
        ) in rows
    }


PERSON_COLUMNS = (
    "id, met_on, closeness, cadence_days, snoozed_until, pinned_layer, cadence_max_days"
)
"""A person's own fields the model reads, in :func:`person_rows`' order after the id."""


def person_rows(
    met: str | None,
    closeness: int | None,
    cadence: int | None,
    snoozed: str | None,
    pinned: int | None,
    cadence_max: int | None = None,
) -> Rows:
    """A person's own fields the model reads, from their row in ``people`` (dates as stored)."""
    return Rows(
        met_on=date.fromisoformat(met) if met else None,
        closeness=closeness,
        cadence=cadence,
        cadence_max=cadence_max,
        snoozed_until=date.fromisoformat(snoozed) if snoozed else None,
        pinned_layer=pinned,
    )


def people_rows(db: Database) -> dict[int, Rows]:
    """Everyone's own fields the model reads (their entries are summed elsewhere)."""
    people: dict[int, Rows] = {}
    for pid, *own in db.execute(f"SELECT {PERSON_COLUMNS} FROM people").fetchall():
        people[pid] = person_rows(*own)
    return people


def score_all(
    db: Database, today: date, settings: DepthSettings, *, halves: bool | None = None
) -> tuple[dict[int, Depth], dict[int, Totals]]:
    """Everyone's depth, equal to ``compute_depth``'s but for the components, and the sums
    behind each score, to store: all read in one snapshot of the journal. ``halves``: see
    :func:`read_sums`."""
    with one_snapshot(db):
        sums_of_everyone = summing(db, today, settings, halves)
        people = people_rows(db)  # while the odd half is summed, if split
        contributions = dict(
            db.execute(
                "SELECT person_id, COUNT(*) FROM contribution_people GROUP BY person_id"
            ).fetchall()
        )
        outcomes = dict(
            db.execute(
                "SELECT person_id, COUNT(DISTINCT outcome_id) FROM outcome_credits"
                " WHERE person_id IS NOT NULL GROUP BY person_id"
            ).fetchall()
        )
        sums = sums_of_everyone()
    totals = {
        pid: Totals(sums.get(pid), contributions.get(pid, 0), outcomes.get(pid, 0))
        for pid in people
    }
    found = scores_from_sums(
        ((pid, *kept[:1], people[pid], *kept[1:]) for pid, kept in totals.items()),
        today,
        settings,
    )
    scores = {
        pid: score if score is not None else _reference_score(db, pid, today, settings)
        for pid, score in found.items()
    }
    return ranked(people, scores, totals, today, settings), totals


def ranked(
    people: dict[int, Rows],
    scores: dict[int, float],
    totals: dict[int, Totals],
    today: date,
    settings: DepthSettings,
) -> dict[int, Depth]:
    """Everyone's depth from their scores: the layers rank everyone, and the keep-in-touch
    state follows from each person's layer and newest entry."""
    pinned = {pid: rows.pinned_layer for pid, rows in people.items() if rows.pinned_layer}
    layers = assign_layers(scores, pinned, settings.min_score)
    depths: dict[int, Depth] = {}
    for pid, rows in people.items():
        sums = totals[pid].sums
        depths[pid] = depth_from(
            pid,
            scores[pid],
            sums.youngest if sums else None,
            sums.hours if sums else 0.0,
            rows,
            layers.get(pid),
            today,
            settings,
        )
    return depths


def _reference_score(db: Database, pid: int, today: date, settings: DepthSettings) -> float:
    """One person scored the reference way, for a total too near a rounding boundary."""
    from netdash.store.depth import _gather  # depth imports this module

    return total_score(components_of(_gather(db, today, [pid])[pid], today, settings, {})[0])
