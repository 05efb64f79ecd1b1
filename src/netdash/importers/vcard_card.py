"""One vCard's properties given their meaning: names (and the structured ``N`` parts), contact
details, messaging accounts and social profiles, birthdays with or without a year. A value
netdash cannot use is skipped and said with its own line; :mod:`netdash.importers.vcard` reads
the file's cards and hands each one here."""

from __future__ import annotations

import re
import urllib.parse
from datetime import date

from netdash.domain.errors import InvalidInput
from netdash.domain.models import Handle
from netdash.domain.names import normalize_email, normalize_handle
from netdash.importers import limits
from netdash.importers.source import BadExport
from netdash.importers.vcard_lines import (
    BREAK,
    ContentLine,
    snippet,
    split_escaped,
    text_value,
)
from netdash.store.contact import Contact, ContactPoint

VERSIONS = ("2.1", "3.0", "4.0")
SOCIAL_PLATFORMS = ("twitter", "linkedin", "github", "instagram", "facebook", "mastodon", "bluesky")
_PLATFORM_ALIASES = {"x": "twitter", "bsky": "bluesky"}
_PLATFORM_HOSTS = {
    "twitter.com": "twitter",
    "x.com": "twitter",
    "github.com": "github",
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "bsky.app": "bluesky",
    "linkedin.com": "linkedin",
}
_SYSTEM_LABELS = frozenset({"mycontacts", "starred", "starredinandroid"})
"""Google's own groups: every contact is in them, so as tags they say nothing."""

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T.*)?")
_BASIC_DATE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T.*)?")
_NO_YEAR = re.compile(r"--([0-9]{2})-?([0-9]{2})")
PLACEHOLDER_YEAR = "1604"
"""The year Apple and Thunderbird's CardBook write for a birthday without one (``16040101``):
no one netdash knows was born in it, so it always means "no year"."""


def contact_size(contact: Contact) -> int:
    """The memory a contact's text takes (limits.MAX_KEPT_BYTES is counted in it)."""
    return limits.kept_size(
        contact.name,
        contact.where,
        contact.company,
        contact.job_title,
        contact.nickname,
        contact.uid,
        contact.birthday,
        contact.notes,
        *contact.tags,
        *(point.value for point in contact.points),
        *(point.label for point in contact.points),
        *(handle.handle for handle in contact.handles),
        *(contact.name_parts or ()),
        *(part for point in contact.points for part in point.parts),
    )


_IM_SCHEMES = {
    "X-SKYPE": "skype",
    "X-JABBER": "xmpp",
    "X-AIM": "aim",
    "X-ICQ": "icq",
    "X-MSN": "msnim",
    "X-YAHOO": "ymsgr",
    "X-GOOGLE-TALK": "xmpp",
}
"""The 2.1/3.0 era's one-service properties, and the IMPP scheme each one means."""


def card_contact(lines: list[ContentLine], label: str, number: int, begun: int) -> Contact:
    """One card's properties, mapped; unknown properties are left out, and a value netdash
    cannot use is skipped and said (in ``skipped``, with its own line)."""
    where = f"{label}: card {number}, line {begun}"
    _check_version(lines, label)
    apple_labels = {
        line.group.upper(): _apple_label(text_value(line.value))
        for line in lines
        if line.name == "X-ABLABEL" and line.group
    }
    contact = Contact(name="", where=where)
    full_names: list[str] = []
    notes: list[str] = []
    for line in lines:
        if line.binary:
            continue
        name = line.name
        if name == "FN":
            full_names.append(text_value(line.value))
        elif name == "NOTE":
            notes.append(text_value(line.value))
        else:
            _property(contact, line, apple_labels, label)
    # one character more than a note may have, so that the import can say it was cut
    # (accounts on services without an address scheme are already there: see _messaging)
    notes.append(contact.notes)
    contact.notes = "\n".join(note for note in notes if note)[: limits.MAX_NOTE_CHARS + 1]
    emails = [p.value for p in contact.of_kind("email")]
    phones = [p.value for p in contact.of_kind("phone")]
    structured = _structured_name(contact.name_parts)
    candidates = [*full_names, structured, contact.nickname, contact.company, *emails, *phones]
    contact.name = next((c for c in candidates if c), "")
    if not contact.name:
        raise BadExport(where, "no FN, N, NICKNAME, ORG, EMAIL or TEL to name the contact by")
    return contact


