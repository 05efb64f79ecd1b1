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
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from netdash.domain.dates import utc_now
from netdash.domain.errors import InvalidInput, NotFound
from netdash.domain.vocabulary import DEFAULT_TRASH_DAYS
from netdash.store.follower_lists import forget_list_counts
from netdash.store.tx import write_transaction

DEFAULT_KEEP_DAYS = DEFAULT_TRASH_DAYS
"""How many days an item stays unless ``[trash] days`` says otherwise."""
_keep_days = DEFAULT_KEEP_DAYS

#: Parents before children, so restored rows find what they point at; undo deletes in reverse.
ORDER = (
    "organisations",
    "tags",
    "people",
    "accounts",
    "imports",
    "interactions",
    "interaction_people",
    "interaction_tags",
    "handles",
    "person_tags",
    "contact_points",
    "person_aliases",
    "vouches",
    "follow_ups",
    "contributions",
    "contribution_people",
    "outcomes",
    "outcome_credits",
    "goals",
    "connections",
    "not_duplicates",
    "follower_counts",
    "follower_accounts",
    "follower_lists",
    "strangers",
    "stranger_days",
    "evidence_links",
    "evidence_revisions",
)

#: Columns triggers keep while links come and go: put back last, as they were.
_DERIVED_BY_TRIGGERS = "people"


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
    "follow_ups",
    "evidence_links",
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


def created_scopes(db: Database, *tables: str) -> list[Scope]:
    """Rows an action may create in ``tables`` (an organisation or a person first named in an
    edit): those above each table's largest id now, so undo takes them out again. Called in the
    action's transaction, before it; the id is the primary key, so the reads are a range."""
    scopes = []
    for table in tables:
        (top,) = db.execute(f"SELECT coalesce(max(id), 0) FROM [{table}]").fetchone()
        scopes.append(Scope(table, "id > ?", [top]))
    return scopes


def keep_trash_for(days: int) -> None:
    """How many days items stay in the trash (``[trash] days``): set by the faces from the
    config, since the store does not read it."""
    global _keep_days
    _keep_days = max(0, days)


Key = tuple[Any, ...]
Values = tuple[Any, ...]


@dataclass
class _Rows:
    """Rows of one table as tuples (a merge reads 200,000: dicts and JSON keys cost seconds)."""

    columns: list[str]
    key_at: list[int]
    """Where the primary key's columns are in ``columns``."""
    rows: dict[Key, Values] = field(default_factory=dict)

    def key(self, row: Values) -> Key:
        return tuple(row[at] for at in self.key_at)


def _shape(db: Database, table: str, columns: list[str]) -> _Rows:
    pks = list(db.table(table).pks)
    return _Rows(columns, [columns.index(pk) for pk in pks])


def _read(db: Database, table: str, where: str, params: Sequence[object]) -> _Rows:
    cursor = db.execute(f"SELECT * FROM [{table}] WHERE {where}", list(params))
    found = _shape(db, table, [column[0] for column in cursor.description])
    found.rows = {found.key(row): tuple(row) for row in cursor.fetchall()}
    return found


def _read_scopes(db: Database, scopes: Sequence[Scope]) -> dict[str, _Rows]:
    seen: dict[str, _Rows] = {}
    for scope in scopes:
        found = _read(db, scope.table, scope.where, scope.params)
        seen.setdefault(scope.table, found).rows.update(found.rows)
    return seen


def _by_keys(db: Database, table: str, shape: _Rows, keys: Iterable[Key]) -> dict[Key, Values]:
    """The rows now under ``keys``, in one query (each found by the primary key's index)."""
    wanted = json.dumps([list(key) for key in keys])
    if wanted == "[]":
        return {}
    pks = [shape.columns[at] for at in shape.key_at]
    join = " AND ".join(f"t.[{pk}] = json_extract(j.value, '$[{n}]')" for n, pk in enumerate(pks))
    columns = ", ".join(f"t.[{column}]" for column in shape.columns)
    cursor = db.execute(
        f"SELECT {columns} FROM json_each(?) j JOIN [{table}] t ON {join}", [wanted]
    )
    return {shape.key(row): tuple(row) for row in cursor.fetchall()}


