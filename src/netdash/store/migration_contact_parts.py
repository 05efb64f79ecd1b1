"""Migration m017: the structured name and address parts an address book gave, kept (issue 15).

An address book's ``N`` (family, given, additional, prefixes, suffixes) and ``ADR`` (po box ...
country) say what the display name and the one-line address cannot: "Mustermann, Heiko" is
family "Mustermann", given "Heiko"; a CJK name is not "given family". The vCard export rebuilt
them from the one line and guessed wrong; kept, it writes back what came in.

Both are JSON text columns, NULL where nothing was imported (everything typed into netdash, and
every row of a journal upgraded by this migration): readers then derive what they can.
Columns rather than a table, so the trash, merges and the dump keep them as they keep the rest
of a row, with no code of their own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlite_utils import Database


def m017_contact_parts(db: Database) -> None:
    """``people.name_parts`` and ``contact_points.parts``, NULL for every row already there."""
    db.execute("ALTER TABLE people ADD COLUMN name_parts TEXT")
    db.execute("ALTER TABLE contact_points ADD COLUMN parts TEXT")


def name_parts_text(name: str, parts: Sequence[str]) -> str:
    """What ``people.name_parts`` holds: the parts and the display name they were given with,
    so that a person renamed since is not exported with a structured name of the old one."""
    return json.dumps({"name": name, "n": list(parts)}, ensure_ascii=False)


def name_parts_of(text: str | None, name: str) -> tuple[str, ...] | None:
    """The kept parts if they were given with this display name; None otherwise or if unreadable."""
    if not text:
        return None
    try:
        kept = json.loads(text)
    except ValueError:
        return None
    if not isinstance(kept, dict) or kept.get("name") != name:
        return None
    parts = kept.get("n")
    if not isinstance(parts, list) or len(parts) != 5:
        return None
    if not all(isinstance(part, str) for part in parts):
        return None
    return tuple(parts)


def address_parts_text(parts: Sequence[str]) -> str | None:
    """What ``contact_points.parts`` holds: the seven ADR components, or NULL for none."""
    return json.dumps(list(parts), ensure_ascii=False) if any(parts) else None


def address_parts_of(text: str | None) -> tuple[str, ...]:
    """The kept ADR components, or () if none or unreadable."""
    if not text:
        return ()
    try:
        parts = json.loads(text)
    except ValueError:
        return ()
    if not isinstance(parts, list) or len(parts) != 7:
        return ()
    if not all(isinstance(part, str) for part in parts):
        return ()
    return tuple(parts)
