"""People who share a name: picking one by id, and saying what tells them apart.

Two John Smiths are real; a name alone cannot choose between them, so every place that takes a
person also takes ``#12`` (see ``domain.quicklog``), and every ambiguity lists candidates the
way they can be typed back.
"""

from __future__ import annotations

from sqlite_utils import Database

from netdash.domain.errors import InvalidInput, NotFound
from netdash.domain.names import MAX_NAME_LENGTH, shorten
from netdash.domain.refs import PersonRef


def person_by_id(db: Database, person_id: int, written: str = "") -> PersonRef:
    """The person ``#id`` names: the one way to pick one of several people who share a name.
    A name written with the id must be theirs (any case), so a mistyped id is not a quiet
    mistake."""
    row = db.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()
    if row is None:
        raise NotFound(f"no person with id {person_id}")
    name = str(row[0])
    written = " ".join(written.split())
    if written and written.casefold() != name.casefold():
        raise InvalidInput(
            f"#{person_id} is {shorten(name)}, not {shorten(written)!r}: "
            f"write #{person_id} alone, or the right id"
        )
    return PersonRef(person_id, name)


def describe_person(db: Database, person: PersonRef) -> str:
    """A candidate in an ambiguity, written so it can be typed back (``John Smith #12``), with
    what tells same-named people apart: company, last contact, handles."""
    row = db.execute(
        "SELECT company, last_contact_on FROM people WHERE id = ?", [person.id]
    ).fetchone()
    handles = [
        f"{platform}:{handle}"
        for platform, handle in db.execute(
            "SELECT platform, handle FROM handles WHERE person_id = ? ORDER BY platform",
            [person.id],
        ).fetchall()
    ]
    details = [row[0]] if row and row[0] else []
    details.append(f"last contact {row[1]}" if row and row[1] else "never logged")
    return f"{person.name} #{person.id} ({', '.join([*details, *handles])})"


def same_name(db: Database, name: str) -> list[PersonRef]:
    """Everyone already called ``name``, ignoring case and spacing: whom a new person would be
    confused with."""
    text = " ".join(name.split())
    if not text or len(text) > MAX_NAME_LENGTH:
        return []
    folded = text.casefold()
    sql, params = _candidates(text)
    rows = db.execute(sql + " ORDER BY id", params).fetchall()
    return [PersonRef(row[0], row[1]) for row in rows if row[1].casefold() == folded]


def _candidates(text: str) -> tuple[str, list[object]]:
    """The names that may equal ``text`` case aside, each a search of the NOCASE name index.

    SQLite folds only ASCII case, so up to the first other letter the index's own order finds
    them; from it on, a range per case of that letter ("élodie" and "Élodie"), the rest checked
    in Python. (A name spelling an ASCII letter with a look-alike such as the Kelvin sign "K" is
    not found: none is typed in a name.)"""
    where = "SELECT id, name FROM people WHERE length(name) = length(?) AND"
    first = next((at for at, char in enumerate(text) if not char.isascii()), None)
    if first is None:
        return f"{where} name = ? COLLATE NOCASE", [text, text]
    letter = text[first]
    cases = sorted({letter, letter.lower(), letter.upper(), letter.title(), letter.casefold()})
    parts: list[str] = []
    params: list[object] = []
    for case in cases:
        start = text[:first] + case
        parts.append(f"{where} name >= ? COLLATE NOCASE AND name < ? COLLATE NOCASE")
        params += [text, start, start + "\U0010ffff"]
    return " UNION ".join(parts), params
