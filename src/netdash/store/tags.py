"""Tags across the journal: how much each is used, renaming and merging, deleting, completing.

A tag is one row of ``tags`` (its name unique ignoring ASCII case, as SQLite's NOCASE compares
it: "Work" and "work" are one tag), linked to people (``person_tags``) and to journal entries
(``interaction_tags``). Renaming changes that one row, so every person and entry follows at
once; renaming onto another tag's name merges the two. Both, and deleting, go to the trash.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from netdash.domain.errors import InvalidInput, NotFound
from netdash.domain.names import clean_tag, shorten
from netdash.domain.words import count_of
from netdash.store.trash import Scope, into_trash
from netdash.store.tx import write_transaction

_USES = (
    "SELECT t.id, t.name,"
    " (SELECT count(*) FROM person_tags pt WHERE pt.tag_id = t.id) AS people,"
    " (SELECT count(*) FROM interaction_tags it WHERE it.tag_id = t.id) AS entries"
    " FROM tags t"
)
"""Each tag with its two counts, each a range of its link table's index on ``tag_id``."""


@dataclass(frozen=True)
class TagUse:
    """A tag and how many people and journal entries carry it."""

    name: str
    people: int
    entries: int

    @property
    def uses(self) -> int:
        return self.people + self.entries


@dataclass(frozen=True)
class TagChange:
    """What a rename or delete did, in words a person or a script can use."""

    old: str
    new: str | None
    """The name it has now (``None``: deleted)."""
    people: int
    entries: int
    merged: bool = False
    """Renamed onto a tag that already existed: the two are now one."""

    def words(self) -> str:
        people = count_of(self.people, "person", "people")
        carried = f"{people}, {count_of(self.entries, 'entry', 'entries')}"
        if self.new is None:
            return f"Deleted tag {self.old!r} from {carried}"
        if self.merged:
            return f"Merged tag {self.old!r} into the existing tag {self.new!r} ({carried} now)"
        return f"Renamed tag {self.old!r} to {self.new!r} ({carried})"


def _use(row: tuple[object, ...]) -> TagUse:
    return TagUse(str(row[1]), int(str(row[2])), int(str(row[3])))


def tag_uses(db: Database) -> list[TagUse]:
    """Every tag, most used first (people and entries together), then by name; a tag nothing
    carries any more is listed last with its zeros, so it can be seen and deleted."""
    rows = db.execute(
        f"SELECT * FROM ({_USES}) ORDER BY people + entries DESC, name COLLATE NOCASE"
    ).fetchall()
    return [_use(row) for row in rows]


def tag_use(db: Database, name: str) -> TagUse:
    """One tag's use, matched as the journal matches tags; a tag it does not have is refused."""
    return _find(db, name)[1]


def _find(db: Database, name: str) -> tuple[int, TagUse]:
    row = db.execute(f"{_USES} WHERE t.name = ?", [clean_tag(name)]).fetchone()
    if row is None:
        raise NotFound(f"no tag {shorten(clean_tag(name))!r} (`netdash tags` lists them)")
    return int(row[0]), _use(row)


def _scopes(*tag_ids: int) -> list[Scope]:
    marks = ", ".join("?" * len(tag_ids))
    return [
        Scope("tags", f"id IN ({marks})", tag_ids),
        Scope("person_tags", f"tag_id IN ({marks})", tag_ids),
        Scope("interaction_tags", f"tag_id IN ({marks})", tag_ids),
    ]


def rename_tag(db: Database, old: str, new: str) -> TagChange:
    """Rename a tag everywhere in one transaction, undoable. Onto a name another tag has, the
    two merge: everyone and every entry carrying either carries the one kept (its spelling)."""
    target = clean_tag(new)
    if not target:
        raise InvalidInput("a tag needs a name", field="tags")
    if any(char.isspace() or char == "," for char in target):
        raise InvalidInput(
            f"a tag is one word: {shorten(target)!r} has a space or a comma", field="tags"
        )
    with write_transaction(db):
        old_id, before = _find(db, old)
        row = db.execute("SELECT id, name FROM tags WHERE name = ?", [target]).fetchone()
        other = int(row[0]) if row is not None and int(row[0]) != old_id else None
        if other is not None:
            target = str(row[1])  # the kept tag keeps its spelling
        verb = "merge tag {} into {}" if other else "rename tag {} to {}"
        said = verb.format(before.name, target)
        with into_trash(db, "rename tag", said, _scopes(old_id, *([other] if other else []))):
            if other is None:
                db.execute("UPDATE tags SET name = ? WHERE id = ?", [target, old_id])
            else:
                _merge(db, old_id, other)
        _, after = _find(db, target)
    return TagChange(before.name, after.name, after.people, after.entries, other is not None)


def _merge(db: Database, gone: int, kept: int) -> None:
    """Move every link of tag ``gone`` to tag ``kept`` (one already there stays one), then
    drop ``gone``."""
    for table, owner in (("person_tags", "person_id"), ("interaction_tags", "interaction_id")):
        db.execute(
            f"INSERT OR IGNORE INTO {table}({owner}, tag_id) SELECT {owner}, ? FROM {table}"
            " WHERE tag_id = ?",
            [kept, gone],
        )
        db.execute(f"DELETE FROM {table} WHERE tag_id = ?", [gone])
    db.execute("DELETE FROM tags WHERE id = ?", [gone])


def delete_tag(db: Database, name: str) -> TagChange:
    """Take a tag off everyone and every entry, and forget it; undoable."""
    with write_transaction(db):
        tag_id, before = _find(db, name)
        with into_trash(db, "delete tag", f"delete tag {before.name}", _scopes(tag_id)):
            for table in ("person_tags", "interaction_tags"):
                db.execute(f"DELETE FROM {table} WHERE tag_id = ?", [tag_id])
            db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
    return TagChange(before.name, None, before.people, before.entries)
