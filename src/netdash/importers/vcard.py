"""vCard 2.1, 3.0 and 4.0 address books (RFC 2426, RFC 6350), read into :class:`Contact` values.

Written here rather than taken from a library: netdash needs a small subset, and that subset has
to survive what real exports do (Apple's omit-year birthdays and ``itemN.`` labels, Android's
quoted-printable 2.1 cards, folded lines). Structural damage rejects the file with the line to
look at; a value netdash cannot use (an odd birthday, a social profile it cannot read) is skipped,
so one strange card does not cost the user the whole address book.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from netdash.domain.errors import InvalidInput
from netdash.domain.models import Handle
from netdash.domain.names import normalize_handle
from netdash.importers import limits
from netdash.importers.source import BadExport
from netdash.store.contacts import Contact, ContactPoint

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

_BREAK = re.compile(r"\r\n|\r|\n")
_NAME = re.compile(r"[A-Za-z0-9_-]+")
_QUOTED_PRINTABLE = re.compile(r"(?i)(?:^|;)\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(?:;|$)")
_QP_RUN = re.compile(r"(?:=[0-9A-Fa-f]{2})+")
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=\s]+")
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T.*)?")
_BASIC_DATE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T.*)?")
_NO_YEAR = re.compile(r"--([0-9]{2})-?([0-9]{2})")


@dataclass
class _Line:
    """One unfolded content line; ``value`` is still escaped (quoted-printable is decoded)."""

    number: int
    group: str
    name: str
    params: dict[str, list[str]]
    value: str

    def types(self) -> list[str]:
        return [kind.strip().lower() for kind in self.params.get("TYPE", []) if kind.strip()]

    @property
    def binary(self) -> bool:
        return any(e.upper() in ("B", "BASE64") for e in self.params.get("ENCODING", []))


def looks_like_vcard(text_start: str) -> bool:
    """Whether a file's first characters are a vCard's ``BEGIN:VCARD``."""
    return text_start.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD"


def read_vcards(text: str, label: str) -> list[Contact]:
    """Every card in ``text`` (a whole .vcf file); ``label`` names the file in messages."""
    return read_vcard_lines(enumerate(_BREAK.split(text.removeprefix("\ufeff")), 1), label)


def read_vcard_lines(lines: Iterable[tuple[int, str]], label: str) -> list[Contact]:
    """Every card of a .vcf file given as (number, line) one line at a time, so a file of any
    size is read in bounded memory: at most limits.MAX_ROWS cards and limits.MAX_KEPT_BYTES of
    text kept (photos are read past), no property longer than limits.MAX_ENTRY_BYTES, and no
    value longer than :data:`VALUE_CHARS` kept (notes are cut, see :func:`_contact`)."""
    cards: list[Contact] = []
    current: list[_Line] | None = None
    begun = 0
    kept = 0  # what the contacts read so far take
    card = 0  # what the lines of the card being read take
    previous: _Line | None = None
    for number, raw in _unfold(lines, label):
        if previous is not None and previous.binary and _BASE64_LINE.fullmatch(raw):
            continue  # base64 that a 2.1 writer forgot to indent: part of a photo, unused
        line = _parse_line(raw, number, label)
        previous = line
        keyword = line.value.strip().upper()
        if line.name == "BEGIN":
            if keyword != "VCARD":
                raise BadExport(
                    f"{label}: line {number}", f"{_snippet(raw)} does not begin a vCard"
                )
            if current is not None:
                raise BadExport(
                    f"{label}: line {number}",
                    f"BEGIN:VCARD, but the card begun on line {begun} has no END:VCARD",
                )
            current, begun, card = [], number, 0
        elif line.name == "END":
            if current is None:
                raise BadExport(f"{label}: line {number}", "END:VCARD without a BEGIN:VCARD")
            if keyword != "VCARD":
                raise BadExport(f"{label}: line {number}", f"{_snippet(raw)} inside a vCard")
            cards.append(_contact(current, label, len(cards) + 1, begun))
            kept += limits.KEPT_ROW_BYTES + contact_size(cards[-1])
            current = None
            if len(cards) > limits.MAX_ROWS:
                raise BadExport(
                    f"{label}: line {number}",
                    f"more than {limits.MAX_ROWS:,} cards; no real address book has as many",
                )
        elif current is None:
            raise BadExport(
                f"{label}: line {number}",
                f"{_snippet(raw)} is outside any BEGIN:VCARD ... END:VCARD",
            )
        elif not line.binary and line.name not in _UNUSED:
            if len(line.value) > VALUE_CHARS:
                line.value = line.value[:VALUE_CHARS]
            current.append(line)
            card += _LINE_BYTES + limits.kept_size(line.value)
            if kept + card > limits.MAX_KEPT_BYTES:
                raise BadExport(
                    f"{label}: line {number}",
                    f"more than {limits.size(limits.MAX_KEPT_BYTES)} of text besides photos"
                    " to keep in memory (a character with an emoji in its value counts 4"
                    " bytes); no real address book has as much",
                )
    if current is not None:
        raise BadExport(f"{label}: line {begun}", "BEGIN:VCARD has no END:VCARD")
    if not cards:
        raise BadExport(f"{label}: line 1", "empty: no BEGIN:VCARD, so not a vCard file")
    return cards


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
    )


VALUE_CHARS = 2 * limits.MAX_NOTE_CHARS + 2
"""How much of a value is kept as written: escapes (``\\n``) take two characters for one, so
this still holds one character more than limits.MAX_NOTE_CHARS of any value that has them."""

_LINE_BYTES = 512
"""What holding one content line of the card being read costs besides its value."""


_UNUSED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
"""Properties that can be large and that netdash does not read: not kept while a card is read."""


def _unfold(lines: Iterable[tuple[int, str]], label: str) -> Iterator[tuple[int, str]]:
    """Content lines with the physical line each starts on: folds and QP soft breaks joined.

    A photo (or any base64 value) longer than limits.MAX_ENTRY_BYTES is cut short, as it is not
    read; any other content line that long is refused."""
    number = 0
    parts: list[str] = []
    size = 0
    cut = False
    for physical, raw in lines:
        raw = raw.rstrip("\r\n")
        if parts:
            if parts[-1].endswith("=") and _QUOTED_PRINTABLE.search(_head("".join(parts[:2]))):
                parts[-1] = parts[-1][:-1]  # 2.1 soft line break: the next line goes on as is
                size = _grow(parts, raw, size, number, label, cut)
                cut = size < 0
                continue
            if raw[:1] in (" ", "\t"):
                if not cut:
                    size = _grow(parts, raw[1:], size, number, label, cut)
                    cut = size < 0
                continue
            yield number, "".join(parts)
            parts, size, cut = [], 0, False
        if raw.strip():
            number, parts, size = physical, [raw], len(raw)
    if parts:
        yield number, "".join(parts)


def _grow(parts: list[str], more: str, size: int, number: int, label: str, cut: bool) -> int:
    """Add a continuation; -1 once a long photo has been cut short (the rest is not kept)."""
    if cut:
        return -1
    size += len(more)
    if size <= limits.MAX_ENTRY_BYTES:
        parts.append(more)
        return size
    head = _head("".join(parts[:2]))
    name = head.split(";", 1)[0].rpartition(".")[2].strip().upper()
    if name in _UNUSED or re.search(r"(?i)ENCODING\s*=\s*(B|BASE64)\b|;\s*BASE64\b", head):
        del parts[1:]
        parts[0] = head + ":"
        return -1
    raise BadExport(
        f"{label}: line {number}",
        f"{name or 'a property'} is longer than {limits.size(limits.MAX_ENTRY_BYTES)};"
        " no real address book has one that long",
    )


def _head(line: str) -> str:
    """The name and parameters: up to the first colon that is not inside a quoted parameter."""
    colon = _colon(line)
    return line if colon is None else line[:colon]


def _colon(line: str) -> int | None:
    first = line.find(":")
    if first < 0:
        return None
    if '"' not in line[:first]:
        return first
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return first  # an unbalanced quote: the first colon is the best guess


def _split_unquoted(text: str, separator: str) -> list[str]:
    pieces: list[str] = []
    quoted = False
    start = 0
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return pieces


def _parse_line(raw: str, number: int, label: str) -> _Line:
    """``group.NAME;PARAM=a,b;PARAM2="x,y":value``, and 2.1's bare ``TEL;CELL:``."""
    colon = _colon(raw)
    if colon is None:
        raise BadExport(f"{label}: line {number}", f"no ':' in {_snippet(raw)}")
    head, value = raw[:colon], raw[colon + 1 :]
    pieces = _split_unquoted(head, ";")
    group, _, name = pieces[0].strip().rpartition(".")
    if not _NAME.fullmatch(name):
        raise BadExport(f"{label}: line {number}", f"{name!r} is not a property name")
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        key, equals, given = piece.partition("=")
        key = key.strip().upper()
        if not key:
            continue
        if not equals:
            params.setdefault("ENCODING" if key in _ENCODINGS else "TYPE", []).append(key)
            continue
        values = [v.strip().strip('"') for v in _split_unquoted(given, ",")]
        if key == "TYPE":  # TYPE="cell,voice" means two types
            values = [part for v in values for part in v.split(",")]
        params.setdefault(key, []).extend(values)
    line = _Line(number, group.strip(), name.upper(), params, value)
    if any(e.upper() == "QUOTED-PRINTABLE" for e in params.get("ENCODING", [])):
        charset = (params.get("CHARSET") or ["UTF-8"])[0] or "UTF-8"
        line.value = _decode_quoted_printable(value, charset, f"{label}: line {number}")
    return line


