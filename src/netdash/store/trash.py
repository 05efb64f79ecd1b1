"""The trash: every destructive action keeps what it removed or changed, so it can be undone.

An action names the rows it may touch (:class:`Scope`: a table and a WHERE clause); the rows are
read before and after it, and only the difference is kept, as JSON by table: rows removed
(before only), rows added (after only) and rows changed (both, with both images). Undo deletes
the added rows, inserts the removed ones with their ids and puts the changed ones back, in one
transaction, and refuses if the journal has moved on (a removed id is taken again, or a row the
action wrote was changed since), because then it could not put back exactly what was there.

Items older than the configured number of days go whenever a new one is written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from netdash.domain.dates import utc_now
from netdash.domain.errors import InvalidInput, NotFound
from netdash.store.tx import write_transaction

DEFAULT_KEEP_DAYS = 30
_keep_days = DEFAULT_KEEP_DAYS

#: Parents before children, so restored rows find what they point at; undo deletes in reverse.
ORDER = (
    "people",
    "interactions",
    "interaction_people",
    "interaction_tags",
    "handles",
    "person_tags",
    "contact_points",
    "person_aliases",
    "vouches",
    "contribution_people",
    "outcome_credits",
    "connections",
    "not_duplicates",
)

#: Columns triggers keep while links come and go: put back last, as they were.
_DERIVED_BY_TRIGGERS = "people"

Row = dict[str, Any]


class CannotUndo(InvalidInput):
    """The journal changed since the action, so undoing it would not put back what was there."""


@dataclass(frozen=True)
class Scope:
    """Rows an action may remove or change: ``SELECT * FROM table WHERE where``."""

    table: str
    where: str
    params: Sequence[object] = ()


@dataclass(frozen=True)
class TrashItem:
    id: int
    kind: str
    description: str
    trashed_at: str


@dataclass
class _Capture:
    before: dict[str, dict[str, Row]] = field(default_factory=dict)


def entry_scopes(interaction_id: int) -> list[Scope]:
    """An entry, its links, and its people (whose counts and last contact its links keep)."""
    return [
        Scope(
            "people",
            "id IN (SELECT person_id FROM interaction_people WHERE interaction_id = ?)",
            [interaction_id],
        ),
        Scope("interactions", "id = ?", [interaction_id]),
        Scope("interaction_people", "interaction_id = ?", [interaction_id]),
        Scope("interaction_tags", "interaction_id = ?", [interaction_id]),
    ]


#: Tables whose rows belong to one person by ``person_id``.
PERSON_TABLES = (
    "interaction_people",
    "handles",
    "person_tags",
    "contact_points",
    "person_aliases",
    "vouches",
    "contribution_people",
    "outcome_credits",
    "connections",
)


def pair_scopes(person_id: int, other_id: int) -> list[Scope]:
    """Every row a merge of two people can remove or change: both people, whoever they
    introduced, everything of theirs, and what was said about them being different."""
    pair = [person_id, other_id]
    scopes = [
        Scope("people", "id IN (?, ?) OR introduced_by IN (?, ?)", pair * 2),
        Scope("not_duplicates", "person_id IN (?, ?) OR other_id IN (?, ?)", pair * 2),
    ]
    scopes += [Scope(table, "person_id IN (?, ?)", pair) for table in PERSON_TABLES]
    return scopes


def keep_trash_for(days: int) -> None:
    """How many days items stay in the trash (``[trash] days``): set by the faces from the
    config, since the store does not read it."""
    global _keep_days
    _keep_days = max(0, days)


def _pks(db: Database, table: str) -> list[str]:
    return list(db.table(table).pks)


def _key(row: Row, pks: Sequence[str]) -> str:
    return json.dumps([row[pk] for pk in pks])


def _read(db: Database, table: str, where: str, params: Sequence[object]) -> dict[str, Row]:
    cursor = db.execute(f"SELECT * FROM [{table}] WHERE {where}", list(params))
    columns = [column[0] for column in cursor.description]
    pks = _pks(db, table)
    rows = (dict(zip(columns, values, strict=True)) for values in cursor.fetchall())
    return {_key(row, pks): row for row in rows}


def _read_scopes(db: Database, scopes: Sequence[Scope]) -> dict[str, dict[str, Row]]:
    seen: dict[str, dict[str, Row]] = {}
    for scope in scopes:
        seen.setdefault(scope.table, {}).update(_read(db, scope.table, scope.where, scope.params))
    return seen


def _by_keys(db: Database, table: str, keys: Sequence[str]) -> dict[str, Row]:
    """The rows now under ``keys``, in one query (each found by the primary key's index)."""
    if not keys:
        return {}
    pks = _pks(db, table)
    join = " AND ".join(f"t.[{pk}] IS json_extract(j.value, '$[{n}]')" for n, pk in enumerate(pks))
    cursor = db.execute(
        f"SELECT t.* FROM json_each(?) j JOIN [{table}] t ON {join}", [f"[{','.join(keys)}]"]
    )
    columns = [column[0] for column in cursor.description]
    rows = (dict(zip(columns, values, strict=True)) for values in cursor.fetchall())
    return {_key(row, pks): row for row in rows}


def _reread(db: Database, table: str, keys: Sequence[str]) -> dict[str, Row]:
    """The rows now under keys read before: a row can leave its scope (a link set to NULL)."""
    if len(_pks(db, table)) != 1:
        return {}  # a link table's key is all its columns: a changed row is another key
    return _by_keys(db, table, keys)


@contextmanager
def into_trash(
    db: Database, kind: str, description: str, scopes: Sequence[Scope]
) -> Iterator[None]:
    """Run the block (inside the caller's transaction) and keep what it removed or changed."""
    before = _read_scopes(db, scopes)
    yield
    after = _read_scopes(db, scopes)
    tables: list[dict[str, Any]] = []
    for table in sorted(before.keys() | after.keys(), key=ORDER.index):
        old = before.get(table, {})
        new = {**_reread(db, table, list(old)), **after.get(table, {})}
        gone = {key: row for key, row in old.items() if new.get(key) != row}
        came = {key: row for key, row in new.items() if old.get(key) != row}
        if gone or came:
            tables.append({"table": table, "before": gone, "after": came})
    db.execute(
        "INSERT INTO trash(kind, description, trashed_at, rows) VALUES (?, ?, ?, ?)",
        [kind, description, utc_now(), json.dumps(tables)],
    )
    purge_trash(db, _keep_days)


def purge_trash(db: Database, days: int, now: datetime | None = None) -> int:
    """Forget items older than ``days``; return how many went."""
    moment = (now or datetime.now(UTC)) - timedelta(days=days)
    cutoff = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return int(db.execute("DELETE FROM trash WHERE trashed_at < ?", [cutoff]).rowcount)


def list_trash(db: Database) -> list[TrashItem]:
    """What can be undone, newest first."""
    rows = db.execute(
        "SELECT id, kind, description, trashed_at FROM trash ORDER BY trashed_at DESC, id DESC"
    ).fetchall()
    return [TrashItem(*row) for row in rows]


def newest_trash(db: Database) -> TrashItem:
    items = list_trash(db)
    if not items:
        raise NotFound("nothing to undo: the trash is empty")
    return items[0]


def _check_untouched(db: Database, item: TrashItem, tables: list[dict[str, Any]]) -> None:
    for entry in tables:
        table = entry["table"]
        before: dict[str, Row] = entry["before"]
        after: dict[str, Row] = entry["after"]
        now = _by_keys(db, table, list(before.keys() | after.keys()))
        for key, row in after.items():
            if now.get(key) != row:
                raise CannotUndo(
                    f"cannot undo {item.description!r}: {table} {key} changed since; nothing"
                    " was changed"
                )
        for key in before.keys() - after.keys():
            if key in now:
                raise CannotUndo(
                    f"cannot undo {item.description!r}: a row with the same id is in {table}"
                    f" again ({key}); nothing was changed"
                )


def _where_key(pks: Sequence[str]) -> str:
    return " AND ".join(f"[{pk}] = ?" for pk in pks)


#: The triggers keeping a person's entry count and last contact: each delete rescans all their
#: entries (quadratic over a merge's 100,000), and undo puts the counts back itself.
_COUNT_TRIGGERS = ("interaction_people_added", "interaction_people_removed")


@contextmanager
def _without_count_triggers(db: Database) -> Iterator[None]:
    """Lift the count triggers for the block, inside the caller's transaction (so a failure
    rolls their removal back too), and put them back as they were written."""
    saved = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)",
        list(_COUNT_TRIGGERS),
    ).fetchall()
    for name in _COUNT_TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    yield
    for (sql,) in saved:
        db.execute(sql)


