"""Interactions: logging, listing, editing and deleting journal entries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlite_utils import Database

from netdash.domain.dates import check_past, utc_now
from netdash.domain.errors import InvalidInput, NotFound
from netdash.domain.models import DEPTHS, INITIATORS, KINDS, Interaction, PersonRef
from netdash.domain.names import (
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    check_note,
    clean_name,
)
from netdash.store.db import entry_count, journal_revision
from netdash.store.journal_rows import ENTRY_COLUMNS as _ENTRY_COLUMNS
from netdash.store.journal_rows import entry as _entry
from netdash.store.people import add_person, escape_like
from netdash.store.person_details import tag_ids
from netdash.store.trash import entry_scopes, into_trash
from netdash.store.tx import write_transaction


@dataclass(frozen=True)
class NewPerson:
    """Someone named in a log who is not in the journal yet: created with the entry."""

    name: str


PersonChoice = int | NewPerson


@dataclass(frozen=True)
class Logged:
    """What a log wrote: the entry, everyone it names, and who among them is new."""

    interaction_id: int
    people: tuple[PersonRef, ...]
    created: tuple[PersonRef, ...]
    follow_ups_done: tuple[int, ...] = ()
    """The open follow-ups with these people that this entry marked done."""
    revisions: tuple[int, int] | None = None
    """The journal's revision as the log's transaction began and as it ended: nothing else
    wrote between them, so what was counted at the first plus this entry is the journal at
    the second (the app's time budget adds the entry instead of counting again)."""


def _validate(
    people: Sequence[PersonChoice],
    occurred_on: date,
    today: date,
    kind: str,
    initiated_by: str,
    depth: int,
    note: str,
) -> None:
    if not people:
        raise InvalidInput("an interaction needs at least one person", field="people")
    check_past(occurred_on, today)
    if kind not in KINDS:
        raise InvalidInput(f"kind {kind!r} is not one of: {', '.join(KINDS)}", field="kind")
    if initiated_by not in INITIATORS:
        raise InvalidInput(
            f"initiated by {initiated_by!r} is not one of: {', '.join(INITIATORS)}",
            field="initiator",
        )
    if depth not in DEPTHS:
        raise InvalidInput(f"depth is 1 to 5, not {depth}", field="depth")
    check_note(note, field="note")


def _materialize(
    db: Database, people: Sequence[PersonChoice]
) -> tuple[list[PersonRef], list[PersonRef]]:
    """Everyone an entry names, creating the new ones; call inside the entry's transaction."""
    everyone: list[PersonRef] = []
    created: list[PersonRef] = []
    for choice in people:
        if isinstance(choice, NewPerson):
            name = clean_name(choice.name)
            ref = PersonRef(add_person(db, name), name)
            created.append(ref)
        else:
            row = db.execute("SELECT id, name FROM people WHERE id = ?", [choice]).fetchone()
            if row is None:
                raise NotFound(f"no person with id {choice}")
            ref = PersonRef(row[0], row[1])
        if ref not in everyone:
            everyone.append(ref)
    return everyone, created


def _link(
    db: Database, interaction_id: int, people: Sequence[PersonRef], tags: Sequence[str]
) -> None:
    """Attach an entry's people and tags (an edit clears the old ones first)."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO interaction_people(interaction_id, person_id) VALUES (?, ?)",
        [(interaction_id, ref.id) for ref in people],
    )
    db.conn.executemany(
        "INSERT OR IGNORE INTO interaction_tags(interaction_id, tag_id) VALUES (?, ?)",
        [(interaction_id, tag_id) for tag_id in tag_ids(db, tags)],
    )


def log_interaction(
    db: Database,
    *,
    people: Sequence[PersonChoice],
    occurred_on: date,
    today: date,
    kind: str,
    initiated_by: str = "me",
    depth: int = 2,
    note: str = "",
    tags: Sequence[str] = (),
) -> Logged:
    """Write one interaction, creating any new people, all in one transaction."""
    _validate(people, occurred_on, today, kind, initiated_by, depth, note)
    with write_transaction(db):
        before = journal_revision(db)
        everyone, created = _materialize(db, people)
        cursor = db.execute(
            "INSERT INTO interactions(occurred_on, kind, initiated_by, depth, note, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [occurred_on.isoformat(), kind, initiated_by, depth, note, utc_now()],
        )
        interaction_id = int(cursor.lastrowid or 0)
        _link(db, interaction_id, everyone, tags)
        done = _follow_ups_done(db, everyone, occurred_on)
        after = journal_revision(db)
    return Logged(interaction_id, tuple(everyone), tuple(created), done, (before, after))


def _follow_ups_done(
    db: Database, people: Sequence[PersonRef], occurred_on: date
) -> tuple[int, ...]:
    """Mark done the open follow-ups with these people made on or before the entry's day: the
    entry is the follow-up. (One dated before a follow-up was made cannot have been it.)"""
    day = occurred_on.isoformat()
    done: list[int] = []
    for ref in people:
        rows = db.execute(
            "UPDATE follow_ups SET done_on = ? WHERE person_id = ? AND done_on IS NULL"
            " AND created_on <= ? RETURNING id",
            [day, ref.id, day],
        ).fetchall()
        done.extend(int(row[0]) for row in rows)
    return tuple(sorted(done))


def update_interaction(
    db: Database,
    interaction_id: int,
    *,
    people: Sequence[PersonChoice],
    occurred_on: date,
    today: date,
    kind: str,
    initiated_by: str,
    depth: int,
    note: str,
    tags: Sequence[str],
) -> Logged:
    """Replace an entry's fields, people and tags in one transaction."""
    get_interaction(db, interaction_id)
    _validate(people, occurred_on, today, kind, initiated_by, depth, note)
    with write_transaction(db):
        everyone, created = _materialize(db, people)
        db.execute(
            "UPDATE interactions SET occurred_on = ?, kind = ?, initiated_by = ?, depth = ?,"
            " note = ? WHERE id = ?",
            [occurred_on.isoformat(), kind, initiated_by, depth, note, interaction_id],
        )
        db.execute("DELETE FROM interaction_people WHERE interaction_id = ?", [interaction_id])
        db.execute("DELETE FROM interaction_tags WHERE interaction_id = ?", [interaction_id])
        _link(db, interaction_id, everyone, tags)
    return Logged(interaction_id, tuple(everyone), tuple(created))


def delete_interaction(db: Database, interaction_id: int) -> None:
    """Delete an entry, into the trash: its people's counts and last contact move back too."""
    with write_transaction(db):
        entry = get_interaction(db, interaction_id)
        names = ", ".join(person.name for person in entry.people)
        said = f"delete the {entry.kind_label.lower()} with {names} on {entry.occurred_on}"
        with into_trash(db, "delete entry", said, entry_scopes(interaction_id)):
            db.execute("DELETE FROM interactions WHERE id = ?", [interaction_id])


def get_interaction(db: Database, interaction_id: int) -> Interaction:
    row = db.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM interactions i WHERE i.id = ?", [interaction_id]
    ).fetchone()
    if row is None:
        raise NotFound(f"no journal entry with id {interaction_id}")
    return _entry(row)


