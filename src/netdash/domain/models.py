"""Frozen records passed between the core, the CLI and the TUI, and the journal's vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from netdash.domain.errors import InvalidInput

#: Kinds of interaction, slug -> label. Order is the order forms offer them in.
KINDS: dict[str, str] = {
    "in_person": "in person",
    "call": "call",
    "video": "video call",
    "message": "message",
    "event": "event",
    "helped_them": "helped them",
    "helped_me": "they helped me",
    "introduction": "introduction",
    "other": "other",
}
DEFAULT_KIND = "in_person"

#: Who started the interaction.
INITIATORS: dict[str, str] = {"me": "me", "them": "them", "mutual": "both"}
DEFAULT_INITIATOR = "me"

#: How deep it went, 1-5; the depth model (a later issue) reads these as intimacy.
DEPTHS: dict[int, str] = {
    1: "small talk",
    2: "catch-up",
    3: "real talk",
    4: "personal",
    5: "heart to heart",
}
DEFAULT_DEPTH = 2

#: What an outcome can be, and how a person can have helped bring it about.
OUTCOME_KINDS = (
    "job",
    "client",
    "collaboration",
    "introduction",
    "talk",
    "money_raised",
    "advice",
    "other",
)
CREDIT_ROLES = ("introduced", "referred", "advised", "collaborated")


CONTACT_KINDS = ("email", "phone", "url", "address")
"""What a contact point can be; the journal keeps any number of each per person."""


@dataclass(frozen=True)
class ContactPoint:
    """One way to reach a person: an e-mail address, a phone number, a web page, a postal address.

    ``label`` is the address book's own word for it (``work``, ``cell``, ``Other``), lower-cased
    where it came from a vCard TYPE, kept as written otherwise; ``preferred`` marks the one the
    address book puts first (vCard ``PREF``/``type=pref``, Google's leading ``*``).
    """

    kind: str
    value: str
    label: str = ""
    preferred: bool = False
    parts: tuple[str, ...] = field(default=(), compare=False)
    """An address's seven vCard ADR components as written (po box ... country), when known;
    ``value`` is their one-line form. Not compared: the one line is the same address."""


@dataclass(frozen=True)
class Handle:
    """A person's account on one platform; the link between a follower and a real person."""

    platform: str
    handle: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.handle}"


@dataclass(frozen=True)
class PersonRef:
    """Just enough of a person to name and link them."""

    id: int
    name: str


@dataclass(frozen=True)
class PersonRow:
    """One line of the people list."""

    id: int
    name: str
    last_contact: date | None
    interactions: int
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    """Everything the journal knows about one person."""

    id: int
    name: str
    met_on: date | None
    how_met: str | None
    introduced_by: PersonRef | None
    notes: str
    closeness: int | None
    cadence_days: int | None
    handles: tuple[Handle, ...]
    tags: tuple[str, ...]
    last_contact: date | None
    interactions: int
    created_at: str
    birthday: str | None = None
    """``YYYY-MM-DD``, or ``--MM-DD`` when the year is not known."""
    company: str | None = None
    job_title: str | None = None
    points: tuple[ContactPoint, ...] = ()
    """E-mails, phones, web pages and addresses, preferred first."""
    pinned_layer: int | None = None
    """The Dunbar layer they are kept in whatever their score (5, 15, 50, 150), if pinned."""
    snoozed_until: date | None = None
    """Out of the reach-out queue until this day."""
    cadence_max_days: int | None = None
    """The most days between contacts they set ("at worst 6 weeks"); only with a cadence."""
    aliases: tuple[str, ...] = ()
    """Words the user knows them by ("mom", "my sister"), case-folded: the log line finds them."""

    def of_kind(self, kind: str) -> tuple[ContactPoint, ...]:
        return tuple(point for point in self.points if point.kind == kind)


@dataclass(frozen=True)
class Interaction:
    """One journal entry: when, with whom, what kind, who started it, how deep, a note."""

    id: int
    occurred_on: date
    kind: str
    initiated_by: str
    depth: int
    note: str
    people: tuple[PersonRef, ...]
    tags: tuple[str, ...] = field(default=())
    source_import: int | None = None
    """The import that added it from a calendar, chat, call log or mailbox; None if typed."""

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class AudienceRow:
    """The latest follower data point for one platform account."""

    platform: str
    account: str
    followers: int | None
    following: int | None
    as_of: str
    source: str
    previous_followers: int | None
    previous_as_of: str | None = None
    """When the point a change is measured against was true, and how it came in."""
    previous_source: str | None = None


#: Dunbar's layers: how many people fit each circle of closeness, innermost first.
LAYERS = (5, 15, 50, 150)


def check_layer(layer: int | None) -> int | None:
    """A layer a person can be pinned to: one of :data:`LAYERS`, or None for none."""
    if layer not in (None, *LAYERS):
        raise InvalidInput(f"a layer is 5, 15, 50 or 150, not {layer}", field="pinned_layer")
    return layer
