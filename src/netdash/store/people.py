"""People: the journal's nouns. Plain functions over a ``sqlite_utils.Database``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from sqlite_utils import Database

from netdash.domain.cadence import check_cadence
from netdash.domain.dates import check_past, from_iso, today, utc_now
from netdash.domain.errors import Ambiguous, InvalidInput, NotFound
from netdash.domain.models import ContactPoint, Handle, Person, PersonRef, PersonRow, check_layer
from netdash.domain.names import (
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    NAMED_ID,
    alias_key,
    check_birthday,
    check_note,
    check_ranges,
    clean_name,
    shorten,
)
from netdash.store import aliases
from netdash.store import person_details as details
from netdash.store.person_names import names_by_id as names_by_id
from netdash.store.same_name import describe_person, person_by_id, same_name
from netdash.store.tx import write_transaction

if TYPE_CHECKING:
    from netdash.store.person_delete import PersonDeletion

SortOrder = Literal["name", "last_contact"]


def add_person(
    db: Database,
    name: str,
    *,
    handles: Sequence[Handle] = (),
    tags: Sequence[str] = (),
    met_on: date | None = None,
    how_met: str | None = None,
    introduced_by: int | None = None,
    notes: str = "",
    closeness: int | None = None,
    cadence_days: int | None = None,
    cadence_max_days: int | None = None,
    points: Sequence[ContactPoint] = (),
    birthday: str | None = None,
    company: str | None = None,
    job_title: str | None = None,
    uid: str | None = None,
) -> int:
    """Create a person with their handles, contact points and tags in one transaction."""
    name = clean_name(name)
    notes = check_note(notes)
    check_ranges(closeness, cadence_days)
    check_cadence(cadence_days, cadence_max_days)
    birthday = check_birthday(birthday)
    if met_on is not None:
        check_past(met_on, today(), field="met_on")
    with write_transaction(db):
        now = utc_now()
        cursor = db.execute(
            "INSERT INTO people(name, met_on, how_met, introduced_by, notes, closeness,"
            " cadence_days, cadence_max_days, birthday, company, job_title, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                name,
                met_on.isoformat() if met_on else None,
                how_met or None,
                introduced_by,
                notes,
                closeness,
                cadence_days,
                cadence_max_days,
                birthday,
                company or None,
                job_title or None,
                now,
                now,
            ],
        )
        person_id = int(cursor.lastrowid or 0)
        details.add_handles(db, person_id, handles)
        details.add_points(db, person_id, points)
        if uid:
            add_alias(db, person_id, "uid", uid)
        details.tag_person(db, person_id, tags)
    return person_id


_UNSET: Any = object()


def _or_none(text: str | None) -> str | None:
    return text or None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _past_iso(day: date | None) -> str | None:
    return check_past(day, today(), field="met_on").isoformat() if day else None


def _as_given(value: object) -> object:
    return value


#: How each people column update_person can set is checked and stored, in the order checked.
_COLUMNS: dict[str, Callable[[Any], object]] = {
    "name": clean_name,
    "met_on": _past_iso,
    "how_met": _or_none,
    "introduced_by": _as_given,
    "notes": check_note,
    "closeness": _as_given,
    "cadence_days": _as_given,
    "cadence_max_days": _as_given,
    "snoozed_until": _iso,
    "pinned_layer": check_layer,
    "birthday": check_birthday,
    "company": _or_none,
    "job_title": _or_none,
}


def _column_changes(person_id: int, passed: dict[str, Any]) -> dict[str, object]:
    """The columns to set, each checked before anything is written; ``passed`` holds only the
    arguments the caller gave."""
    changes: dict[str, object] = {}
    for column, clean in _COLUMNS.items():
        if column not in passed:
            continue
        if column == "introduced_by" and passed[column] == person_id:
            raise InvalidInput("a person cannot introduce themselves", field="introduced_by")
        changes[column] = clean(passed[column])
    check_ranges(passed.get("closeness"), passed.get("cadence_days"))
    if "cadence_days" in passed:  # a cadence is set whole: a new ideal drops an old maximum
        changes["cadence_max_days"] = passed.get("cadence_max_days")
        check_cadence(passed["cadence_days"], passed.get("cadence_max_days"))
    elif "cadence_max_days" in passed:
        raise InvalidInput("a maximum is set with its cadence", field="cadence_days")
    return changes


def _write_columns(db: Database, person_id: int, changes: dict[str, object]) -> None:
    if "name" in changes:
        old_name = db.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()
        if alias_key(old_name[0]) != alias_key(str(changes["name"])):
            add_alias(db, person_id, "name", old_name[0])  # an import may still use it
    if changes:
        changes = {**changes, "updated_at": utc_now()}
        assignments = ", ".join(f"{column} = ?" for column in changes)
        db.execute(f"UPDATE people SET {assignments} WHERE id = ?", [*changes.values(), person_id])


def update_person(
    db: Database,
    person_id: int,
    *,
    name: str = _UNSET,
    met_on: date | None = _UNSET,
    how_met: str | None = _UNSET,
    introduced_by: int | None = _UNSET,
    notes: str = _UNSET,
    closeness: int | None = _UNSET,
    cadence_days: int | None = _UNSET,
    cadence_max_days: int | None = _UNSET,
    snoozed_until: date | None = _UNSET,
    pinned_layer: int | None = _UNSET,
    birthday: str | None = _UNSET,
    company: str | None = _UNSET,
    job_title: str | None = _UNSET,
    add_points: Sequence[ContactPoint] = (),
    remove_points: Sequence[ContactPoint] = (),
    add_handles: Sequence[Handle] = (),
    remove_handles: Sequence[Handle] = (),
    add_tags: Sequence[str] = (),
    remove_tags: Sequence[str] = (),
    add_aliases: Sequence[str] = (),
    remove_aliases: Sequence[str] = (),
) -> None:
    """Change only the fields passed; handles, tags and aliases are added or removed, never
    replaced. A cadence is set whole: ``cadence_days`` without ``cadence_max_days`` clears the
    maximum."""
    person = get_person(db, person_id)  # raises NotFound
    given = dict(
        name=name, met_on=met_on, how_met=how_met, introduced_by=introduced_by, notes=notes,
        closeness=closeness, cadence_days=cadence_days, cadence_max_days=cadence_max_days,
        snoozed_until=snoozed_until,
        pinned_layer=pinned_layer, birthday=birthday, company=company, job_title=job_title,
    )  # fmt: skip
    changes = _column_changes(person_id, {k: v for k, v in given.items() if v is not _UNSET})
    with write_transaction(db):
        _write_columns(db, person_id, changes)
        who = str(changes.get("name", person.name))  # as the messages below name them
        moved = details.remove_handles(db, person_id, who, remove_handles)
        details.add_handles(db, person_id, add_handles)
        details.remove_points(db, person_id, who, [*remove_points, *moved])
        details.add_points(db, person_id, add_points)
        details.tag_person(db, person_id, add_tags)
        details.untag_person(db, person_id, who, remove_tags)
        aliases.remove_aliases(db, person_id, who, remove_aliases)
        aliases.add_aliases(db, person_id, add_aliases)


def person_name(db: Database, person_id: int) -> str:
    """The name of one person; raises NotFound for an id that is not (or no longer) there."""
    row = db.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()
    if row is None:
        raise NotFound(f"no person with id {person_id}")
    return str(row[0])


def names_sorted(db: Database) -> list[tuple[int, str]]:
    """Everyone's id and name in name order, ignoring case: the palette's list of people."""
    rows = db.execute("SELECT id, name FROM people ORDER BY name COLLATE NOCASE")
    return [(int(person_id), str(name)) for person_id, name in rows]


def interaction_counts(db: Database) -> dict[int, int]:
    """How many interactions each person has logged, keyed by person id."""
    rows = db.execute("SELECT id, interaction_count FROM people")
    return {int(person_id): int(count or 0) for person_id, count in rows}


def add_alias(db: Database, person_id: int, kind: str, value: str) -> None:
    """Another way this person is known: an address book's UID, or a name they had."""
    value = alias_key(value) if kind == "name" else value.strip()
    if value:
        db.execute(
            "INSERT OR IGNORE INTO person_aliases(person_id, kind, value) VALUES (?, ?, ?)",
            [person_id, kind, value],
        )


