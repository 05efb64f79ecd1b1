"""The year in review's time together, added up by SQLite.

The review used to fetch every (entry, person) pair of the year (53,000 rows on the large
journal) and add them up in Python, holding the GIL the UI thread needs for 0.3-0.5 s. Here
SQLite groups them and Python reads a few dozen rows. Hours are counted in minutes
(:data:`UNITS_PER_HOUR`): every typical length and every real duration a backfilled entry
carries is a whole number of them, so sums are exact whatever order SQLite adds in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal

from sqlite_utils import Database

from netdash.domain.scoring import KIND_HOURS
from netdash.store.depth_sums import EACH_KIND, kind_case
from netdash.store.hours_together import has_evidence, shadowed

UNITS_PER_HOUR = 60
DEFAULT_UNITS = 30  # a kind without a typical length counts half an hour, as entry_hours does


def kind_units() -> dict[str, int]:
    """Each kind's typical length in minutes."""
    return {kind: round(hours * UNITS_PER_HOUR) for kind, hours in KIND_HOURS.items()}


def hours_of(units: int) -> Decimal:
    """Exact hours from minutes."""
    return Decimal(units) / UNITS_PER_HOUR


def _units_sql(evidence: bool) -> tuple[str, str, dict[str, object]]:
    """An entry's length with a person in minutes, whether it counts for them at all, and the
    parameters: with nothing backfilled (``evidence`` false) a ``CASE i.kind ...`` and always,
    which an index of kinds answers alone; else the real duration when there is one and not
    for a person a typed entry wins for (:mod:`netdash.store.hours_together`)."""
    units, params = kind_case(kind_units(), DEFAULT_UNITS, "units")
    if not evidence:
        return units, "1", params
    return f"COALESCE(i.minutes, {units})", f"NOT {shadowed()}", params


def layer_units(
    db: Database, start: str, end: str, layers: Mapping[int, int]
) -> list[tuple[int | None, bool, int, int]]:
    """(innermost layer among an entry's people, whether one of them is in none, minutes,
    entries) summed over the entries between two days with anyone, grouped by the first two.
    Only the people an entry counts time for place it; one shadowed for all of them counts as
    an entry with no time and no layer.

    ``layers`` holds only the people in a layer (at most 150): the rest are "in none"."""
    evidence = has_evidence(db)
    units, counts, params = _units_sql(evidence)
    rows = db.execute(
        "WITH layered(person_id, layer) AS MATERIALIZED ("
        "  SELECT CAST(key AS INTEGER), value FROM json_each(:layers)),"
        # materialized with evidence: else each of the three reads of ``counts`` below would
        # copy its probe of the day's typed entries (3.5 s, not 0.5 s, on the large journal)
        f" row AS {'MATERIALIZED ' if evidence else ''}("
        f"  SELECT i.id AS id, l.layer AS layer, {counts} AS counts, {units} AS units"
        "  FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id"
        "  LEFT JOIN layered l ON l.person_id = ip.person_id"
        "  WHERE i.occurred_on BETWEEN :start AND :end),"
        " entry AS (SELECT MIN(CASE WHEN counts THEN layer END) AS innermost,"
        "  MAX(counts AND layer IS NULL) AS outside, MAX(counts * units) AS units"
        "  FROM row GROUP BY id)"
        " SELECT innermost, outside, SUM(units), COUNT(*) FROM entry GROUP BY innermost, outside",
        {
            **params,
            "layers": json.dumps({str(pid): layer for pid, layer in layers.items()}),
            "start": start,
            "end": end,
        },
    ).fetchall()
    return [(inner, bool(outside), int(total), int(count)) for inner, outside, total, count in rows]


def most_time(
    db: Database, start: str, end: str, limit: int = 5
) -> tuple[int, list[tuple[str, int]]]:
    """How many people had entries between two days, and (name, minutes) of the ``limit``
    with the most time, most first, ties by person id: one grouping gives both."""
    units, counts, params = _units_sql(has_evidence(db))
    rows = db.execute(
        # ``kind IN kinds``: the year's entries read from the (kind, occurred_on, id) index
        # alone, a range per kind, not a row fetch per entry for its kind (0.43x the time)
        f"{EACH_KIND} SELECT p.name, t.units, t.people FROM ("
        f" SELECT ip.person_id, SUM(CASE WHEN {counts} THEN {units} ELSE 0 END) AS units,"
        "  COUNT(*) OVER () AS people"
        "  FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id"
        "  WHERE i.kind IN (SELECT kind FROM kinds) AND i.occurred_on BETWEEN :start AND :end"
        "  GROUP BY ip.person_id ORDER BY units DESC, ip.person_id LIMIT :limit) t"
        " JOIN people p ON p.id = t.person_id ORDER BY t.units DESC, t.person_id",
        {**params, "start": start, "end": end, "limit": limit},
    ).fetchall()
    return (int(rows[0][2]) if rows else 0), [(str(name), int(total)) for name, total, _ in rows]
