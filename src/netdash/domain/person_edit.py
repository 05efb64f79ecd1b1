"""A person edit as one value: the lists a form holds, set against the lists the journal holds.

The person form shows handles, tags, e-mails and phones whole; the store adds and removes. Which
is which is worked out here, without a screen or a journal, so the rules (an untouched value is
kept exactly as stored, only new values are checked) live in one place and are tested directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from netdash.domain.errors import InvalidInput
from netdash.domain.models import ContactPoint, Handle, Person
from netdash.domain.names import clean_point, normalize_email, parse_handle_spec

T = TypeVar("T")

#: The contact kinds the person form edits; others (web pages, addresses) it leaves alone.
FORM_KINDS = ("email", "phone")


@dataclass(frozen=True)
class ListChanges(Generic[T]):
    """What to add to a stored list and what to take from it to reach the list wanted."""

    add: tuple[T, ...] = ()
    remove: tuple[T, ...] = ()


@dataclass(frozen=True)
class DetailChanges:
    """Everything a person edit does to the lists hanging off the person."""

    handles: ListChanges[Handle]
    tags: ListChanges[str]
    points: ListChanges[ContactPoint]


def list_changes(stored: Sequence[T], wanted: Sequence[T]) -> ListChanges[T]:
    """Adds in the order wanted, removes in the order stored; what both hold is left alone."""
    return ListChanges(
        add=tuple(item for item in wanted if item not in stored),
        remove=tuple(item for item in stored if item not in wanted),
    )


def wanted_handles(person: Person, specs: Sequence[str]) -> list[Handle]:
    """Parse ``PLATFORM:HANDLE`` specs; one shown as stored is kept as stored, unparsed, so a
    handle that predates today's rules is never refused or rewritten just for being there."""
    known = {str(handle): handle for handle in person.handles}
    return [known.get(spec) or parse_handle_spec(spec) for spec in specs]


def wanted_points(person: Person, kind: str, values: Sequence[str]) -> list[ContactPoint]:
    """E-mails lower-cased, phones with their spacing tidied, blanks dropped; only values the
    person does not have yet are checked, so a stored oddity never blocks a save. A refusal
    names the form's box (``emails``, ``phones``), not the store's ``points``."""
    points = [ContactPoint(kind, _tidy(kind, value)) for value in values]
    held = {(point.kind, point.value) for point in person.points}
    for point in points:
        if point.value and (point.kind, point.value) not in held:
            try:
                clean_point(point)
            except InvalidInput as error:
                raise InvalidInput(str(error), field=f"{kind}s") from error
    return [point for point in points if point.value]


def _tidy(kind: str, value: str) -> str:
    return normalize_email(value) if kind == "email" else " ".join(value.split())


def point_changes(person: Person, wanted: Sequence[ContactPoint]) -> ListChanges[ContactPoint]:
    """Compare by kind and value only: a stored point keeps its label and preference."""
    stored = [point for point in person.points if point.kind in FORM_KINDS]
    stored_keys = {(point.kind, point.value) for point in stored}
    wanted_keys = {(point.kind, point.value) for point in wanted}
    return ListChanges(
        add=tuple(point for point in wanted if (point.kind, point.value) not in stored_keys),
        remove=tuple(point for point in stored if (point.kind, point.value) not in wanted_keys),
    )


def detail_changes(
    person: Person,
    *,
    handles: Sequence[str],
    tags: Sequence[str],
    emails: Sequence[str],
    phones: Sequence[str],
) -> DetailChanges:
    """The adds and removes that take ``person`` to the lists given, each list whole.

    Refusals come in the order a reader meets the boxes: handles, then e-mails, then phones.
    """
    handle_list = wanted_handles(person, handles)
    points = [*wanted_points(person, "email", emails), *wanted_points(person, "phone", phones)]
    return DetailChanges(
        handles=list_changes(person.handles, handle_list),
        tags=list_changes(person.tags, tags),
        points=point_changes(person, points),
    )
