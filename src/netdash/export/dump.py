"""The whole journal as data: versioned JSON that restores to an identical journal, and CSV.

The JSON format (documented in the README, "Your data") is one object::

    {"format": "netdash-export", "version": 1, "schema": "m006_contacts",
     "netdash": "0.1.0", "exported_at": "2026-11-26T09:00:00Z",
     "tables": {"people": [{"id": 1, "name": "Ada Lovelace", ...}, ...], ...}}

``tables`` holds every table of the journal by its SQLite name, each row an object of column
name to value, ids included, so links between rows survive. Caches the journal rebuilds on its
own (depth scores, the revision counter) are left out. ``version`` changes only when this
layout does; ``schema`` is the last migration the journal had, so an older netdash can refuse
an export from a newer one instead of guessing.

This module owns the format and what a file may hold; the SQL (which tables, their rows, the
restore's bulk writes) is :mod:`netdash.store.dump`.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlite_utils import Database

from netdash import __version__
from netdash.domain.errors import InvalidInput
from netdash.domain.names import MAX_NAME_LENGTH, MAX_NOTE, MAX_TEXT_LENGTH, check_birthday, shorten
from netdash.export import reader
from netdash.export.files import create_private
from netdash.inert import inert
from netdash.leftovers import remove_temporary, temporary_name, tracked
from netdash.store.dump import (
    REBUILT,
    RowRefused,
    attached_scratch,
    broken_link,
    column_types,
    columns_of,
    copy_from_scratch,
    create_scratch,
    data_tables,
    dated_values,
    defer_foreign_keys,
    insert_batch,
    is_empty,
    journal_folder,
    read_snapshot,
    recount_kept_counts,
    table_rows,
    upgrade_scratch,
)
from netdash.store.migration_search import rebuild_search
from netdash.store.migrations import known_migration_names, migrations
from netdash.store.tx import write_transaction

FORMAT = "netdash-export"
VERSION = 1


def schema_name(db: Database) -> str:
    applied = [migration.name for migration in migrations.applied(db)]
    return applied[-1] if applied else ""


def write_json(db: Database, out: TextIO) -> dict[str, int]:
    """Stream the journal as the export format; return rows written per table."""
    counts: dict[str, int] = {}
    with read_snapshot(db):
        header = {
            "format": FORMAT,
            "version": VERSION,
            "schema": schema_name(db),
            "netdash": __version__,
            "exported_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        out.write("{\n")
        for key, value in header.items():
            out.write(f"  {json.dumps(key)}: {json.dumps(value)},\n")
        out.write('  "tables": {')
        for index, table in enumerate(data_tables(db)):
            columns = columns_of(db, table)
            out.write(f"{',' if index else ''}\n    {json.dumps(table)}: [")
            count = 0
            # the trash is undo's copies of rows, not data: one item may be far over the 1 MB a
            # restored row may be (an import of 30,000 followers), so it is written empty
            for row in table_rows(db, table, in_order=True) if table != "trash" else ():
                record = dict(zip(columns, row, strict=True))
                out.write(("," if count else "") + "\n      ")
                text = json.dumps(record, ensure_ascii=False, separators=(", ", ": "))
                # JSON escapes C0 controls itself; C1 controls and bidi overrides would reach a
                # terminal raw (`-o -`): the same \uXXXX escapes, the same data
                out.write(text if text.isascii() and "\x7f" not in text else inert(text))
                count += 1
            out.write("\n    ]" if count else "]")
            counts[table] = count
        out.write("\n  }\n}\n")
    return counts


def write_csv(db: Database, folder: Path) -> dict[str, int]:
    """One CSV file a table (a header of column names, then the rows) into ``folder``.

    For spreadsheets and other tools; an empty cell is an empty value or a missing one alike,
    so restoring goes through the JSON export, which keeps the difference.
    """
    counts: dict[str, int] = {}
    with read_snapshot(db):
        for table in data_tables(db):
            with create_private(folder / f"{table}.csv") as out:
                writer = csv.writer(out)
                writer.writerow(columns_of(db, table))
                count = 0
                for row in table_rows(db, table):
                    writer.writerow(row)
                    count += 1
            counts[table] = count
    return counts


# ------------------------------------------------------------------------------------ restore


def _bad(label: str, problem: str) -> InvalidInput:
    return InvalidInput(f"{label}: {problem}")


def read_header(path: Path) -> dict[str, Any]:
    """Check an export file's envelope without reading its rows; refuse anything not ours."""
    label = str(path)
    header = reader.read_header(path)
    if header.get("format") != FORMAT:
        raise _bad(label, f'not a netdash export (no "format": "{FORMAT}")')
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _bad(label, f"version {version!r} is not an export version")
    if version > VERSION:
        raise _bad(label, f"export version {version} is newer than this netdash reads ({VERSION})")
    schema = header.get("schema")
    if not isinstance(schema, str) or schema not in known_migration_names():
        raise _bad(
            label, f"written by a newer netdash (schema {schema!r} unknown here); upgrade netdash"
        )
    if "tables" not in header:
        raise _bad(label, '"tables" is missing')
    return header


