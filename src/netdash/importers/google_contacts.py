"""Google Contacts' "Google CSV" export, current and legacy header, read into :class:`Contact`.

Google changes the columns: the current export has ``First Name``/``Labels``/``E-mail 1 - Label``,
the one before it ``Name``/``Group Membership``/``E-mail 1 - Type``, and both repeat groups only
as often as the widest contact needs. So columns are found by name, and the repeating groups by
a pattern on the header, never by position.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from netdash.importers import limits
from netdash.importers.source import BadExport
from netdash.importers.vcard_card import add_tag, contact_size, linkedin_handle, parse_birthday
from netdash.store.contact import Contact, ContactPoint

_GROUP = re.compile(r"(E-mail|Phone|Address|Website) ([0-9]+) - (.+)")
_KINDS = {"E-mail": "email", "Phone": "phone", "Address": "address", "Website": "url"}
_SLASHED = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ADDRESS_PARTS = (
    "PO Box",
    "Extended Address",
    "Street",
    "City",
    "Region",
    "Postal Code",
    "Country",
)
_UNINFORMATIVE = ("Labels", "Group Membership", "Photo", "File As")
"""Columns that alone do not make a row a contact (Google lists everyone in ``myContacts``)."""
EXPECTED = (
    "'First Name,Middle Name,Last Name,...,Labels,E-mail 1 - Label,...'"
    " or the older 'Name,Given Name,Additional Name,Family Name,...,Group Membership,...'"
)


def looks_like_google_csv(header_line: str) -> bool:
    """Whether a CSV's first line is a Google Contacts header, current or legacy."""
    try:
        header = next(csv.reader([header_line.removeprefix("\ufeff").rstrip("\r\n")]), [])
    except csv.Error:
        return False
    return _layout([cell.strip() for cell in header]) is not None


def _layout(header: Sequence[str]) -> str | None:
    names = set(header)
    grouped = any(_GROUP.fullmatch(name) for name in header)
    if {"First Name", "Last Name"} <= names and ("Labels" in names or grouped):
        return "current"
    if {"Given Name", "Family Name"} <= names and ("Group Membership" in names or grouped):
        return "legacy"
    return None


def read_google_csv(text: str, label: str) -> list[Contact]:
    """Every contact row of a Google Contacts CSV; ``label`` names the file in messages."""
    return read_google_lines(io.StringIO(text.removeprefix("\ufeff"), newline=""), label)


def read_google_lines(lines: Iterable[str], label: str) -> list[Contact]:
    """Every contact row of a Google Contacts CSV given one line at a time (with its line
    break), at most limits.MAX_ROWS rows and limits.MAX_KEPT_BYTES of contacts kept; a row is
    read, turned into a contact and dropped."""
    reader = csv.reader(iter(lines), strict=True)
    start = 1
    try:
        first = next(reader, None)
    except csv.Error as error:
        raise BadExport(f"{label}: line {start}", f"not valid CSV ({error})") from None
    if first is None:
        raise BadExport(
            f"{label}: line 1", f"empty file; expected a Google Contacts header {EXPECTED}"
        )
    header = [cell.strip() for cell in first]
    layout = _layout(header)
    if layout is None:
        shown = ",".join(header[:4])[:60]
        raise BadExport(
            f"{label}: line 1", f"{shown!r} is not a Google Contacts header; expected {EXPECTED}"
        )
    table = _Table(header)
    contacts: list[Contact] = []
    kept = rows = 0
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader, None)
        except csv.Error as error:
            raise BadExport(f"{label}: line {start}", f"not valid CSV ({error})") from None
        if row is None:
            return contacts
        line, start = start, reader.line_num + 1
        if len(row) > len(header):
            raise BadExport(
                f"{label}: line {line}", f"{len(row)} cells but the header has {len(header)}"
            )
        rows += 1
        if rows > limits.MAX_ROWS:
            raise BadExport(
                f"{label}: line {line}",
                f"more than {limits.MAX_ROWS:,} rows; Google keeps 25,000 contacts at most",
            )
        contact = table.contact(row, f"{label}: line {line}", legacy=layout == "legacy")
        if contact is not None:
            contacts.append(contact)
            kept += limits.KEPT_ROW_BYTES + contact_size(contact)
            if kept > limits.MAX_KEPT_BYTES:
                raise BadExport(
                    f"{label}: line {line}",
                    f"more than {limits.size(limits.MAX_KEPT_BYTES)} of contacts to keep in"
                    " memory (a character with an emoji in its value counts 4 bytes);"
                    " no real address book has as much",
                )


