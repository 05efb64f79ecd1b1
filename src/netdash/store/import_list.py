"""Every import the journal remembers, and taking one backfill import back by its id.

``netdash undo`` puts back the newest action; ``imports undo ID`` removes exactly what one
backfill import added — its entries, the people it added to older entries, the days it noted
for strangers — even when later imports came after it, in one transaction (itself undoable).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from netdash.domain.errors import InvalidInput, NotFound
from netdash.store.evidence import KEEP_IN_TRASH_UP_TO
from netdash.store.evidence_growth import put_back
from netdash.store.trash import Scope, into_trash
from netdash.store.tx import write_transaction


@dataclass(frozen=True)
class ImportRow:
    id: int
    source: str
    file_name: str
    imported_at: str
    rows: int
    account: str | None
    details: dict[str, Any] | None
    """A backfill import's figures (days, entries, links, people, strangers, skipped, first_on,
    last_on); None for an import of followers or contacts."""

    @property
    def is_backfill(self) -> bool:
        return self.details is not None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source": self.source,
            "file": self.file_name,
            "imported_at": self.imported_at,
            "rows": self.rows,
            "account": self.account,
            "backfill": self.details,
        }


_SELECT = (
    "SELECT i.id, i.source, i.file_name, i.imported_at, i.rows,"
    " a.platform || ':' || a.handle, i.details"
    " FROM imports i LEFT JOIN accounts a ON a.id = i.account_id"
)


def _import_row(row: tuple[Any, ...]) -> ImportRow:
    id_, source, file_name, at, rows, account, details = row
    return ImportRow(
        id_, source, file_name, at, rows, account, json.loads(details) if details else None
    )


def list_imports(db: Database) -> list[ImportRow]:
    """Newest first."""
    return [_import_row(tuple(row)) for row in db.execute(_SELECT + " ORDER BY i.id DESC")]


def get_import(db: Database, import_id: int) -> ImportRow:
    row = db.execute(_SELECT + " WHERE i.id = ?", [import_id]).fetchone()
    if row is None:
        raise NotFound(f"no import #{import_id} (netdash imports list shows them)")
    return _import_row(tuple(row))


def _undo_scopes(import_id: int) -> list[Scope]:
    entries = "SELECT id FROM interactions WHERE source_import = ?"
    people = (
        "id IN (SELECT ip.person_id FROM interaction_people ip JOIN interactions i"
        " ON i.id = ip.interaction_id WHERE i.source_import = ?"
        " UNION SELECT person_id FROM evidence_links WHERE import_id = ?)"
    )
    return [
        Scope("people", people, [import_id, import_id]),
        Scope("interactions", "source_import = ?", [import_id]),
        Scope("interaction_people", f"interaction_id IN ({entries})", [import_id]),
        Scope("interaction_tags", f"interaction_id IN ({entries})", [import_id]),
        Scope(
            "interaction_people",
            "(interaction_id, person_id) IN"
            " (SELECT interaction_id, person_id FROM evidence_links WHERE import_id = ?)",
            [import_id],
        ),
        # its own links, and a later import's links on its entries (which go with them)
        Scope(
            "evidence_links",
            f"import_id = ? OR interaction_id IN ({entries})",
            [import_id, import_id],
        ),
        Scope(
            "strangers",
            "id IN (SELECT stranger_id FROM stranger_days WHERE import_id = ?)",
            [import_id],
        ),
        Scope("stranger_days", "import_id = ?", [import_id]),
        # days it filled in (put back as they were), and every record of a filling-in on its
        # own entries or that it made
        Scope(
            "interactions",
            "id IN (SELECT interaction_id FROM evidence_revisions WHERE import_id = ?)",
            [import_id],
        ),
        Scope(
            "evidence_revisions",
            f"import_id = ? OR interaction_id IN ({entries})"
            " OR interaction_id IN (SELECT interaction_id FROM evidence_revisions"
            " WHERE import_id = ?)",
            [import_id, import_id, import_id],
        ),
        Scope("imports", "id = ?", [import_id]),
    ]


def undo_import(db: Database, import_id: int) -> tuple[ImportRow, bool]:
    """Remove what one backfill import added, and say whether ``netdash undo`` can put it back
    (an import too large to keep in the trash is not copied there now either); refuse an
    import of followers or contacts."""
    row = get_import(db, import_id)
    if not row.is_backfill:
        raise InvalidInput(
            f"import #{import_id} ({row.source}, {row.file_name}) added followers or contacts,"
            " not journal entries: `netdash undo` takes back the newest such import"
        )
    with (
        write_transaction(db),
        into_trash(
            db, "undo import", f"#{import_id} {row.file_name}", _undo_scopes(import_id)
        ) as keeping,
    ):
        if int(row.details.get("days", 0) if row.details else 0) > KEEP_IN_TRASH_UP_TO:
            keeping.drop()
        db.execute(
            "DELETE FROM interaction_people WHERE (interaction_id, person_id) IN"
            " (SELECT interaction_id, person_id FROM evidence_links WHERE import_id = ?)",
            [import_id],
        )
        put_back(db, import_id)
        db.execute("DELETE FROM interactions WHERE source_import = ?", [import_id])
        touched = db.execute(
            "SELECT DISTINCT stranger_id FROM stranger_days WHERE import_id = ?", [import_id]
        ).fetchall()
        db.execute("DELETE FROM stranger_days WHERE import_id = ?", [import_id])
        db.execute(
            "DELETE FROM strangers WHERE ignored = 0 AND id IN (SELECT value FROM json_each(?))"
            " AND NOT EXISTS (SELECT 1 FROM stranger_days d WHERE d.stranger_id = strangers.id)",
            [json.dumps([stranger_id for (stranger_id,) in touched])],
        )
        db.execute("DELETE FROM imports WHERE id = ?", [import_id])
    return row, keeping.kept