def restore(db: Database, path: Path) -> dict[str, int]:
    """Fill an empty journal from a JSON export, in one transaction: all of it or nothing.

    The rows stream into a scratch journal at the export's own schema (a large journal is never
    in memory whole) and are upgraded there by the same migrations an old journal file goes
    through, so an export from any earlier netdash restores as that journal would have
    upgraded. Counts kept by triggers (last contact, entries per person and in all) are recomputed
    from the rows, so a hand-edited export cannot leave them wrong.
    """
    label = str(path)
    header = read_header(path)
    if not is_empty(db):
        raise InvalidInput(
            f"{label}: the journal is not empty; restore into a new file"
            " (netdash --db NEW.db restore FILE) so nothing is mixed or lost"
        )
    if header["schema"] == known_migration_names()[-1]:
        return _restore_in_place(db, path)
    # the scratch journal holds the same private rows: beside the journal, in its 0700 folder
    # (not a shared /tmp that may be a small RAM disk)
    folder = journal_folder(db)
    _remove_abandoned_scratch(folder)
    # made 0700 and entered in the leftovers ledger: if this process is killed, even after its
    # commit, the next netdash command (any) removes it
    scratch_dir = Path(
        tempfile.mkdtemp(
            prefix=temporary_name(Path(folder or tempfile.gettempdir()) / "restore"), dir=folder
        )
    )
    with tracked(scratch_dir), _removed_after(scratch_dir):
        scratch_path = scratch_dir / "scratch.db"
        scratch = create_scratch(scratch_path)
        try:
            counts = _load(scratch, path, header["schema"])
        finally:
            scratch.close()
        with attached_scratch(db, scratch_path), write_transaction(db):
            _still_empty(db, label)
            copy_from_scratch(db)
            recount_kept_counts(db)
    return counts


def _restore_in_place(db: Database, path: Path) -> dict[str, int]:
    """An export at this netdash's own schema needs no upgrade: its rows go straight into the
    journal, checked as they go, in one write transaction that a refusal or a kill rolls back
    whole. Each row is written once (a scratch journal and its copy wrote each twice)."""
    label = str(path)
    with write_transaction(db):
        _still_empty(db, label)
        counts = _fill(db, path, label, known_migration_names()[-1])
        recount_kept_counts(db)
        rebuild_search(db)  # the file's table order may have put a link before what it names
    return counts


def _still_empty(db: Database, label: str) -> None:
    if not is_empty(db):  # written to by someone else since restore looked
        raise InvalidInput(
            f"{label}: the journal was written to during the restore; nothing was"
            " restored (restore into a new file nobody else uses)"
        )


BATCH = 2_000


