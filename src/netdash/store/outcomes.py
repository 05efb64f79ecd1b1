"""Outcomes: the real things that got done, credited to people, organisations or an audience."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from netdash.domain.dates import check_past, utc_now
from netdash.domain.errors import InvalidInput, NotFound
from netdash.domain.names import KNOWN_PLATFORMS, shorten
from netdash.domain.vocabulary import CREDIT_ROLES, OUTCOME_KINDS
from netdash.store.community import ensure_organisation
from netdash.store.contributions import KEEP, Keep
from netdash.store.journal import PersonChoice, _materialize
from netdash.store.trash import Scope, created_scopes, into_trash
from netdash.store.tx import write_transaction


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
    cleaned = _checked_outcome(title, kind, occurred_on, today)
    platform_names = _checked_credits(db, people, platforms)
    with write_transaction(db):
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
        _insert_credits(db, outcome_id, people, organisations, platform_names)
    return outcome_id


def _checked_outcome(title: str, kind: str, occurred_on: date, today: date) -> str:
    """The title as stored (spacing tidied); InvalidInput if a field is not one an outcome can
    have. A new outcome and an edited one are checked alike."""
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InvalidInput("an outcome needs a title", field="title")
    if kind not in OUTCOME_KINDS:
        raise InvalidInput(f"kind {kind!r} is not one of: {', '.join(OUTCOME_KINDS)}", field="kind")
    check_past(occurred_on, today)
    return cleaned


def _checked_credits(
    db: Database, people: Sequence[tuple[PersonChoice, str]], platforms: Sequence[str]
) -> list[str]:
    """The platforms as stored; InvalidInput for a role or an audience an outcome cannot have.
    A new outcome's credits and an edited one's are checked alike."""
    for _, role in people:
        if role not in CREDIT_ROLES:
            raise InvalidInput(
                f"role {role!r} is not one of: {', '.join(CREDIT_ROLES)}", field="people"
            )
    platform_names = [platform.strip().lower() for platform in platforms]
    if platform_names:
        _check_platforms(db, platform_names)
    return platform_names


def _insert_credits(
    db: Database,
    outcome_id: int,
    people: Sequence[tuple[PersonChoice, str]],
    organisations: Sequence[str],
    platforms: Sequence[str],
) -> None:
    """Credit an outcome to each person (created if new), organisation and audience.

    Runs inside the caller's transaction, so an outcome never stands half-credited.
    """
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
    for platform in platforms:
        db.execute(
            "INSERT INTO outcome_credits(outcome_id, platform) VALUES (?, ?)",
            [outcome_id, platform],
        )


def _check_platforms(db: Database, names: Sequence[str]) -> None:
    """An audience is one netdash knows (mastodon, github…) or one you have an account on."""
    known = set(KNOWN_PLATFORMS)
    known.update(row[0] for row in db.execute("SELECT DISTINCT platform FROM accounts"))
    for name in names:
        if name not in known:
            raise InvalidInput(
                f"{shorten(name)!r} is not a platform netdash knows or one of your accounts"
                f" ({', '.join(sorted(known))})"
            )


@dataclass(frozen=True)
class Credit:
    person_id: int | None
    label: str
    role: str
    organisation_id: int | None = None
    platform: str | None = None


@dataclass(frozen=True)
class OutcomeRow:
    id: int
    title: str
    occurred_on: str
    kind: str
    value_minor: int | None
    value_currency: str | None
    credits: tuple[Credit, ...]
    note: str = ""


def list_outcomes(
    db: Database, *, person_id: int | None = None, only: int | None = None
) -> list[OutcomeRow]:
    """Outcomes newest first (or those a person is credited in, or the one with id ``only``),
    each with its credits."""
    where = (
        " WHERE o.id IN (SELECT outcome_id FROM outcome_credits WHERE person_id = ?)"
        if person_id is not None
        else ""
    )
    params: list[object] = [person_id] if person_id is not None else []
    if only is not None:
        where, params = " WHERE o.id = ?", [only]
    outcomes = db.execute(
        "SELECT o.id, o.title, o.occurred_on, o.kind, o.value_minor, o.value_currency, o.note"
        f" FROM outcomes o{where} ORDER BY o.occurred_on DESC, o.id DESC",
        params,
    ).fetchall()
    credits: dict[int, list[Credit]] = {}
    ids = [row[0] for row in outcomes]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for outcome_id, pid, person, oid, organisation, platform, role in db.execute(
            "SELECT c.outcome_id, c.person_id, p.name, c.organisation_id, g.name, c.platform,"
            " c.role"
            " FROM outcome_credits c LEFT JOIN people p ON p.id = c.person_id"
            " LEFT JOIN organisations g ON g.id = c.organisation_id"
            f" WHERE c.outcome_id IN ({','.join('?' * len(chunk))}) ORDER BY c.id",
            chunk,
        ).fetchall():
            label = person or organisation or f"audience on {platform}"
            credits.setdefault(outcome_id, []).append(Credit(pid, label, role, oid, platform))
    return [
        OutcomeRow(
            id=row[0],
            title=row[1],
            occurred_on=row[2],
            kind=row[3],
            value_minor=row[4],
            value_currency=row[5],
            credits=tuple(credits.get(row[0], ())),
            note=row[6] or "",
        )
        for row in outcomes
    ]


def get_outcome(db: Database, outcome_id: int) -> OutcomeRow:
    found = next((row for row in list_outcomes(db, only=outcome_id)), None)
    if found is None:
        raise NotFound(f"no outcome with id {outcome_id}")
    return found


def _outcome_scopes(outcome_id: int) -> list[Scope]:
    return [
        Scope("outcomes", "id = ?", [outcome_id]),
        Scope("outcome_credits", "outcome_id = ?", [outcome_id]),
    ]


@dataclass(frozen=True)
class OutcomeCredits:
    """Whom and what an outcome came through, as :func:`add_outcome` takes them."""

    people: Sequence[tuple[PersonChoice, str]] = ()
    organisations: Sequence[str] = ()
    platforms: Sequence[str] = ()


@dataclass(frozen=True)
class OutcomeEdit:
    """The fields an edit changes; every other one stays as it was. ``credits``, when given,
    replace them all (the TUI's form holds every credit)."""

    title: str | None = None
    occurred_on: date | None = None
    kind: str | None = None
    value: tuple[int, str] | Keep | None = KEEP
    note: str | None = None
    credits: OutcomeCredits | None = None


def edit_outcome(db: Database, outcome_id: int, edit: OutcomeEdit, today: date) -> OutcomeRow:
    """Change the fields ``edit`` gives, checked as a new outcome is, into the trash. The old
    row is read in the same transaction that writes it back, so no other write falls between."""
    with write_transaction(db):
        old = get_outcome(db, outcome_id)
        kind = edit.kind or old.kind
        day = edit.occurred_on or date.fromisoformat(old.occurred_on)
        title = old.title if edit.title is None else edit.title
        checked = _checked_outcome(title, kind, day, today)
        title = old.title if edit.title is None else checked  # an untouched title stays as stored
        value = (
            (old.value_minor, old.value_currency)
            if old.value_minor is not None and old.value_currency
            else None
        )
        value = value if isinstance(edit.value, Keep) else edit.value
        said = f"edit the outcome {old.title!r}"
        scopes = _outcome_scopes(old.id)
        credits, platforms = edit.credits, []
        if credits is not None:
            platforms = _checked_credits(db, credits.people, credits.platforms)
            # new credits may name a person or an organisation first: undo takes them out
            scopes += created_scopes(db, "organisations", "people")
        with into_trash(db, "edit outcome", said, scopes):
            db.execute(
                "UPDATE outcomes SET title = ?, occurred_on = ?, kind = ?, value_minor = ?,"
                " value_currency = ?, note = coalesce(?, note) WHERE id = ?",
                [
                    title,
                    day.isoformat(),
                    kind,
                    value[0] if value else None,
                    value[1] if value else None,
                    edit.note,
                    old.id,
                ],
            )
            if credits is not None:
                db.execute("DELETE FROM outcome_credits WHERE outcome_id = ?", [old.id])
                _insert_credits(db, old.id, credits.people, credits.organisations, platforms)
    return get_outcome(db, outcome_id)


def delete_outcome(db: Database, outcome_id: int) -> OutcomeRow:
    """Delete an outcome and its credits, into the trash."""
    with write_transaction(db):
        gone = get_outcome(db, outcome_id)
        said = f"delete the outcome {gone.title!r} of {gone.occurred_on}"
        with into_trash(db, "delete outcome", said, _outcome_scopes(outcome_id)):
            db.execute("DELETE FROM outcomes WHERE id = ?", [outcome_id])
    return gone