@dataclass(frozen=True)
class EntryFilter:
    """Which journal entries a list shows: each part given narrows it (all of them at once).

    ``people`` is a set of person ids (an entry naming any of them counts; an empty tuple
    matches nothing); ``since`` and ``until`` are calendar days, both included."""

    people: tuple[int, ...] | None = None
    kind: str | None = None
    tag: str | None = None
    since: date | None = None
    until: date | None = None
    above: tuple[str, int] | None = None
    """Only entries listed above this (occurred_on, id) key: newer, or the same day and id
    higher. Counting them places a row in the whole list."""


def _other_filters(which: EntryFilter) -> tuple[list[str], list[object]]:
    """Kind, tag and days: each narrows through an index or a cheap test on the row."""
    clauses: list[str] = []
    params: list[object] = []
    if which.kind:
        clauses.append("i.kind = ?")
        params.append(which.kind)
    if which.tag:
        clauses.append(
            "i.id IN (SELECT it.interaction_id FROM interaction_tags it JOIN tags t"
            " ON t.id = it.tag_id WHERE t.name = ?)"
        )
        params.append(which.tag.strip().lstrip("#"))
    if which.since is not None:
        clauses.append("i.occurred_on >= ?")
        params.append(which.since.isoformat())
    if which.until is not None:
        clauses.append("i.occurred_on <= ?")
        params.append(which.until.isoformat())
    if which.above is not None:
        clauses.append("(i.occurred_on, i.id) > (?, ?)")
        params.extend(which.above)
    return clauses, params


