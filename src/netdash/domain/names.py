"""Names, handles, tags and contact points as people type them: the rules, without the journal.

Pure so the store, the importers and the forms all check input the same way before any SQL runs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from netdash.domain.dates import check_past, today
from netdash.domain.errors import InvalidInput
from netdash.domain.vocabulary import CONTACT_KINDS

if TYPE_CHECKING:  # no record class is made for a path that only shortens names (kit, stats)
    from netdash.domain.models import ContactPoint
    from netdash.domain.refs import Handle

#: A person as a form field or a command takes them: a name followed by their id ("John Smith
#: #12", "John Smith (#12)"), or the id alone.
NAMED_ID = re.compile(r"(?P<name>.*?)\s*\(?#(?P<id>[0-9]{1,18})\)?")

TITLES_BEFORE = frozenset("dr mr mrs ms mx miss prof sir dame rev fr".split())
"""Titles written before a name, not part of it: "Dr. José García-López" is José García-López,
in a log line and in the duplicate finder alike."""

#: Handles on these platforms are written with a leading "@" but stored without it.
KNOWN_PLATFORMS = (
    "twitter",
    "mastodon",
    "bluesky",
    "github",
    "linkedin",
    "instagram",
    "facebook",
)

#: Typed as handles (``--handle email:ada@example.org``) but kept as contact points.
CONTACT_PLATFORMS = ("email", "phone")

MAX_NAME_LENGTH = 200
"""The longest name a person (or an organisation) can have. A reference longer than this and
:data:`MAX_TEXT_LENGTH` names nobody, so it is never handed to SQLite as a LIKE pattern (which
refuses patterns over 50,000 bytes)."""

MAX_TEXT_LENGTH = 500
"""The longest handle, tag or contact point (an e-mail address, a phone number, a URL)."""

MAX_NOTE = 20_000
"""The longest note, on a person or an interaction (a page of text, ten times over)."""


def check_length(what: str, text: str, most: int, *, field: str | None = None) -> str:
    """Refuse text longer than ``most``, naming what it is and how long it was."""
    if len(text) > most:
        raise InvalidInput(
            f"{what} is {len(text):,} characters long; {most} is the most", field=field
        )
    return text


def shorten(text: str, most: int = 60) -> str:
    """Text as a message quotes it: a 60,000-character name is not echoed back whole."""
    return text if len(text) <= most else f"{text[: most - 1]}… ({len(text):,} characters)"


def clean_name(name: str) -> str:
    """Collapse runs of whitespace; an empty name is refused, everything else kept as typed."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("a person needs a name", field="name")
    return check_length("name", cleaned, MAX_NAME_LENGTH, field="name")


def normalize_handle(platform: str, handle: str) -> Handle:
    """Lower-case platform and handle, drop a leading '@': these platforms ignore case."""
    platform = platform.strip().lower()
    handle = handle.strip()
    if not platform or not platform.replace("-", "").replace("_", "").isalnum():
        raise InvalidInput(
            f"{shorten(platform)!r} is not a platform name (e.g. mastodon, github)", field="handles"
        )
    if handle.startswith("@"):
        handle = handle[1:]
    handle = handle.lower()
    if platform == "linkedin":
        # a profile URL, however it was copied: linkedin.com/in/<name>
        handle = handle.split("://", 1)[-1].removeprefix("www.").rstrip("/")
    if not handle or any(ch.isspace() or not ch.isprintable() for ch in handle):  # ESC, U+202E
        raise InvalidInput(f"{shorten(handle)!r} is not a handle on {platform}", field="handles")
    check_length("platform", platform, MAX_TEXT_LENGTH, field="handles")
    from netdash.domain.refs import Handle

    return Handle(platform, check_length("handle", handle, MAX_TEXT_LENGTH, field="handles"))


def parse_handle_spec(spec: str) -> Handle:
    """Parse ``PLATFORM:HANDLE`` as typed on the command line (``mastodon:@ada@example.social``)."""
    platform, sep, handle = spec.partition(":")
    if not sep:
        raise InvalidInput(
            f"handle {shorten(spec)!r} should be PLATFORM:HANDLE, e.g. github:ada", field="handles"
        )
    return normalize_handle(platform, handle)


