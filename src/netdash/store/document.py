"""Whole-journal reads for the documents netdash writes: the Markdown export, the vCard export
and the year in review.

Each function reads one table (or one join) in full, in the order the document prints it, and
groups child rows by their parent's id, so a document is a handful of queries however many
people it describes, not one query a person. The documents own the wording and escaping.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from netdash.domain.models import ContactPoint, Handle
from netdash.store.migration_contact_parts import address_parts_of, name_parts_of

Row = tuple[Any, ...]


def _grouped(db: Database, sql: str, params: list[object] | None = None) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for key, value in db.execute(sql, params or []).fetchall():
        grouped[key].append(value)
    return grouped


# ------------------------------------------------------------------------------------ people


def points_by_person(db: Database) -> dict[int, list[ContactPoint]]:
    """Each person's contact details, by kind, the preferred one first within a kind."""
    points: dict[int, list[ContactPoint]] = defaultdict(list)
    for person_id, kind, value, label, preferred, parts in db.execute(
        "SELECT person_id, kind, value, label, preferred, parts FROM contact_points"
        " ORDER BY kind, preferred DESC, id"
    ).fetchall():
        points[person_id].append(
            ContactPoint(kind, value, label, bool(preferred), address_parts_of(parts))
        )
    return points


def name_parts_by_person(db: Database) -> dict[int, tuple[str, ...]]:
    """The structured names imported with each person's present name (see m017)."""
    found: dict[int, tuple[str, ...]] = {}
    for person_id, name, text in db.execute(
        "SELECT id, name, name_parts FROM people WHERE name_parts IS NOT NULL"
    ).fetchall():
        if (parts := name_parts_of(text, name)) is not None:
            found[person_id] = parts
    return found


def handles_by_person(db: Database) -> dict[int, list[Handle]]:
    handles: dict[int, list[Handle]] = defaultdict(list)
    for person_id, platform, handle in db.execute(
        "SELECT person_id, platform, handle FROM handles ORDER BY platform, handle"
    ).fetchall():
        handles[person_id].append(Handle(platform, handle))
    return handles


def tags_by_person(db: Database) -> dict[int, list[str]]:
    return _grouped(
        db,
        "SELECT pt.person_id, t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id"
        " ORDER BY t.name COLLATE NOCASE",
    )


def uids_by_person(db: Database) -> dict[int, str]:
    """The address-book UID a person was imported with (the first, if several)."""
    rows = db.execute(
        "SELECT person_id, min(value) FROM person_aliases WHERE kind = 'uid' GROUP BY person_id"
    ).fetchall()
    return {person_id: uid for person_id, uid in rows}


def card_rows(db: Database) -> Iterator[Row]:
    """(id, name, birthday, company, job_title, notes) of everyone, in name order."""
    return iter(
        db.execute(
            "SELECT id, name, birthday, company, job_title, notes FROM people"
            " ORDER BY name COLLATE NOCASE, id"
        ).fetchall()
    )


def profile_rows(db: Database) -> list[Row]:
    """Everyone in name order as (id, name, met_on, how_met, introducer's name, closeness,
    cadence_days, birthday, company, job_title, last_contact_on, interaction_count, notes)."""
    return db.execute(
        "SELECT p.id, p.name, p.met_on, p.how_met, i.name, p.closeness, p.cadence_days,"
        " p.birthday, p.company, p.job_title, p.last_contact_on, p.interaction_count, p.notes"
        " FROM people p LEFT JOIN people i ON i.id = p.introduced_by"
        " ORDER BY p.name COLLATE NOCASE, p.id"
    ).fetchall()


# ----------------------------------------------------------------------------------- journal


def names_by_interaction(db: Database) -> dict[int, list[str]]:
    return _grouped(
        db,
        "SELECT ip.interaction_id, p.name FROM interaction_people ip"
        " JOIN people p ON p.id = ip.person_id ORDER BY p.name COLLATE NOCASE",
    )


def tags_by_interaction(db: Database) -> dict[int, list[str]]:
    return _grouped(
        db,
        "SELECT it.interaction_id, t.name FROM interaction_tags it"
        " JOIN tags t ON t.id = it.tag_id ORDER BY t.name COLLATE NOCASE",
    )


def entry_rows(db: Database) -> Iterator[Row]:
    """(id, occurred_on, kind, initiated_by, depth, note) of every entry, newest first;
    streamed."""
    return iter(
        db.execute(
            "SELECT id, occurred_on, kind, initiated_by, depth, note FROM interactions"
            " ORDER BY occurred_on DESC, id DESC"
        )
    )


def vouch_rows(db: Database) -> list[Row]:
    """(occurred_on, direction, person's name, topic, note), newest first."""
    return db.execute(
        "SELECT v.occurred_on, v.direction, p.name, v.topic, v.note FROM vouches v"
        " JOIN people p ON p.id = v.person_id ORDER BY v.occurred_on DESC, v.id DESC"
    ).fetchall()


# --------------------------------------------------------------------------------- community


def organisation_rows(db: Database) -> list[Row]:
    """(id, name, cause, notes) of every organisation, by name."""
    return db.execute(
        "SELECT id, name, cause, notes FROM organisations ORDER BY name COLLATE NOCASE"
    ).fetchall()


