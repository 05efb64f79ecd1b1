"""Contacts written as vCard 3.0 (RFC 2426) or 4.0 (RFC 6350), for any address book to import.

3.0 is the default because it is what Apple and Google both read and write; 4.0 is offered for
the tools that want it. What :func:`netdash.importers.vcard.read_vcards` reads back from these
cards is the contact that went in (``where`` aside).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sqlite_utils import Database

from netdash.store import document
from netdash.store.contact import Contact, ContactPoint

WRITABLE_VERSIONS = ("3.0", "4.0")
_PROPERTIES = {"email": "EMAIL", "phone": "TEL", "url": "URL", "address": "ADR"}
_FULL_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_NO_YEAR = re.compile(r"--([0-9]{2})-([0-9]{2})")
_LINE_OCTETS = 75


def people_as_contacts(db: Database) -> Iterator[Contact]:
    """Every person with what an address book can hold, in name order."""
    points = document.points_by_person(db)
    handles = document.handles_by_person(db)
    tags = document.tags_by_person(db)
    uids = document.uids_by_person(db)
    name_parts = document.name_parts_by_person(db)
    for person_id, name, birthday, company, job_title, notes in document.card_rows(db):
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
            name_parts=name_parts.get(person_id),
        )


def write_vcards(contacts: Iterable[Contact], version: str = "3.0") -> Iterator[str]:
    """Each contact's card, CRLF-terminated and folded; join them for a .vcf file.

    The version is checked here, not when the first card is asked for, so a bad one fails early.
    """
    if version not in WRITABLE_VERSIONS:
        raise ValueError(f"vCard version {version!r} cannot be written; use 3.0 or 4.0")
    return (_card(contact, version) for contact in contacts)


def _card(contact: Contact, version: str) -> str:
    parts = contact.name_parts or name_parts(contact.name)
    lines = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        "PRODID:-//netdash//netdash//EN",
        f"FN:{escape(contact.name)}",
        "N:" + ";".join(escape(part) for part in parts),
    ]
    if contact.nickname:
        lines.append(f"NICKNAME:{escape(contact.nickname)}")
    if contact.company:
        lines.append(f"ORG:{escape(contact.company)}")
    if contact.job_title:
        lines.append(f"TITLE:{escape(contact.job_title)}")
    for point in contact.points:
        if point.kind in _PROPERTIES:
            lines.append(_point(point, version))
    birthday = _birthday(contact.birthday or "", version)
    if birthday:
        lines.append(birthday)
    if contact.notes:
        lines.append(f"NOTE:{escape(contact.notes)}")
    if contact.tags:
        lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in contact.tags))
    if contact.uid:
        lines.append(f"UID:{escape(contact.uid)}")
    for handle in contact.handles:
        value = f"https://{handle.handle}" if handle.platform == "linkedin" else handle.handle
        lines.append(f"X-SOCIALPROFILE;type={_param(handle.platform)}:{escape(value)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def _point(point: ContactPoint, version: str) -> str:
    """``EMAIL;TYPE=work,pref:`` in 3.0, ``EMAIL;TYPE=work;PREF=1:`` in 4.0."""
    types = [_param(point.label)] if point.label.strip() else []
    params = ""
    if version == "3.0":
        types += ["pref"] if point.preferred else []
        params = f";TYPE={','.join(types)}" if types else ""
    else:
        params = (f";TYPE={types[0]}" if types else "") + (";PREF=1" if point.preferred else "")
    name = _PROPERTIES[point.kind]
    if name == "ADR" and len(point.parts) == 7:
        value = ";".join(escape(part) for part in point.parts)
    elif name == "ADR":
        # typed as one line: whole into the street component, where every reader shows it
        value = f";;{escape(point.value)};;;;"
    else:
        value = escape(point.value)
    if name == "URL" and point.value.split(":", 1)[0].lower() in IM_SCHEMES:
        name = "IMPP"  # RFC 4770 in 3.0, RFC 6350 in 4.0; URL would make it a web page
    return f"{name}{params}:{value}"


IM_SCHEMES = frozenset({"xmpp", "skype", "sip", "sips", "aim", "msnim", "ymsgr", "icq", "irc"})
"""Messaging addresses kept as web-address contact points, written back as ``IMPP``."""

_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_PLAIN_WORD = re.compile(r"[^\W\d_](?:[\w'\u2019-]*[^\W\d_])?")


def name_parts(name: str) -> tuple[str, str, str, str, str]:
    """``N`` for a name typed into netdash, split only where the split is plain.

    "Ada Lovelace" is given "Ada", family "Lovelace"; "Mustermann, Heiko" is family
    "Mustermann", given "Heiko". Anything else (one word, three words, initials, titles, a CJK
    name whose order netdash cannot know) goes whole into the given name with the family empty:
    Apple, Google and Thunderbird then show the name as written and sort it by its first letter,
    where a wrong guess would show "Heiko Mustermann," or swap a Chinese name's order.
    """
    name = " ".join(name.split())
    if not _CJK.search(name):
        if name.count(",") == 1:
            family, given = (part.strip() for part in name.split(","))
            if _plain(family) and _plain(given):
                return (family, given, "", "", "")
        words = name.split(" ")
        if len(words) == 2 and all(_PLAIN_WORD.fullmatch(word) for word in words):
            return (words[1], words[0], "", "", "")
    return ("", name, "", "", "")


def _plain(part: str) -> bool:
    words = part.split(" ")
    return 1 <= len(words) <= 2 and all(_PLAIN_WORD.fullmatch(word) for word in words)


def _birthday(birthday: str, version: str) -> str | None:
    """``BDAY``: 3.0 marks a year-less date with Apple's placeholder year, 4.0 writes ``--MMDD``."""
    if match := _FULL_DATE.fullmatch(birthday):
        year, month, day = match.groups()
        return f"BDAY:{year}{month}{day}" if version == "4.0" else f"BDAY:{birthday}"
    if match := _NO_YEAR.fullmatch(birthday):
        month, day = match.groups()
        if version == "4.0":
            return f"BDAY:--{month}{day}"
        return f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{month}-{day}"
    return None


def escape(value: str) -> str:
    """A text value with ``\\``, ``,``, ``;`` and line breaks escaped (RFC 6350 §3.4)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _param(value: str) -> str:
    """A parameter value: no quotes or control characters, quoted if it holds ``;`` or ``:``."""
    value = "".join(char for char in value if char != '"' and (char.isprintable() or char == " "))
    return f'"{value}"' if any(char in value for char in ";:") else value


def fold(line: str) -> str:
    """Break a content line every 75 octets (CRLF and a space), never inside a UTF-8 character."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8", errors="surrogatepass"))
        if size + width > _LINE_OCTETS:
            pieces.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n".join(pieces)
