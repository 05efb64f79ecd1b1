"""One search over the whole journal: people, entries, contributions and outcomes (issue 16).

The index is ``_search`` (:mod:`netdash.store.migration_search`), kept by triggers. A search
runs in two steps per kind: first the ids, ranked, read from the index as one rowid range (people
by relevance with names weighted most; everything dated newest first); then, for the few shown,
their documents by rowid, the matched words marked in them (:func:`mark`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from netdash.domain.search_text import DEFAULT_LIMIT, Marked, fts_query, mark, query_words
from netdash.store.migration_search import KIND_STEP, KINDS

MANY = 500
"""Matches of a dated kind past which its newest are found along the table's date index (a
scan that stops at the limit) rather than by sorting every match: "the" matches 110,000 of the
large journal's entries, and sorting them took twice as long."""

HEADINGS = {
    "person": "People",
    "entry": "Entries",
    "contribution": "Community work",
    "outcome": "Outcomes",
}
"""Each kind's heading over its hits, in the order shown: the same in the CLI and the TUI."""

SNIPPET_WORDS = 12
"""Words of context around a match, as many as FTS5's ``snippet()`` would be asked for."""

#: Column weights for people's relevance: a name counts most, then aliases and handles, tags,
#: and the rest (company, how met, notes) least.
_RANK = "bm25(_search, 10.0, 5.0, 3.0, 1.0)"

_DATED = {"entry": "interactions", "contribution": "contributions", "outcome": "outcomes"}
"""Each dated kind's table, for its day."""
_ENTRY_PEOPLE = (
    "SELECT group_concat(p.name, ', ') FROM interaction_people ip"
    " JOIN people p ON p.id = ip.person_id WHERE ip.interaction_id = t.id"
)
"""An entry's title: its people (the index keeps its note; a contribution's organisation and an
outcome's title are the document's own title column)."""


@dataclass(frozen=True)
class Hit:
    """One thing found: what and which (``kind``, ``id``), the line that names it (a person's
    name, an entry's people, a contribution's organisation, an outcome's title; its matched
    words marked), its day, and the match in context from its other text (empty when only the
    title matched)."""

    kind: str
    id: int
    title: Marked
    day: str | None
    snippet: Marked


@dataclass(frozen=True)
class Results:
    """What a search found, kind by kind in the order shown (people first), with ``more`` naming
    the kinds that had more hits than the limit."""

    query: str
    hits: tuple[Hit, ...] = ()
    more: frozenset[str] = field(default_factory=frozenset)

    def of_kind(self, kind: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.kind == kind]

    def grouped(self) -> list[tuple[str, str, list[Hit]]]:
        """The hits as shown, kind by kind: (kind, its heading, its hits), kinds with none
        left out."""
        return [
            (kind, heading, hits)
            for kind, heading in HEADINGS.items()
            if (hits := self.of_kind(kind))
        ]


def search(db: Database, text: str, *, limit: int = DEFAULT_LIMIT) -> Results:
    """Everything the words of ``text`` find, at most ``limit`` of each kind. Any text is safe:
    what holds no word finds nothing."""
    query = fts_query(text)
    if query is None or limit < 1:
        return Results(text)
    words = query_words(text)
    hits: list[Hit] = []
    more: set[str] = set()
    for number, kind in enumerate(KINDS):
        found = _ids(db, query, number, limit + 1)
        if len(found) > limit:
            more.add(kind)
        hits += [
            hit
            for item_id in found[:limit]
            if (hit := _hit(db, words, number, item_id)) is not None
        ]
    return Results(text, tuple(hits), frozenset(more))


def _ids(db: Database, query: str, number: int, limit: int) -> list[int]:
    low = number * KIND_STEP
    high = low + KIND_STEP - 1
    if number == 0:
        sql = (
            f"SELECT s.rowid FROM _search s JOIN people p ON p.id = s.rowid"
            f" WHERE _search MATCH ? AND s.rowid BETWEEN {low} AND {high}"
            f" ORDER BY {_RANK}, p.name COLLATE NOCASE, p.id LIMIT ?"
        )
    else:
        table = _DATED[KINDS[number]]
        match = (
            f"SELECT rowid FROM _search WHERE _search MATCH ? AND rowid BETWEEN {low} AND {high}"
        )
        many = (
            db.execute(f"SELECT count(*) FROM ({match} LIMIT {MANY})", [query]).fetchone()[0]
            >= MANY
        )
        if many:  # newest first along the date index, stopping at the limit
            sql = (
                f"SELECT id FROM {table} WHERE id + {low} IN ({match})"
                " ORDER BY occurred_on DESC, id DESC LIMIT ?"
            )
        else:  # the few matches, sorted
            sql = (
                f"SELECT t.id FROM _search s JOIN {table} t ON t.id = s.rowid - {low}"
                f" WHERE _search MATCH ? AND s.rowid BETWEEN {low} AND {high}"
                " ORDER BY t.occurred_on DESC, t.id DESC LIMIT ?"
            )
    return [row[0] for row in db.execute(sql, [query, limit]).fetchall()]


def _hit(db: Database, words: list[tuple[str, bool]], number: int, item_id: int) -> Hit | None:
    """The shown parts of one hit: its title and day, and the match in context from the first
    other column of its document that holds one."""
    kind = KINDS[number]
    document = db.execute(
        "SELECT title, known_as, tags, body FROM _search WHERE rowid = ?",
        [number * KIND_STEP + item_id],
    ).fetchone() or ("", "", "", "")
    day = None
    title = mark(document[0] or "", words)
    if number != 0:
        named = f"({_ENTRY_PEOPLE})" if kind == "entry" else "NULL"
        row = db.execute(
            f"SELECT {named}, t.occurred_on FROM {_DATED[kind]} t WHERE t.id = ?", [item_id]
        ).fetchone()
        if row is None:  # deleted (an undo in another window) since it was found
            return None
        named, day = row
        if kind == "entry":
            title = Marked(named or "", ())
    context = Marked("", ())
    for column in document[1:]:
        context = mark(column or "", words, window=SNIPPET_WORDS)
        if context.marks:
            break
    return Hit(kind, item_id, title, day, context)