def delete_person(db: Database, person_id: int) -> PersonDeletion:
    """Remove a person, into the trash (see :mod:`netdash.store.person_delete`)."""
    from netdash.store.person_delete import delete_person as delete

    return delete(db, person_id)


LAST_CONTACT_SQL = "p.last_contact_on"  # kept current by triggers (see migrations)
INTERACTION_COUNT_SQL = "p.interaction_count"


def get_person(db: Database, person_id: int) -> Person:
    """Load one person with handles, tags, who introduced them and their last contact."""
    row = db.execute(
        "SELECT p.id, p.name, p.met_on, p.how_met, p.introduced_by, i.name, p.notes,"
        f" p.closeness, p.cadence_days, p.created_at, {LAST_CONTACT_SQL}, {INTERACTION_COUNT_SQL},"
        " p.birthday, p.company, p.job_title, p.pinned_layer, p.snoozed_until, p.cadence_max_days"
        " FROM people p LEFT JOIN people i ON i.id = p.introduced_by WHERE p.id = ?",
        [person_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no person with id {person_id}")
    handles = tuple(
        Handle(platform, handle)
        for platform, handle in db.execute(
            "SELECT platform, handle FROM handles WHERE person_id = ? ORDER BY platform, handle",
            [person_id],
        ).fetchall()
    )
    return Person(
        id=row[0],
        name=row[1],
        met_on=from_iso(row[2]),
        how_met=row[3],
        introduced_by=PersonRef(row[4], row[5]) if row[4] is not None else None,
        notes=row[6],
        closeness=row[7],
        cadence_days=row[8],
        created_at=row[9],
        last_contact=from_iso(row[10]),
        interactions=row[11],
        handles=handles,
        tags=details.person_tags(db, person_id),
        birthday=row[12],
        company=row[13],
        job_title=row[14],
        points=details.person_points(db, person_id),
        pinned_layer=row[15],
        snoozed_until=from_iso(row[16]),
        cadence_max_days=row[17],
        aliases=aliases.aliases_of(db, person_id),
    )


def _search_clause(search: str) -> tuple[str, list[object]]:
    """Match a name, handle, tag or e-mail address containing the search text, ignoring case."""
    search = search.strip()
    if not search:
        return "", []
    if len(search) > max(MAX_NAME_LENGTH, MAX_TEXT_LENGTH):
        return " WHERE 0", []  # longer than anything it could be found in
    like = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return (
        " WHERE (p.name LIKE ? ESCAPE '\\'"
        " OR EXISTS (SELECT 1 FROM handles h"
        "  WHERE h.person_id = p.id AND h.handle LIKE ? ESCAPE '\\')"
        " OR EXISTS (SELECT 1 FROM person_tags pt JOIN tags t ON t.id = pt.tag_id"
        " WHERE pt.person_id = p.id AND t.name LIKE ? ESCAPE '\\')"
        " OR EXISTS (SELECT 1 FROM contact_points c"
        "  WHERE c.person_id = p.id AND c.kind = 'email' AND c.value LIKE ? ESCAPE '\\'))",
        [like, like, like, like],
    )


def count_people(db: Database, search: str = "") -> int:
    where, params = _search_clause(search)
    return int(db.execute(f"SELECT COUNT(*) FROM people p{where}", params).fetchone()[0])


_ROW_SQL = (
    f"SELECT p.id, p.name, {LAST_CONTACT_SQL} AS last_contact, {INTERACTION_COUNT_SQL},"
    " (SELECT group_concat(name, ' ') FROM (SELECT t.name FROM person_tags pt"
    "  JOIN tags t ON t.id = pt.tag_id WHERE pt.person_id = p.id ORDER BY t.name))"
    " FROM people p"
)


def _person_row(row: tuple[Any, ...]) -> PersonRow:
    return PersonRow(
        id=row[0],
        name=row[1],
        last_contact=from_iso(row[2]),
        interactions=row[3],
        tags=tuple(row[4].split(" ")) if row[4] else (),
    )


def _order_sql(sort: SortOrder) -> str:
    if sort == "last_contact":
        return "p.last_contact_on DESC, p.name COLLATE NOCASE, p.id"  # NULLs sort last
    return "p.name COLLATE NOCASE, p.id"


def list_people(
    db: Database,
    *,
    search: str = "",
    sort: SortOrder = "name",
    limit: int = 100,
    offset: int = 0,
) -> list[PersonRow]:
    """One page of people; lists load what they show, not the whole journal."""
    where, params = _search_clause(search)
    rows = db.execute(
        f"{_ROW_SQL}{where} ORDER BY {_order_sql(sort)} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [_person_row(row) for row in rows]


def people_ids(db: Database, *, search: str = "", sort: SortOrder = "name") -> list[int]:
    """Every id the search matches, in list order: the base of an order or filter made in
    Python (by score, by layer), which then fetches its pages with :func:`people_by_ids`."""
    where, params = _search_clause(search)
    rows = db.execute(f"SELECT p.id FROM people p{where} ORDER BY {_order_sql(sort)}", params)
    return [int(row[0]) for row in rows]


def people_by_ids(db: Database, ids: Sequence[int]) -> list[PersonRow]:
    """The list rows of these people, in the order given (any that are gone are left out)."""
    found: dict[int, PersonRow] = {}
    for start in range(0, len(ids), 500):  # SQLite's host-parameter limit
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        rows = db.execute(f"{_ROW_SQL} WHERE p.id IN ({marks})", chunk).fetchall()
        found.update((int(row[0]), _person_row(row)) for row in rows)
    return [found[person_id] for person_id in ids if person_id in found]


def find_people(db: Database, query: str) -> list[PersonRef]:
    """People a typed reference could mean, most precise tier first.

    An exact name or handle (``ada`` also matches ``ada@example.social``) wins; failing that, a
    first name (``ada`` matches "Ada Lovelace", ``élodie`` "Élodie Dupré"). Only the first
    tier with matches counts, so a precise reference is never made ambiguous by looser ones.
    """
    text = " ".join(query.split())
    bare = text[1:] if text.startswith("@") else text
    handle = bare.lower()
    if not handle or len(handle) > max(MAX_NAME_LENGTH, MAX_TEXT_LENGTH):
        return []  # longer than any name or handle: nobody
    by_handle = "SELECT p.id, p.name FROM handles h JOIN people p ON p.id = h.person_id WHERE"
    tiers = [
        (  # each part a search of one index; the handle's NOCASE index, then its exact case
            "SELECT id, name FROM people WHERE name = ? COLLATE NOCASE"
            f" UNION {by_handle} h.handle = ? COLLATE NOCASE AND h.handle = ?"
            f" UNION {by_handle} h.handle LIKE ? ESCAPE '\\'",
            [text, handle, handle, escape_like(handle) + "@%"],
        ),
    ]
    for sql, params in tiers:
        rows = db.execute(sql + " ORDER BY 2 COLLATE NOCASE, 1", params).fetchall()
        if rows:
            return [PersonRef(row[0], row[1]) for row in rows]
    # a first name: "élodie" finds "Élodie Dupré" too (SQLite's NOCASE folds only ASCII)
    return aliases.first_named(db, bare) or same_name(db, text)


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def resolve_person(db: Database, query: str) -> PersonRef:
    """The one person a name, @handle, #id or alias means; refuse a miss or an ambiguity with
    candidates (whose #ids are then the way to say which)."""
    text = " ".join(query.split())
    if by_id := NAMED_ID.fullmatch(text):
        return person_by_id(db, int(by_id["id"]), by_id["name"])
    if text.startswith("#") and text[1:].isdigit():
        raise NotFound(f"no person with id {text[1:]}")
    matches = find_people(db, query) or aliases.people_by_alias(db, text)[1]  # "mom" too
    if not matches:
        raise NotFound(f"no person matches {shorten(query)!r}")
    if len(matches) > 1:
        raise Ambiguous(query, [describe_person(db, match) for match in matches])
    return matches[0]
