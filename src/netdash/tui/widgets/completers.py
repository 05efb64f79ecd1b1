"""What the forms' boxes complete: people (by any word of a name, alias or handle) and tags.

Each is a :class:`~netdash.tui.widgets.completion.Completer` for
:class:`~netdash.tui.widgets.completion.CompletingInput`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from sqlite_utils import Database

from netdash.domain.name_index import NameEntry, NameIndex, fold
from netdash.domain.names import NAMED_ID
from netdash.store.completion import name_index
from netdash.store.tags import TagUse, tag_uses
from netdash.tui.text import count_of, plain
from netdash.tui.widgets.completion import LIST_ROWS, Choice, Completer, Part, update_kept

if TYPE_CHECKING:
    from textual.app import App

    from netdash.store.journal import Logged

NAME_CHARS = 32
"""The most of a name (or company) a choice shows."""


def names_after_log(
    app: App[Any], logged: Logged, occurred_on: date, *, before: int, after: int
) -> None:
    """The names the forms complete, brought up to date with an entry logged here (people it
    added, the day it was with whom) rather than read again on the next form's open."""
    day = occurred_on.isoformat()
    added = [NameEntry(ref.id, ref.name, "", day) for ref in logged.created]
    contacted = {ref.id: day for ref in logged.people}

    def update(index: NameIndex) -> None:
        index.logged(added, contacted)

    update_kept(app, PeopleCompleter.key, before, after, update)


def as_typed(entry: NameEntry, index: NameIndex) -> str:
    """How a taken person reads in the box: their name when it names them alone, else with
    their id ("John Smith #12"), or the id alone when the name could not be read back (a
    comma would split it)."""
    if "," in entry.name or ":" in entry.name or NAMED_ID.fullmatch(entry.name):
        return f"#{entry.id}"
    if index.shares_name(entry):
        return f"{entry.name} #{entry.id}"
    return entry.name


def describe(entry: NameEntry) -> Text:
    """A choice as shown: the name, then what tells people apart (company, last contact)."""
    line = plain(entry.name, width=NAME_CHARS)
    details = [entry.company[:NAME_CHARS]] if entry.company else []
    details.append(f"last {entry.last_contact}" if entry.last_contact else "never logged")
    line.append(plain("  " + " · ".join(details), "dim"))
    return line


class PeopleCompleter(Completer[NameIndex]):
    """A box of people: one name, or several separated by commas (``several``); a credit's
    role after a colon (``roles``) is not a name, so there nothing is completed. A name
    several people share goes in with the id of the one chosen (``ids``)."""

    key: ClassVar[str] = "names"

    def __init__(self, *, several: bool = True, roles: bool = False, ids: bool = True) -> None:
        self.several = several
        self.roles = roles
        self.ids = ids
        """Pick one of several people who share a name by id; without, the name (a filter
        means all of them)."""

    def load(self, db: Database) -> NameIndex:
        return name_index(db)

    def part(self, value: str, cursor: int) -> Part | None:
        start = value.rfind(",", 0, cursor) + 1 if self.several else 0
        while start < cursor and value[start] == " ":
            start += 1
        stops = [len(value)]
        if self.several:
            stops += [at for at in (value.find(",", cursor),) if at >= 0]
        if self.roles:
            stops += [at for at in (value.find(":", cursor),) if at >= 0]
        end = min(stops)
        typed = value[start:end]
        if not typed.strip() or "#" in typed or (self.roles and ":" in value[start:cursor]):
            return None  # nothing typed, an id, or a role
        return Part(start, end, typed)

    def choices(self, data: NameIndex, part: Part, value: str) -> list[Choice]:
        return [
            Choice(describe(entry), as_typed(entry, data) if self.ids else entry.name)
            for entry in data.search(part.typed, limit=LIST_ROWS)
        ]


_TAG_BREAK = re.compile(r"[\s,]")


class TagCompleter(Completer[list[TagUse]]):
    """A box of tags separated by spaces or commas, each with or without a ``#``: completes
    the word typed from the tags in use, most used first, leaving out those already there."""

    key: ClassVar[str] = "tags"

    def load(self, db: Database) -> list[TagUse]:
        return [use for use in tag_uses(db) if use.uses]

    def part(self, value: str, cursor: int) -> Part | None:
        start = max((m.end() for m in _TAG_BREAK.finditer(value, 0, cursor)), default=0)
        after = _TAG_BREAK.search(value, cursor)
        end = after.start() if after else len(value)
        return Part(start, end, value[start:end]) if start < end else None

    def choices(self, data: list[TagUse], part: Part, value: str) -> list[Choice]:
        hashed = part.typed.startswith("#")
        typed = fold(part.typed.lstrip("#"))
        there = {fold(word.lstrip("#")) for word in _TAG_BREAK.split(value)} - {typed}
        folded = [(fold(use.name), use) for use in data]
        fitting = [use for name, use in folded if name.startswith(typed) and name not in there]
        fitting.sort(key=lambda use: fold(use.name) != typed)  # as typed first, else most used
        found = []
        for use in fitting[:LIST_ROWS]:
            shown = plain(("#" if hashed else "") + use.name, width=NAME_CHARS)
            people = count_of(use.people, "person", "people")
            entries = count_of(use.entries, "entry", "entries")
            shown.append(Text(f"  {people} · {entries}", "dim"))
            found.append(Choice(shown, ("#" if hashed else "") + use.name))
        return found