def _decode_quoted_printable(value: str, charset: str, where: str) -> str:
    def decode(match: re.Match[str]) -> str:
        return bytes.fromhex(match.group().replace("=", "")).decode(charset, errors="replace")

    try:
        return _QP_RUN.sub(decode, value)
    except (LookupError, ValueError):
        raise BadExport(where, f"CHARSET {charset!r} is not a known character set") from None


def _snippet(raw: str) -> str:
    return repr(raw if len(raw) <= 40 else raw[:40] + "...")


def _split_escaped(value: str, separator: str | None) -> list[str]:
    """Split on unescaped ``separator`` (None: do not split), then undo ``\\, \\; \\\\ \\n``.

    By regular expression, not a character at a time: a 40,000-character note takes no time."""
    if "\\" not in value:
        return [value] if separator is None else value.split(separator)
    pieces: list[str] = []
    start = 0
    if separator is not None:
        for match in re.finditer(r"\\.|" + re.escape(separator), value, re.DOTALL):
            if match.group() == separator:
                pieces.append(_ESCAPE.sub(_unescape, value[start : match.start()]))
                start = match.end()
    pieces.append(_ESCAPE.sub(_unescape, value[start:]))
    return pieces


_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unescape(match: re.Match[str]) -> str:
    following = match.group(1)
    if following in "nN":
        return "\n"
    return following if following in ",;:\\" else match.group()


