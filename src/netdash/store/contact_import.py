"""Address books into the journal: each contact enriches the person it is, or becomes one.

A contact is matched to someone already in the journal by, in order: the address book's UID;
an e-mail address, a handle or a phone number, when the names fit ("Tom" fits "Tomás Reyes";
"Jane" does not fit "John" even if they share the family's e-mail); or a name only one person
has (or had, before a rename or a merge), when nothing contradicts it (another birthday, other
e-mail addresses). Two cards of the same file are never merged with each other: the address
book says they are two, and the duplicate finder will ask. A match gains what it lacked (new
e-mails and phones, a birthday, work, tags); nothing typed in netdash is overwritten by an
import. A contact that matches nobody becomes a new person. (LinkedIn connections go through
the same matching: :mod:`netdash.store.connections`.)

An import goes to the trash: undo takes out the people it created and gives back what the people
it enriched had, so the journal is as before it (the ``imports`` row too: the file can come
again). The detail tables are kept whole in the trash's before/after comparison, which keeps only
what changed: an address book is thousands of rows, not millions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlite_utils import Database

from netdash.domain.dates import utc_now
from netdash.domain.models import Handle
from netdash.domain.names import alias_key
from netdash.domain.words import count_of
from netdash.store.contact import Contact, validated
from netdash.store.duplicates import name_words, names_compatible, phone_key, split_name
from netdash.store.migration_contact_parts import name_parts_of, name_parts_text
from netdash.store.people import add_alias, add_person
from netdash.store.person_details import add_points, tag_ids
from netdash.store.trash import Scope, created_scopes, into_trash
from netdash.store.tx import write_transaction


@dataclass
class ContactsResult:
    """What an address-book import did (or, for a dry run, would do)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    already_imported: bool = False
    notes: list[str] = field(default_factory=list)
    undoable: bool = False
    """In the trash: ``netdash undo`` or ctrl+z takes it back (not for a dry run)."""
    contacts: int = 0
    """How many contacts the file gave (a streamed import counts them as it goes)."""

    def description(self, file_name: str) -> str:
        """ "contacts.vcf: 37 people added, 5 enriched", for ``netdash undo --list``."""
        added = count_of(len(self.created), "person", "people")
        return f"{file_name}: {added} added, {len(self.updated):,} enriched"


class DryRun(Exception):
    """Raised inside the transaction to roll a dry run back after doing all of its work."""