def _property(
    contact: Contact, line: ContentLine, apple_labels: dict[str, str], label: str
) -> None:
    """What one content line other than FN and NOTE adds to the contact."""
    name = line.name
    if name == "N" and contact.name_parts is None:
        parts = [p.strip() for p in split_escaped(line.value, ";")][:5]
        contact.name_parts = tuple(parts + [""] * (5 - len(parts)))
    elif name in ("EMAIL", "TEL", "URL", "ADR"):
        point = _point(line, apple_labels)
        if point is not None:
            contact.points.append(point)
            if point.kind == "url":
                _add_handle(contact, linkedin_handle(point.value))
    elif name == "BDAY" and contact.birthday is None:
        contact.birthday = _birthday(line, contact, label)
    elif name == "ORG" and not contact.company:
        contact.company = split_escaped(line.value, ";")[0].strip() or None
    elif name == "TITLE" and not contact.job_title:
        contact.job_title = text_value(line.value) or None
    elif name == "NICKNAME" and not contact.nickname:
        nicknames = [n.strip() for n in split_escaped(line.value, ",") if n.strip()]
        contact.nickname = nicknames[0] if nicknames else None
    elif name == "CATEGORIES":
        for tag in split_escaped(line.value, ","):
            add_tag(contact.tags, tag)
    elif name == "UID" and not contact.uid:
        contact.uid = text_value(line.value) or None
    elif name == "X-SOCIALPROFILE" or name == "IMPP" or name in _IM_SCHEMES:
        _messaging(contact, line, apple_labels, label)


def _structured_name(parts: tuple[str, ...] | None) -> str:
    """``N``'s given, additional and family names in the Western order, for a card with no FN."""
    if parts is None:
        return ""
    return " ".join(parts[i] for i in (3, 1, 2, 0, 4) if parts[i])


def _birthday(line: ContentLine, contact: Contact, label: str) -> str | None:
    """A ``BDAY`` value, or None and a note saying it was skipped."""
    value = text_value(line.value)
    omit = line.params.get("X-APPLE-OMIT-YEAR", [""])[0]
    as_text = any(v.strip().lower() == "text" for v in line.params.get("VALUE", []))
    found = None if as_text else parse_birthday(value, omit_year=omit)
    if found is None and value:
        contact.skipped.append(
            f"{label}: line {line.number}: birthday {snippet(value)} is not a date; skipped"
        )
    return found


def _messaging(
    contact: Contact, line: ContentLine, apple_labels: dict[str, str], label: str
) -> None:
    """A messaging or social account: a handle where netdash knows the platform, otherwise a
    web-address contact point (``skype:ada``, ``xmpp:ada@jabber.org``) that the person's page
    shows and the vCard export writes back as ``IMPP``. An account with no address of its own
    (Apple's ``X-SERVICE-TYPE=QQ:x-apple:ada``) becomes a line of the notes ("QQ: ada"), where
    the user sees it; only a value that names nothing is skipped, and said."""
    value = text_value(line.value)
    service = line.params.get("X-SERVICE-TYPE", [""])[0].strip().lower()
    types = [t for t in line.types() if t != "pref"]
    if line.name == "X-SOCIALPROFILE":
        found = _social_profile(line)
        service = service or (types[0] if types else "")
    else:
        found = profile_handle(service or None, value, url_only=True)
    if found is None and service in SOCIAL_PLATFORMS:
        found = profile_handle(service, value.split(":", 1)[-1] if ":" in value else value)
    if found is not None:
        _add_handle(contact, found)
        return
    if line.name in _IM_SCHEMES and value:
        value = f"{_IM_SCHEMES[line.name]}:{value}"
    elif value.lower().startswith("x-apple:"):
        value = urllib.parse.unquote(value[8:]).strip()
    named = line.params.get("X-SERVICE-TYPE", [""])[0].strip() or (types[0] if types else "")
    if value and ":" not in value and "." not in value and named:
        contact.notes = "\n".join(n for n in (contact.notes, f"{named}: {value}") if n)
        return
    if not value or (":" not in value and "." not in value):
        if value or service:
            contact.skipped.append(
                f"{label}: line {line.number}: {line.name} {snippet(value)} names no account;"
                " skipped"
            )
        return
    words = service or (line.name[2:].lower() if line.name.startswith("X-") else "")
    tag = words or apple_labels.get(line.group.upper(), "") or ",".join(types)
    preferred = "pref" in line.types() or any(p.strip() == "1" for p in line.params.get("PREF", []))
    point = ContactPoint("url", value, tag, preferred)
    if point not in contact.points:
        contact.points.append(point)


