"""Address-book files: which kind a file is, and its contacts, for the CLI and the TUI alike."""

from __future__ import annotations

from pathlib import Path

from netdash.importers.google_contacts import looks_like_google_csv, read_google_csv
from netdash.importers.source import BadExport
from netdash.importers.vcard import looks_like_vcard, read_vcards
from netdash.store.contacts import Contact

CONTACT_SOURCES = ("vcard", "google-contacts")
"""The address books `netdash import` reads, by the name the user gives."""


def detect_contacts(path: Path) -> str | None:
    """``vcard`` or ``google-contacts`` if the file is an address book, else None."""
    if not path.is_file():
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
    """Every contact in the file, or BadExport naming the file and the place."""
    if not path.is_file():
        raise BadExport(str(path), "no such file" if not path.exists() else "not a file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadExport(
            str(path), f"byte {error.start} is not UTF-8; export the address book as UTF-8"
        ) from None
    except OSError as error:
        raise BadExport(str(path), f"cannot be read ({error.strerror})") from None
    if source == "vcard":
        contacts = read_vcards(text, str(path))
    elif source == "google-contacts":
        contacts = read_google_csv(text, str(path))
    else:
        raise BadExport(str(path), f"unknown address book {source!r}")
    if not contacts:
        raise BadExport(str(path), "holds no contacts")
    return contacts
