"""The Contact value: what a vCard or a Google Contacts row says about one person.

A plain value shared by both directions: importers turn files into :class:`Contact` values and
:mod:`netdash.store.contact_import` matches them to people and writes them; the vCard export
(:mod:`netdash.export.vcard`) turns people back into the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netdash.domain.models import CONTACT_KINDS, ContactPoint, Handle

__all__ = ["ADDRESS_PARTS", "CONTACT_KINDS", "NAME_PARTS", "Contact", "ContactPoint"]

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