class _Table:
    """Where each column is, and the numbered groups (``E-mail 2 - Value``) the header has."""

    def __init__(self, header: list[str]) -> None:
        self.index: dict[str, int] = {}
        for position, name in enumerate(header):
            self.index.setdefault(name, position)
        groups: dict[tuple[str, int], dict[str, int]] = {}
        for name, position in self.index.items():
            match = _GROUP.fullmatch(name)
            if match:
                kind, number, part = match.groups()
                groups.setdefault((kind, int(number)), {})[part] = position
        self.groups = sorted(groups.items(), key=lambda item: (item[0][0], item[0][1]))
        self.informative = [
            position for name, position in self.index.items() if name not in _UNINFORMATIVE
        ]

    def cell(self, row: list[str], *names: str) -> str:
        """The first of ``names`` that the header has and the row fills in."""
        for name in names:
            position = self.index.get(name)
            if position is not None and position < len(row) and row[position].strip():
                return row[position].strip()
        return ""

    def contact(self, row: list[str], where: str, *, legacy: bool) -> Contact | None:
        if not any(row[p].strip() for p in self.informative if p < len(row)):
            return None
        contact = Contact(name="", where=where)
        for kind in ("E-mail", "Phone", "Address", "Website"):
            for (group_kind, _), columns in self.groups:
                if group_kind == kind:
                    contact.points.extend(_points(_KINDS[kind], row, columns))
        for point in contact.of_kind("url"):
            handle = linkedin_handle(point.value)
            if handle is not None and handle not in contact.handles:
                contact.handles.append(handle)
        birthday = self.cell(row, "Birthday")
        contact.birthday = _birthday(birthday)
        if birthday and contact.birthday is None:
            contact.skipped.append(
                f"{where}: birthday {birthday[:40]!r} is not a date whose day and month are"
                " plain; skipped"
            )
        contact.company = self.cell(row, "Organization Name", "Organization 1 - Name") or None
        contact.job_title = self.cell(row, "Organization Title", "Organization 1 - Title") or None
        contact.nickname = self.cell(row, "Nickname") or None
        notes = self.cell(row, "Notes").replace("\r\n", "\n").replace("\r", "\n")
        # one character more than a note may have, so that the import can say it was cut
        contact.notes = notes[: limits.MAX_NOTE_CHARS + 1]
        for tag in self.cell(row, "Labels", "Group Membership").split(":::"):
            add_tag(contact.tags, tag)
        name = self._name(row, contact, legacy=legacy)
        emails = [p.value for p in contact.of_kind("email")]
        phones = [p.value for p in contact.of_kind("phone")]
        candidates = [" ".join(name.split()), contact.nickname, contact.company, *emails, *phones]
        contact.name = next((c for c in candidates if c), "")
        if not contact.name:
            raise BadExport(
                where, "no name, nickname, organization, e-mail or phone to name the contact by"
            )
        return contact

    def _name(self, row: list[str], contact: Contact, *, legacy: bool) -> str:
        """The display name; the structured name kept in the vCard ``N`` order."""
        if legacy:
            columns = ("Family Name", "Given Name", "Additional Name", "Name Prefix", "Name Suffix")
        else:
            columns = ("Last Name", "First Name", "Middle Name", "Name Prefix", "Name Suffix")
        parts = tuple(self.cell(row, column) for column in columns)
        if any(parts):
            contact.name_parts = parts
        built = " ".join(part for part in (parts[1], parts[2], parts[0]) if part)
        return (self.cell(row, "Name") if legacy else "") or built


def _points(kind: str, row: list[str], columns: dict[str, int]) -> list[ContactPoint]:
    """One group's values: several joined by ' ::: ' in a cell; a leading '* ' marks preferred."""

    def get(part: str) -> str:
        position = columns.get(part)
        return row[position].strip() if position is not None and position < len(row) else ""

    label = get("Label") or get("Type")
    preferred = label.startswith("*")
    label = label.removeprefix("*").strip()
    if kind == "address":
        formatted = get("Formatted")
        parts = tuple(get(part) for part in _ADDRESS_PARTS)
        if formatted:
            values = [_one_line(v) for v in formatted.split(":::")]
        else:
            values = [_one_line("\n".join(parts))]
        if len(values) == 1 and ":::" not in "".join(parts) and any(parts):
            return [ContactPoint(kind, values[0], label, preferred, parts)] if values[0] else []
    else:
        values = [v.strip() for v in get("Value").split(":::")]
    points: list[ContactPoint] = []
    for value in values:
        if value:
            points.append(ContactPoint(kind, value, label, preferred and not points))
    return points


def _one_line(address: str) -> str:
    return ", ".join(part.strip() for part in address.splitlines() if part.strip())


def _birthday(value: str) -> str | None:
    """``YYYY-MM-DD`` or ``--MM-DD``; ``MM/DD/YYYY`` only when the order is plain (a day > 12)."""
    found = parse_birthday(value)
    if found is not None or not (match := _SLASHED.fullmatch(value)):
        return found
    first, second, year = (int(part) for part in match.groups())
    if first > 12 >= second:
        first, second = second, first  # DD/MM/YYYY
    elif second <= 12:
        return None  # 04/05/1990: April 5 or 4 May? Better no birthday than a wrong one.
    return parse_birthday(f"{year:04d}-{first:02d}-{second:02d}")