def clean_tag(tag: str) -> str:
    """A tag as kept: without spaces around it or a leading '#'."""
    return check_length("tag", tag.strip().lstrip("#"), MAX_TEXT_LENGTH, field="tags")


def alias_key(name: str) -> str:
    """How a name is compared with names an address book gives: case and spacing set aside."""
    return " ".join(name.casefold().split())


def check_birthday(text: str | None) -> str | None:
    """A birthday as ``YYYY-MM-DD``, or ``--MM-DD`` without the year; refuse anything else."""
    if not text:
        return None
    text = text.strip()
    try:
        if text.startswith("--"):
            date.fromisoformat("2000-" + text[2:])  # a leap year, so --02-29 is a birthday
            if len(text) != 7:
                raise ValueError
        else:
            date.fromisoformat(text)
            if len(text) != 10:
                raise ValueError
    except ValueError:
        raise InvalidInput(
            f"birthday {shorten(text)!r} should be YYYY-MM-DD, or --MM-DD without a year",
            field="birthday",
        ) from None
    if not text.startswith("--"):
        try:
            check_past(date.fromisoformat(text), today())
        except InvalidInput as error:
            raise InvalidInput(f"birthday {error}", field="birthday") from None
    return text


def normalize_email(value: str) -> str:
    """An e-mail address with its domain lower-cased and its local part as written.

    RFC 5321 lets a server treat ``Ada.Lovelace`` and ``ada.lovelace`` as two mailboxes, so
    the local part is kept; the domain never differs by case. ``"Ada" <ada@example.org>`` and
    ``mailto:`` give the bare address. Matching by e-mail still ignores case wholly (the
    journal's index is ``COLLATE NOCASE``), so addresses stored lower-cased before still match.
    """
    value = value.strip()
    if value.endswith(">") and "<" in value:
        value = value[value.rindex("<") + 1 : -1].strip()
    if value[:7].lower() == "mailto:":
        value = value[7:].strip()
    local, at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}" if at else value


def clean_point(point: ContactPoint) -> ContactPoint:
    """Trim a contact point and refuse an unknown kind or an empty value; an e-mail's domain
    lower-cased (see :func:`normalize_email`)."""
    if point.kind not in CONTACT_KINDS:
        raise InvalidInput(
            f"{point.kind!r} is not a contact kind ({', '.join(CONTACT_KINDS)})", field="points"
        )
    value = " ".join(point.value.split())
    if point.kind == "email":
        value = normalize_email(value)
        if "@" not in value or " " in value:
            raise InvalidInput(f"{shorten(point.value)!r} is not an e-mail address", field="points")
    if not value:
        raise InvalidInput(f"an empty {point.kind}", field="points")
    if re.search(r"[\x00-\x1f\x7f-\x9f]", value):  # ESC [2J, OSC 52, C1 CSI: never a contact point
        raise InvalidInput(
            f"{shorten(point.value)!r}: a control character in a {point.kind}", field="points"
        )
    check_length(point.kind, value, MAX_TEXT_LENGTH, field="points")
    if point.kind == "phone" and not any(ch.isdigit() for ch in value):
        raise InvalidInput(
            f"{shorten(point.value)!r} is not a phone number: it has no digits", field="points"
        )
    return replace(point, value=value, label=point.label.strip().lower())


def check_note(notes: str, *, field: str = "notes") -> str:
    if len(notes) > MAX_NOTE:
        raise InvalidInput(
            f"note is {len(notes):,} characters long; {MAX_NOTE:,} is the most", field=field
        )
    return notes


def check_ranges(closeness: int | None, cadence_days: int | None) -> None:
    """Closeness on its 1-5 scale and a cadence of at least a day; None leaves either unset."""
    if closeness is not None and not 1 <= closeness <= 5:
        raise InvalidInput(f"closeness is 1 to 5, not {closeness}", field="closeness")
    if cadence_days is not None and cadence_days <= 0:
        raise InvalidInput(
            f"cadence is a number of days above 0, not {cadence_days}", field="cadence_days"
        )
