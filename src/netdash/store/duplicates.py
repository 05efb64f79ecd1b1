"""Likely duplicate people, and merging two into one without losing anything either had.

Duplicates creep in through address-book imports, LinkedIn promotions and quick typing
("Tom" today, "Tomás Reyes" next month). Strong signals are a shared e-mail address or phone
number; weaker ones are the same handle on two platforms and names that read the same once
accents, case and word order are set aside, or differ by a short form of the first name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from sqlite_utils import Database

from netdash.domain.dates import utc_now
from netdash.domain.errors import InvalidInput
from netdash.domain.names import TITLES_BEFORE, alias_key
from netdash.domain.refs import PersonRef
from netdash.store.people import add_alias, get_person, person_name
from netdash.store.trash import Scope, into_trash, pair_scopes
from netdash.store.tx import write_transaction

STRONG, MEDIUM, WEAK = 3, 2, 1
"""How sure a suggestion is: shared e-mail/phone, same name or handle, close name."""

BLOCK_LIMIT = 60
"""Names sharing a very common word ("john") are not compared all against all: too slow, and a
shared first name alone says little."""


COMMON_NAME_LIMIT = 3
"""Four or more "Zoe … Zhang"s are a common name, not one person typed four ways."""


@dataclass(frozen=True)
class DuplicatePair:
    """Two people who may be one, and why netdash thinks so."""

    first: PersonRef
    second: PersonRef
    reasons: tuple[str, ...]
    strength: int


def name_key(name: str) -> str:
    """A name without accents, case, punctuation or word order: "Reyes, Tomás" → "reyes tomas"."""
    return " ".join(sorted(name_words(name)))


TITLES = TITLES_BEFORE | frozenset("phd md dds esq mba".split())
"""Words around a name that are not the name: "Dr. Jane Smith, Ph.D." is Jane Smith."""

SUFFIXES = frozenset("jr sr ii iii iv".split())
"""Generations: how a father and a son with one name tell each other apart, so they are kept
apart from the name and must agree."""


def split_name(name: str) -> tuple[list[str], list[str]]:
    """A name's words without accents, case, punctuation, titles or a "Last, First" order, and
    apart from them its generational suffixes (jr, sr, ii… anywhere but first: "JR Smith" is
    a first name)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("'", "").replace("\u2019", "")
    # degrees are one word each: Ph.D. anywhere ("Ph D", "(Ph.D.)"); M.D., D.D.S., M.B.A.
    # only at the end of a name ("Jane Smith, M.D."), so "Mr. M.D. Smith" keeps his initials
    plain = re.sub(r"\bph\.?\s*d\b\.?", "phd", plain)
    plain = re.sub(
        r"(?<=[\s,(])(m\.\s?d|d\.\s?d\.\s?s|m\.\s?b\.\s?a)\.?(?=\s*(?:[,)]|$))",
        lambda match: re.sub(r"[.\s]", "", match.group(1)),
        plain,
    )
    plain = plain.replace(".", " ")  # "J.R.R." is three initials, "P.Raman" two words
    if plain.count(",") == 1:  # "Reyes, Tomás": the given name first, as everywhere else
        family, given = plain.split(",")
        first = given.split()[0] if given.split() else ""
        if first and first not in TITLES and first not in SUFFIXES:
            plain = f"{given} {family}"
    words = re.findall(r"\w+", plain)
    named = [word for word in words if word not in TITLES] or words
    core = [w for i, w in enumerate(named) if i == 0 or w not in SUFFIXES]
    return core, [w for i, w in enumerate(named) if i > 0 and w in SUFFIXES]


def name_words(name: str) -> list[str]:
    """:func:`split_name`'s words, the suffixes last."""
    core, suffixes = split_name(name)
    return core + suffixes


def phone_key(phone: str) -> str | None:
    """The last nine digits: the same number with or without its country code. Short numbers
    (extensions, typos) are not compared."""
    digits = re.sub(r"\D", "", phone)
    return digits[-9:] if len(digits) >= 7 else None