class Matcher:
    """Finds the person a contact already is, for one import run."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.by_name: dict[str, set[int]] = defaultdict(set)
        for person_id, name in db.execute("SELECT id, name FROM people").fetchall():
            self.by_name[alias_key(name)].add(person_id)
        for person_id, value in db.execute(
            "SELECT person_id, value FROM person_aliases WHERE kind = 'name'"
        ).fetchall():
            self.by_name[value].add(person_id)
        self.by_phone: dict[str, set[int]] = defaultdict(set)
        for person_id, value in db.execute(
            "SELECT person_id, value FROM contact_points WHERE kind = 'phone'"
        ).fetchall():
            if key := phone_key(value):
                self.by_phone[key].add(person_id)
        self.top = int(db.execute("SELECT coalesce(max(id), 0) FROM people").fetchone()[0])
        self.matched: set[int] = set()
        db.execute("DROP TABLE IF EXISTS temp.matcher_keys")  # see _people
        db.execute(
            "CREATE TEMP TABLE matcher_keys(kind, key, person_id, UNIQUE(kind, key, person_id))"
        )

    def claimed(self, person_id: int) -> bool:
        """Created (above ``top``: all through :meth:`claim`) or matched by a card of this run:
        no other card of the file can be them too, since the address book says they are two."""
        return person_id > self.top or person_id in self.matched

    def claim(self, person_id: int, contact: Contact, *, created: bool) -> None:
        if not created:
            self.matched.add(person_id)
            return
        keys = {("name", alias_key(contact.name))}
        keys |= {("phone", key) for p in contact.of_kind("phone") if (key := phone_key(p.value))}
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO temp.matcher_keys(kind, key, person_id) VALUES (?, ?, ?)",
            [(kind, key, person_id) for kind, key in keys],
        )

    def _people(self, kind: str, key: str) -> set[int]:
        """Who has this name (an alias_key) or phone (a phone_key): in the journal, or new. The
        keys of people this run creates are in a temporary table, not the dicts, so 100,000 new
        people cost the page cache, not the heap."""
        known = (self.by_name if kind == "name" else self.by_phone).get(key, set())
        sql = "SELECT person_id FROM temp.matcher_keys WHERE kind = ? AND key = ?"
        return known | {row[0] for row in self.db.execute(sql, [kind, key])}

    def known_uids(self) -> set[str]:
        """Every UID the journal knows: a streamed import reads the cards with one of these
        first (see :meth:`uid_first`). Importing adds none it did not know to those cards."""
        rows = self.db.execute("SELECT value FROM person_aliases WHERE kind = 'uid'")
        return {row[0] for row in rows}

    def by_uid(self, contact: Contact) -> int | None:
        if not contact.uid:
            return None
        row = self.db.execute(
            "SELECT person_id FROM person_aliases WHERE kind = 'uid' AND value = ?"
            " ORDER BY person_id LIMIT 1",
            [contact.uid],
        ).fetchone()
        return int(row[0]) if row else None

    def uid_first(self, contacts: Sequence[Contact]) -> list[Contact]:
        """Cards whose UID the journal knows go first, so a new card that merely shares a name
        cannot take their person before they do, whatever the order of the file."""
        known = [self.by_uid(contact) is not None for contact in contacts]
        return [c for c, k in zip(contacts, known, strict=True) if k] + [
            c for c, k in zip(contacts, known, strict=True) if not k
        ]

    def find(self, contact: Contact) -> int | None:
        """The one person this contact already is, or None."""
        db = self.db
        owner = self.by_uid(contact)
        if owner is not None and not self.claimed(owner):
            return owner
        candidates: list[int] = []
        for point in contact.of_kind("email"):
            candidates += [
                row[0]
                for row in db.execute(
                    "SELECT person_id FROM contact_points WHERE kind = 'email' AND value = ?"
                    " COLLATE NOCASE ORDER BY person_id",
                    [point.value],
                ).fetchall()
            ]
        for handle in contact.handles:
            candidates += [
                row[0]
                for row in db.execute(
                    "SELECT person_id FROM handles WHERE platform = ? AND handle = ?",
                    [handle.platform, handle.handle],
                ).fetchall()
            ]
        for point in contact.of_kind("phone"):
            if key := phone_key(point.value):
                candidates += sorted(self._people("phone", key))
        for person_id in candidates:
            if self._fits(person_id, contact, by_name=False):
                return person_id
        if _nameless(contact):
            return None
        for name in _names(contact):
            named = self._people("name", alias_key(name))
            if len(named) == 1:
                (person_id,) = named
                if self._fits(person_id, contact, by_name=True):
                    return person_id
        return None

    def _fits(self, person_id: int, contact: Contact, *, by_name: bool) -> bool:
        """Nothing known about the two says they are different people."""
        if self.claimed(person_id):
            return False
        db = self.db
        name, birthday = db.execute(
            "SELECT name, birthday FROM people WHERE id = ?", [person_id]
        ).fetchone()
        if birthday and contact.birthday and not _same_birthday(birthday, contact.birthday):
            return False
        if by_name:
            theirs = {
                row[0].lower()
                for row in db.execute(
                    "SELECT value FROM contact_points WHERE person_id = ? AND kind = 'email'",
                    [person_id],
                ).fetchall()
            }
            ours = {point.value.lower() for point in contact.of_kind("email")}
            return not (theirs and ours and not theirs & ours)
        former = [
            row[0]
            for row in db.execute(
                "SELECT value FROM person_aliases WHERE person_id = ? AND kind = 'name'",
                [person_id],
            ).fetchall()
        ]
        if _nameless(contact):
            return True  # a card named by its e-mail or phone: the detail it shares decides
        known_names = (name, *former)
        if any(names_compatible(known, contact.name) for known in known_names):
            return True
        # "Robert Jones", NICKNAME:Bob, is the "Bob Jones" already here; but "Dan" must not
        # make Daniel Costa fit Daniela: the nickname has to be the first name exactly
        nickname = name_words(contact.nickname or "")
        if not nickname:
            return False
        core, suffixes = split_name(contact.name)
        as_nickname = " ".join(nickname[:1] + core[1:][-1:] + suffixes)  # "bob jones jr"
        return any(
            name_words(known)[:1] == nickname[:1] and names_compatible(known, as_nickname)
            for known in known_names
        )


def _names(contact: Contact) -> list[str]:
    """The contact's name, and its nickname with the family name ("Bob Jones" for Robert Jones,
    NICKNAME:Bob), to look up among the names in the journal."""
    names = [contact.name]
    words = contact.name.split()
    if contact.nickname and len(words) > 1:
        names.append(f"{contact.nickname} {words[-1]}")
    return names


def _nameless(contact: Contact) -> bool:
    """A card with no name of its own, called after its e-mail address or phone number."""
    return any(point.value.casefold() == contact.name.casefold() for point in contact.points)


def _same_birthday(first: str, second: str) -> bool:
    """The same day of the year, and the same year where both say one."""
    if first[-5:] != second[-5:]:
        return False
    return first.startswith("--") or second.startswith("--") or first[:4] == second[:4]


def match_person(db: Database, contact: Contact) -> int | None:
    """The one person this contact already is, or None (see :class:`Matcher`)."""
    return Matcher(db).find(contact)


def enrich_person(
    db: Database, person_id: int, contact: Contact, result: ContactsResult | None = None
) -> list[str]:
    """Give a person what the contact knows and they lack; return what was added, for the user.

    Fields the person already has are left alone. A handle that belongs to someone else is
    skipped (and said), never moved: that is a merge, which the user asks for.
    """
    added: list[str] = []
    row = db.execute(
        "SELECT birthday, company, job_title, notes FROM people WHERE id = ?", [person_id]
    ).fetchone()
    fills: dict[str, str] = {}
    for column, current, value in (
        ("birthday", row[0], contact.birthday),
        ("company", row[1], contact.company),
        ("job_title", row[2], contact.job_title),
    ):
        if value and not current:
            fills[column] = value
            added.append(column.replace("_", " "))
    notes = contact.notes.strip()
    if notes and notes not in row[3]:
        fills["notes"] = f"{row[3]}\n\n{notes}" if row[3] else notes
        added.append("notes")
    if fills:
        fills["updated_at"] = utc_now()
        assignments = ", ".join(f"{column} = ?" for column in fills)
        db.execute(f"UPDATE people SET {assignments} WHERE id = ?", [*fills.values(), person_id])
    if contact.uid:
        add_alias(db, person_id, "uid", contact.uid)
    added += ["structured name"] if keep_name_parts(db, person_id, contact) else []
    new_points = add_points(db, person_id, contact.points)
    if new_points:
        added.append(f"{new_points} contact detail{'s' if new_points != 1 else ''}")
    for handle in contact.handles:
        owner = db.execute(
            "SELECT person_id FROM handles WHERE platform = ? AND handle = ?",
            [handle.platform, handle.handle],
        ).fetchone()
        if owner is None:
            db.execute(
                "INSERT INTO handles(person_id, platform, handle) VALUES (?, ?, ?)",
                [person_id, handle.platform, handle.handle],
            )
            added.append(str(handle))
        elif owner[0] != person_id and result is not None:
            result.notes.append(
                f"{contact.where}: {handle} already belongs to someone else; skipped"
            )
    new_tags = sum(
        db.execute(
            "INSERT OR IGNORE INTO person_tags(person_id, tag_id) VALUES (?, ?)",
            [person_id, tag_id],
        ).rowcount
        for tag_id in tag_ids(db, contact.tags)
    )
    if new_tags:
        added.append(f"{new_tags} tag{'s' if new_tags != 1 else ''}")
    return added


def keep_name_parts(db: Database, person_id: int, contact: Contact) -> bool:
    """Keep the contact's structured name for the person if it was given with the very name the
    person has and they have none for it yet; return whether it was kept. A card that matched
    by e-mail under another name says nothing about how this name divides."""
    if contact.name_parts is None or not any(contact.name_parts):
        return False
    name, text = db.execute(
        "SELECT name, name_parts FROM people WHERE id = ?", [person_id]
    ).fetchone()
    if name != contact.name or name_parts_of(text, name) is not None:
        return False
    db.execute(
        "UPDATE people SET name_parts = ? WHERE id = ?",
        [name_parts_text(name, contact.name_parts), person_id],
    )
    return True


def import_contacts(
    db: Database,
    contacts: Iterable[Contact],
    *,
    source: str,
    file_name: str,
    sha256: str,
    how_met: str | None = None,
    dry_run: bool = False,
) -> ContactsResult:
    """Write an address book in one transaction; the same file twice changes nothing."""
    if db.execute("SELECT 1 FROM imports WHERE sha256 = ?", [sha256]).fetchone():
        return ContactsResult(already_imported=True)
    notes: list[str] = []
    checked = [validated(contact, notes) for contact in contacts]  # refuse before writing
    result = ContactsResult()
    try:
        with write_transaction(db), into_trash(db, "import", file_name, scopes(db)) as keeping:
            result = apply_contacts(db, checked, how_met=how_met)
            db.execute(
                "INSERT INTO imports(source, file_name, sha256, imported_at, rows)"
                " VALUES (?, ?, ?, ?, ?)",
                [source, file_name, sha256, utc_now(), len(checked)],
            )
            if dry_run:
                raise DryRun
            keeping.description = result.description(file_name)
            result.undoable = True
    except DryRun:
        pass
    result.notes[:0] = notes
    return result


#: What enriching a person may add to or change, kept whole (see the module's docstring).
_ENRICHED = ("people", "handles", "person_tags", "contact_points", "person_aliases")


def scopes(db: Database) -> list[Scope]:
    """The people and their details, any tag first named by the file, and the provenance row."""
    return created_scopes(db, "tags", "imports") + [Scope(table, "1") for table in _ENRICHED]


def apply_contacts(
    db: Database, contacts: Sequence[Contact], *, how_met: str | None = None
) -> ContactsResult:
    """Match and write contacts inside the caller's transaction."""
    result = ContactsResult()
    matcher = Matcher(db)
    for contact in matcher.uid_first(contacts):
        apply_contact(db, contact, result, matcher, how_met=how_met)
    return result


