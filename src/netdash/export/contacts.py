"""People as address-book contacts, for the vCard export."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlite_utils import Database

from netdash.domain.models import ContactPoint, Handle
from netdash.store.contacts import Contact


def people_as_contacts(db: Database) -> Iterator[Contact]:
    """Every person with what an address book can hold, in name order."""
    points: dict[int, list[ContactPoint]] = defaultdict(list)
    for person_id, kind, value, label, preferred in db.execute(
        "SELECT person_id, kind, value, label, preferred FROM contact_points"
        " ORDER BY kind, preferred DESC, id"
    ).fetchall():
        points[person_id].append(ContactPoint(kind, value, label, bool(preferred)))
    handles: dict[int, list[Handle]] = defaultdict(list)
    for person_id, platform, handle in db.execute(
        "SELECT person_id, platform, handle FROM handles ORDER BY platform, handle"
    ).fetchall():
        handles[person_id].append(Handle(platform, handle))
    tags: dict[int, list[str]] = defaultdict(list)
    for person_id, name in db.execute(
        "SELECT pt.person_id, t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id"
        " ORDER BY t.name COLLATE NOCASE"
    ).fetchall():
        tags[person_id].append(name)
    uids: dict[int, str] = {}
    for person_id, uid in db.execute(
        "SELECT person_id, min(value) FROM person_aliases WHERE kind = 'uid' GROUP BY person_id"
    ).fetchall():
        uids[person_id] = uid
    for person_id, name, birthday, company, job_title, notes in db.execute(
        "SELECT id, name, birthday, company, job_title, notes FROM people"
        " ORDER BY name COLLATE NOCASE, id"
    ).fetchall():
        yield Contact(
            name=name,
            where=f"person #{person_id}",
            points=points.get(person_id, []),
            handles=handles.get(person_id, []),
            birthday=birthday,
            company=company,
            job_title=job_title,
            notes=notes,
            tags=tags.get(person_id, []),
            uid=uids.get(person_id),
        )