def _close_names(first: str, second: str) -> bool:
    """Same last word and one first word a short form of the other ("Jen"/"Jennifer"), or
    nearly the same spelling ("Tomas Reyes"/"Tomás Reyes" is already equal; "Jon"/"John")."""
    a, b = name_words(first), name_words(second)
    if not a or not b:
        return False
    if len(a) >= 2 and len(b) >= 2 and a[-1] == b[-1]:
        short, long = sorted((a[0], b[0]), key=len)
        if len(short) >= 3 and long.startswith(short):
            return True
    joined_a, joined_b = " ".join(a), " ".join(b)
    if min(len(joined_a), len(joined_b)) < 6:
        return False
    return SequenceMatcher(None, joined_a, joined_b).ratio() >= 0.88


def names_compatible(first: str, second: str) -> bool:
    """Could these be one person's names, when something they share (an e-mail address, a
    phone) says they may be? The same, a short form ("Tom"/"Tomás Reyes"), an initial
    ("P. Raman"/"Priya R."). Strict on purpose: "Daniel"/"Daniela" and "Maria"/"Mario" are two
    people sharing a family address, not one person typed twice; so are John Smith and
    John Smith Jr."""
    (a, a_suffixes), (b, b_suffixes) = split_name(first), split_name(second)
    if a_suffixes != b_suffixes:
        return False
    if not a or not b:
        return False
    if sorted(a) == sorted(b):
        return True
    return _word_fits(a[0], b[0]) and (len(a) == 1 or len(b) == 1 or _word_fits(a[-1], b[-1]))


def _word_fits(one: str, other: str) -> bool:
    """The same word, its initial, or a short form at least two letters shorter ("tom" for
    "tomas", not "paul" for "paula")."""
    short, long = sorted((one, other), key=len)
    if not long.startswith(short):
        return False
    return short == long or len(short) == 1 or (len(short) >= 3 and len(long) - len(short) >= 2)


@dataclass
class _Evidence:
    """Reasons gathered per pair (smaller id first), each once, and the strongest level seen."""

    reasons: dict[tuple[int, int], list[str]] = field(default_factory=lambda: defaultdict(list))
    strength: dict[tuple[int, int], int] = field(default_factory=lambda: defaultdict(int))

    def note(self, a: int, b: int, reason: str, level: int) -> None:
        pair = (min(a, b), max(a, b))
        if reason not in self.reasons[pair]:
            self.reasons[pair].append(reason)
        self.strength[pair] = max(self.strength[pair], level)


def suggest_duplicates(db: Database) -> list[DuplicatePair]:
    """Likely duplicates, surest first, the one with more history first in each pair; pairs the
    user said are different are left out."""
    people = dict(db.execute("SELECT id, name FROM people").fetchall())
    evidence = _Evidence()
    _shared_contact_points(db, evidence)
    _shared_handles(db, evidence)
    _alike_names(people, evidence)
    return _ranked(db, people, evidence)


def _shared_contact_points(db: Database, evidence: _Evidence) -> None:
    """The strong signal: one e-mail address (any case) or one phone number on two people."""
    for a, b, value in db.execute(
        "SELECT x.person_id, y.person_id, x.value FROM contact_points x JOIN contact_points y"
        " ON y.kind = 'email' AND y.value = x.value COLLATE NOCASE AND y.person_id > x.person_id"
        " WHERE x.kind = 'email'"
    ).fetchall():
        evidence.note(a, b, f"same e-mail {value}", STRONG)
    phones: dict[str, set[int]] = defaultdict(set)
    for person_id, value in db.execute(
        "SELECT person_id, value FROM contact_points WHERE kind = 'phone'"
    ).fetchall():
        if key := phone_key(value):
            phones[key].add(person_id)
    for key, owners in phones.items():
        for a, b in _pairs(owners):
            evidence.note(a, b, f"same phone …{key[-4:]}", STRONG)


def _shared_handles(db: Database, evidence: _Evidence) -> None:
    """One user name on two people, whatever the platform (a LinkedIn URL's last part)."""
    users: dict[str, set[int]] = defaultdict(set)
    for person_id, platform, handle in db.execute(
        "SELECT person_id, platform, handle FROM handles"
    ).fetchall():
        user = handle.split("/")[-1] if platform == "linkedin" else handle.split("@")[0]
        if len(user) >= 3:
            users[user].add(person_id)
    for user, owners in users.items():
        for a, b in _pairs(owners):
            evidence.note(a, b, f"same handle {user}", MEDIUM)


