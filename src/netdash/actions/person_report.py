"""One person, all the journal knows: the card, the depth behind their score, the ledger of
favours, outcomes and vouches, and the timeline. ``people show`` prints it; the Person screen
shows the ledger beside the depth the app has already computed."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from sqlite_utils import Database

from netdash.domain.models import Interaction, Person
from netdash.domain.scoring import Depth, DepthSettings
from netdash.store.depth import explain_person
from netdash.store.depth_reads import person_depth
from netdash.store.journal_rows import person_timeline
from netdash.store.ledger import CreditedOutcome, Favours, favours_with, outcomes_credited
from netdash.store.people import get_person
from netdash.store.vouches import Vouch, vouches_for

LATEST_OUTCOMES = 3


class Ledger(NamedTuple):
    """What passed between you: favours, outcomes they are credited with, and vouches."""

    favours: Favours
    outcomes: tuple[CreditedOutcome, ...]
    vouches: tuple[Vouch, ...]


class PersonReport(NamedTuple):
    person: Person
    depth: Depth
    """Explained: with the journal rows behind each component."""
    ledger: Ledger
    timeline: tuple[Interaction, ...]
    """Every interaction with them, newest first."""
    score_history: tuple[tuple[date, float | None], ...]
    """Their score at each of the last 24 month ends, oldest first (None: not known yet); empty
    when the report was made without it."""


def person_ledger(db: Database, person_id: int, *, latest: int | None = None) -> Ledger:
    """The ledger; ``latest`` keeps only the newest vouches (outcomes: always the newest 3)."""
    return Ledger(
        favours=favours_with(db, person_id),
        outcomes=tuple(outcomes_credited(db, person_id, limit=LATEST_OUTCOMES)),
        vouches=tuple(vouches_for(db, person_id, limit=latest)),
    )


def person_report(
    db: Database, person_id: int, today: date, settings: DepthSettings, *, history: bool = True
) -> PersonReport:
    """Everything `people show` prints; ``history=False`` skips the 24 months of scores (only
    the JSON document carries them, and they cost a depth model per month)."""
    person = get_person(db, person_id)
    layer = person_depth(db, today, settings, person_id).layer  # layers rank everyone
    depth = explain_person(db, person_id, today, settings, layer)
    timeline = person_timeline(db, person_id)
    scores: tuple[tuple[date, float | None], ...] = ()
    if history:
        from netdash.store.history import person_score_history  # the JSON's alone: imported then

        scores = tuple(person_score_history(db, person_id, today, settings))
    return PersonReport(person, depth, person_ledger(db, person_id), tuple(timeline), scores)


def report_document(report: PersonReport) -> dict[str, Any]:
    """The report as plain data, for ``people show --json`` (scripts read its keys)."""
    person, depth = report.person, report.depth
    return {
        "id": person.id,
        "name": person.name,
        "met_on": person.met_on.isoformat() if person.met_on else None,
        "how_met": person.how_met,
        "introduced_by": (
            {"id": person.introduced_by.id, "name": person.introduced_by.name}
            if person.introduced_by
            else None
        ),
        "notes": person.notes,
        "closeness": person.closeness,
        "birthday": person.birthday,
        "company": person.company,
        "job_title": person.job_title,
        "contact": [
            {"kind": p.kind, "value": p.value, "label": p.label, "preferred": p.preferred}
            for p in person.points
        ],
        "handles": [{"platform": h.platform, "handle": h.handle} for h in person.handles],
        "tags": list(person.tags),
        "aliases": list(person.aliases),
        "last_contact": person.last_contact.isoformat() if person.last_contact else None,
        "interaction_count": person.interactions,
        "score": depth.score,
        "score_history": [
            {"date": day.isoformat(), "score": score} for day, score in report.score_history
        ],
        "components": [
            {
                "name": part.name,
                "label": part.label,
                "value": round(part.value, 4),
                "weight": part.weight,
                "points": round(depth.points_of(part), 2),
                "detail": part.detail,
            }
            for part in depth.components
        ],
        "layer": depth.layer,
        "pinned_layer": person.pinned_layer,
        "cadence_days": depth.cadence_days,
        "cadence_source": depth.cadence_source,
        "cadence_max_days": depth.cadence_max_days,
        "cadence_status": depth.cadence_status,
        "days_since_contact": depth.days_since,
        "overdue": depth.overdue,
        "snoozed_until": depth.snoozed_until.isoformat() if depth.snoozed_until else None,
        "hours_together": round(depth.hours, 1),
        "hall": depth.hall_mark,
        "vouches": [
            {"direction": v.direction, "topic": v.topic, "on": v.occurred_on, "note": v.note}
            for v in report.ledger.vouches
        ],
        "created_at": person.created_at,
        "interactions": [_entry(entry, person.id) for entry in report.timeline],
    }


def _entry(entry: Interaction, person_id: int) -> dict[str, Any]:
    return {
        "id": entry.id,
        "occurred_on": entry.occurred_on.isoformat(),
        "kind": entry.kind,
        "initiated_by": entry.initiated_by,
        "depth": entry.depth,
        "note": entry.note,
        "with": [ref.name for ref in entry.people if ref.id != person_id],
        "tags": list(entry.tags),
    }