def names_by_contribution(db: Database) -> dict[int, list[str]]:
    return _grouped(
        db,
        "SELECT cp.contribution_id, p.name FROM contribution_people cp"
        " JOIN people p ON p.id = cp.person_id ORDER BY p.name COLLATE NOCASE",
    )


def contribution_rows(db: Database, organisation_id: int) -> list[Row]:
    """(id, occurred_on, minutes, money_minor, currency, role, result_quantity, result_unit,
    note) of one organisation's contributions, newest first."""
    return db.execute(
        "SELECT id, occurred_on, minutes, money_minor, currency, role, result_quantity,"
        " result_unit, note FROM contributions WHERE organisation_id = ?"
        " ORDER BY occurred_on DESC, id DESC",
        [organisation_id],
    ).fetchall()


# ---------------------------------------------------------------------- outcomes and audience


def outcome_rows(db: Database) -> list[Row]:
    """(id, occurred_on, title, kind, value_minor, value_currency, note), newest first."""
    return db.execute(
        "SELECT id, occurred_on, title, kind, value_minor, value_currency, note FROM outcomes"
        " ORDER BY occurred_on DESC, id DESC"
    ).fetchall()


def credit_rows(db: Database) -> list[Row]:
    """(outcome_id, person's name, organisation's name, platform, role) of every credit."""
    return db.execute(
        "SELECT c.outcome_id, p.name, o.name, c.platform, c.role FROM outcome_credits c"
        " LEFT JOIN people p ON p.id = c.person_id"
        " LEFT JOIN organisations o ON o.id = c.organisation_id ORDER BY c.id"
    ).fetchall()


def latest_count_rows(db: Database) -> list[Row]:
    """(platform, handle, followers, following, observed_at): each account's latest count."""
    return db.execute(
        "SELECT a.platform, a.handle, c.followers, c.following, c.observed_at FROM accounts a"
        " JOIN follower_counts c ON c.account_id = a.id AND c.id = (SELECT id FROM"
        " follower_counts WHERE account_id = a.id ORDER BY observed_at DESC, id DESC LIMIT 1)"
        " ORDER BY a.platform, a.handle"
    ).fetchall()


# ------------------------------------------------------------------------------ year in review


def first_met_between(db: Database, start: str, end: str) -> list[str]:
    """Names of the people met between two days, by name: the day met when it is known,
    otherwise their first logged interaction."""
    # "first interaction in the range" as "none before it, one by its end": each probe stops
    # at the first row it finds, where MIN read every entry of every undated person (0.4 s)
    rows = db.execute(
        "SELECT p.name FROM people p WHERE CASE WHEN p.met_on IS NOT NULL"
        " THEN p.met_on BETWEEN ?1 AND ?2"
        " ELSE NOT EXISTS (SELECT 1 FROM interaction_people ip JOIN interactions i"
        "  ON i.id = ip.interaction_id WHERE ip.person_id = p.id AND i.occurred_on < ?1)"
        " AND EXISTS (SELECT 1 FROM interaction_people ip JOIN interactions i"
        "  ON i.id = ip.interaction_id WHERE ip.person_id = p.id AND i.occurred_on <= ?2) END"
        " ORDER BY p.name COLLATE NOCASE",
        [start, end],
    ).fetchall()
    return [name for (name,) in rows]


def outcomes_between(db: Database, start: str, end: str) -> list[tuple[str, str, str]]:
    """(title, occurred_on, kind) of the outcomes between two days, oldest first."""
    return db.execute(
        "SELECT title, occurred_on, kind FROM outcomes WHERE occurred_on BETWEEN ? AND ?"
        " ORDER BY occurred_on",
        [start, end],
    ).fetchall()


def follower_change(db: Database, before: str, until: str) -> list[Row]:
    """(platform, handle, baseline followers, baseline observed_at, followers last seen at or
    before ``until``, its observed_at) of every account.

    The baseline is the last count before ``before``; when there is none (the account's first
    count is mid-year) it is the nearest one after, the first count up to ``until``. Counts
    and times are None when none was recorded.
    """
    return db.execute(
        "SELECT x.platform, x.handle, COALESCE(b.followers, f.followers),"
        " COALESCE(b.observed_at, f.observed_at), l.followers, l.observed_at FROM ("
        " SELECT a.platform, a.handle,"
        " (SELECT id FROM follower_counts c WHERE c.account_id = a.id AND c.observed_at < ?"
        "  AND c.followers IS NOT NULL ORDER BY observed_at DESC, id DESC LIMIT 1) AS before_id,"
        " (SELECT id FROM follower_counts c WHERE c.account_id = a.id AND c.observed_at >= ?"
        "  AND c.observed_at <= ? AND c.followers IS NOT NULL ORDER BY observed_at, id LIMIT 1)"
        "  AS first_id,"
        " (SELECT id FROM follower_counts c WHERE c.account_id = a.id AND c.observed_at <= ?"
        "  AND c.followers IS NOT NULL ORDER BY observed_at DESC, id DESC LIMIT 1) AS last_id"
        " FROM accounts a) x"
        " LEFT JOIN follower_counts b ON b.id = x.before_id"
        " LEFT JOIN follower_counts f ON f.id = x.first_id"
        " LEFT JOIN follower_counts l ON l.id = x.last_id"
        " ORDER BY x.platform, x.handle",
        [before, before, until, until],
    ).fetchall()