def _text(value: str) -> str:
    return _split_escaped(value, None)[0].replace("\r\n", "\n").replace("\r", "\n").strip()


def _contact(lines: list[_Line], label: str, number: int, begun: int) -> Contact:
    """One card's properties, mapped; unknown properties and unusable values are left out."""
    where = f"{label}: card {number}, line {begun}"
    for line in lines:
        if line.name == "VERSION" and line.value.strip() not in VERSIONS:
            raise BadExport(
                f"{label}: line {line.number}",
                f"VERSION {line.value.strip()!r} is not supported (2.1, 3.0 or 4.0)",
            )
    apple_labels = {
        line.group.upper(): _apple_label(_text(line.value))
        for line in lines
        if line.name == "X-ABLABEL" and line.group
    }
    contact = Contact(name="", where=where)
    full_names: list[str] = []
    structured: list[str] = []
    notes: list[str] = []
    for line in lines:
        if line.binary:
            continue
        name = line.name
        if name == "FN":
            full_names.append(_text(line.value))
        elif name == "N":
            parts = [p.strip() for p in _split_escaped(line.value, ";")]
            given = [parts[i] for i in (1, 2, 0) if i < len(parts) and parts[i]]
            structured.append(" ".join(given))
        elif name in ("EMAIL", "TEL", "URL", "ADR"):
            point = _point(line, apple_labels)
            if point is not None:
                contact.points.append(point)
                if point.kind == "url":
                    _add_handle(contact, linkedin_handle(point.value))
        elif name == "BDAY" and contact.birthday is None:
            omit = line.params.get("X-APPLE-OMIT-YEAR", [""])[0]
            contact.birthday = parse_birthday(_text(line.value), omit_year=omit)
        elif name == "ORG" and not contact.company:
            contact.company = _split_escaped(line.value, ";")[0].strip() or None
        elif name == "TITLE" and not contact.job_title:
            contact.job_title = _text(line.value) or None
        elif name == "NICKNAME" and not contact.nickname:
            nicknames = [n.strip() for n in _split_escaped(line.value, ",") if n.strip()]
            contact.nickname = nicknames[0] if nicknames else None
        elif name == "NOTE":
            notes.append(_text(line.value))
        elif name == "CATEGORIES":
            for tag in _split_escaped(line.value, ","):
                add_tag(contact.tags, tag)
        elif name == "UID" and not contact.uid:
            contact.uid = _text(line.value) or None
        elif name == "X-SOCIALPROFILE":
            _add_handle(contact, _social_profile(line))
    # one character more than a note may have, so that the import can say it was cut
    contact.notes = "\n".join(note for note in notes if note)[: limits.MAX_NOTE_CHARS + 1]
    emails = [p.value for p in contact.of_kind("email")]
    phones = [p.value for p in contact.of_kind("phone")]
    candidates = [*full_names, *structured, contact.nickname, contact.company, *emails, *phones]
    contact.name = next((c for c in candidates if c), "")
    if not contact.name:
        raise BadExport(where, "no FN, N, NICKNAME, ORG, EMAIL or TEL to name the contact by")
    return contact


