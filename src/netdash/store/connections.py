"""LinkedIn connections an import listed, and making people of them.

An import of a LinkedIn export keeps its connections apart from the people of the journal:
most are acquaintances. The user picks the ones worth knowing; each becomes a person (or
enriches who they already are) through the same matching as an address-book import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from netdash.domain.models import ContactPoint
from netdash.domain.names import normalize_handle
from netdash.store.contact import Contact, validated
from netdash.store.contact_import import ContactsResult, DryRun, Matcher, apply_contact
from netdash.store.people import escape_like
from netdash.store.tx import write_transaction


@dataclass(frozen=True)
class Connection:
    """A LinkedIn connection an import listed: someone the user may want as a person."""

    id: int
    name: str
    url: str | None
    email: str | None
    company: str | None
    position: str | None
    connected_on: str | None
    person_id: int | None


def _connection_filter(search: str, unlinked_only: bool) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if search.strip():
        like = "%" + escape_like(search.strip()) + "%"
        clauses.append("(name LIKE ? ESCAPE '\\' OR company LIKE ? ESCAPE '\\')")
        params += [like, like]
    if unlinked_only:
        clauses.append("person_id IS NULL")
    return (f" WHERE {' AND '.join(clauses)}" if clauses else ""), params


def count_connections(db: Database, *, search: str = "", unlinked_only: bool = False) -> int:
    where, params = _connection_filter(search, unlinked_only)
    return int(db.execute(f"SELECT COUNT(*) FROM connections{where}", params).fetchone()[0])


def list_connections(
    db: Database,
    *,
    search: str = "",
    unlinked_only: bool = False,
    limit: int = -1,
    offset: int = 0,
) -> list[Connection]:
    """Connections from every LinkedIn import, newest connection first (a page of them, for
    lists that load as they scroll)."""
    where, params = _connection_filter(search, unlinked_only)
    rows = db.execute(
        "SELECT id, name, url, email, company, position, connected_on, person_id"
        f" FROM connections{where} ORDER BY connected_on DESC, name COLLATE NOCASE, id"
        " LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [Connection(*row) for row in rows]


def get_connection(db: Database, connection_id: int) -> Connection | None:
    row = db.execute(
        "SELECT id, name, url, email, company, position, connected_on, person_id"
        " FROM connections WHERE id = ?",
        [connection_id],
    ).fetchone()
    return Connection(*row) if row else None


def promote_connections(
    db: Database, connections: Sequence[Connection], *, dry_run: bool = False
) -> ContactsResult:
    """Make people of LinkedIn connections (or enrich who they already are), in one transaction.

    The person gets the profile as a linkedin handle, the e-mail if the connection shared it,
    company and position, and the day they connected as the day met when that is not known.
    """
    notes: list[str] = []
    contacts = [validated(_as_contact(connection), notes) for connection in connections]
    result = ContactsResult(notes=notes)
    try:
        with write_transaction(db):
            matcher = Matcher(db)
            for connection, contact in zip(connections, contacts, strict=True):
                person_id = apply_contact(db, contact, result, matcher, how_met="LinkedIn")
                db.execute(
                    "UPDATE connections SET person_id = ? WHERE id = ?", [person_id, connection.id]
                )
                if connection.connected_on:
                    db.execute(
                        "UPDATE people SET met_on = ? WHERE id = ? AND met_on IS NULL",
                        [connection.connected_on, person_id],
                    )
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    return result


def _as_contact(connection: Connection) -> Contact:
    contact = Contact(
        name=connection.name,
        where=f"LinkedIn connection {connection.name}",
        company=connection.company,
        job_title=connection.position,
    )
    if connection.email:
        contact.points.append(ContactPoint("email", connection.email))
    if connection.url:
        contact.handles.append(normalize_handle("linkedin", connection.url))
    return contact