@contextmanager
def _removed_after(folder: Path) -> Iterator[None]:
    try:
        yield
    finally:
        remove_temporary(folder)


def _remove_abandoned_scratch(folder: str | None) -> None:
    """Scratch folders named the way netdash named them before the leftovers ledger
    (``.restore-PID-…``), left by a restore killed outright: removed once that process is
    gone."""
    if folder is None:
        return
    for leftover in Path(folder).glob(".restore-*-*"):
        pid = leftover.name.split("-")[1]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(leftover, ignore_errors=True)
        except PermissionError:
            continue  # another user's process is alive with that id


def _load(scratch: Database, path: Path, schema: str) -> dict[str, int]:
    """The export's rows in a journal at the export's schema, then upgraded to today's."""
    label = str(path)
    names = known_migration_names()
    later = names[names.index(schema) + 1 :]
    migrations.apply(scratch, stop_before=later[0] if later else None)
    with write_transaction(scratch):
        counts = _fill(scratch, path, label, schema)
    refusal = upgrade_scratch(scratch)
    if refusal is not None:
        raise _bad(label, f"could not upgrade it to this netdash's schema ({refusal})")
    return counts


def _fill(db: Database, path: Path, label: str, schema: str) -> dict[str, int]:
    """Insert and check every row of the export, inside the caller's write transaction, into a
    journal at the export's schema; a refusal raises and leaves the rollback to the caller."""
    known = {table: column_types(db, table) for table in data_tables(db)}

    def check_table(table: str) -> None:
        if table not in known and table not in REBUILT:
            raise _bad(label, f"table {table!r} is not in schema {schema}")

    counts: dict[str, int] = dict.fromkeys(known, 0)
    defer_foreign_keys(db)
    batch: list[tuple[str, int, dict[str, Any]]] = []
    for table, index, row in reader.read_rows(path, check_table):
        if table in REBUILT:
            continue
        _check_row(label, table, index, row, known[table])
        if batch and (batch[0][0] != table or batch[0][2].keys() != row.keys()):
            _insert(db, label, batch)
            batch = []
        batch.append((table, index, row))
        counts[table] += 1
        if len(batch) >= BATCH:
            _insert(db, label, batch)
            batch = []
    if batch:
        _insert(db, label, batch)
    _check_dates(db, label)
    problem = broken_link(db)
    if problem is not None:
        raise _bad(
            label,
            f"tables.{problem[0]}: the row with rowid {problem[1]} points at a missing"
            f" {problem[2]} row",
        )
    return counts


DATE_COLUMNS = {
    "people": ("met_on", "snoozed_until"),
    "interactions": ("occurred_on",),
    "contributions": ("occurred_on",),
    "outcomes": ("occurred_on",),
    "vouches": ("occurred_on",),
    "follow_ups": ("due_on", "created_on", "done_on"),
}
"""Columns holding a day, YYYY-MM-DD: the screens read them as dates."""


def _check_dates(db: Database, label: str) -> None:
    """Refuse a day that is not one (a hand-edited export), before it reaches a screen."""
    checks: list[tuple[str, str, Callable[[str], object]]] = [
        (table, column, date.fromisoformat)
        for table, columns in DATE_COLUMNS.items()
        for column in columns
    ]
    checks.append(("people", "birthday", check_birthday))
    for table, column, parse in checks:
        if column not in columns_of(db, table):
            continue  # an export from before the column existed
        for row_id, value in dated_values(db, table, column):
            try:
                if not isinstance(value, str) or len(value) not in (7, 10):
                    raise ValueError
                parse(value)
            except (ValueError, InvalidInput):
                raise _bad(
                    label, f"tables.{table}: id {row_id}: {column} {value!r} is not a date"
                ) from None