def _check_version(lines: list[ContentLine], label: str) -> None:
    for line in lines:
        if line.name == "VERSION" and line.value.strip() not in VERSIONS:
            raise BadExport(
                f"{label}: line {line.number}",
                f"VERSION {line.value.strip()!r} is not supported (2.1, 3.0 or 4.0)",
            )


def _apple_label(text: str) -> str:
    """``_$!<Other>!$_`` is Apple's word for a standard label; anything else is the user's."""
    if text.startswith("_$!<") and text.endswith(">!$_"):
        return text[4:-4].lower()
    return text


def _point(line: ContentLine, apple_labels: dict[str, str]) -> ContactPoint | None:
    types = line.types()
    preferred = "pref" in types or any(p.strip() == "1" for p in line.params.get("PREF", []))
    if line.name == "EMAIL":
        kind, ignored = "email", {"internet", "pref", "x400"}
        value = normalize_email(text_value(line.value))  # '"Omega" <omega@x.org>' too
    elif line.name == "TEL":
        kind, ignored = "phone", {"voice", "pref"}
        value = text_value(line.value)
        value = value[4:].strip() if value.lower().startswith("tel:") else value
    elif line.name == "URL":
        kind, ignored, value = "url", {"pref"}, text_value(line.value)
    else:
        kind, ignored = "address", {"pref"}
        components = [c.strip() for c in split_escaped(line.value, ";")][:7]
        parts = tuple(components + [""] * (7 - len(components)))
        pieces = [piece.strip() for component in components for piece in BREAK.split(component)]
        value = ", ".join(piece for piece in pieces if piece)
    if not value:
        return None
    label = ",".join(kind_ for kind_ in types if kind_ not in ignored)
    if not label and line.group:
        label = apple_labels.get(line.group.upper(), "")
    return ContactPoint(kind, value, label, preferred, parts if kind == "address" else ())


def add_tag(tags: list[str], tag: str) -> None:
    """Add a label as a tag unless it is empty, already there, or one of Google's own groups."""
    tag = tag.strip().lstrip("*").strip()
    if tag and tag.casefold().replace(" ", "") not in _SYSTEM_LABELS and tag not in tags:
        tags.append(tag)


def _add_handle(contact: Contact, handle: Handle | None) -> None:
    if handle is not None and handle not in contact.handles:
        contact.handles.append(handle)


def _social_profile(line: ContentLine) -> Handle | None:
    """Apple's ``X-SOCIALPROFILE;type=twitter;x-user=ada:https://twitter.com/ada``."""
    platforms = [t for t in line.types() if t != "pref"]
    platform = platforms[0] if platforms else None
    value = text_value(line.value)
    found = profile_handle(platform, value, url_only=True)
    if found is None and platform is not None:
        users = [u for u in line.params.get("X-USER", []) if u.strip()]
        found = profile_handle(platform, users[0] if users else value)
    return found


