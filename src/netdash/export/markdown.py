"""The journal as a document to read: people, the journal month by month, community work,
outcomes and audience, in Markdown. For reading and printing, not for restoring (that is JSON).

Everything the user typed is escaped, so a name like "[b]Bob[/b]" reads as typed, and its
control characters are shown, never obeyed: the document is printed to terminals (``-o -``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Protocol, TextIO

from sqlite_utils import Database

from netdash.domain.models import DEPTHS, INITIATORS, KINDS
from netdash.export.dump import read_snapshot
from netdash.inert import inert
from netdash.review import md
from netdash.store.stats import money_text


class _Out(Protocol):
    def write(self, text: str, /) -> int: ...


class _Inert:
    """Writes through :func:`inert`: md() has made user text inert, this is the second guard
    (for the values written without md(): dates, kinds, platforms, currency codes)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str, /) -> int:
        return self._out.write(inert(text))


def _quote(text: str) -> list[str]:
    return [f"> {md(line)}" if line.strip() else ">" for line in text.strip().splitlines()]


def _grouped(db: Database, sql: str) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for key, value in db.execute(sql).fetchall():
        grouped[key].append(value)
    return grouped


def write_markdown(db: Database, out: TextIO, *, exported_on: str) -> int:
    """Write the document; return how many people it describes."""
    doc = _Inert(out)
    with read_snapshot(db):
        people = db.execute(
            "SELECT p.id, p.name, p.met_on, p.how_met, i.name, p.closeness, p.cadence_days,"
            " p.birthday, p.company, p.job_title, p.last_contact_on, p.interaction_count, p.notes"
            " FROM people p LEFT JOIN people i ON i.id = p.introduced_by"
            " ORDER BY p.name COLLATE NOCASE, p.id"
        ).fetchall()
        entries = db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0]
        doc.write("# netdash journal\n\n")
        doc.write(f"Exported {exported_on} · {len(people):,} people · {entries:,} interactions\n")
        _people(db, doc, people)
        _journal(db, doc)
        _vouches(db, doc)
        _community(db, doc)
        _outcomes(db, doc)
        _audience(db, doc)
    return len(people)


def _people(db: Database, out: _Out, people: list[tuple[object, ...]]) -> None:
    handles = _grouped(
        db, "SELECT person_id, platform || ':' || handle FROM handles ORDER BY platform, handle"
    )
    tags = _grouped(
        db,
        "SELECT pt.person_id, t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id"
        " ORDER BY t.name COLLATE NOCASE",
    )
    points: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for person_id, kind, value, label in db.execute(
        "SELECT person_id, kind, value, label FROM contact_points ORDER BY preferred DESC, id"
    ).fetchall():
        points[person_id].append((kind, value, label))
    out.write("\n## People\n")
    for (
        person_id, name, met_on, how_met, introducer, closeness, cadence, birthday, company,
        title, last_contact, count, notes,
    ) in people:  # fmt: skip
        assert isinstance(person_id, int)
        out.write(f"\n### {md(str(name))}\n\n")
        facts: list[str] = []
        met = [str(met_on) if met_on else "", md(str(how_met)) if how_met else ""]
        if introducer:
            met.append(f"introduced by {md(str(introducer))}")
        if any(met):
            facts.append("Met: " + " · ".join(part for part in met if part))
        if closeness or cadence:
            facts.append(
                " · ".join(
                    part
                    for part in (
                        f"closeness {closeness} of 5" if closeness else "",
                        f"keep in touch every {cadence} days" if cadence else "",
                    )
                    if part
                ).capitalize()
            )
        if birthday:
            facts.append(f"Birthday {birthday}")
        if company or title:
            facts.append("Work: " + ", ".join(md(str(part)) for part in (title, company) if part))
        for kind, label in (
            ("email", "E-mail"),
            ("phone", "Phone"),
            ("url", "Web"),
            ("address", "Address"),
        ):
            values = [
                md(value) + (f" ({md(point_label)})" if point_label else "")
                for point_kind, value, point_label in points.get(person_id, [])
                if point_kind == kind
            ]
            if values:
                facts.append(f"{label}: " + "; ".join(values))
        if handles.get(person_id):
            facts.append("Handles: " + ", ".join(md(h) for h in handles[person_id]))
        if tags.get(person_id):
            facts.append("Tags: " + ", ".join(md(t) for t in tags[person_id]))
        facts.append(
            f"{count} interaction{'s' if count != 1 else ''}"
            + (f", last on {last_contact}" if last_contact else "")
        )
        out.write("".join(f"- {fact}\n" for fact in facts))
        if notes:
            out.write("\n" + "\n".join(_quote(str(notes))) + "\n")


