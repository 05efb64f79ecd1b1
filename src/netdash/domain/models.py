"""Frozen records passed between the core, the CLI and the TUI.

The journal's vocabularies live in :mod:`netdash.domain.vocabulary`, the small naming records in
:mod:`netdash.domain.refs` and the follower count in :mod:`netdash.domain.audience_row`: each
record class costs about half a millisecond to make at import, so a path imports only the module
of what it uses. They are re-exported here, so ``from netdash.domain.models import ...`` works
for every name it ever held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from netdash.domain.audience_row import AudienceRow
from netdash.domain.refs import Handle, PersonRef
from netdash.domain.vocabulary import (
    CONTACT_KINDS,
    CREDIT_ROLES,
    DEFAULT_DEPTH,
    DEFAULT_INITIATOR,
    DEFAULT_KIND,
    DEPTHS,
    INITIATORS,
    KINDS,
    LAYERS,
    OUTCOME_KINDS,
    check_layer,
)

__all__ = [
    "CONTACT_KINDS",
    "CREDIT_ROLES",
    "DEFAULT_DEPTH",
    "DEFAULT_INITIATOR",
    "DEFAULT_KIND",
    "DEPTHS",
    "INITIATORS",
    "KINDS",
    "LAYERS",
    "OUTCOME_KINDS",
    "AudienceRow",
    "ContactPoint",
    "Handle",
    "Interaction",
    "Person",
    "PersonRef",
    "PersonRow",
    "check_layer",
]


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
