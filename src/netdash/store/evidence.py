"""Writing backfilled days: match their counterparts to people, add entries, note strangers.

One import is one transaction and one trash item (``netdash undo`` takes it back like any
import). A day already in the journal (same source key, from an earlier import of the same
export) is left as it is, except that people who have since become known are added to it and
remembered in ``evidence_links`` so undoing this import removes exactly those links.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlite_utils import Database

from netdash.domain.dates import utc_now
from netdash.domain.evidence import Counterpart
from netdash.domain.evidence_days import LARGE_GROUP, Day, identity_key, phone_digits
from netdash.store.evidence_growth import fill_in, units_of
from netdash.store.people import names_by_id
from netdash.store.trash import Scope, created_scopes, into_trash
from netdash.store.tx import write_transaction


@dataclass
class Matcher:
    """Every identity in the journal a counterpart can be matched by, read once per import.

    A name (or a phone's last nine digits) two people share matches neither: a wrong match
    would put someone else's history on a person, a stranger only waits in the review list.
    """

    emails: dict[str, int | None] = field(default_factory=dict)
    phones: dict[str, int | None] = field(default_factory=dict)
    handles: dict[str, int | None] = field(default_factory=dict)
    names: dict[str, int | None] = field(default_factory=dict)
    ignored: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def load(cls, db: Database) -> Matcher:
        matcher = cls()
        for person_id, kind, value in db.execute(
            "SELECT person_id, kind, value FROM contact_points WHERE kind IN ('email', 'phone')"
        ):
            if kind == "email":
                _put(matcher.emails, value.strip().casefold(), person_id)
            elif digits := phone_digits(value):
                _put(matcher.phones, digits, person_id)
        for person_id, platform, handle in db.execute(
            "SELECT person_id, platform, handle FROM handles"
        ):
            _put(matcher.handles, f"{platform}:{handle}".casefold(), person_id)
        for person_id, name in db.execute("SELECT id, name FROM people"):
            _put(matcher.names, name.strip().casefold(), person_id)
        for person_id, value in db.execute(
            "SELECT person_id, value FROM person_aliases WHERE kind IN ('alias', 'name')"
        ):
            _put(matcher.names, value.strip().casefold(), person_id)
        matcher.ignored = {
            (kind, value)
            for kind, value in db.execute("SELECT kind, value FROM strangers WHERE ignored = 1")
        }
        return matcher

    def match(self, counterpart: Counterpart) -> int | None:
        """The person this counterpart is, by its identity, then by its name."""
        kind, value = identity_key(counterpart)
        table = {
            "email": self.emails,
            "phone": self.phones,
            "handle": self.handles,
            "name": self.names,
        }[kind]
        found = table.get(value.casefold() if kind == "handle" else value)
        if found is None and kind != "name" and counterpart.name.strip():
            found = self.names.get(counterpart.name.strip().casefold())
        return found

    def is_ignored(self, counterpart: Counterpart) -> bool:
        return identity_key(counterpart) in self.ignored


def _put(table: dict[str, int | None], key: str, person_id: int) -> None:
    """One person per key; a key two people share is kept as None (matches nobody)."""
    if not key:
        return
    if key in table and table[key] != person_id:
        table[key] = None
    else:
        table.setdefault(key, person_id)


KEEP_IN_TRASH_UP_TO = 10_000
"""Days an import may have and still be kept in the trash for ``netdash undo``: the trash keeps
every row it added as JSON, which for a 2 GB mailbox (90,000 thread-days) cost more memory than
the whole reading. ``imports undo ID`` needs no copy, so a larger import is still undoable."""


@dataclass(frozen=True)
class ImportMeta:
    source: str
    file_name: str
    sha256: str
    titles: bool = False
    """Whether an event's title may go into its entry's note (``--titles``)."""
    large_group: int = LARGE_GROUP
    skipped: int = 0


@dataclass
class PersonDays:
    """What an import adds for one person: days per channel and their range."""

    person_id: int
    name: str
    channels: dict[str, int] = field(default_factory=dict)
    first_on: str = ""
    last_on: str = ""

    def add(self, day: Day) -> None:
        self.channels[day.channel] = self.channels.get(day.channel, 0) + 1
        on = day.on.isoformat()
        self.first_on = min(self.first_on or on, on)
        self.last_on = max(self.last_on, on)


@dataclass
class BackfillResult:
    """What an import did, or for a dry run would do."""

    import_id: int | None = None
    days: int = 0
    """Days in the export, known people or not."""
    entries_added: int = 0
    links_added: int = 0
    already_there: int = 0
    """Days with known people the journal already had from an earlier import."""
    strangers: int = 0
    """Counterparts who matched nobody and were not ignored, seen on days not noted before."""
    skipped: int = 0
    people: dict[int, PersonDays] = field(default_factory=dict)
    in_trash: bool = True
    """Whether ``netdash undo`` (ctrl+z) can take it back; ``imports undo ID`` always can."""

    days_filled: int = 0
    """Days an earlier import cut short (its export was taken mid-day) that this one filled in."""

    @property
    def changed(self) -> bool:
        return bool(self.entries_added or self.links_added or self.strangers or self.days_filled)


@dataclass
class _Planned:
    day: Day
    person_ids: list[int]
    strangers: list[Counterpart]


def _plan(days: Iterable[Day], matcher: Matcher) -> list[_Planned]:
    planned = []
    for day in days:
        person_ids: list[int] = []
        strangers: list[Counterpart] = []
        for counterpart in day.people:
            person_id = matcher.match(counterpart)
            if person_id is not None:
                if person_id not in person_ids:
                    person_ids.append(person_id)
            elif not matcher.is_ignored(counterpart):
                strangers.append(counterpart)
        planned.append(_Planned(day, person_ids, strangers))
    return planned


def backfill(
    db: Database, days: Iterable[Day], meta: ImportMeta, *, dry_run: bool = False
) -> BackfillResult:
    """Add the days to the journal in one transaction (or, dry, say what that would add: read
    without the write lock, so a dry run never waits for an import in the TUI)."""
    if dry_run:
        planned, existing, names, result = _read_plan(db, days, meta)
        _count(planned, existing, names, result)
        return result
    with write_transaction(db):
        planned, existing, names, result = _read_plan(db, days, meta)
        scopes = _scopes(db, planned, existing)
        with into_trash(db, "import", meta.file_name, scopes) as keeping:
            result.import_id = _new_import(db, meta)
            _write(db, planned, existing, names, meta, result)
            if not result.changed:
                db.execute("DELETE FROM imports WHERE id = ?", [result.import_id])
                result.import_id = None
                keeping.drop()
                return result
            _finish_import(db, result)
            keeping.description = f"{meta.file_name}: {_added_words(result)}"
            if len(planned) > KEEP_IN_TRASH_UP_TO:
                keeping.drop()
                result.in_trash = False
        return result


def _read_plan(
    db: Database, days: Iterable[Day], meta: ImportMeta
) -> tuple[list[_Planned], dict[str, _Had], dict[int, str], BackfillResult]:
    """Who each day is with, which days are in the journal already, and the names to report."""
    planned = _plan(days, Matcher.load(db))
    existing = _existing(db, [item.day.key for item in planned if item.person_ids])
    names = names_by_id(db, {pid for item in planned for pid in item.person_ids})
    return planned, existing, names, BackfillResult(days=len(planned), skipped=meta.skipped)


def _added_words(result: BackfillResult) -> str:
    return f"{result.entries_added:,} entries, {result.strangers:,} strangers"


@dataclass(frozen=True)
class _Had:
    """An entry already in the journal under a day's key."""

    id: int
    people: set[int]
    units: int | None
    """How many messages, calls or events it was made from; None for one without a count."""


def _existing(db: Database, keys: Sequence[str]) -> dict[str, _Had]:
    """Entries already in the journal by source key, with the people linked to each."""
    found: dict[str, _Had] = {}
    for start in range(0, len(keys), 500):
        chunk = json.dumps(list(keys[start : start + 500]))
        for key, entry_id, units, people in db.execute(
            "SELECT i.source_key, i.id, i.source_units, (SELECT json_group_array(person_id)"
            " FROM interaction_people WHERE interaction_id = i.id)"
            " FROM json_each(?) j JOIN interactions i ON i.source_key = j.value",
            [chunk],
        ):
            found[key] = _Had(entry_id, set(json.loads(people)), units)
    return found


def _grows(had: _Had | None, day: Day) -> bool:
    """Whether a newer export has more of a day than the entry was made from."""
    return had is not None and had.units is not None and units_of(day) > had.units


def _count(
    planned: list[_Planned],
    existing: dict[str, _Had],
    names: dict[int, str],
    result: BackfillResult,
) -> None:
    """A dry run's figures: what :func:`_write` would add."""
    seen: set[tuple[str, str]] = set()
    for item in planned:
        had = existing.get(item.day.key)
        new_people = [pid for pid in item.person_ids if had is None or pid not in had.people]
        if had is None and item.person_ids:
            result.entries_added += 1
        elif had is not None:
            result.links_added += len(new_people)
            result.days_filled += _grows(had, item.day)
            result.already_there += not new_people and not _grows(had, item.day)
        for pid in new_people:
            result.people.setdefault(pid, PersonDays(pid, names.get(pid, "?"))).add(item.day)
        for counterpart in item.strangers:
            seen.add(identity_key(counterpart))
    result.strangers = len(seen)


def _scopes(db: Database, planned: list[_Planned], existing: dict[str, _Had]) -> list[Scope]:
    """What the import can add or change, read before it so undo takes exactly that back:
    the people it touches (their last contact and counts move), new rows, links it adds to
    entries an earlier import made, and the days it notes for strangers already known."""
    touched = sorted({pid for item in planned for pid in item.person_ids})
    grown = sorted({existing[item.day.key].id for item in planned if item.day.key in existing})
    (top_entry,) = db.execute("SELECT coalesce(max(id), 0) FROM interactions").fetchone()
    (top_import,) = db.execute("SELECT coalesce(max(id), 0) FROM imports").fetchone()
    return [
        Scope("people", "id IN (SELECT value FROM json_each(?))", [json.dumps(touched)]),
        *created_scopes(db, "interactions", "strangers"),
        Scope("imports", "id > ?", [top_import]),
        Scope("interaction_people", "interaction_id > ?", [top_entry]),
        Scope(
            "interaction_people",
            "interaction_id IN (SELECT value FROM json_each(?))",
            [json.dumps(grown)],
        ),
        Scope("evidence_links", "import_id > ?", [top_import]),
        # days an earlier import made that this one fills in, and what they were
        Scope("interactions", "id IN (SELECT value FROM json_each(?))", [json.dumps(grown)]),
        Scope("evidence_revisions", "import_id > ?", [top_import]),
        Scope("stranger_days", "import_id > ?", [top_import]),
        # a stranger seen before whose name this import learns
        Scope(
            "strangers",
            "id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(_known_strangers(db, planned)))],
        ),
    ]


def _known_strangers(db: Database, planned: list[_Planned]) -> set[int]:
    """The strangers already in the journal among the import's, by identity."""
    keys = {identity_key(c) for item in planned for c in item.strangers}
    found = db.execute(
        "SELECT s.id FROM json_each(?) j JOIN strangers s"
        " ON s.kind = json_extract(j.value, '$[0]') AND s.value = json_extract(j.value, '$[1]')",
        [json.dumps([list(key) for key in keys])],
    )
    return {row[0] for row in found}


def _new_import(db: Database, meta: ImportMeta) -> int:
    cursor = db.execute(
        "INSERT INTO imports(source, file_name, sha256, imported_at, rows) VALUES (?, ?, ?, ?, 0)",
        [meta.source, meta.file_name, meta.sha256, utc_now()],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _write(
    db: Database,
    planned: list[_Planned],
    existing: dict[str, _Had],
    names: dict[int, str],
    meta: ImportMeta,
    result: BackfillResult,
) -> None:
    assert result.import_id is not None
    now = utc_now()
    stranger_ids: dict[tuple[str, str], int] = {}
    # strangers with a day this import noted: the same file again notes none
    seen_anew: set[int] = set()
    for item in planned:
        day = item.day
        if item.person_ids:
            had = existing.get(day.key)
            if had is None:
                entry_id = _add_entry(db, day, meta, result.import_id, now)
                result.entries_added += 1
                new_people = item.person_ids
            else:
                entry_id = had.id
                new_people = [pid for pid in item.person_ids if pid not in had.people]
                if _grows(had, day):
                    fill_in(db, entry_id, day, _day_values(day, meta), result.import_id)
                    result.days_filled += 1
                else:
                    result.already_there += not new_people
                result.links_added += len(new_people)
            for pid in new_people:
                db.execute(
                    "INSERT INTO interaction_people(interaction_id, person_id) VALUES (?, ?)",
                    [entry_id, pid],
                )
                if had is not None:
                    db.execute(
                        "INSERT OR IGNORE INTO evidence_links(interaction_id, person_id,"
                        " import_id) VALUES (?, ?, ?)",
                        [entry_id, pid, result.import_id],
                    )
                result.people.setdefault(pid, PersonDays(pid, names.get(pid, "?"))).add(day)
        for counterpart in item.strangers:
            stranger_id = _stranger(db, counterpart, stranger_ids)
            noted = db.execute(
                "INSERT OR IGNORE INTO stranger_days(stranger_id, source_key, occurred_on,"
                " channel, units, import_id) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    stranger_id,
                    day.key,
                    day.on.isoformat(),
                    day.channel,
                    sum(day.units.values()),
                    result.import_id,
                ],
            ).rowcount
            if noted:
                seen_anew.add(stranger_id)
    result.strangers = len(seen_anew)


def _day_values(day: Day, meta: ImportMeta) -> dict[str, object]:
    """What a day's entry says, as the columns it is written to."""
    return {
        "kind": day.kind(meta.large_group),
        "initiated_by": day.initiated_by(),
        "depth": day.depth(),
        "note": day.note(titles=meta.titles),
        "minutes": day.whole_minutes(),
    }


def _add_entry(db: Database, day: Day, meta: ImportMeta, import_id: int, now: str) -> int:
    cursor = db.execute(
        "INSERT INTO interactions(occurred_on, kind, initiated_by, depth, note, created_at,"
        " minutes, source_import, source_key, source_units) VALUES (:on, :kind, :initiated_by,"
        " :depth, :note, :now, :minutes, :import_id, :key, :units)",
        {
            **_day_values(day, meta),
            "on": day.on.isoformat(),
            "now": now,
            "import_id": import_id,
            "key": day.key,
            "units": units_of(day),
        },
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _stranger(db: Database, counterpart: Counterpart, known: dict[tuple[str, str], int]) -> int:
    """The stranger row for a counterpart, made on first sight; a name learnt later fills in."""
    key = identity_key(counterpart)
    if key in known:
        return known[key]
    kind, value = key
    name = counterpart.name.strip() or (counterpart.value if kind == "name" else "")
    db.execute(
        "INSERT INTO strangers(kind, value, written, name) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (kind, value) DO UPDATE SET name = excluded.name"
        " WHERE strangers.name = '' AND excluded.name != ''",
        [kind, value, counterpart.value.strip(), name],
    )
    (stranger_id,) = db.execute(
        "SELECT id FROM strangers WHERE kind = ? AND value = ?", [kind, value]
    ).fetchone()
    known[key] = stranger_id
    return int(stranger_id)


def _finish_import(db: Database, result: BackfillResult) -> None:
    details = {
        "days": result.days,
        "entries": result.entries_added,
        "links": result.links_added,
        "filled": result.days_filled,
        "people": len(result.people),
        "strangers": result.strangers,
        "skipped": result.skipped,
        "first_on": min((p.first_on for p in result.people.values()), default=None),
        "last_on": max((p.last_on for p in result.people.values()), default=None),
    }
    db.execute(
        "UPDATE imports SET rows = ?, details = ? WHERE id = ?",
        [result.entries_added, json.dumps(details), result.import_id],
    )