def _alike_names(people: dict[int, str], evidence: _Evidence) -> None:
    """Names equal once normalised; then close ones, compared only within small blocks that
    share a word, so a big journal is not compared all against all."""
    by_key: dict[str, set[int]] = defaultdict(set)
    blocks: dict[str, set[int]] = defaultdict(set)
    for person_id, name in people.items():
        key = name_key(name)
        if key:
            by_key[key].add(person_id)
        words = name_words(name)
        for word in words:
            if len(word) >= 2:
                blocks[word].add(person_id)
        if len(words) >= 2:  # small even when a first name and a surname are both common
            blocks[f"{words[0][:3]} {words[-1]}"].add(person_id)
    for owners in by_key.values():
        for a, b in _pairs(owners):
            evidence.note(a, b, "same name", MEDIUM)
    compared: set[tuple[int, int]] = set()
    for block, owners in blocks.items():
        if len(owners) > (COMMON_NAME_LIMIT if " " in block else BLOCK_LIMIT):
            continue
        for pair in _pairs(owners):
            if pair in compared or pair in evidence.reasons:
                continue
            compared.add(pair)
            a, b = pair
            if _close_names(people[a], people[b]):
                evidence.note(a, b, "similar names", WEAK)


def _ranked(db: Database, people: dict[int, str], evidence: _Evidence) -> list[DuplicatePair]:
    """The pairs the user has not dismissed, surest first, the one with more history first."""
    dismissed = set(db.execute("SELECT person_id, other_id FROM not_duplicates").fetchall())
    logged = dict(db.execute("SELECT id, interaction_count FROM people").fetchall())
    pairs = []
    for a, b in evidence.reasons:
        if (a, b) in dismissed:
            continue
        if logged[b] > logged[a]:  # the one with more history first: the natural one to keep
            a, b = b, a
        pairs.append(
            DuplicatePair(
                PersonRef(a, people[a]),
                PersonRef(b, people[b]),
                tuple(evidence.reasons[min(a, b), max(a, b)]),
                evidence.strength[min(a, b), max(a, b)],
            )
        )
    pairs.sort(key=lambda pair: (-pair.strength, pair.first.name.casefold(), pair.first.id))
    return pairs


def _pairs(owners: Iterable[int]) -> Iterator[tuple[int, int]]:
    ordered = sorted(owners)
    for index, a in enumerate(ordered):
        for b in ordered[index + 1 :]:
            yield a, b


def dismiss_duplicate(db: Database, person_id: int, other_id: int) -> None:
    """Remember that two people are different, so they are not suggested again."""
    if person_id == other_id:
        raise InvalidInput("that is the same person twice")
    get_person(db, person_id)
    get_person(db, other_id)
    low, high = min(person_id, other_id), max(person_id, other_id)
    said = f"mark {person_name(db, low)} and {person_name(db, high)} as not the same person"
    scope = Scope("not_duplicates", "person_id = ? AND other_id = ?", [low, high])
    with write_transaction(db), into_trash(db, "not the same", said, [scope]):
        db.execute(
            "INSERT OR IGNORE INTO not_duplicates(person_id, other_id) VALUES (?, ?)", [low, high]
        )


@dataclass(frozen=True)
class MergeSummary:
    """What moved from the merged person to the kept one."""

    kept: PersonRef
    merged: PersonRef
    interactions: int
    handles: int
    contact_points: int
    tags: int
    contributions: int
    credits: int
    vouches: int


_FILLED_FROM_OTHER = (
    "how_met",
    "introduced_by",
    "cadence_days",
    "cadence_max_days",  # with the ideal only: see _merge_fields
    "snoozed_until",
    "pinned_layer",
    "birthday",
    "company",
    "job_title",
)


