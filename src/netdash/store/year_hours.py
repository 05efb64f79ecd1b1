"""The year in review's time together, added up by SQLite.

The review used to fetch every (entry, person) pair of the year (53,000 rows on the large
journal) and add them up in Python, holding the GIL the UI thread needs for 0.3-0.5 s. Here
SQLite groups them and Python reads a few dozen rows. Hours are counted in twentieths
(:data:`UNITS_PER_HOUR`): every typical length is a whole number of them, so sums are exact
whatever order SQLite adds in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal

from sqlite_utils import Database

from netdash.domain.scoring import KIND_HOURS
from netdash.store.depth_sums import EACH_KIND, kind_case

UNITS_PER_HOUR = 20
DEFAULT_UNITS = 10  # a kind without a typical length counts half an hour, as entry_hours does


def kind_units() -> dict[str, int]:
    """Each kind's typical length in twentieths of an hour."""
    return {kind: round(hours * UNITS_PER_HOUR) for kind, hours in KIND_HOURS.items()}


def hours_of(units: int) -> Decimal:
    """Exact hours from twentieths."""
    return Decimal(units) / UNITS_PER_HOUR


def _units_sql() -> tuple[str, dict[str, object]]:
    """``CASE i.kind ...`` giving an entry's length in twentieths, and its parameters."""
    return kind_case(kind_units(), DEFAULT_UNITS, "units")


def layer_units(
    db: Database, start: str, end: str, layers: Mapping[int, int]
) -> list[tuple[int | None, bool, int, int]]:
    """(innermost layer among an entry's people, whether one of them is in none, twentieths,
    entries) summed over the entries between two days with anyone, grouped by the first two.

    ``layers`` holds only the people in a layer (at most 150): the rest are "in none"."""
    units, params = _units_sql()
    rows = db.execute(
        "WITH layered(person_id, layer) AS MATERIALIZED ("
        "  SELECT CAST(key AS INTEGER), value FROM json_each(:layers)),"
        " entry AS (SELECT MIN(l.layer) AS innermost, MAX(l.layer IS NULL) AS outside,"
        f"  MIN({units}) AS units"
        "  FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id"
        "  LEFT JOIN layered l ON l.person_id = ip.person_id"
        "  WHERE i.occurred_on BETWEEN :start AND :end GROUP BY i.id)"
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
    """How many people had time between two days, and (name, twentieths) of the ``limit``
    with the most, most first, ties by person id: one grouping gives both."""
    units, params = _units_sql()
    rows = db.execute(
        # ``kind IN kinds``: the year's entries read from the (kind, occurred_on, id) index
        # alone, a range per kind, not a row fetch per entry for its kind (0.43x the time)
        f"{EACH_KIND} SELECT p.name, t.units, t.people FROM ("
        f" SELECT ip.person_id, SUM({units}) AS units, COUNT(*) OVER () AS people"
        "  FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id"
        "  WHERE i.kind IN (SELECT kind FROM kinds) AND i.occurred_on BETWEEN :start AND :end"
        "  GROUP BY ip.person_id ORDER BY units DESC, ip.person_id LIMIT :limit) t"
        " JOIN people p ON p.id = t.person_id ORDER BY t.units DESC, t.person_id",
        {**params, "start": start, "end": end, "limit": limit},
    ).fetchall()
    return (int(rows[0][2]) if rows else 0), [(str(name), int(total)) for name, total, _ in rows]
