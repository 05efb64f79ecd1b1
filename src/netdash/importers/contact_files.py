"""Address-book files (vCard, Google Contacts CSV): which kind a file is, and its contacts,
read for the CLI and the TUI alike."""

from __future__ import annotations

import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from netdash.importers import limits
from netdash.importers.google_contacts import looks_like_google_csv, read_google_lines
from netdash.importers.lines import byte_lines, wide_codec
from netdash.importers.source import BadExport, check_readable
from netdash.importers.vcard import iter_vcard_lines, looks_like_vcard, read_vcard_lines
from netdash.importers.vcard_lines import Charsets
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
            data = handle.read(4096)
    except OSError:
        return None
    if looks_like_vcard(data):
        return "vcard"
    start = data.decode(wide_codec(data[:4]) or "utf-8-sig", errors="replace")
    first_line = start.splitlines()[0] if start else ""
    return "google-contacts" if looks_like_google_csv(first_line) else None


def read_contacts_file(path: Path, source: str, skipped: list[str] | None = None) -> list[Contact]:
    """Every contact in the file, or BadExport naming the file and the place; what is left out
    (an odd line or card of a vCard file) is said in ``skipped``. Held whole, so capped by
    limits.MAX_KEPT_BYTES; an import streams instead (:func:`iter_contacts_file`)."""
    return list(_contacts(path, source, [] if skipped is None else skipped, keep=True))


def iter_contacts_file(
    path: Path, source: str, skipped: list[str] | None = None
) -> Iterator[Contact]:
    """The file's contacts one at a time, so an import of 100,000 cards holds one card, not the
    book. The file is checked (a folder, an unknown source, unreadable) before this returns;
    what is wrong inside it is raised when reached, so the caller reads it in a transaction
    that a refusal rolls back."""
    return _contacts(path, source, [] if skipped is None else skipped, keep=False)


def _contacts(path: Path, source: str, skipped: list[str], *, keep: bool) -> Iterator[Contact]:
    """Read a line at a time, so neither a huge file nor one without line breaks is held whole:
    a vCard file may be limits.MAX_ADDRESS_BOOK_BYTES (photos included), a CSV
    limits.MAX_TABLE_BYTES. ``keep``: the caller holds the cards, so their text is counted."""
    label = str(path)
    if check_readable(path):
        raise BadExport(label, "is a folder; name the address book file")
    if source not in CONTACT_SOURCES:
        raise BadExport(label, f"unknown address book {source!r}")
    _open(path).close()
    return _read(path, source, skipped, keep=keep)


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as error:
        raise BadExport(str(path), f"cannot be read ({error.strerror})") from None


def _read(path: Path, source: str, skipped: list[str], *, keep: bool) -> Iterator[Contact]:
    """Opened only when the first card is asked for, so a reading never begun holds no file."""
    label = str(path)
    count = 0
    with _open(path) as handle:
        if source == "vcard":
            lines = byte_lines(handle, label, limits.MAX_ADDRESS_BOOK_BYTES)
            charsets = Charsets(label, lambda: guess_code_page(path))
            if keep:
                contacts: Iterable[Contact] = read_vcard_lines(lines, label, skipped, charsets)
            else:
                contacts = iter_vcard_lines(lines, label, skipped, charsets)
        else:
            text = byte_lines(handle, label, limits.MAX_TABLE_BYTES)
            contacts = read_google_lines(_decoded(text, label, skipped), label)
        for contact in contacts:
            count += 1
            yield contact
    if not count:
        reason = f": {skipped[0].removeprefix(label + ': ')}" if skipped else ""
        raise BadExport(label, f"holds no contact netdash can use{reason}")


def _decoded(lines: Iterable[tuple[int, str]], label: str, said: list[str]) -> Iterator[str]:
    """A CSV's lines as text: UTF-8 (UTF-16 and UTF-32 already turned into it), or a line at a
    time in Windows-1252 where a line is not UTF-8 — what Outlook and older Google exports
    write — said once, with the first such line."""
    legacy = False
    for number, line in lines:
        data = line.encode("latin-1")
        try:
            yield data.decode("utf-8")
        except UnicodeDecodeError:
            if not legacy:
                legacy = True
                said.append(f"{label}: line {number}: not UTF-8; read as Windows-1252")
            yield data.decode("cp1252", errors="replace")


_DECLARED = re.compile(rb"(?i);\s*CHARSET\s*=\s*\"?([A-Za-z0-9_.-]+)")
SAMPLE_BYTES = 256 * 1024
"""How many bytes of lines with text that is not ASCII a code page is guessed from."""


def guess_code_page(path: Path) -> str:
    """The legacy code page of a vCard file whose undeclared values are not UTF-8: the charset
    its other properties declare most often (a phone that writes ``CHARSET=SHIFT_JIS`` on some
    values wrote the rest in it too), else Windows-1252, the code page of most Western
    address books. Read again a line at a time, with a bounded sample."""
    declared: Counter[str] = Counter()
    sample = 0
    with path.open("rb") as handle:
        for line in handle:
            found = _DECLARED.search(line)
            if not line.isascii():
                sample += len(line)
            if found:
                name = found.group(1).decode("ascii").lower()
                if name.replace("-", "").replace("_", "") not in ("utf8", "usascii", "ascii"):
                    declared[name] += 1
            if sample > SAMPLE_BYTES:
                break
    return declared.most_common(1)[0][0] if declared else "cp1252"
