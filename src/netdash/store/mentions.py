"""Who a log line names: each mention resolved to one person (an id, a handle, a known name,
an alias or a former name), or to a new person, or refused with the candidates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlite_utils import Database

from netdash.domain.errors import Ambiguous, InvalidInput, about
from netdash.domain.names import clean_name, shorten
from netdash.store.aliases import capitalised, first_named, people_by_alias
from netdash.store.journal import NewPerson, PersonChoice
from netdash.store.people import find_people
from netdash.store.same_name import describe_person, person_by_id

if TYPE_CHECKING:  # the grammar is loaded only by the commands that parse a line
    from netdash.domain.quicklog import Mention


def resolve_mentions(db: Database, mentions: Sequence[Mention]) -> list[PersonChoice]:
    """Match each mention to one person: an ``#id`` is that person, a new name is a new
    person, an unknown handle fails, and a name several people share asks for an id."""
    return [found.choice for found in resolve_found(db, mentions)]


@dataclass(frozen=True)
class Resolved:
    """A person a log names, with how they were found: ``id``, ``handle``, ``known`` (by name or
    first name, any case), ``alias``, ``former name`` (before a rename or a merge) or ``new``;
    and the words that named them."""

    choice: PersonChoice
    how: str
    written: str


def resolve_found(db: Database, mentions: Sequence[Mention]) -> list[Resolved]:
    """:func:`resolve_mentions`, saying how each person was found. Names come before aliases,
    except where the line found the words as an alias; each person once, where first named."""
    found: list[Resolved] = []
    for item in mentions:
        choice, how = _resolve_one(db, item)
        if all(choice != earlier.choice for earlier in found):
            found.append(Resolved(choice, how, str(item)))
    return found


def _resolve_one(db: Database, item: Mention) -> tuple[PersonChoice, str]:
    if item.person_id is not None:
        with about("people"):
            return person_by_id(db, item.person_id, item.text).id, "id"
    if item.how == "alias":
        how, matches = people_by_alias(db, item.text)
        if len(matches) == 1:
            return matches[0].id, how
    matches = find_people(db, item.text)
    if not matches and item.how and not item.text.isascii():  # "élodie", known as "Élodie"
        matches = find_people(db, capitalised(item.text)) or first_named(db, item.text)
    if matches:
        how = "handle" if item.is_handle else "known"
    elif not item.is_handle:
        how, matches = people_by_alias(db, item.text)
    if len(matches) > 1:
        raise Ambiguous(str(item), [describe_person(db, m) for m in matches])
    if matches:
        return matches[0].id, how
    if item.is_handle:
        handle = shorten(item.text)
        raise InvalidInput(
            f"@{handle} matches nobody in the journal: write their name instead, or add "
            f"the handle first (netdash people add NAME --handle PLATFORM:{handle})",
            field="people",
        )
    with about("people"):
        return NewPerson(clean_name(item.text)), "new"
