"""The demo journal's bulk writes: every generated row in one transaction, a table at a time.

:mod:`netdash.demo` invents a life (people, a journal, community work, an audience) as plain
rows with their ids; this module writes them with ``executemany``, the only way a journal of
200,000 interactions and 1,000,000 follower accounts builds in seconds. The rows skip the
store's checks on purpose: they are generated, never typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from netdash.store.follower_lists import backfill_list_dates, store_latest_counts

Rows = list[tuple[object, ...]]


@dataclass
class DemoRows:
    """Each table's rows, as tuples in the column order of :data:`INSERTS`."""

    tags: Rows = field(default_factory=list)
    people: Rows = field(default_factory=list)
    handles: Rows = field(default_factory=list)
    person_tags: Rows = field(default_factory=list)
    interactions: Rows = field(default_factory=list)
    interaction_people: Rows = field(default_factory=list)
    interaction_tags: Rows = field(default_factory=list)
    organisations: Rows = field(default_factory=list)
    contributions: Rows = field(default_factory=list)
    contribution_people: Rows = field(default_factory=list)
    goals: Rows = field(default_factory=list)
    outcomes: Rows = field(default_factory=list)
    outcome_credits: Rows = field(default_factory=list)
    accounts: Rows = field(default_factory=list)
    follower_counts: Rows = field(default_factory=list)
    follower_accounts: Rows = field(default_factory=list)
    people_details: Rows = field(default_factory=list)
    """(birthday, company, job_title, person id): filled in after the people are written."""
    contact_points: Rows = field(default_factory=list)
    cadences: Rows = field(default_factory=list)
    """(ideal days, worst days, person id): set after the people are written."""
    person_aliases: Rows = field(default_factory=list)
    follow_ups: Rows = field(default_factory=list)


INSERTS = {
    "tags": "INSERT INTO tags(id, name) VALUES (?, ?)",
    "people": "INSERT INTO people(id, name, met_on, how_met, introduced_by, notes, closeness,"
    " cadence_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "handles": "INSERT OR IGNORE INTO handles(person_id, platform, handle) VALUES (?, ?, ?)",
    "person_tags": "INSERT INTO person_tags VALUES (?, ?)",
    "interactions": "INSERT INTO interactions(id, occurred_on, kind, initiated_by, depth, note,"
    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "interaction_people": "INSERT INTO interaction_people VALUES (?, ?)",
    "interaction_tags": "INSERT INTO interaction_tags VALUES (?, ?)",
    "organisations": "INSERT INTO organisations(id, name, cause, created_at) VALUES (?, ?, ?, ?)",
    "contributions": "INSERT INTO contributions(id, organisation_id, occurred_on, minutes,"
    " money_minor, currency, role, result_quantity, result_unit, note, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "contribution_people": "INSERT OR IGNORE INTO contribution_people VALUES (?, ?)",
    "goals": "INSERT INTO goals(year, kind, target, currency, unit, organisation_id, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)",
    "outcomes": "INSERT INTO outcomes(id, title, occurred_on, kind, value_minor, value_currency,"
    " note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "outcome_credits": "INSERT INTO outcome_credits(outcome_id, person_id, organisation_id,"
    " platform, role) VALUES (?, ?, ?, ?, ?)",
    "accounts": "INSERT INTO accounts(id, platform, handle, created_at) VALUES (?, ?, ?, ?)",
    "follower_counts": "INSERT INTO follower_counts(account_id, observed_at, followers,"
    " following, source) VALUES (?, ?, ?, ?, ?)",
    "follower_accounts": "INSERT INTO follower_accounts(account_id, remote_id, handle,"
    " first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
    "people_details": "UPDATE people SET birthday = ?, company = ?, job_title = ? WHERE id = ?",
    "contact_points": "INSERT OR IGNORE INTO contact_points(person_id, kind, value, label,"
    " preferred) VALUES (?, ?, ?, ?, ?)",
    "cadences": "UPDATE people SET cadence_days = ?, cadence_max_days = ? WHERE id = ?",
    "person_aliases": "INSERT INTO person_aliases(person_id, kind, value) VALUES (?, 'alias', ?)",
    "follow_ups": "INSERT INTO follow_ups(person_id, due_on, about, created_on, created_at)"
    " VALUES (?, ?, ?, ?, ?)",
}
"""The statement for each field of :class:`DemoRows`, run in this order (parents first)."""


def write_demo_rows(db: Database, rows: DemoRows) -> None:
    """Every row, in one transaction: a demo journal is whole or not there."""
    with db.atomic():
        for name, sql in INSERTS.items():
            db.conn.executemany(sql, getattr(rows, name))
        backfill_list_dates(db)  # the demo's follower rows come without an import
        for (account_id,) in db.execute("SELECT DISTINCT account_id FROM follower_lists"):
            store_latest_counts(db, account_id)  # as an import keeps them: nobody scans
