"""The review list: counterparts an import could not match, and what the user decides.

A stranger becomes a person (with the e-mail, number or handle they were seen by), is linked
to a person already in the journal (who gains that identity), or is ignored for good. Either
of the first two removes them from the list; importing the export again then fills in their
history, because the next import matches them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from netdash.domain.errors import InvalidInput, NotFound
from netdash.domain.evidence import CHANNELS
from netdash.domain.models import ContactPoint, Handle
from netdash.store.aliases import add_aliases
from netdash.store.people import add_person, person_name
from netdash.store.person_details import add_handles, add_points
from netdash.store.trash import Scope, created_scopes, into_trash
from netdash.store.tx import write_transaction


@dataclass(frozen=True)
class Stranger:
    """Someone the exports mention who matches nobody, with how often and how recently."""

    id: int
    kind: str
    written: str
    name: str
    days: int
    units: int
    first_on: str
    last_on: str
    channels: tuple[str, ...]
    files: tuple[str, ...]
    """The exports they were seen in: importing one again fills their history in."""

    @property
    def shown(self) -> str:
        """A name if the export gave one, else the address, number or handle."""
        return self.name or self.written

    @property
    def identity(self) -> str:
        """What they were seen by, unless that is all :attr:`shown` says already (a name, or a
        number the export gave no name for): "ana@example.com"."""
        return "" if self.kind == "name" or self.written == self.shown else self.written

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "identity": self.written,
            "days": self.days,
            "units": self.units,
            "first_on": self.first_on,
            "last_on": self.last_on,
            "channels": list(self.channels),
            "files": list(self.files),
        }

    def channel_words(self) -> str:
        return ", ".join(CHANNELS.get(channel, channel) for channel in self.channels)


_SELECT = """
    SELECT s.id, s.kind, s.written, s.name, count(*), sum(d.units), min(d.occurred_on),
        max(d.occurred_on), json_group_array(DISTINCT d.channel),
        (SELECT json_group_array(DISTINCT i.file_name) FROM stranger_days x
         JOIN imports i ON i.id = x.import_id WHERE x.stranger_id = s.id)
    FROM strangers s JOIN stranger_days d ON d.stranger_id = s.id
"""


def _stranger(row: tuple[object, ...]) -> Stranger:
    (id_, kind, written, name, days, units, first, last, channels, files) = row
    return Stranger(
        int(str(id_)),
        str(kind),
        str(written),
        str(name),
        int(str(days)),
        int(str(units or 0)),
        str(first),
        str(last),
        tuple(sorted(json.loads(str(channels)))),
        tuple(sorted(name for name in json.loads(str(files or "[]")) if name)),
    )


def list_strangers(db: Database, *, limit: int | None = None) -> list[Stranger]:
    """Not yet decided, the most often seen first, then the most recent."""
    sql = _SELECT + " WHERE s.ignored = 0 GROUP BY s.id ORDER BY count(*) DESC,"
    sql += " max(d.occurred_on) DESC, s.id"
    params: list[object] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_stranger(tuple(row)) for row in db.execute(sql, params).fetchall()]


def count_strangers(db: Database) -> int:
    (count,) = db.execute(
        "SELECT count(*) FROM strangers s WHERE s.ignored = 0"
        " AND EXISTS (SELECT 1 FROM stranger_days d WHERE d.stranger_id = s.id)"
    ).fetchone()
    return int(count)


def get_stranger(db: Database, stranger_id: int) -> Stranger:
    row = db.execute(_SELECT + " WHERE s.id = ? GROUP BY s.id", [stranger_id]).fetchone()
    if row is None:
        raise NotFound(f"no stranger #{stranger_id} (netdash evidence unknown lists them)")
    return _stranger(tuple(row))


def _scopes(stranger_id: int) -> list[Scope]:
    return [
        Scope("strangers", "id = ?", [stranger_id]),
        Scope("stranger_days", "stranger_id = ?", [stranger_id]),
    ]


def ignore_stranger(db: Database, stranger_id: int) -> Stranger:
    """Never list them again, and never ask about them in a later import."""
    stranger = get_stranger(db, stranger_id)
    with (
        write_transaction(db),
        into_trash(db, "ignore", f"ignore {stranger.shown}", _scopes(stranger_id)),
    ):
        db.execute("UPDATE strangers SET ignored = 1 WHERE id = ?", [stranger_id])
    return stranger


def _give_identity(db: Database, person_id: int, stranger: Stranger) -> None:
    if stranger.kind in ("email", "phone"):
        add_points(db, person_id, [ContactPoint(stranger.kind, stranger.written)])
    elif stranger.kind == "handle":
        platform, _, handle = stranger.written.partition(":")
        if not handle:
            raise InvalidInput(f"{stranger.written!r} is not platform:handle")
        add_handles(db, person_id, [Handle(platform, handle)])
    elif stranger.name.casefold() != person_name(db, person_id).casefold():
        add_aliases(db, person_id, [stranger.name])


def _person_scopes(person_id: int) -> list[Scope]:
    return [
        Scope("contact_points", "person_id = ?", [person_id]),
        Scope("handles", "person_id = ?", [person_id]),
        Scope("person_aliases", "person_id = ?", [person_id]),
    ]


def make_person(db: Database, stranger_id: int, name: str | None = None) -> tuple[int, Stranger]:
    """A new person from a stranger, named as given (else as the export named them)."""
    stranger = get_stranger(db, stranger_id)
    name = (name or "").strip() or stranger.shown
    with write_transaction(db):
        (top_person,) = db.execute("SELECT coalesce(max(id), 0) FROM people").fetchone()
        scopes = [
            *_scopes(stranger_id),
            *created_scopes(db, "people", "contact_points", "handles"),
            Scope("person_aliases", "person_id > ?", [top_person]),
        ]
        with into_trash(db, "new person", f"add {name} from your imports", scopes):
            person_id = add_person(db, name)
            _give_identity(db, person_id, stranger)
            db.execute("DELETE FROM strangers WHERE id = ?", [stranger_id])
    return person_id, stranger


def link_stranger(db: Database, stranger_id: int, person_id: int) -> Stranger:
    """The stranger is someone already in the journal: they gain the identity seen."""
    stranger = get_stranger(db, stranger_id)
    person = person_name(db, person_id)
    with write_transaction(db):
        scopes = _scopes(stranger_id) + _person_scopes(person_id)
        with into_trash(db, "link", f"link {stranger.shown} to {person}", scopes):
            _give_identity(db, person_id, stranger)
            db.execute("DELETE FROM strangers WHERE id = ?", [stranger_id])
    return stranger
