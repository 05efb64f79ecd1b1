"""The layer history's rows: each person's dated entries, contributions and outcomes.

Read person by person from cursors ordered by person, so a rebuild of the layer history holds
one person's rows at a time rather than everyone's (70 MB of tuples on the large journal).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sqlite_utils import Database

from netdash.domain import dates
from netdash.domain.scoring import Rows
from netdash.store.tx import one_snapshot


@dataclass
class _Person:
    """One person's dated rows, each list sorted by day (as ordinals) for slicing at a month."""

    since: int
    met_on: date | None
    closeness: int | None
    pinned: int | None
    entry_days: list[int] = field(default_factory=list)
    entries: list[tuple[int, int, str, int, str]] = field(default_factory=list)
    """(day, interaction id, kind, depth, who started it)."""
    contributions: list[tuple[int, int]] = field(default_factory=list)
    outcomes: list[tuple[int, int]] = field(default_factory=list)

    def rows_at(self, day: date) -> Rows:
        """The model's rows as the journal stood at the end of ``day``. Hours together do
        not move a layer, so each entry takes its kind's length (no read of minutes)."""
        end = day.toordinal()
        upto = bisect_right(self.entry_days, end)
        return Rows(
            entries=[
                (iid, end - on, kind, d, by, None) for on, iid, kind, d, by in self.entries[:upto]
            ],
            met_on=self.met_on if self.met_on and self.met_on <= day else None,
            closeness=self.closeness,
            contributions=[cid for on, cid in self.contributions if on <= end],
            outcomes=[oid for on, oid in self.outcomes if on <= end],
        )


def _ordinal(day: str) -> int:
    """A day (or the day of a timestamp) as an ordinal."""
    return _day_ordinal(day[:10])


@lru_cache(maxsize=8192)
def _day_ordinal(day: str) -> int:
    """Parsing is most of gathering 200,000 rows, and a journal has few distinct days."""
    return date.fromisoformat(day).toordinal()


def _gather(db: Database, person_id: int | None = None) -> dict[int, _Person]:
    """Every dated row the model reads (of everyone, or of one person), in one read snapshot,
    for all months at once: everyone's rows held together (the tests' reference, one person's
    history). The layer history streams them instead (:func:`_each_person`)."""
    with one_snapshot(db):
        return dict(_each_person(db, person_id))


class _Grouped:
    """A cursor ordered by person id, handed out one person's rows at a time."""

    def __init__(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self._rows = iter(rows)
        self._head: tuple[Any, ...] | None = next(self._rows, None)

    def take(self, person_id: int) -> Iterator[tuple[Any, ...]]:
        """The rows of ``person_id`` (rows of a smaller id, of no person read, are skipped)."""
        while self._head is not None and self._head[0] <= person_id:
            row, self._head = self._head, next(self._rows, None)
            if row[0] == person_id:
                yield row


def _each_person(db: Database, person_id: int | None = None) -> Iterator[tuple[int, _Person]]:
    """Each person's dated rows, person by person (four cursors ordered by person, read side by
    side in the caller's snapshot): only one person's rows are alive at a time, where holding
    everyone's 268,000 interactions took 70 MB. A kind or "who started it" is one string per
    value, not one per row, for the reference that does hold everyone's."""
    only, args = ("", []) if person_id is None else (" AND {} = ?", [person_id])
    people = db.execute(
        "SELECT id, met_on, created_at, closeness, pinned_layer FROM people WHERE 1"
        + only.format("id")
        + " ORDER BY id",
        args,
    )
    entries = _Grouped(
        db.execute(
            "SELECT ip.person_id, i.occurred_on, i.id, i.kind, i.depth, i.initiated_by"
            " FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id"
            " WHERE 1"
            + only.format("ip.person_id")
            + " ORDER BY ip.person_id, i.occurred_on, i.id",
            args,
        )
    )
    contributions = _Grouped(
        db.execute(
            "SELECT cp.person_id, c.occurred_on, c.id FROM contribution_people cp"
            " JOIN contributions c ON c.id = cp.contribution_id WHERE 1"
            + only.format("cp.person_id")
            + " ORDER BY cp.person_id, c.occurred_on, c.id",
            args,
        )
    )
    outcomes = _Grouped(
        db.execute(
            "SELECT DISTINCT oc.person_id, o.occurred_on, o.id FROM outcome_credits oc"
            " JOIN outcomes o ON o.id = oc.outcome_id WHERE oc.person_id IS NOT NULL"
            + only.format("oc.person_id")
            + " ORDER BY oc.person_id, o.occurred_on, o.id",
            args,
        )
    )
    words: dict[str, str] = {}
    for row in people:
        yield row[0], _person(row, entries, contributions, outcomes, words)


def _person(
    row: tuple[Any, ...],
    entries: _Grouped,
    contributions: _Grouped,
    outcomes: _Grouped,
    words: dict[str, str],
) -> _Person:
    """One person from their ``people`` row and their rows of the three other cursors."""
    pid, met, created, closeness, pinned = row
    since = _ordinal(created)
    if met:
        since = min(since, _ordinal(met))
    person = _Person(since, dates.from_iso(met), closeness, pinned)
    for _, day, iid, kind, depth, initiated in entries.take(pid):
        on = _ordinal(day)
        person.entry_days.append(on)
        person.entries.append(
            (on, iid, words.setdefault(kind, kind), depth, words.setdefault(initiated, initiated))
        )
    person.contributions = [(_ordinal(day), cid) for _, day, cid in contributions.take(pid)]
    person.outcomes = [(_ordinal(day), oid) for _, day, oid in outcomes.take(pid)]
    # someone logged, or credited, before they were added was known by then
    firsts = [
        rows[0][0] for rows in (person.entries, person.contributions, person.outcomes) if rows
    ]
    person.since = min([person.since, *firsts])
    return person
