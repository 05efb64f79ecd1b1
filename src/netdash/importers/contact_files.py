"""Address-book files (vCard, Google Contacts CSV): which kind a file is, and its contacts,
read for the CLI and the TUI alike."""

from __future__ import annotations

import stat
from pathlib import Path

from netdash.importers import limits
from netdash.importers.google_contacts import looks_like_google_csv, read_google_lines
from netdash.importers.source import BadExport, check_readable, text_lines
from netdash.importers.vcard import looks_like_vcard, read_vcard_lines
from netdash.store.contact import Contact

CONTACT_SOURCES = ("vcard", "google-contacts")
"""The address books `netdash import` reads, by the name the user gives."""


def detect_contacts(path: Path) -> str | None:
    """``vcard`` or ``google-contacts`` if the file is an address book, else None."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
    except OSError:
        return None
    if path.suffix.lower() in (".vcf", ".vcard"):
        return "vcard"
    try:
        with path.open("rb") as handle:
            start = handle.read(4096).decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    if looks_like_vcard(start):
        return "vcard"
    first_line = start.splitlines()[0] if start else ""
    return "google-contacts" if looks_like_google_csv(first_line) else None


def read_contacts_file(path: Path, source: str) -> list[Contact]:
    """Every contact in the file, or BadExport naming the file and the place.

    Read a line at a time, so neither a huge file nor one without line breaks is held whole:
    a vCard file may be limits.MAX_ADDRESS_BOOK_BYTES (photos included), a CSV
    limits.MAX_TABLE_BYTES."""
    label = str(path)
    if check_readable(path):
        raise BadExport(label, "is a folder; name the address book file")
    if source not in CONTACT_SOURCES:
        raise BadExport(label, f"unknown address book {source!r}")
    try:
        handle = path.open("rb")
    except OSError as error:
        raise BadExport(label, f"cannot be read ({error.strerror})") from None
    with handle:
        if source == "vcard":
            lines = text_lines(handle, label, limits.MAX_ADDRESS_BOOK_BYTES)
            contacts = read_vcard_lines(lines, label)
        else:
            lines = text_lines(handle, label, limits.MAX_TABLE_BYTES)
            contacts = read_google_lines((line for _, line in lines), label)
    if not contacts:
        raise BadExport(label, "holds no contacts")
    return contacts