def _apple_label(text: str) -> str:
    """``_$!<Other>!$_`` is Apple's word for a standard label; anything else is the user's."""
    if text.startswith("_$!<") and text.endswith(">!$_"):
        return text[4:-4].lower()
    return text


def _point(line: _Line, apple_labels: dict[str, str]) -> ContactPoint | None:
    types = line.types()
    preferred = "pref" in types or any(p.strip() == "1" for p in line.params.get("PREF", []))
    if line.name == "EMAIL":
        kind, ignored = "email", {"internet", "pref", "x400"}
        value = _text(line.value)
        value = value[7:].strip() if value.lower().startswith("mailto:") else value
    elif line.name == "TEL":
        kind, ignored = "phone", {"voice", "pref"}
        value = _text(line.value)
        value = value[4:].strip() if value.lower().startswith("tel:") else value
    elif line.name == "URL":
        kind, ignored, value = "url", {"pref"}, _text(line.value)
    else:
        kind, ignored = "address", {"pref"}
        parts = [
            piece.strip()
            for component in _split_escaped(line.value, ";")
            for piece in _BREAK.split(component)
        ]
        value = ", ".join(part for part in parts if part)
    if not value:
        return None
    label = ",".join(kind_ for kind_ in types if kind_ not in ignored)
    if not label and line.group:
        label = apple_labels.get(line.group.upper(), "")
    return ContactPoint(kind, value, label, preferred)


def add_tag(tags: list[str], tag: str) -> None:
    """Add a label as a tag unless it is empty, already there, or one of Google's own groups."""
    tag = tag.strip().lstrip("*").strip()
    if tag and tag.casefold().replace(" ", "") not in _SYSTEM_LABELS and tag not in tags:
        tags.append(tag)


def _add_handle(contact: Contact, handle: Handle | None) -> None:
    if handle is not None and handle not in contact.handles:
        contact.handles.append(handle)


def _social_profile(line: _Line) -> Handle | None:
    """Apple's ``X-SOCIALPROFILE;type=twitter;x-user=ada:https://twitter.com/ada``."""
    platforms = [t for t in line.types() if t != "pref"]
    platform = platforms[0] if platforms else None
    value = _text(line.value)
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

    ``19930612``, ``--0709`` (4.0), a date-time, and Apple's placeholder year
    (``X-APPLE-OMIT-YEAR=1604`` with ``1604-04-15``) all count.
    """
    value = value.strip()
    match = _ISO_DATE.fullmatch(value) or _BASIC_DATE.fullmatch(value)
    if match:
        year, month, day = match.groups()
        if omit_year.strip() == year:
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