def merge_people(db: Database, keep_id: int, other_id: int) -> MergeSummary:
    """Fold ``other`` into ``keep`` in one transaction, then remove ``other``.

    Every interaction, handle, contact point, tag, contribution, credit, vouch, introduction and
    LinkedIn link moves across. The kept person's own fields win; blanks are filled from the
    other; the earlier "met" and "created" win, the higher closeness wins, and both sets of notes
    are kept, with a line saying what was merged, so the other name is not lost either.
    """
    if keep_id == other_id:
        raise InvalidInput("cannot merge a person with themselves")
    keep, other = get_person(db, keep_id), get_person(db, other_id)
    said = f"merge {other.name} into {keep.name}"
    with write_transaction(db), into_trash(db, "merge", said, pair_scopes(keep_id, other_id)):
        moved = {
            "interactions": _move_interactions(db, keep_id, other_id),
            "handles": db.execute(
                "UPDATE handles SET person_id = ? WHERE person_id = ?", [keep_id, other_id]
            ).rowcount,
            "contact_points": _move_points(db, keep_id, other_id),
            "tags": _move_links(db, "person_tags", "tag_id", keep_id, other_id),
            "contributions": _move_links(
                db, "contribution_people", "contribution_id", keep_id, other_id
            ),
            "credits": _move_credits(db, keep_id, other_id),
            "vouches": db.execute(
                "UPDATE vouches SET person_id = ? WHERE person_id = ?", [keep_id, other_id]
            ).rowcount,
        }
        db.execute("UPDATE connections SET person_id = ? WHERE person_id = ?", [keep_id, other_id])
        db.execute("UPDATE follow_ups SET person_id = ? WHERE person_id = ?", [keep_id, other_id])
        # the other's address-book UIDs and names still lead later imports to this person, and
        # their aliases the log line; moved, not copied: an alias is one person's (m018)
        db.execute(
            "UPDATE OR IGNORE person_aliases SET person_id = ? WHERE person_id = ?",
            [keep_id, other_id],
        )
        if alias_key(other.name) != alias_key(keep.name):
            add_alias(db, keep_id, "name", other.name)
        db.execute(
            "UPDATE people SET introduced_by = ? WHERE introduced_by = ? AND id != ?",
            [keep_id, other_id, keep_id],
        )
        _merge_fields(db, keep_id, other_id, other.name)
        db.execute(
            "INSERT OR IGNORE INTO not_duplicates(person_id, other_id)"
            " SELECT min(?, o), max(?, o) FROM (SELECT CASE WHEN person_id = ? THEN other_id"
            " ELSE person_id END AS o FROM not_duplicates WHERE ? IN (person_id, other_id))"
            " WHERE o != ?",
            [keep_id, keep_id, other_id, other_id, keep_id],
        )
        db.execute("DELETE FROM people WHERE id = ?", [other_id])
    return MergeSummary(
        kept=PersonRef(keep.id, keep.name), merged=PersonRef(other.id, other.name), **moved
    )


def _move_links(db: Database, table: str, column: str, keep_id: int, other_id: int) -> int:
    """Re-point a link table's rows (a row the kept person already has is not doubled); return
    how many the other person had."""
    db.execute(
        f"INSERT OR IGNORE INTO {table}({column}, person_id)"
        f" SELECT {column}, ? FROM {table} WHERE person_id = ?",
        [keep_id, other_id],
    )
    return int(db.execute(f"DELETE FROM {table} WHERE person_id = ?", [other_id]).rowcount)


