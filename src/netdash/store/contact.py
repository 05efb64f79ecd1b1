"""The Contact value: what a vCard or a Google Contacts row says about one person.

A plain value shared by both directions: importers turn files into :class:`Contact` values,
:func:`validated` cleans one before anything is written, and
:mod:`netdash.store.contact_import` matches them to people and writes them; the vCard export
(:mod:`netdash.export.vcard`) turns people back into the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netdash.domain.errors import InvalidInput
from netdash.domain.models import CONTACT_KINDS, ContactPoint, Handle
from netdash.domain.names import MAX_NOTE, check_birthday, clean_name, clean_point

__all__ = [
    "ADDRESS_PARTS",
    "CONTACT_KINDS",
    "NAME_PARTS",
    "Contact",
    "ContactPoint",
    "validated",
]

NAME_PARTS = ("family", "given", "additional", "prefixes", "suffixes")
"""vCard ``N``'s components, in its order (RFC 6350 §6.2.2)."""
ADDRESS_PARTS = ("po_box", "extended", "street", "locality", "region", "postal_code", "country")
"""vCard ``ADR``'s components, in its order (RFC 6350 §6.3.1); kept in ContactPoint.parts."""


@dataclass
class Contact:
    """One card or row of an address book, cleaned but not yet matched to anyone.

    ``birthday`` is ``YYYY-MM-DD``, or ``--MM-DD`` when the year is not known. ``where`` names the
    file and place (``contacts.vcf: card 3, line 27``) for messages about this contact.
    ``name_parts`` is the address book's structured name (:data:`NAME_PARTS`), kept as written so
    an export gives back "Mustermann, Heiko" as it came rather than guessing from ``name``.
    ``skipped`` says each value the reader could not use, with its own place, for the import to
    tell the user.
    """

    name: str
    where: str
    points: list[ContactPoint] = field(default_factory=list)
    handles: list[Handle] = field(default_factory=list)
    birthday: str | None = None
    company: str | None = None
    job_title: str | None = None
    nickname: str | None = None
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    uid: str | None = None
    name_parts: tuple[str, ...] | None = None
    skipped: list[str] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[ContactPoint]:
        return [point for point in self.points if point.kind == kind]


def _without_nul(contact: Contact, notes: list[str]) -> None:
    """Text is kept as written, except NUL characters: removed, and said (counted once: the
    structured parts of a name or an address repeat what the name or the address says)."""
    removed = 0

    def clean(text: str) -> str:
        nonlocal removed
        removed += text.count("\0")
        return text.replace("\0", "")

    def part(text: str) -> str:
        return text.replace("\0", "")

    def maybe(text: str | None) -> str | None:
        return None if text is None else clean(text)

    contact.name = clean(contact.name)
    contact.notes = clean(contact.notes)
    contact.company, contact.job_title = maybe(contact.company), maybe(contact.job_title)
    contact.nickname, contact.uid = maybe(contact.nickname), maybe(contact.uid)
    contact.birthday = maybe(contact.birthday)
    contact.tags = [clean(tag) for tag in contact.tags]
    contact.points = [
        ContactPoint(
            point.kind,
            clean(point.value),
            clean(point.label),
            point.preferred,
            tuple(map(part, point.parts)),
        )
        for point in contact.points
    ]
    if contact.name_parts is not None:
        contact.name_parts = tuple(map(part, contact.name_parts))
    contact.handles = [Handle(h.platform, clean(h.handle)) for h in contact.handles]
    if removed:
        notes.append(
            f"{contact.where}: removed {removed} NUL character{'s' if removed != 1 else ''}"
        )


def validated(contact: Contact, notes: list[str]) -> Contact:
    """The contact with a clean name, or InvalidInput naming its place. A birthday or contact
    detail netdash cannot use (1815, an e-mail without an @) is left out and said, not fatal:
    one odd value must not cost the address book; notes longer than a note may be are cut, and
    said."""
    notes.extend(contact.skipped)
    _without_nul(contact, notes)
    if len(contact.notes) > MAX_NOTE:
        contact.notes = contact.notes[:MAX_NOTE]
        notes.append(f"{contact.where}: note cut to {MAX_NOTE:,} characters")
    try:
        contact.name = clean_name(contact.name)
    except InvalidInput as error:
        raise InvalidInput(f"{contact.where}: {error}") from None
    try:
        contact.birthday = check_birthday(contact.birthday)
    except InvalidInput as error:
        notes.append(f"{contact.where}: {error}; skipped")
        contact.birthday = None
    points = []
    for point in contact.points:
        try:
            points.append(clean_point(point))
        except InvalidInput as error:
            notes.append(f"{contact.where}: {error}; skipped")
    contact.points = points
    return contact
