"""The review's time together from SQL aggregates equals the per-row reference (entry_hours)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlite_utils import Database

from netdash.domain.models import LAYERS
from netdash.domain.scoring import KIND_HOURS
from netdash.store.depth import entry_hours
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.store.year_hours import UNITS_PER_HOUR, hours_of, kind_units, layer_units, most_time
from tests.conftest import TODAY
from tests.store.backfilled import add_backfilled, counted_rows, python_hours


def test_every_kind_is_a_whole_number_of_units() -> None:
    assert all(units / UNITS_PER_HOUR == KIND_HOURS[kind] for kind, units in kind_units().items())


@pytest.mark.parametrize("evidence", [False, True])
def test_sql_sums_match_the_per_row_reference(db: Database, evidence: bool) -> None:
    rng = random.Random(14)
    people = [add_person(db, f"Person {n}") for n in range(30)]
    kinds = sorted(KIND_HOURS)
    for _ in range(150):
        day = date(2025, 12, 20) + timedelta(days=rng.randrange(60))
        log_interaction(
            db,
            people=rng.sample(people, rng.randint(1, 4)),
            occurred_on=day,
            today=TODAY,
            kind=rng.choice(kinds),
        )
    if evidence:  # calendar days and calls, some on days typed entries win for some people
        for _ in range(60):
            day = date(2025, 12, 20) + timedelta(days=rng.randrange(60))
            minutes = rng.choice((None, 34, 90, 180, 0))
            add_backfilled(db, rng.sample(people, rng.randint(1, 4)), day, "event", minutes)
    layers = {pid: rng.choice(LAYERS) for pid in rng.sample(people, 12)}
    start, end = "2026-01-01", "2026-12-31"
    rows = counted_rows(db, start, end)

    def layers_of(pid: int) -> list[int]:
        return [size for size in LAYERS if pid in layers and layers[pid] <= size] or [0]

    reference, total = entry_hours(rows, layers_of)
    by_layer: dict[int, int] = {}
    units_total = entries = 0
    for innermost, outside, units, count in layer_units(db, start, end, layers):
        units_total, entries = units_total + units, entries + count
        for bucket in [s for s in LAYERS if innermost and innermost <= s] + [0] * outside:
            by_layer[bucket] = by_layer.get(bucket, 0) + units
    assert abs(float(hours_of(units_total)) - total) < 1e-9
    assert by_layer.keys() == reference.keys()
    for bucket, hours in reference.items():
        assert abs(float(hours_of(by_layer[bucket])) - hours) < 1e-9

    everyone_on = db.execute(
        "SELECT DISTINCT interaction_id FROM interaction_people JOIN interactions i"
        " ON i.id = interaction_id WHERE i.occurred_on BETWEEN ? AND ?",
        [start, end],
    ).fetchall()
    assert entries == len(everyone_on)  # an entry shadowed for all its people still counts
    per_person, _ = entry_hours(rows, lambda pid: (pid,))
    per_person.update({pid: 0.0 for pid in python_hours(db, start, end) if pid not in per_person})
    ranked = sorted(per_person, key=lambda pid: (-round(per_person[pid] * UNITS_PER_HOUR), pid))
    assert most_time(db, start, end) == (
        len(per_person),
        [
            (f"Person {people.index(pid)}", round(per_person[pid] * UNITS_PER_HOUR))
            for pid in ranked[:5]
        ],
    )


def test_first_met_is_the_met_day_or_else_the_first_entry(db: Database) -> None:
    from netdash.store.document import first_met_between

    rng = random.Random(16)
    first: dict[str, date | None] = {}
    for n in range(40):
        met = date(2025, 6, 1) + timedelta(days=rng.randrange(500)) if n % 3 == 0 else None
        pid = add_person(db, f"P{n:02d}", met_on=met)
        days = sorted(date(2024, 6, 1) + timedelta(days=rng.randrange(900)) for _ in range(n % 4))
        for day in days:
            log_interaction(db, people=[pid], occurred_on=day, today=TODAY, kind="call")
        first[f"P{n:02d}"] = met or (days[0] if days else None)
    for year in (2024, 2025, 2026):
        expected = sorted(name for name, day in first.items() if day and day.year == year)
        assert first_met_between(db, f"{year}-01-01", f"{year}-12-31") == expected


def test_most_time_reads_the_year_from_the_kind_index_alone(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: each entry's kind comes from the (kind, occurred_on, id) index, a range per
    kind, never a fetch of the entry's row (the review's slowest query before)."""
    captured: list[tuple[str, list[object]]] = []
    execute = db.execute

    def spy(sql: str, params: list[object] | None = None) -> object:
        captured.append((sql, params or []))
        return execute(sql, params)

    monkeypatch.setattr(db, "execute", spy)
    most_time(db, "2026-01-01", "2026-12-31")
    monkeypatch.undo()
    sql, params = captured[-1]  # after has_evidence's probe: nothing backfilled here
    plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
    assert any(
        "SEARCH i USING COVERING INDEX interactions_kind_occurred" in step for step in plan
    ), plan