def _journal(db: Database, out: _Out) -> None:
    names = _grouped(
        db,
        "SELECT ip.interaction_id, p.name FROM interaction_people ip"
        " JOIN people p ON p.id = ip.person_id ORDER BY p.name COLLATE NOCASE",
    )
    tags = _grouped(
        db,
        "SELECT it.interaction_id, t.name FROM interaction_tags it"
        " JOIN tags t ON t.id = it.tag_id ORDER BY t.name COLLATE NOCASE",
    )
    out.write("\n## Journal\n")
    month = ""
    for interaction_id, occurred_on, kind, initiated_by, depth, note in db.execute(
        "SELECT id, occurred_on, kind, initiated_by, depth, note FROM interactions"
        " ORDER BY occurred_on DESC, id DESC"
    ):
        if occurred_on[:7] != month:
            month = occurred_on[:7]
            out.write(f"\n### {month}\n\n")
        who = ", ".join(md(name) for name in names.get(interaction_id, [])) or "nobody"
        line = f"- **{occurred_on}** · {KINDS.get(kind, kind)} with {who}"
        line += f" · started by {INITIATORS.get(initiated_by, initiated_by)}"
        line += f" · depth {depth} ({DEPTHS[depth]})" if depth in DEPTHS else f" · depth {depth}"
        if note:
            line += " — " + md(" ".join(note.split()))
        if tags.get(interaction_id):
            line += " · tags: " + ", ".join(md(tag) for tag in tags[interaction_id])
        out.write(line + "\n")


def _vouches(db: Database, out: _Out) -> None:
    rows = db.execute(
        "SELECT v.occurred_on, v.direction, p.name, v.topic, v.note FROM vouches v"
        " JOIN people p ON p.id = v.person_id ORDER BY v.occurred_on DESC, v.id DESC"
    ).fetchall()
    if not rows:
        return
    out.write("\n## Vouches\n\n")
    for occurred_on, direction, name, topic, note in rows:
        verb = "for" if direction == "given" else "from"
        line = f"- {occurred_on} · vouched {verb} {md(name)}: {md(topic)}"
        out.write(line + (f" — {md(note)}" if note else "") + "\n")


def _community(db: Database, out: _Out) -> None:
    organisations = db.execute(
        "SELECT id, name, cause, notes FROM organisations ORDER BY name COLLATE NOCASE"
    ).fetchall()
    if not organisations:
        return
    people = _grouped(
        db,
        "SELECT cp.contribution_id, p.name FROM contribution_people cp"
        " JOIN people p ON p.id = cp.person_id ORDER BY p.name COLLATE NOCASE",
    )
    out.write("\n## Community\n")
    for org_id, name, cause, notes in organisations:
        out.write(f"\n### {md(name)}" + (f" ({md(cause)})" if cause else "") + "\n\n")
        if notes:
            out.write("\n".join(_quote(notes)) + "\n\n")
        for row in db.execute(
            "SELECT id, occurred_on, minutes, money_minor, currency, role, result_quantity,"
            " result_unit, note FROM contributions WHERE organisation_id = ?"
            " ORDER BY occurred_on DESC, id DESC",
            [org_id],
        ).fetchall():
            contribution_id, occurred_on, minutes, money, currency, role, qty, unit, note = row
            parts = [f"**{occurred_on}**"]
            if minutes:
                parts.append(f"{minutes / 60:g} h")
            if money and currency:
                parts.append(f"{money_text(money, currency)} {currency}")
            if qty and unit:
                parts.append(f"{qty} {md(unit)}")
            if role:
                parts.append(md(role))
            if people.get(contribution_id):
                parts.append("with " + ", ".join(md(p) for p in people[contribution_id]))
            out.write("- " + " · ".join(parts) + (f" — {md(note)}" if note else "") + "\n")


def _outcomes(db: Database, out: _Out) -> None:
    outcomes = db.execute(
        "SELECT id, occurred_on, title, kind, value_minor, value_currency, note FROM outcomes"
        " ORDER BY occurred_on DESC, id DESC"
    ).fetchall()
    if not outcomes:
        return
    credits: dict[int, list[str]] = defaultdict(list)
    for outcome_id, person, organisation, platform, role in db.execute(
        "SELECT c.outcome_id, p.name, o.name, c.platform, c.role FROM outcome_credits c"
        " LEFT JOIN people p ON p.id = c.person_id"
        " LEFT JOIN organisations o ON o.id = c.organisation_id ORDER BY c.id"
    ).fetchall():
        who = md(person or organisation or platform or "?")
        credits[outcome_id].append(f"{who} ({md(role)})" if role else who)
    out.write("\n## Outcomes\n\n")
    for outcome_id, occurred_on, title, kind, value, currency, note in outcomes:
        line = f"- **{occurred_on}** · {md(title)} · {kind.replace('_', ' ')}"
        if value is not None and currency:
            line += " · " + f"{money_text(value, currency)} {currency}"
        if credits.get(outcome_id):
            line += " · thanks to " + ", ".join(credits[outcome_id])
        out.write(line + (f" — {md(note)}" if note else "") + "\n")


def _audience(db: Database, out: _Out) -> None:
    rows = db.execute(
        "SELECT a.platform, a.handle, c.followers, c.following, c.observed_at FROM accounts a"
        " JOIN follower_counts c ON c.account_id = a.id AND c.id = (SELECT id FROM"
        " follower_counts WHERE account_id = a.id ORDER BY observed_at DESC, id DESC LIMIT 1)"
        " ORDER BY a.platform, a.handle"
    ).fetchall()
    if not rows:
        return
    out.write("\n## Audience\n\n")
    for platform, handle, followers, following, observed_at in rows:
        counts = f"{followers:,} followers" if followers is not None else "followers unknown"
        if following is not None:
            counts += f", {following:,} following"
        out.write(f"- {platform} {md(handle)}: {counts} (as of {observed_at[:10]})\n")
