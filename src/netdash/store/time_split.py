"""Where the last 90 days' time went, layer by layer, and the entries behind each hour: what
the dashboard's "Time: inner 5 · next 10" line opens to.

The rule is the time budget's (:func:`netdash.store.depth.time_budget`): an entry's typical
length counts once in each layer one of its people is in, and once in the total. So an entry
with someone of the inner 5 and someone of the next 10 counts in both, and the layers' hours
can add up to more than the total; the shares of the inner 5 and the next 10 are the
dashboard's, to the hour. A backfilled entry counts in the rings of the people it is not
shadowed for (:mod:`netdash.store.hours_together`), and is left out when a typed entry wins for
every one of them; its people are all listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from netdash.domain.scoring import Depth
from netdash.domain.vocabulary import KINDS, LAYERS
from netdash.store.depth import entry_hours
from netdash.store.hours_together import length, shadowed

RINGS: dict[int, str] = {5: "inner 5", 15: "next 10", 50: "next 35", 150: "next 100", 0: "outside"}
"""Each layer a person can be in, by its size (0: outside the 150), with its name: the rings,
so "next 10" is the people of the 15 who are not in the inner 5."""

WINDOW_DAYS = 90


@dataclass(frozen=True)
class SplitEntry:
    id: int
    occurred_on: str
    kind: str
    note: str
    hours: float
    people: tuple[tuple[int, str], ...]
    rings: tuple[int, ...]
    """The rings (keys of :data:`RINGS`) the entry's time counts in, inmost first."""


@dataclass(frozen=True)
class TimeSplit:
    hours: dict[int, float]
    """Hours per ring: every entry touching it, once."""
    total: float
    """Hours of all the entries, each once."""
    entries: tuple[SplitEntry, ...]
    """Newest first."""

    def share(self, ring: int) -> float:
        return self.hours.get(ring, 0.0) / self.total if self.total else 0.0


def ring_of(depths: dict[int, Depth], person_id: int) -> int:
    layer = depths[person_id].layer if person_id in depths else None
    return layer if layer in LAYERS else 0


def time_split(
    db: Database, depths: dict[int, Depth], today: date, days: int = WINDOW_DAYS
) -> TimeSplit:
    """The entries of the ``days`` before today (as the budget reads them) split by ring."""
    since = date.fromordinal(today.toordinal() - days).isoformat()
    rows = db.execute(
        "SELECT i.id, i.occurred_on, i.kind, i.note, ip.person_id, p.name, i.minutes,"
        f" {shadowed()} FROM interactions i"
        " JOIN interaction_people ip ON ip.interaction_id = i.id"
        " JOIN people p ON p.id = ip.person_id"
        " WHERE i.occurred_on > ? AND i.occurred_on <= ?"
        " ORDER BY i.occurred_on DESC, i.id DESC, p.name COLLATE NOCASE",
        [since, today.isoformat()],
    ).fetchall()
    counted = [row for row in rows if not row[7]]
    hours, total = entry_hours(
        ((row[0], row[4], row[2], row[6]) for row in counted),
        lambda pid: (ring_of(depths, pid),),
    )
    entries: dict[int, tuple[str, str, str, int | None, list[tuple[int, str]], set[int]]] = {}
    for entry_id, day, kind, note, person_id, name, minutes, _ in rows:
        entry = entries.setdefault(entry_id, (day, kind, note or "", minutes, [], set()))
        entry[4].append((person_id, name))
    for row in counted:
        entries[row[0]][5].add(ring_of(depths, row[4]))
    order = list(RINGS)
    return TimeSplit(
        hours,
        total,
        tuple(
            SplitEntry(
                entry_id,
                day,
                KINDS.get(kind, kind),
                note,
                length(kind, minutes),
                tuple(people),
                tuple(sorted(rings, key=order.index)),
            )
            for entry_id, (day, kind, note, minutes, people, rings) in entries.items()
            if rings  # shadowed for everyone on it: no time of its own
        ),
    )