TEXT_LIMITS: dict[tuple[str, str], tuple[str, int]] = {
    ("people", "name"): ("name", MAX_NAME_LENGTH),
    ("organisations", "name"): ("organisation name", MAX_NAME_LENGTH),
    ("tags", "name"): ("tag", MAX_TEXT_LENGTH),
    ("handles", "platform"): ("platform", MAX_TEXT_LENGTH),
    ("handles", "handle"): ("handle", MAX_TEXT_LENGTH),
    ("accounts", "platform"): ("platform", MAX_TEXT_LENGTH),
    ("accounts", "handle"): ("handle", MAX_TEXT_LENGTH),
    ("contact_points", "value"): ("contact detail", MAX_TEXT_LENGTH),
    ("interactions", "note"): ("note", MAX_NOTE),
    ("people", "notes"): ("notes", MAX_NOTE),
    ("follow_ups", "about"): ("what about", MAX_NOTE),
}
"""The lengths `netdash` itself enforces when these are typed (netdash.store.people and
netdash.store.journal): a restored row may not be one the journal could never have written."""


def _check_row(label: str, table: str, index: int, row: Any, columns: dict[str, str]) -> None:
    """Refuse a value the journal could not have written. The common values (None, a whole
    number, ASCII text within its limit) pass on their type alone: this runs for every value
    of a million rows, and the full checks below were most of a restore's own time."""
    if not isinstance(row, dict):
        raise _bad(label, f"tables.{table}[{index}] is not an object")
    for column, value in row.items():
        kind = columns.get(column)
        if kind is None:
            break  # an unknown column: refused below
        if value is None or (type(value) is int and kind != "TEXT"):
            continue
        if type(value) is str and kind != "INTEGER" and value.isascii() and "\0" not in value:
            limit = TEXT_LIMITS.get((table, column))
            if limit is None or len(value) <= limit[1]:
                continue
        break  # anything else goes through every check
    else:
        return
    _check_values(label, table, index, row, columns)


def _check_values(
    label: str, table: str, index: int, row: dict[str, Any], columns: dict[str, str]
) -> None:
    where = f"tables.{table}[{index}]"
    for column, value in row.items():
        if column not in columns:
            raise _bad(label, f"{where}: column {shorten(column)!r} is not in the journal")
        if isinstance(value, bool) or not (value is None or isinstance(value, str | int | float)):
            raise _bad(label, f"{where}.{column}: {json.dumps(value)[:40]} is not a value here")
        if isinstance(value, float) and not math.isfinite(value):
            raise _bad(label, f"{where}.{column}: {value} is not a number netdash keeps")
        kind = columns[column]
        if value is None:
            continue
        if kind == "INTEGER" and not isinstance(value, int):
            raise _bad(label, f"{where}.{column}: {json.dumps(value)[:40]} is not a whole number")
        if kind == "TEXT" and not isinstance(value, str):
            raise _bad(label, f"{where}.{column}: {json.dumps(value)[:40]} is not text")
        if isinstance(value, str):
            _check_text(label, f"{where}.{column}", value, TEXT_LIMITS.get((table, column)))


def _check_text(label: str, where: str, value: str, limit: tuple[str, int] | None) -> None:
    if limit is not None and len(value) > limit[1]:
        what, most = limit
        raise _bad(label, f"{where}: {what} is {len(value):,} characters long; {most} is the most")
    if "\0" in value:
        raise _bad(label, f"{where}: holds a NUL character, which netdash never writes")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad(label, f"{where}: holds a broken character (a lone surrogate)") from None


def _insert(db: Database, label: str, batch: list[tuple[str, int, dict[str, Any]]]) -> None:
    """Rows of one table with the same columns; a refusal names the row that was refused."""
    table = batch[0][0]
    try:
        insert_batch(db, table, [row for _, _, row in batch])
    except RowRefused as refused:
        if refused.position is None:
            raise _bad(label, f"tables.{table}: {refused.reason}") from None
        index = batch[refused.position][1]
        raise _bad(label, f"tables.{table}[{index}]: {refused.reason}") from None