def apply_contact(
    db: Database,
    contact: Contact,
    result: ContactsResult,
    matcher: Matcher,
    *,
    how_met: str | None = None,
) -> int:
    """Match one contact and write it inside the caller's transaction; return the person's id."""
    person_id = matcher.find(contact)
    if person_id is None:
        person_id = add_person(
            db,
            contact.name,
            handles=_free_handles(db, contact.handles, contact, result),
            tags=contact.tags,
            how_met=how_met,
            notes=contact.notes.strip(),
            points=contact.points,
            birthday=contact.birthday,
            company=contact.company,
            job_title=contact.job_title,
            uid=contact.uid,
        )
        keep_name_parts(db, person_id, contact)
        matcher.claim(person_id, contact, created=True)
        result.created.append(contact.name)
        return person_id
    matcher.claim(person_id, contact, created=False)
    if added := enrich_person(db, person_id, contact, result):
        name = db.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()[0]
        result.updated.append(f"{name}: {', '.join(added)}")
    else:
        result.unchanged += 1
    return person_id


def _free_handles(
    db: Database, handles: Sequence[Handle], contact: Contact, result: ContactsResult
) -> list[Handle]:
    free = []
    for handle in handles:
        if db.execute(
            "SELECT 1 FROM handles WHERE platform = ? AND handle = ?",
            [handle.platform, handle.handle],
        ).fetchone():
            result.notes.append(f"{contact.where}: {handle} already belongs to someone; skipped")
        else:
            free.append(handle)
    return free
