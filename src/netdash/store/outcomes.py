"""Outcomes: the real things that got done, credited to people, organisations or an audience."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlite_utils import Database

from netdash.store.community import ensure_organisation
from netdash.store.errors import InvalidInput
from netdash.store.journal import PersonChoice, _materialize
from netdash.store.people import utc_now

OUTCOME_KINDS = (
    "job",
    "client",
    "collaboration",
    "introduction",
    "talk",
    "money_raised",
    "advice",
    "other",
)
CREDIT_ROLES = ("introduced", "referred", "advised", "collaborated")


def add_outcome(
    db: Database,
    *,
    title: str,
    occurred_on: date,
    today: date,
    kind: str = "other",
    value: tuple[int, str] | None = None,
    people: Sequence[tuple[PersonChoice, str]] = (),
    organisations: Sequence[str] = (),
    platforms: Sequence[str] = (),
    note: str = "",
) -> int:
    """Record an outcome and where it came from, in one transaction; return its id."""
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InvalidInput("an outcome needs a title")
    if kind not in OUTCOME_KINDS:
        raise InvalidInput(f"kind {kind!r} is not one of: {', '.join(OUTCOME_KINDS)}")
    if occurred_on > today:
        raise InvalidInput(f"{occurred_on.isoformat()} has not happened yet; log what has")
    for _, role in people:
        if role not in CREDIT_ROLES:
            raise InvalidInput(f"role {role!r} is not one of: {', '.join(CREDIT_ROLES)}")
    platform_names = [platform.strip().lower() for platform in platforms]
    if any(not name.isalnum() for name in platform_names):
        raise InvalidInput("a platform is a name like mastodon or github")
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO outcomes(title, occurred_on, kind, value_minor, value_currency, note,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                cleaned,
                occurred_on.isoformat(),
                kind,
                value[0] if value else None,
                value[1] if value else None,
                note,
                utc_now(),
            ],
        )
        outcome_id = int(cursor.lastrowid or 0)
        for choice, role in people:
            (ref,), _ = _materialize(db, [choice])
            db.execute(
                "INSERT INTO outcome_credits(outcome_id, person_id, role) VALUES (?, ?, ?)",
                [outcome_id, ref.id, role],
            )
        for name in organisations:
            organisation_id, _, _ = ensure_organisation(db, name)
            db.execute(
                "INSERT INTO outcome_credits(outcome_id, organisation_id) VALUES (?, ?)",
                [outcome_id, organisation_id],
            )
        for platform in platform_names:
            db.execute(
                "INSERT INTO outcome_credits(outcome_id, platform) VALUES (?, ?)",
                [outcome_id, platform],
            )
    return outcome_id
