"""Aliases: the words a person is known by in the journal ("mom", "my sister", "the landlord").

Kept in ``person_aliases`` with kind ``alias`` (m018), case-folded, one person per alias (a
partial unique index). The log line finds them, as it finds names, through
:class:`JournalNames`: the store's answer to the grammar's question "which of these phrases name
someone?", a few index probes for the whole line.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence

from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.domain.known_names import HOWS
from netdash.domain.log_words import clean_alias
from netdash.domain.names import MAX_NAME_LENGTH, alias_key, shorten
from netdash.domain.refs import PersonRef


def aliases_of(db: Database, person_id: int) -> tuple[str, ...]:
    """The aliases the user gave a person, in alphabetical order."""
    rows = db.execute(
        "SELECT value FROM person_aliases WHERE person_id = ? AND kind = 'alias' ORDER BY value",
        [person_id],
    ).fetchall()
    return tuple(str(row[0]) for row in rows)


def add_aliases(db: Database, person_id: int, aliases: Sequence[str]) -> None:
    """Give a person aliases (inside the caller's transaction); refuse one another person has,
    or one that is someone else's name: the log line could not tell which was meant."""
    for alias in aliases:
        key = clean_alias(alias)
        owner = db.execute(
            "SELECT p.id, p.name FROM person_aliases a JOIN people p ON p.id = a.person_id"
            " WHERE a.kind = 'alias' AND a.value = ?",
            [key],
        ).fetchone()
        if owner is not None and owner[0] != person_id:
            raise InvalidInput(
                f"{key!r} is already an alias of {shorten(owner[1])} (#{owner[0]}): remove it"
                f" there first (netdash people edit '#{owner[0]}' --remove-alias '{key}')",
                field="aliases",
            )
        named = _named(db, key)
        if named is not None and named.id != person_id:
            raise InvalidInput(
                f"{key!r} is the name of {shorten(named.name)} (#{named.id}): an alias must"
                " mean only this person",
                field="aliases",
            )
        db.execute(
            "INSERT OR IGNORE INTO person_aliases(person_id, kind, value) VALUES (?, 'alias', ?)",
            [person_id, key],
        )


def _named(db: Database, key: str) -> PersonRef | None:
    from netdash.store.same_name import same_name

    matches = same_name(db, key)
    return matches[0] if matches else None


def remove_aliases(db: Database, person_id: int, who: str, aliases: Sequence[str]) -> None:
    """Take aliases away (inside the caller's transaction); refuse one they do not have."""
    for alias in aliases:
        key = alias_key(alias)
        gone = db.execute(
            "DELETE FROM person_aliases WHERE person_id = ? AND kind = 'alias' AND value = ?",
            [person_id, key],
        ).rowcount
        if not gone:
            have = ", ".join(repr(a) for a in aliases_of(db, person_id)) or "none"
            raise InvalidInput(
                f"{shorten(who)} has no alias {shorten(key)!r} (their aliases: {have})",
                field="aliases",
            )


def people_by_alias(db: Database, text: str) -> tuple[str, list[PersonRef]]:
    """Who ``text`` means as an alias, or failing that as a name they had (a rename, a merge):
    how (``alias`` or ``former name``) and the people, or ``("", [])``."""
    key = alias_key(text)
    if not key or len(key) > MAX_NAME_LENGTH:
        return "", []
    for kind, how in (("alias", "alias"), ("name", "former name")):
        rows = db.execute(
            "SELECT p.id, p.name FROM person_aliases a JOIN people p ON p.id = a.person_id"
            " WHERE a.kind = ? AND a.value = ? ORDER BY p.id",
            [kind, key],
        ).fetchall()
        if rows:
            return how, [PersonRef(int(row[0]), str(row[1])) for row in rows]
    return "", []


# Each part a search of one index per phrase: the alias and former-name keys (the primary key
# of person_aliases), a name in any ASCII case (people_name, NOCASE), and a name starting with
# the phrase and a space (a range on the same index: "ana" finds "Ana Souza").
_KNOWN = """
WITH phrases(phrase) AS (SELECT DISTINCT value FROM json_each(?))
SELECT phrase, 'name' FROM phrases
 WHERE EXISTS (SELECT 1 FROM people WHERE name = phrase COLLATE NOCASE)
UNION ALL SELECT phrase, 'alias' FROM phrases
 WHERE EXISTS (SELECT 1 FROM person_aliases WHERE kind = 'alias' AND value = phrase)
UNION ALL SELECT phrase, 'first name' FROM phrases
 WHERE EXISTS (SELECT 1 FROM people WHERE name COLLATE NOCASE >= phrase || ' '
               AND name COLLATE NOCASE < phrase || '!')
UNION ALL SELECT phrase, 'former name' FROM phrases
 WHERE EXISTS (SELECT 1 FROM person_aliases WHERE kind = 'name' AND value = phrase)
"""


class JournalNames:
    """The journal as the log line's grammar sees it (:class:`~netdash.domain.known_names.
    KnownNames`): which phrases name someone, and how, surest first."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def known(self, phrases: Collection[str]) -> dict[str, str]:
        asked = {phrase: phrase for phrase in phrases if 0 < len(phrase) <= MAX_NAME_LENGTH}
        # SQLite's NOCASE folds only ASCII: "élodie" is asked as "Élodie" too
        asked.update({capitalised(phrase): phrase for phrase in asked if not phrase.isascii()})
        if not asked:
            return {}
        found: dict[str, str] = {}
        for answer, how in self.db.execute(_KNOWN, [json.dumps(list(asked))]).fetchall():
            phrase = asked[str(answer)]
            if phrase not in found or HOWS.index(how) < HOWS.index(found[phrase]):
                found[phrase] = str(how)
        return found


def first_named(db: Database, text: str) -> list[PersonRef]:
    """Everyone whose name starts with these words (a first name), in the name index's order:
    a range of the NOCASE name index, asked with a capital initial too, since NOCASE folds
    ASCII only and "élodie" would miss "Élodie Dupré"."""
    words = " ".join(text.split())
    found: dict[int, PersonRef] = {}
    for start in {words, capitalised(words)}:
        for person_id, name in db.execute(
            "SELECT id, name FROM people WHERE name COLLATE NOCASE >= ? || ' '"
            " AND name COLLATE NOCASE < ? || '!'",
            [start, start],
        ).fetchall():
            found[int(person_id)] = PersonRef(int(person_id), str(name))
    # NOCASE's order: the UTF-8 bytes with ASCII letters folded
    return sorted(found.values(), key=lambda person: (person.name.encode().lower(), person.id))


def capitalised(phrase: str) -> str:
    """Each word with a capital first letter: how a name with a non-ASCII initial is stored."""
    return " ".join(word[:1].upper() + word[1:] for word in phrase.split(" "))
