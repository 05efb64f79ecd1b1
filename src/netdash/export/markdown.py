"""The journal as a document to read: people, the journal month by month, community work,
outcomes and audience, in Markdown. For reading and printing, not for restoring (that is JSON).

Everything the user typed is escaped, so a name like "[b]Bob[/b]" reads as typed, and its
control characters are shown, never obeyed: the document is printed to terminals (``-o -``).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Protocol, TextIO

from sqlite_utils import Database

from netdash.domain.quantities import hours_text, minutes_as_hours
from netdash.domain.vocabulary import DEPTHS, INITIATORS, KINDS
from netdash.domain.words import count_of, every
from netdash.inert import inert
from netdash.review import md
from netdash.store import document
from netdash.store.db import entry_count
from netdash.store.dump import read_snapshot
from netdash.store.stats import money_words


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


def write_markdown(db: Database, out: TextIO, *, exported_on: str) -> int:
    """Write the document; return how many people it describes."""
    doc = _Inert(out)
    with read_snapshot(db):
        people = document.profile_rows(db)
        entries = entry_count(db)
        doc.write("# netdash journal\n\n")
        doc.write(
            f"Exported {exported_on} · {count_of(len(people), 'person', 'people')}"
            f" · {count_of(entries, 'interaction')}\n"
        )
        _people(db, doc, people)
        _journal(db, doc)
        _vouches(db, doc)
        _community(db, doc)
        _outcomes(db, doc)
        _audience(db, doc)
    return len(people)


def _people(db: Database, out: _Out, people: list[tuple[object, ...]]) -> None:
    handles = {
        person_id: [str(handle) for handle in person_handles]
        for person_id, person_handles in document.handles_by_person(db).items()
    }
    tags = document.tags_by_person(db)
    points = document.points_by_person(db)
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
                        f"keep in touch {every(int(str(cadence)))}" if cadence else "",
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
                md(point.value) + (f" ({md(point.label)})" if point.label else "")
                for point in points.get(person_id, [])
                if point.kind == kind
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
    names = document.names_by_interaction(db)
    tags = document.tags_by_interaction(db)
    out.write("\n## Journal\n")
    month = ""
    for interaction_id, occurred_on, kind, initiated_by, depth, note in document.entry_rows(db):
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
    rows = document.vouch_rows(db)
    if not rows:
        return
    out.write("\n## Vouches\n\n")
    for occurred_on, direction, name, topic, note in rows:
        verb = "for" if direction == "given" else "from"
        line = f"- {occurred_on} · vouched {verb} {md(name)}: {md(topic)}"
        out.write(line + (f" — {md(note)}" if note else "") + "\n")


def _community(db: Database, out: _Out) -> None:
    organisations = document.organisation_rows(db)
    if not organisations:
        return
    people = document.names_by_contribution(db)
    out.write("\n## Community\n")
    for org_id, name, cause, notes in organisations:
        out.write(f"\n### {md(name)}" + (f" ({md(cause)})" if cause else "") + "\n\n")
        if notes:
            out.write("\n".join(_quote(notes)) + "\n\n")
        for row in document.contribution_rows(db, org_id):
            contribution_id, occurred_on, minutes, money, currency, role, qty, unit, note = row
            parts = [f"**{occurred_on}**"]
            if minutes:
                parts.append(hours_text(minutes_as_hours(minutes)))
            if money and currency:
                parts.append(money_words(money, currency))
            if qty and unit:
                parts.append(f"{Decimal(qty):,f} {md(unit)}")  # as given_words words it
            if role:
                parts.append(md(role))
            if people.get(contribution_id):
                parts.append("with " + ", ".join(md(p) for p in people[contribution_id]))
            out.write("- " + " · ".join(parts) + (f" — {md(note)}" if note else "") + "\n")


def _outcomes(db: Database, out: _Out) -> None:
    outcomes = document.outcome_rows(db)
    if not outcomes:
        return
    credits: dict[int, list[str]] = defaultdict(list)
    for outcome_id, person, organisation, platform, role in document.credit_rows(db):
        who = md(person or organisation or platform or "?")
        credits[outcome_id].append(f"{who} ({md(role)})" if role else who)
    out.write("\n## Outcomes\n\n")
    for outcome_id, occurred_on, title, kind, value, currency, note in outcomes:
        line = f"- **{occurred_on}** · {md(title)} · {kind.replace('_', ' ')}"
        if value is not None and currency:
            line += " · " + money_words(value, currency)
        if credits.get(outcome_id):
            line += " · thanks to " + ", ".join(credits[outcome_id])
        out.write(line + (f" — {md(note)}" if note else "") + "\n")


def _audience(db: Database, out: _Out) -> None:
    rows = document.latest_count_rows(db)
    if not rows:
        return
    out.write("\n## Audience\n\n")
    for platform, handle, followers, following, observed_at in rows:
        counts = f"{followers:,} followers" if followers is not None else "followers unknown"
        if following is not None:
            counts += f", {following:,} following"
        out.write(f"- {platform} {md(handle)}: {counts} (as of {observed_at[:10]})\n")
