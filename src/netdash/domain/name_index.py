"""Finding people by what is typed so far: any word of a name, alias or handle, from its start,
in any case and with accents folded ("souza" finds Ana Souza, "jose lopez" José García-López).

SQLite folds only ASCII case and never accents, so the forms search a snapshot of the names in
memory instead: every folded word, sorted, so a keystroke is a binary search however many
people the journal holds. The snapshot is read off the UI thread and kept until the journal
changes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

_WORD_BREAKS = re.compile(r"[\s\-\u2010-\u2015_.,'\u2019()/@:]+")
"""What separates the words of a name: spaces, hyphens, dots ("Dr."), apostrophes ("O'Neil")."""


def fold(text: str) -> str:
    """``text`` as compared: accents off, case folded, spacing single ("Élodie" is "elodie").
    Names here, and the words a search marks in what it found (:mod:`.search_text`)."""
    if text.isascii():  # most names: no accents to take off
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def words(text: str, folded: str | None = None) -> list[str]:
    """The folded words of a name, alias or handle (``folded``: ``fold(text)``, if known)."""
    return [word for word in _WORD_BREAKS.split(fold(text) if folded is None else folded) if word]


@dataclass(frozen=True)
class NameEntry:
    """One person as completion shows them."""

    id: int
    name: str
    company: str
    last_contact: str | None
    """``YYYY-MM-DD``, or None when nothing is logged with them."""
    also: tuple[str, ...] = ()
    """Other names they are known by (aliases): found by their words too."""
    handles: tuple[str, ...] = ()
    """Handles, found from their start ("bo" finds ``@bo@example.social``)."""


class NameIndex:
    """Every person's folded words, sorted, for prefix searches by :meth:`search`."""

    def __init__(self, entries: Iterable[NameEntry]) -> None:
        self.entries = list(entries)
        self._folded = [fold(entry.name) for entry in self.entries]
        self._named = Counter(self._folded)
        keys: list[tuple[str, int]] = []
        for at, entry in enumerate(self.entries):
            for text in (entry.name, *entry.also):
                folded = fold(text)
                keys.append((folded, at))  # whole, so "ana sou" finds "Ana Souza"
                keys.extend((word, at) for word in words(text, folded) if word != folded)
            keys.extend((fold(handle.lstrip("@")), at) for handle in entry.handles)
        ordered = sorted(keys)
        self._keys = [key for key, _ in ordered]
        self._owners = [at for _, at in ordered]
        self._at_by_id: dict[int, int] = {}
        self._placed = 0

    def logged(self, added: Iterable[NameEntry], contacted: Mapping[int, str]) -> None:
        """Take in one entry logged in this app: the people it added, and the day it was with
        whom (``contacted``: id to ``YYYY-MM-DD``, a later day than one known wins). Building the
        index again is ~90 ms of Python on 10,000 people, which the next form's Enter and the
        layers' refresh would wait on; this is a few list inserts."""
        for entry in added:
            at = len(self.entries)
            self.entries.append(entry)
            folded = fold(entry.name)
            self._folded.append(folded)
            self._named[folded] += 1
            for key in {folded, *words(entry.name, folded)}:
                where = bisect_left(self._keys, key)
                self._keys.insert(where, key)
                self._owners.insert(where, at)
        places = self._places()
        for person_id, day in contacted.items():
            place = places.get(person_id)
            if place is not None and day > (self.entries[place].last_contact or ""):
                self.entries[place] = replace(self.entries[place], last_contact=day)

    def _places(self) -> dict[int, int]:
        """Where each person's entry is in :attr:`entries`: made at the first entry logged (a
        walk of everyone, 2.5 ms of the Enter's frame on 10,000 people each time) and kept up
        to date as people are added."""
        for at in range(self._placed, len(self.entries)):
            self._at_by_id[self.entries[at].id] = at
        self._placed = len(self.entries)
        return self._at_by_id

    def shares_name(self, entry: NameEntry) -> bool:
        """Someone else has this name too (case and accents aside): the name alone is not them."""
        return self._named[fold(entry.name)] > 1

    def _starting(self, prefix: str) -> set[int]:
        """The entries with a key starting with ``prefix``: one range of the sorted keys."""
        found: set[int] = set()
        at = bisect_left(self._keys, prefix)
        while at < len(self._keys) and self._keys[at].startswith(prefix):
            found.add(self._owners[at])
            at += 1
        return found

    def search(self, typed: str, limit: int = 8) -> list[NameEntry]:
        """The people ``typed`` may mean, best first: the whole name as typed, then names that
        start with it, then those with a word (or alias, or handle) starting with it, or with
        each word typed ("jose lopez"). Among equals, the one logged with most recently first,
        then by name."""
        text = fold(typed)
        parts = words(typed)
        if not text or not parts:
            return []
        found = self._starting(text.lstrip("@")) | set.intersection(
            *(self._starting(part) for part in parts)
        )

        def rank(at: int) -> tuple[int, str, str]:
            name = self._folded[at]
            tier = 0 if name == text else 1 if name.startswith(text) else 2
            # newest first: the date's digits turned round, so an ascending sort puts it first
            recency = (self.entries[at].last_contact or "").translate(_NEWEST_FIRST) or "~"
            return tier, recency, name

        return [self.entries[at] for at in sorted(found, key=rank)[:limit]]


_NEWEST_FIRST = str.maketrans("0123456789", "9876543210")