def profile_handle(platform: str | None, value: str, *, url_only: bool = False) -> Handle | None:
    """The account a profile URL, ``x-apple:ada`` or bare ``@ada`` names on ``platform``.

    A URL's host wins over ``platform`` (a ``type=twitter`` profile pointing at GitHub is a
    GitHub account); with ``url_only`` anything that is not a URL of a known host gives None.
    Whatever cannot be a handle gives None rather than an error.
    """
    platform = _PLATFORM_ALIASES.get(platform or "", platform)
    value = value.strip()
    if value.lower().startswith("x-apple:"):
        value = urllib.parse.unquote(value[8:]).strip()
    found = _from_url(platform, value)
    if found is not None:
        return found
    if url_only or platform not in SOCIAL_PLATFORMS or "://" in value:
        return None
    if platform == "linkedin":
        bare = value.lstrip("@")
        if not bare or "/" in bare:
            return None
        return _normalized(platform, f"linkedin.com/in/{bare}")
    if "/" in value or (platform == "mastodon" and "@" not in value.lstrip("@")):
        return None
    return _normalized(platform, value)


def linkedin_handle(url: str) -> Handle | None:
    """The LinkedIn account a ``linkedin.com/in/<name>`` web address names, if it is one."""
    found = _from_url("linkedin", url.strip())
    return found if found is not None and found.platform == "linkedin" else None


def _from_url(platform: str | None, value: str) -> Handle | None:
    address = value if "://" in value else f"https://{value}"
    try:
        parsed = urllib.parse.urlsplit(address)
        host = (parsed.hostname or "").lower()
    except ValueError:
        return None
    if "://" not in value and not _known_host(host):
        return None  # a bare handle, not a scheme-less URL
    segments = [urllib.parse.unquote(s) for s in parsed.path.split("/") if s]
    known = _known_host(host)
    if known is None:
        if platform == "mastodon" and host and segments and segments[0][:1] == "@":
            return _normalized("mastodon", f"{segments[0]}@{host}")
        return None
    if platform not in (None, "linkedin") and known == "linkedin":
        return None  # a LinkedIn link given for another platform says nothing about that one
    if known == "linkedin":
        if len(segments) >= 2 and segments[0] == "in":
            return _normalized("linkedin", f"linkedin.com/in/{segments[1]}")
        return None
    if known == "bluesky":
        if len(segments) >= 2 and segments[0] == "profile":
            return _normalized("bluesky", segments[1])
        return None
    if known == "facebook" and segments[:1] == ["profile.php"]:
        ids = urllib.parse.parse_qs(parsed.query).get("id", [])
        return _normalized("facebook", ids[0]) if ids else None
    return _normalized(known, segments[0]) if segments else None


def _known_host(host: str) -> str | None:
    for suffix, platform in _PLATFORM_HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return platform
    return None


def _normalized(platform: str, handle: str) -> Handle | None:
    try:
        return normalize_handle(platform, handle)
    except InvalidInput:
        return None


def parse_birthday(value: str, *, omit_year: str = "") -> str | None:
    """``YYYY-MM-DD`` or ``--MM-DD`` from the forms address books write; None if unusable.

    ``19930612``, ``--0709`` (4.0), ``--07-09`` (Google), a date-time, and the placeholder
    year 1604 (Apple's ``X-APPLE-OMIT-YEAR=1604``, CardBook's ``16040101``) all count.
    """
    value = value.strip()
    match = _ISO_DATE.fullmatch(value) or _BASIC_DATE.fullmatch(value)
    if match:
        year, month, day = match.groups()
        if omit_year.strip() == year or year == PLACEHOLDER_YEAR:
            return _month_day(month, day)
        try:
            return date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            return None
    match = _NO_YEAR.fullmatch(value)
    return _month_day(*match.groups()) if match else None


def _month_day(month: str, day: str) -> str | None:
    try:
        date(2000, int(month), int(day))  # a leap year, so 29 February counts
    except ValueError:
        return None
    return f"--{month}-{day}"
