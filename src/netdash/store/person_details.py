"""What hangs off a person: handles, tags and contact points, added and removed one by one.

Apart from :mod:`netdash.store.people` so the record's own columns and the lists beside it are
read in separate places; the importers add to these lists the same way the forms do.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.domain.models import ContactPoint, Handle
from netdash.domain.names import (
    CONTACT_PLATFORMS,
    MAX_TEXT_LENGTH,
    check_length,
    clean_point,
    clean_tag,
    shorten,
)
from netdash.store.migration_contact_parts import address_parts_text


def tag_ids(db: Database, tags: Iterable[str]) -> list[int]:
    """The ids of these tags, creating any the journal does not know yet; blanks skipped."""
    ids = []
    for tag in tags:
        name = clean_tag(tag)
        if not name:
            continue
        db.execute("INSERT INTO tags(name) VALUES (?) ON CONFLICT(name) DO NOTHING", [name])
        row = db.execute("SELECT id FROM tags WHERE name = ?", [name]).fetchone()
        ids.append(row[0])
    return ids


def tag_person(db: Database, person_id: int, tags: Iterable[str]) -> None:
    for tag_id in tag_ids(db, tags):
        db.execute(
            "INSERT OR IGNORE INTO person_tags(person_id, tag_id) VALUES (?, ?)",
            [person_id, tag_id],
        )


def untag_person(db: Database, person_id: int, name: str, tags: Iterable[str]) -> None:
    """Take tags off; one the person does not have is refused (``name`` is who, for the message)."""
    for tag in tags:
        if not db.execute(
            "DELETE FROM person_tags WHERE person_id = ?"
            " AND tag_id = (SELECT id FROM tags WHERE name = ?)",
            [person_id, clean_tag(tag)],
        ).rowcount:
            raise InvalidInput(f"{name} has no tag {shorten(clean_tag(tag))!r}", field="tags")


def person_tags(db: Database, person_id: int) -> tuple[str, ...]:
    return tuple(
        row[0]
        for row in db.execute(
            "SELECT t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id"
            " WHERE pt.person_id = ? ORDER BY t.name COLLATE NOCASE",
            [person_id],
        ).fetchall()
    )


def add_handles(db: Database, person_id: int, handles: Iterable[Handle]) -> None:
    """Give a person handles; an e-mail or phone typed as a handle becomes a contact point,
    and a handle someone else already has is refused rather than moved."""
    for handle in handles:
        check_length("handle", handle.handle, MAX_TEXT_LENGTH, field="handles")
        if handle.platform in CONTACT_PLATFORMS:
            add_points(db, person_id, [ContactPoint(handle.platform, handle.handle)])
            continue
        owner = db.execute(
            "SELECT p.id, p.name FROM handles h JOIN people p ON p.id = h.person_id"
            " WHERE h.platform = ? AND h.handle = ?",
            [handle.platform, handle.handle],
        ).fetchone()
        if owner is not None and owner[0] != person_id:
            raise InvalidInput(f"{handle} already belongs to {owner[1]}", field="handles")
        if owner is None:
            db.execute(
                "INSERT INTO handles(person_id, platform, handle) VALUES (?, ?, ?)",
                [person_id, handle.platform, handle.handle],
            )


def remove_handles(
    db: Database, person_id: int, name: str, handles: Iterable[Handle]
) -> list[ContactPoint]:
    """Take handles off; return the e-mails and phones typed as handles, which are contact
    points for the caller to remove. Removing what is not there is a mistake worth saying
    (a typo), not a silent "Updated"."""
    points = []
    for handle in handles:
        if handle.platform in CONTACT_PLATFORMS:
            points.append(ContactPoint(handle.platform, handle.handle))
            continue
        if not db.execute(
            "DELETE FROM handles WHERE person_id = ? AND platform = ? AND handle = ?",
            [person_id, handle.platform, handle.handle],
        ).rowcount:
            raise InvalidInput(f"{name} has no handle {shorten(str(handle))}", field="handles")
    return points


def add_points(db: Database, person_id: int, points: Iterable[ContactPoint]) -> int:
    """Add contact points a person does not have yet; return how many were new."""
    added = 0
    for point in points:
        point = clean_point(point)
        if (
            point.kind == "email"
            and db.execute(
                "SELECT 1 FROM contact_points WHERE person_id = ? AND kind = 'email'"
                " AND value = ? COLLATE NOCASE",
                [person_id, point.value],
            ).fetchone()
        ):
            continue  # the same mailbox, perhaps stored lower-cased before case was kept
        parts = address_parts_text(point.parts)
        cursor = db.execute(
            "INSERT INTO contact_points(person_id, kind, value, label, preferred, parts)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(person_id, kind, value) DO UPDATE SET"
            " parts = excluded.parts WHERE parts IS NULL AND excluded.parts IS NOT NULL",
            [person_id, point.kind, point.value, point.label, int(point.preferred), parts],
        )
        added += cursor.rowcount
    return added


def remove_points(db: Database, person_id: int, name: str, points: Iterable[ContactPoint]) -> None:
    """Take contact points off; one the person does not have is refused, as for handles."""
    for point in map(clean_point, points):
        # an e-mail address is the same mailbox whatever its case, as the matching has it
        same = " COLLATE NOCASE" if point.kind == "email" else ""
        if not db.execute(
            "DELETE FROM contact_points WHERE person_id = ? AND kind = ? AND value = ?" + same,
            [person_id, point.kind, point.value],
        ).rowcount:
            raise InvalidInput(
                f"{name} has no {point.kind} {shorten(point.value)!r}", field="points"
            )


def person_points(db: Database, person_id: int) -> tuple[ContactPoint, ...]:
    return tuple(
        ContactPoint(kind, value, label, bool(preferred))
        for kind, value, label, preferred in db.execute(
            "SELECT kind, value, label, preferred FROM contact_points WHERE person_id = ?"
            " ORDER BY kind, preferred DESC, id",
            [person_id],
        ).fetchall()
    )