@dataclass
class Keeping:
    """What :func:`into_trash` gives its block: the description may be finished once the block
    knows what it did ("1,204 followers"), and an action that finds itself too large to keep
    (a follower list over the limit) says so with :meth:`drop`, so its after-image is not read."""

    description: str
    kept: bool = True

    def drop(self) -> None:
        self.kept = False


@contextmanager
def into_trash(
    db: Database, kind: str, description: str, scopes: Sequence[Scope]
) -> Iterator[Keeping]:
    """Run the block (inside the caller's transaction) and keep what it removed or changed."""
    before = _read_scopes(db, scopes)
    keeping = Keeping(description)
    yield keeping
    if not keeping.kept:
        return
    description = keeping.description
    after = _read_scopes(db, scopes)
    tables: list[dict[str, Any]] = []
    for table in sorted(before, key=ORDER.index):
        old = before[table]
        new = dict(after[table].rows)
        if len(old.key_at) == 1:  # a row can leave its scope (a link set to NULL); a link
            # table's key is all its columns, so there a changed row is another key
            new.update(_by_keys(db, table, old, old.rows.keys() - new.keys()))
        gone = [row for key, row in old.rows.items() if new.get(key) != row]
        came = [row for key, row in new.items() if old.rows.get(key) != row]
        if gone or came:
            tables.append({"table": table, "columns": old.columns, "before": gone, "after": came})
    if not tables:  # nothing changed (an edit to what was there): nothing to undo
        return
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
    """The item :func:`undo` takes by default: the first :func:`list_trash` would give."""
    row = db.execute(
        "SELECT id, kind, description, trashed_at FROM trash"
        " ORDER BY trashed_at DESC, id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        raise NotFound("nothing to undo: the trash is empty")
    return TrashItem(*row)


@dataclass
class _Kept:
    """One table's rows in a trash item: as they were, and as the action left them."""

    table: str
    shape: _Rows
    before: dict[Key, Values]
    after: dict[Key, Values]


def _kept(db: Database, text: str) -> list[_Kept]:
    kept = []
    for entry in json.loads(text):
        shape = _shape(db, entry["table"], entry["columns"])
        before = {shape.key(row): row for row in map(tuple, entry["before"])}
        after = {shape.key(row): row for row in map(tuple, entry["after"])}
        kept.append(_Kept(entry["table"], shape, before, after))
    return kept


def _check_untouched(db: Database, item: TrashItem, tables: list[_Kept]) -> None:
    for kept in tables:
        now = _by_keys(db, kept.table, kept.shape, kept.before.keys() | kept.after.keys())
        for key, row in kept.after.items():
            if now.get(key) != row:
                raise CannotUndo(
                    f"cannot undo {item.description!r}: {kept.table} {list(key)} changed since;"
                    " nothing was changed"
                )
        for key in kept.before.keys() - kept.after.keys():
            if key in now:
                raise CannotUndo(
                    f"cannot undo {item.description!r}: a row with the same id is in"
                    f" {kept.table} again ({list(key)}); nothing was changed"
                )


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


def _point_back(db: Database, tables: list[_Kept]) -> None:
    """Changed rows that point at a row the action added (a contribution moved to a new
    organisation) are put back first: deleting that row would take them with it (ON DELETE
    CASCADE)."""
    added = {kept.table: {k for k in kept.after if k not in kept.before} for kept in tables}
    for kept in tables:
        links = [
            (kept.shape.columns.index(link[3]), link[2])
            for link in db.execute(f"PRAGMA foreign_key_list([{kept.table}])").fetchall()
            if added.get(link[2]) and link[4] in (None, "id")
        ]
        early = [
            (key, row)
            for key, row in kept.before.items()
            if key in kept.after and any((kept.after[key][at],) in added[p] for at, p in links)
        ]
        _update(db, kept, early)


def _update(db: Database, kept: _Kept, rows: list[tuple[Key, Values]]) -> None:
    pks = [kept.shape.columns[at] for at in kept.shape.key_at]
    sets = ", ".join(f"[{column}] = ?" for column in kept.shape.columns)
    where = " AND ".join(f"[{pk}] = ?" for pk in pks)
    db.conn.executemany(
        f"UPDATE [{kept.table}] SET {sets} WHERE {where}", [(*row, *key) for key, row in rows]
    )


def _put_back(db: Database, tables: list[_Kept]) -> None:
    """Added rows out (children first), removed rows in (parents first), changed rows back;
    the people last, with the entry counts and last contacts they had (kept by triggers,
    which are lifted meanwhile)."""
    _point_back(db, tables)
    for kept in reversed(tables):
        pks = [kept.shape.columns[at] for at in kept.shape.key_at]
        where = " AND ".join(f"[{pk}] = ?" for pk in pks)
        added = [key for key in kept.after if key not in kept.before]
        db.conn.executemany(f"DELETE FROM [{kept.table}] WHERE {where}", added)
    for kept in tables:
        columns = ", ".join(f"[{column}]" for column in kept.shape.columns)
        marks = ", ".join("?" for _ in kept.shape.columns)
        removed = [row for key, row in kept.before.items() if key not in kept.after]
        db.conn.executemany(f"INSERT INTO [{kept.table}] ({columns}) VALUES ({marks})", removed)
    for kept in sorted(tables, key=lambda kept: kept.table == _DERIVED_BY_TRIGGERS):
        derived = kept.table == _DERIVED_BY_TRIGGERS
        _update(
            db, kept, [item for item in kept.before.items() if item[0] in kept.after or derived]
        )


def undo(db: Database, item_id: int | None = None) -> TrashItem:
    """Put back what one trashed action (the newest unless ``item_id``) removed or changed, in
    one transaction, and forget it; :class:`CannotUndo` if the journal has moved on."""
    with write_transaction(db):
        item = newest_trash(db) if item_id is None else _item(db, item_id)
        text = db.execute("SELECT rows FROM trash WHERE id = ?", [item.id]).fetchone()[0]
        tables = _kept(db, text)
        _check_untouched(db, item, tables)
        try:
            with _without_count_triggers(db):
                _put_back(db, tables)
            forget_list_counts(db, _followers_kept_uncounted(tables))
        except sqlite3.IntegrityError as error:  # what a row pointed at is gone
            raise CannotUndo(
                f"cannot undo {item.description!r}: the journal changed since ({error});"
                " nothing was changed"
            ) from None
        db.execute("DELETE FROM trash WHERE id = ?", [item.id])
    return item


def _followers_kept_uncounted(tables: list[_Kept]) -> list[int]:
    """The accounts whose followers an item puts back without their lists' counts (kept before
    m015 stored them, which gave each such item a ``follower_lists`` entry of the columns then):
    the counts stored since may no longer hold, so they go."""
    kept = {table.table: table for table in tables}
    followers, lists = kept.get("follower_accounts"), kept.get("follower_lists")
    if followers is None or lists is None or "listed" in lists.shape.columns:
        return []
    at = followers.shape.columns.index("account_id")
    rows = [*followers.before.values(), *followers.after.values()]
    return sorted({int(row[at]) for row in rows})


def _item(db: Database, item_id: int) -> TrashItem:
    row = db.execute(
        "SELECT id, kind, description, trashed_at FROM trash WHERE id = ?", [item_id]
    ).fetchone()
    if row is None:
        raise NotFound(f"nothing in the trash with id {item_id}")
    return TrashItem(*row)