def _where(clauses: Sequence[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


# The people a filter names go in as one JSON parameter, not one per person ("a" can match
# thousands). SQLite re-reads a list subquery for every row of a correlated one, so the rows scan
# checks each entry against a materialized set of people rows (which SQLite indexes) instead.
_MATCHED = (
    "m(id) AS MATERIALIZED (SELECT id FROM people WHERE id IN (SELECT value FROM json_each(?)))"
)
_NAMES_MATCHED = (
    "EXISTS (SELECT 1 FROM interaction_people ip JOIN m ON m.id = ip.person_id"
    " WHERE ip.interaction_id = i.id)"
)
_AMONG_MATCHED = (
    "i.id IN (SELECT interaction_id FROM interaction_people"
    " WHERE person_id IN (SELECT value FROM json_each(?)))"
)


@dataclass(frozen=True)
class _Plan:
    """How to find the entries of a set of people cheaply: by their entries, when they have
    few; by scanning the other filters' entries in date order, when they have many."""

    sql: str  # "WITH ... SELECT ... FROM interactions i" up to WHERE
    where: str
    params: list[object]


def _plan(db: Database, which: EntryFilter, select: str, *, page: bool) -> _Plan:
    clauses, params = _other_filters(which)
    if which.people is None:
        return _Plan(f"SELECT {select} FROM interactions i", _where(clauses), params)
    people = json.dumps(list(which.people))
    theirs, everyones = _their_entries(db, people)
    scanned = _entries(db, clauses, params)
    scan_sql = f"WITH {_MATCHED} SELECT {select} FROM interactions i"
    if page and theirs * 10 > scanned:  # a page of them turns up within a few pages scanned
        return _Plan(scan_sql, _where([*clauses, _NAMES_MATCHED]), [people, *params])
    if page or theirs <= min(scanned, everyones - theirs):  # read their entries
        sql = f"SELECT {select} FROM interactions i"
        return _Plan(sql, _where([_AMONG_MATCHED, *clauses]), [people, *params])
    if scanned <= everyones - theirs:  # the other filters leave fewer entries than they have
        return _Plan(scan_sql, _where([*clauses, _NAMES_MATCHED]), [people, *params])
    # most people match: all the entries, less those naming only people who do not
    # (every entry names someone: the store never leaves one with nobody)
    rest = f"WITH {_MATCHED} SELECT {scanned} - COUNT(*) FROM interactions i"
    others = (
        "i.id IN (SELECT interaction_id FROM interaction_people WHERE person_id IN"
        " (SELECT id FROM people WHERE id NOT IN m))"
    )
    return _Plan(rest, _where([*clauses, others, f"NOT {_NAMES_MATCHED}"]), [people, *params])


def _their_entries(db: Database, people: str) -> tuple[int, int]:
    """How many entries the people have between them, and everyone has (an entry naming two
    people counts twice): what each way of finding their entries reads."""
    row = db.execute(
        "SELECT COALESCE(SUM(interaction_count) FILTER (WHERE id IN"
        " (SELECT value FROM json_each(?))), 0), COALESCE(SUM(interaction_count), 0) FROM people",
        [people],
    ).fetchone()
    return int(row[0]), int(row[1])


def _entries(db: Database, clauses: Sequence[str], params: Sequence[object]) -> int:
    if not clauses:  # every entry: kept by triggers as they are written, not walked
        return entry_count(db)
    sql = f"SELECT COUNT(*) FROM interactions i{_where(clauses)}"
    return int(db.execute(sql, list(params)).fetchone()[0])


def _entry_filter(
    which: EntryFilter | None, person_id: int | None, kind: str | None, tag: str | None
) -> EntryFilter:
    """The keyword filters callers have always passed, folded into one :class:`EntryFilter`."""
    which = which or EntryFilter()
    if person_id is not None:
        which = replace(which, people=(person_id,))
    return replace(which, kind=kind or which.kind, tag=tag or which.tag)


def list_interactions(
    db: Database,
    *,
    person_id: int | None = None,
    kind: str | None = None,
    tag: str | None = None,
    which: EntryFilter | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Interaction]:
    """One page of the journal, newest first, optionally filtered by person, kind, tag or days."""
    plan = _plan(db, _entry_filter(which, person_id, kind, tag), _ENTRY_COLUMNS, page=True)
    rows = db.execute(
        f"{plan.sql}{plan.where} ORDER BY i.occurred_on DESC, i.id DESC LIMIT ? OFFSET ?",
        [*plan.params, limit, offset],
    ).fetchall()
    return [_entry(row) for row in rows]


#: Where a keyset page starts: an entry's (occurred_on as ISO text, id), the Journal's order.
EntryKey = tuple[str, int]


def entry_key(entry: Interaction) -> EntryKey:
    return (entry.occurred_on.isoformat(), entry.id)


def interactions_from(
    db: Database,
    which: EntryFilter,
    key: EntryKey | None,
    limit: int,
    *,
    backwards: bool = False,
    inclusive: bool = False,
) -> list[Interaction]:
    """Up to ``limit`` entries next to ``key`` in the Journal's order (newest first): after it,
    or before it ``backwards`` (nearest first, so reversed on screen); from the top (or the
    bottom) when ``key`` is None. A seek on an index by (occurred_on, id), never an OFFSET:
    a page at the end of 200,000 entries costs what the first does."""
    plan = _plan(db, which, _ENTRY_COLUMNS, page=True)
    where, params = plan.where, list(plan.params)
    if key is not None:
        op = (">" if backwards else "<") + ("=" if inclusive else "")
        where += (" AND " if where else " WHERE ") + f"(i.occurred_on, i.id) {op} (?, ?)"
        params += [key[0], key[1]]
    order = "ASC" if backwards else "DESC"
    rows = db.execute(
        f"{plan.sql}{where} ORDER BY i.occurred_on {order}, i.id {order} LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [_entry(row) for row in rows]


def interaction_key(db: Database, interaction_id: int) -> EntryKey | None:
    """Where an entry sits in the Journal's order now (None once it is deleted): a reload
    keeps the cursor on it even when an edit moved its date."""
    row = db.execute(
        "SELECT occurred_on, id FROM interactions WHERE id = ?", [interaction_id]
    ).fetchone()
    return None if row is None else (str(row[0]), int(row[1]))


def count_interactions(
    db: Database,
    *,
    person_id: int | None = None,
    kind: str | None = None,
    tag: str | None = None,
    which: EntryFilter | None = None,
) -> int:
    chosen = _entry_filter(which, person_id, kind, tag)
    if chosen.people is None:
        return _entries(db, *_other_filters(chosen))
    plan = _plan(db, chosen, "COUNT(*)", page=False)
    return int(db.execute(f"{plan.sql}{plan.where}", plan.params).fetchone()[0])


def people_named(db: Database, text: str) -> list[int]:
    """Whom the Journal's person filter means: an exact name or handle picks just those people
    ("Ana Souza" is not also "Ana Souza-Lima"); otherwise everyone whose name or handle contains
    the text, ignoring case. (People search also reads tags and e-mails, and has no exact
    first: a filter names people, a search finds them.)"""
    text = " ".join(text.split())
    handle = (text[1:] if text.startswith("@") else text).lower()
    if not handle or len(handle) > max(MAX_NAME_LENGTH, MAX_TEXT_LENGTH):
        return []
    exact = db.execute(
        "SELECT p.id FROM people p WHERE p.name = ? COLLATE NOCASE"
        " UNION SELECT h.person_id FROM handles h WHERE h.handle = ? COLLATE NOCASE",
        [text, handle],
    ).fetchall()
    if exact:
        return sorted(int(row[0]) for row in exact)
    like = "%" + escape_like(handle) + "%"
    rows = db.execute(
        "SELECT p.id FROM people p WHERE p.name LIKE ? ESCAPE '\\'"
        " UNION SELECT h.person_id FROM handles h WHERE h.handle LIKE ? ESCAPE '\\'",
        [like, like],
    ).fetchall()
    return sorted(int(row[0]) for row in rows)