def _put_back(db: Database, tables: list[dict[str, Any]]) -> None:
    """Added rows out (children first), removed rows in (parents first), changed rows back;
    the people last, with the entry counts and last contacts they had (kept by triggers,
    which are lifted meanwhile)."""
    for entry in reversed(tables):
        pks = _pks(db, entry["table"])
        for key, row in entry["after"].items():
            if key not in entry["before"]:
                where = _where_key(pks)
                db.execute(f"DELETE FROM [{entry['table']}] WHERE {where}", [row[p] for p in pks])
    for entry in tables:
        for key, row in entry["before"].items():
            if key not in entry["after"]:
                columns = ", ".join(f"[{column}]" for column in row)
                marks = ", ".join("?" for _ in row)
                sql = f"INSERT INTO [{entry['table']}] ({columns}) VALUES ({marks})"
                db.execute(sql, list(row.values()))
    last = sorted(tables, key=lambda entry: entry["table"] == _DERIVED_BY_TRIGGERS)
    for entry in last:
        pks = _pks(db, entry["table"])
        derived = entry["table"] == _DERIVED_BY_TRIGGERS
        for key, row in entry["before"].items():
            if key in entry["after"] or derived:
                sets = ", ".join(f"[{column}] = ?" for column in row)
                sql = f"UPDATE [{entry['table']}] SET {sets} WHERE {_where_key(pks)}"
                db.execute(sql, [*row.values(), *(row[p] for p in pks)])


def undo(db: Database, item_id: int | None = None) -> TrashItem:
    """Put back what one trashed action (the newest unless ``item_id``) removed or changed, in
    one transaction, and forget it; :class:`CannotUndo` if the journal has moved on."""
    with write_transaction(db):
        item = newest_trash(db) if item_id is None else _item(db, item_id)
        text = db.execute("SELECT rows FROM trash WHERE id = ?", [item.id]).fetchone()[0]
        tables: list[dict[str, Any]] = json.loads(text)
        _check_untouched(db, item, tables)
        try:
            with _without_count_triggers(db):
                _put_back(db, tables)
        except sqlite3.IntegrityError as error:  # what a row pointed at is gone
            raise CannotUndo(
                f"cannot undo {item.description!r}: the journal changed since ({error});"
                " nothing was changed"
            ) from None
        db.execute("DELETE FROM trash WHERE id = ?", [item.id])
    return item


def _item(db: Database, item_id: int) -> TrashItem:
    row = db.execute(
        "SELECT id, kind, description, trashed_at FROM trash WHERE id = ?", [item_id]
    ).fetchone()
    if row is None:
        raise NotFound(f"nothing in the trash with id {item_id}")
    return TrashItem(*row)