def _move_interactions(db: Database, keep_id: int, other_id: int) -> int:
    """Re-point the other person's journal entries in one statement; return how many they had.

    Each row inserted into or deleted from ``interaction_people`` fires a trigger keeping
    ``interaction_count`` and ``last_contact_on`` current, and the delete trigger rescans every
    remaining entry of that person: deleting n entries one by one is quadratic (16,000 took
    15 s). An UPDATE fires neither, so the rows are moved in place and the kept person's two
    columns recomputed once. An entry both already share stays with the other person and goes
    with them when they are deleted; by then their row is gone, so the trigger has nothing to
    rescan.
    """
    had = int(
        db.execute(
            "SELECT count(*) FROM interaction_people WHERE person_id = ?", [other_id]
        ).fetchone()[0]
    )
    moved = db.execute(
        "UPDATE interaction_people SET person_id = ? WHERE person_id = ? AND interaction_id NOT IN"
        " (SELECT interaction_id FROM interaction_people WHERE person_id = ?)",
        [keep_id, other_id, keep_id],
    ).rowcount
    # and the note of which import added a moved link, so undoing that import still finds it
    db.execute(
        "UPDATE evidence_links SET person_id = ? WHERE person_id = ? AND interaction_id NOT IN"
        " (SELECT interaction_id FROM evidence_links WHERE person_id = ?)",
        [keep_id, other_id, keep_id],
    )
    if moved:
        db.execute(
            "UPDATE people SET"
            " interaction_count = (SELECT count(*) FROM interaction_people WHERE person_id = :id),"
            " last_contact_on = (SELECT max(i.occurred_on) FROM interaction_people ip"
            "  JOIN interactions i ON i.id = ip.interaction_id WHERE ip.person_id = :id)"
            " WHERE id = :id",
            {"id": keep_id},
        )
    return had


def _move_points(db: Database, keep_id: int, other_id: int) -> int:
    """Contact points move across; the kept person's preferred one of each kind stays the
    only preferred one."""
    db.execute(
        "INSERT OR IGNORE INTO contact_points(person_id, kind, value, label, preferred)"
        " SELECT ?, kind, value, label, preferred AND NOT EXISTS (SELECT 1 FROM contact_points"
        "  k WHERE k.person_id = ? AND k.kind = o.kind AND k.preferred)"
        " FROM contact_points o WHERE person_id = ?",
        [keep_id, keep_id, other_id],
    )
    return int(db.execute("DELETE FROM contact_points WHERE person_id = ?", [other_id]).rowcount)


def _move_credits(db: Database, keep_id: int, other_id: int) -> int:
    """Credits move across, except one the kept person already has for the same outcome."""
    db.execute(
        "DELETE FROM outcome_credits WHERE person_id = ? AND EXISTS (SELECT 1 FROM outcome_credits"
        " k WHERE k.person_id = ? AND k.outcome_id = outcome_credits.outcome_id"
        " AND k.role = outcome_credits.role)",
        [other_id, keep_id],
    )
    return db.execute(
        "UPDATE outcome_credits SET person_id = ? WHERE person_id = ?", [keep_id, other_id]
    ).rowcount


def _merge_fields(db: Database, keep_id: int, other_id: int, other_name: str) -> None:
    columns = ("name", "met_on", "closeness", "notes", "created_at", *_FILLED_FROM_OTHER)
    select = ", ".join(columns)
    query = f"SELECT {select} FROM people WHERE id = ?"
    keep = dict(zip(columns, db.execute(query, [keep_id]).fetchone(), strict=True))
    other = dict(zip(columns, db.execute(query, [other_id]).fetchone(), strict=True))
    changes: dict[str, object] = {}
    for column in _FILLED_FROM_OTHER:
        if keep[column] is None and other[column] is not None:
            changes[column] = other[column]
    if keep["cadence_days"] is not None:  # a cadence moves whole: no maximum under another ideal
        changes.pop("cadence_max_days", None)
    if keep["introduced_by"] == other_id:  # the other introduced the kept one: theirs goes on
        introducer = other["introduced_by"]
        changes["introduced_by"] = introducer if introducer not in (keep_id, other_id) else None
    elif changes.get("introduced_by") == keep_id:
        del changes["introduced_by"]
    for column, pick in (("met_on", min), ("created_at", min), ("closeness", max)):
        values = [value for value in (keep[column], other[column]) if value is not None]
        if values and pick(values) != keep[column]:
            changes[column] = pick(values)
    merged_line = f"Merged with {other_name} on {utc_now()[:10]}."
    notes = [part for part in (keep["notes"], other["notes"]) if part]
    if len(notes) == 2 and notes[0] == notes[1]:
        notes = notes[:1]
    changes["notes"] = "\n\n".join([*notes, merged_line])
    changes["updated_at"] = utc_now()
    assignments = ", ".join(f"{column} = ?" for column in changes)
    db.execute(f"UPDATE people SET {assignments} WHERE id = ?", [*changes.values(), keep_id])
