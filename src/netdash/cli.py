"""The ``netdash`` command. Bare ``netdash`` opens the TUI; every other command is plain.

Plain commands never import Textual (startup time is a feature, and scripts call them often):
the TUI is imported only inside :func:`launch_tui`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from sqlite_utils import Database

from netdash import __version__, cli_data
from netdash.clikit import (
    Context,
    OneLineErrors,
    fail,
    parse_day,
    pass_context,
    say,
    user_errors,
)
from netdash.domain import dates
from netdash.domain.models import OUTCOME_KINDS
from netdash.importers import IMPORT_SOURCES
from netdash.paths import config_path, default_db_path, demo_db_path, is_journal_file
from netdash.store.tx import write_transaction

F = TypeVar("F", bound=Callable[..., Any])


@click.group(
    cls=OneLineErrors,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, readable=False),  # a folder is refused by open_db, in one line
    help="Journal file to use (default: $NETDASH_DB, else netdash.db in your data folder).",
)
@click.version_option(__version__, "-V", "--version", prog_name="netdash")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """A private journal of your real relationships, beside your follower counts.

    Run with no command to open the dashboard.
    """
    from netdash.leftovers import sweep

    sweep()  # what a killed netdash left half-written
    ctx.obj = Context(db_path)
    if ctx.invoked_subcommand is None:
        launch_tui(ctx.obj.db_path)


def launch_tui(db_path: Path, *, title: str | None = None) -> None:
    """Open the journal in the TUI. The only place the CLI reaches Textual."""
    with user_errors():
        from netdash.store.db import open_db

        database = open_db(db_path)
    from netdash.tui.app import NetdashApp

    try:
        NetdashApp(database, db_path=db_path, title=title).run()
    finally:
        database.close()
    global _tui_closed
    _tui_closed = True


_tui_closed = False
"""Set once the TUI has closed: the terminal is restored and the journal closed and checkpointed."""


# ---------------------------------------------------------------------------------------- log


def describe_logged(
    occurred_on: date,
    kind: str,
    initiated_by: str,
    people: list[str],
    tags: tuple[str, ...],
    note: str,
) -> list[str]:
    from netdash.domain.models import INITIATORS, KINDS

    when = dates.describe(occurred_on, dates.today())
    lines = [
        f"Logged {occurred_on.isoformat()} ({when}): {KINDS[kind]}, initiated by "
        f"{INITIATORS[initiated_by]}",
        f"  with: {', '.join(people)}",
    ]
    if tags:
        lines.append(f"  tags: {', '.join('#' + tag for tag in tags)}")
    if note:
        lines.append(f"  note: {note}")
    return lines


@cli.command("log")
@click.argument("text", nargs=-1, required=True)
@click.option("--dry-run", is_flag=True, help="Show what would be logged; write nothing.")
@pass_context
def log_command(obj: Context, text: tuple[str, ...], dry_run: bool) -> None:
    """Log an interaction from one line of text.

    \b
    netdash log "yesterday: coffee with Grace Hopper and @ada #navy talked about COBOL"

    A date first (today, yesterday, 3 days ago, last friday, nov 20, 2026-11-20), people as
    capitalised names after "with"/"called"/"met" or as @handles, #tags, and the rest is the
    note. New names become new people.
    """
    from netdash.domain.quicklog import parse_quick_log
    from netdash.store.journal import NewPerson, log_interaction, resolve_mentions

    with user_errors(), obj.db(keep_new=not dry_run) as db:
        parsed = parse_quick_log(" ".join(text), dates.today())
        choices = resolve_mentions(db, parsed.mentions)
        if dry_run:
            names = []
            for choice in choices:
                if isinstance(choice, NewPerson):
                    names.append(f"{choice.name} (new)")
                else:
                    names.append(
                        db.execute("SELECT name FROM people WHERE id = ?", [choice]).fetchone()[0]
                    )
            for line in describe_logged(
                parsed.occurred_on,
                parsed.kind,
                parsed.initiated_by,
                names,
                parsed.tags,
                parsed.note,
            ):
                say(line.replace("Logged", "Would log", 1))
            return
        logged = log_interaction(
            db,
            people=choices,
            occurred_on=parsed.occurred_on,
            today=dates.today(),
            kind=parsed.kind,
            initiated_by=parsed.initiated_by,
            note=parsed.note,
            tags=parsed.tags,
        )
    created = {ref.id for ref in logged.created}
    names = [f"{ref.name} (new)" if ref.id in created else ref.name for ref in logged.people]
    for line in describe_logged(
        parsed.occurred_on, parsed.kind, parsed.initiated_by, names, parsed.tags, parsed.note
    ):
        say(line)


# ------------------------------------------------------------------------------------- people


@cli.group()
def people() -> None:
    """Add, edit, list and show the people in your journal."""


def _handles(specs: tuple[str, ...]) -> list[Any]:
    from netdash.domain.names import parse_handle_spec

    return [parse_handle_spec(spec) for spec in specs]


def _resolve(db: Database, name: str) -> int:
    from netdash.store.people import resolve_person

    return resolve_person(db, name).id


def contact_options(command: F) -> F:
    """--email, --phone, --birthday, --company and --title, shared by people add and edit."""
    for option in reversed(
        [
            click.option(
                "--email", "emails", multiple=True, help="An e-mail address (repeatable)."
            ),
            click.option("--phone", "phones", multiple=True, help="A phone number (repeatable)."),
            click.option("--birthday", help="YYYY-MM-DD, or --MM-DD without the year."),
            click.option("--company", help="Where they work."),
            click.option("--title", "job_title", help="Their job title."),
        ]
    ):
        command = option(command)
    return command


def _points(emails: tuple[str, ...], phones: tuple[str, ...]) -> list[Any]:
    from netdash.domain.models import ContactPoint

    return [ContactPoint("email", e) for e in emails] + [ContactPoint("phone", p) for p in phones]


@people.command("add")
@click.argument("name")
@click.option(
    "--handle",
    "handles",
    multiple=True,
    metavar="PLATFORM:HANDLE",
    help="An account they use, e.g. mastodon:@ada@example.social (repeatable).",
)
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--met", help="When you met (e.g. 2024-05-01, last friday).")
@click.option("--how-met", help="How you met.")
@click.option("--introduced-by", help="Who introduced you (a name or @handle in the journal).")
@click.option("--notes", default="", help="Free notes.")
@click.option("--closeness", type=click.IntRange(1, 5), help="How close you are, 1 to 5.")
@click.option("--cadence", type=click.IntRange(1, 3650), help="Keep in touch every N days.")
@contact_options
@pass_context
def people_add(
    obj: Context,
    name: str,
    handles: tuple[str, ...],
    tags: tuple[str, ...],
    met: str | None,
    how_met: str | None,
    introduced_by: str | None,
    notes: str,
    closeness: int | None,
    cadence: int | None,
    emails: tuple[str, ...],
    phones: tuple[str, ...],
    birthday: str | None,
    company: str | None,
    job_title: str | None,
) -> None:
    """Add a person."""
    from netdash.store.people import add_person

    met_on = parse_day(met, "--met")
    with user_errors(), obj.db() as db:
        introducer = _resolve(db, introduced_by) if introduced_by else None
        person_id = add_person(
            db,
            name,
            handles=_handles(handles),
            tags=tags,
            met_on=met_on,
            how_met=how_met,
            introduced_by=introducer,
            notes=notes,
            closeness=closeness,
            cadence_days=cadence,
            points=_points(emails, phones),
            birthday=birthday,
            company=company,
            job_title=job_title,
        )
        say(f"Added {_name(db, person_id)} (#{person_id})")


def _name(db: Database, person_id: int) -> str:
    return str(db.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()[0])


@people.command("edit")
@click.argument("name")
@click.option("--name", "new_name", help="A new name.")
@click.option(
    "--handle",
    "handles",
    multiple=True,
    metavar="PLATFORM:HANDLE",
    help="Add a handle (repeatable).",
)
@click.option(
    "--remove-handle",
    "remove_handles",
    multiple=True,
    metavar="PLATFORM:HANDLE",
    help="Remove a handle (repeatable).",
)
@click.option("--tag", "tags", multiple=True, help="Add a tag (repeatable).")
@click.option("--remove-tag", "remove_tags", multiple=True, help="Remove a tag (repeatable).")
@click.option("--met", help="When you met.")
@click.option("--how-met", help="How you met.")
@click.option("--introduced-by", help="Who introduced you.")
@click.option("--notes", help="Replace the notes.")
@click.option("--closeness", type=click.IntRange(1, 5), help="How close you are, 1 to 5.")
@click.option("--cadence", type=click.IntRange(1, 3650), help="Keep in touch every N days.")
@click.option(
    "--snooze", type=click.IntRange(0, 3650), help="Out of the reach-out queue for N days."
)
@click.option(
    "--pin-layer",
    type=click.Choice(["5", "15", "50", "150", "none"]),
    help="Keep them in a Dunbar layer whatever their score (none unpins).",
)
@contact_options
@click.option("--remove-email", "remove_emails", multiple=True, help="Remove an e-mail address.")
@click.option("--remove-phone", "remove_phones", multiple=True, help="Remove a phone number.")
@pass_context
def people_edit(
    obj: Context,
    name: str,
    new_name: str | None,
    handles: tuple[str, ...],
    remove_handles: tuple[str, ...],
    tags: tuple[str, ...],
    remove_tags: tuple[str, ...],
    met: str | None,
    how_met: str | None,
    introduced_by: str | None,
    notes: str | None,
    closeness: int | None,
    cadence: int | None,
    snooze: int | None,
    pin_layer: str | None,
    emails: tuple[str, ...],
    phones: tuple[str, ...],
    birthday: str | None,
    company: str | None,
    job_title: str | None,
    remove_emails: tuple[str, ...],
    remove_phones: tuple[str, ...],
) -> None:
    """Change a person: only the options given change (an empty value clears a field)."""
    from netdash.store.people import update_person

    met_on = parse_day(met, "--met")
    with user_errors(), obj.db() as db:
        person_id = _resolve(db, name)
        fields: dict[str, Any] = {}
        if new_name is not None:
            fields["name"] = new_name
        if met_on is not None:
            fields["met_on"] = met_on
        if how_met is not None:
            fields["how_met"] = how_met
        if introduced_by is not None:
            fields["introduced_by"] = _resolve(db, introduced_by)
        if notes is not None:
            fields["notes"] = notes
        if closeness is not None:
            fields["closeness"] = closeness
        if cadence is not None:
            fields["cadence_days"] = cadence
        if snooze is not None:
            fields["snoozed_until"] = dates.today() + timedelta(days=snooze) if snooze else None
        if pin_layer is not None:
            fields["pinned_layer"] = None if pin_layer == "none" else int(pin_layer)
        for field_name, value in (
            ("birthday", birthday),
            ("company", company),
            ("job_title", job_title),
        ):
            if value is not None:
                fields[field_name] = value or None
        update_person(
            db,
            person_id,
            add_handles=_handles(handles),
            remove_handles=_handles(remove_handles),
            add_tags=tags,
            remove_tags=remove_tags,
            add_points=_points(emails, phones),
            remove_points=[
                point for point in _points(remove_emails, remove_phones) if point.value.strip()
            ],
            **fields,
        )
        say(f"Updated {_name(db, person_id)} (#{person_id})")


@people.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option(
    "--search", default="", help="Only people whose name, handle, tag or e-mail contains this."
)
@click.option("--sort", type=click.Choice(["name", "last-contact"]), default="name")
@pass_context
def people_list(obj: Context, as_json: bool, search: str, sort: str) -> None:
    """List people with their last contact."""
    from netdash.store.people import count_people, list_people

    with user_errors(), obj.db() as db:
        total = count_people(db, search)
        rows = list_people(
            db,
            search=search,
            sort="last_contact" if sort == "last-contact" else "name",
            limit=max(total, 1),
        )
    if as_json:
        import json

        say(
            json.dumps(
                [
                    {
                        "id": row.id,
                        "name": row.name,
                        "interactions": row.interactions,
                        "last_contact": row.last_contact.isoformat() if row.last_contact else None,
                        "tags": list(row.tags),
                    }
                    for row in rows
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    today = dates.today()
    for row in rows:
        last = dates.describe(row.last_contact, today) if row.last_contact else "never"
        tags = "  " + " ".join("#" + tag for tag in row.tags) if row.tags else ""
        say(f"{row.name}  ·  last contact {last}  ·  {row.interactions} logged{tags}")


def person_document(db: Database, person_id: int, settings: Any) -> dict[str, Any]:
    """Everything known about a person, for ``people show --json``."""
    from netdash.store.depth import cached_depth, explain_person
    from netdash.store.journal import list_interactions
    from netdash.store.people import get_person

    person = get_person(db, person_id)
    today = dates.today()
    layer = cached_depth(db, today, settings)[person_id].layer  # layers rank everyone
    depth = explain_person(db, person_id, today, settings, layer)
    vouches = db.execute(
        "SELECT direction, topic, occurred_on, note FROM vouches WHERE person_id = ?"
        " ORDER BY occurred_on DESC, id DESC",
        [person_id],
    ).fetchall()
    timeline = list_interactions(db, person_id=person_id, limit=max(person.interactions, 1))
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
        "last_contact": person.last_contact.isoformat() if person.last_contact else None,
        "interaction_count": person.interactions,
        "score": depth.score,
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
        "pinned_layer": db.execute(
            "SELECT pinned_layer FROM people WHERE id = ?", [person_id]
        ).fetchone()[0],
        "cadence_days": depth.cadence_days,
        "cadence_source": depth.cadence_source,
        "days_since_contact": depth.days_since,
        "overdue": depth.overdue,
        "snoozed_until": depth.snoozed_until.isoformat() if depth.snoozed_until else None,
        "hours_together": round(depth.hours, 1),
        "hall": depth.hall_mark,
        "vouches": [{"direction": d, "topic": t, "on": o, "note": n} for d, t, o, n in vouches],
        "created_at": person.created_at,
        "interactions": [
            {
                "id": entry.id,
                "occurred_on": entry.occurred_on.isoformat(),
                "kind": entry.kind,
                "initiated_by": entry.initiated_by,
                "depth": entry.depth,
                "note": entry.note,
                "with": [ref.name for ref in entry.people if ref.id != person.id],
                "tags": list(entry.tags),
            }
            for entry in timeline
        ],
    }


@people.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def people_show(obj: Context, name: str, as_json: bool) -> None:
    """Show one person and their timeline."""
    with user_errors(), obj.db() as db:
        document = person_document(db, _resolve(db, name), obj.depth_settings())
    if as_json:
        import json

        say(json.dumps(document, indent=2, ensure_ascii=False))
        return
    say(f"{document['name']} (#{document['id']})")
    for label, key in (
        ("met", "met_on"),
        ("how met", "how_met"),
        ("closeness", "closeness"),
        ("cadence (days)", "cadence_days"),
        ("last contact", "last_contact"),
        ("birthday", "birthday"),
    ):
        if document[key] is not None:
            say(f"  {label}: {document[key]}")
    if document["introduced_by"]:
        say(f"  introduced by: {document['introduced_by']['name']}")
    work = ", ".join(part for part in (document["job_title"], document["company"]) if part)
    if work:
        say(f"  work: {work}")
    for point in document["contact"]:
        label = f" ({point['label']})" if point["label"] else ""
        say(f"  {point['kind']}: {point['value']}{label}")
    if document["handles"]:
        handles = ", ".join(f"{h['platform']}:{h['handle']}" for h in document["handles"])
        say(f"  handles: {handles}")
    if document["tags"]:
        say(f"  tags: {' '.join('#' + tag for tag in document['tags'])}")
    if document["notes"]:
        notes = document["notes"].strip().replace("\n", "\n         ")
        say(f"  notes: {notes}")
    say(f"  {document['interaction_count']} interactions")
    for entry in document["interactions"]:
        others = f" with {', '.join(entry['with'])}" if entry["with"] else ""
        say(f"    {entry['occurred_on']}  {entry['kind']}{others}  {entry['note']}")


@cli.command("reach-out")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--all", "show_all", is_flag=True, help="Everyone overdue, not just the top 20.")
@pass_context
def reach_out(obj: Context, as_json: bool, show_all: bool) -> None:
    """Who you are losing touch with, most urgent first.

    Urgency is how far past their keep-in-touch cadence someone is, times how close you are
    (a close friend a week late comes before an acquaintance a week late). Snoozed people wait.
    """
    from netdash.domain.scoring import reach_out_queue
    from netdash.store.depth import cached_depth

    with user_errors(), obj.db() as db:
        queue = reach_out_queue(cached_depth(db, dates.today(), obj.depth_settings()))
        names = dict(db.execute("SELECT id, name FROM people").fetchall())
    shown = queue if show_all else queue[:20]
    if as_json:
        import json

        say(
            json.dumps(
                [
                    {
                        "id": d.person_id,
                        "name": names[d.person_id],
                        "days_since_contact": d.days_since,
                        "cadence_days": d.cadence_days,
                        "layer": d.layer,
                        "score": d.score,
                        "urgency": d.urgency,
                    }
                    for d in shown
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if not queue:
        say("Nobody is overdue. (Cadences: set per person, or by layer in the config.)")
        return
    for d in shown:
        layer = f"inner {d.layer}" if d.layer else "no layer"
        say(
            f"{names[d.person_id]}  ·  {d.days_since} days since contact, every"
            f" {d.cadence_days} days ({d.cadence_source})  ·  {layer}, score {d.score:.0f}"
        )
    if len(queue) > len(shown):
        say(f"… and {len(queue) - len(shown)} more (--all)")


@cli.command()
@click.argument("direction", type=click.Choice(["give", "receive"]))
@click.argument("name")
@click.argument("topic")
@click.option("--note", default="", help="What it was for.")
@click.option("--date", "when", help="When (default today).")
@pass_context
def vouch(obj: Context, direction: str, name: str, topic: str, note: str, when: str | None) -> None:
    """Record an endorsement given to, or received from, a person, on a topic.

    \b
    netdash vouch give "Ana Souza" "data engineering" --note "recommended her to Contoso"
    """
    from netdash.domain.dates import utc_now

    day = parse_day(when, "--date") or dates.today()
    if not topic.strip():
        fail("a vouch needs a topic")
    with user_errors(), obj.db() as db:
        person_id = _resolve(db, name)
        with write_transaction(db):
            db.execute(
                "INSERT INTO vouches(person_id, direction, topic, occurred_on, note, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    person_id,
                    "given" if direction == "give" else "received",
                    topic.strip(),
                    day.isoformat(),
                    note,
                    utc_now(),
                ],
            )
        say(
            f"Vouch {'given to' if direction == 'give' else 'received from'}"
            f" {_name(db, person_id)} on {topic.strip()}"
        )


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--cause", default="", help="The cause, when the organisation is new.")
@pass_context
def give(obj: Context, text: tuple[str, ...], cause: str) -> None:
    """Record community or charity work from one line of text.

    \b
    netdash give "saturday: 4h at Food Bank, 120 meals served, with @ana"
    netdash give "2300 USD raised for Shelter Run as organiser"

    A date first (as in netdash log), hours (4h, 90 min), the organisation after "at" or "for",
    money ($50, 2300 USD), a result (a number and a unit), a role ("as volunteer"), and who you
    were with, after "with". New organisations and people are created.
    """
    from netdash.domain.give import parse_give
    from netdash.store.community import add_contribution
    from netdash.store.journal import resolve_mentions
    from netdash.store.stats import money_text

    with user_errors(), obj.db() as db:
        today = dates.today()
        draft = parse_give(" ".join(text), today)
        people = resolve_mentions(db, draft.mentions)
        assert draft.organisation is not None
        done = add_contribution(
            db,
            organisation=draft.organisation,
            occurred_on=draft.occurred_on,
            today=today,
            minutes=draft.minutes,
            money=draft.money,
            result=draft.result,
            role=draft.role,
            people=people,
            note=" ".join(draft.note),
            cause=cause,
        )
    new_org = " (new)" if done.organisation_created else ""
    say(
        f"Recorded {draft.occurred_on.isoformat()} ({dates.describe(draft.occurred_on, today)})"
        f" at {done.organisation}{new_org}"
    )
    given = []
    if draft.minutes:
        given.append(f"{draft.minutes / 60:g} h")
    if draft.money:
        given.append(f"{money_text(*draft.money)} {draft.money[1]}")
    if draft.result:
        given.append(f"{draft.result[0]} {draft.result[1]}")
    say(f"  gave: {', '.join(given)}{f' as {draft.role}' if draft.role else ''}")
    if done.people:
        created = {ref.id for ref in done.created}
        say(
            "  with: "
            + ", ".join(
                f"{ref.name} (new)" if ref.id in created else ref.name for ref in done.people
            )
        )


@cli.command()
@click.argument("title")
@click.option("--date", "when", help="When it happened (default today).")
@click.option(
    "--kind",
    default="other",
    type=click.Choice(OUTCOME_KINDS),
)
@click.option("--value", help="What it was worth, e.g. 12000 USD.")
@click.option(
    "--credit",
    "credits",
    multiple=True,
    metavar="NAME:ROLE",
    help="A person and how they helped: introduced, referred, advised, collaborated.",
)
@click.option("--org", "organisations", multiple=True, help="An organisation it came through.")
@click.option(
    "--platform",
    "platforms",
    multiple=True,
    help="An audience it came through (a follower on mastodon reached out).",
)
@click.option("--note", default="")
@pass_context
def outcome(
    obj: Context,
    title: str,
    when: str | None,
    kind: str,
    value: str | None,
    credits: tuple[str, ...],
    organisations: tuple[str, ...],
    platforms: tuple[str, ...],
    note: str,
) -> None:
    """Record a real thing that got done, and where it came from.

    \b
    netdash outcome "Contract with Contoso" --kind client --value "12000 USD" \\
        --credit "Ana Souza:introduced" --org "Code Club"
    """
    from netdash.domain.money import parse_money
    from netdash.domain.quicklog import mentions_from_names
    from netdash.store.journal import resolve_mentions
    from netdash.store.outcomes import add_outcome

    day = parse_day(when, "--date") or dates.today()
    with user_errors(), obj.db() as db:
        worth = parse_money(value) if value else None
        people = []
        for credit in credits:
            name, sep, role = credit.rpartition(":")
            if not sep or not name.strip():
                fail(f"--credit {credit!r} should be NAME:ROLE, e.g. 'Ana Souza:introduced'")
            (choice,) = resolve_mentions(db, mentions_from_names(name)[:1])
            people.append((choice, role.strip().lower()))
        outcome_id = add_outcome(
            db,
            title=title,
            occurred_on=day,
            today=dates.today(),
            kind=kind,
            value=worth,
            people=people,
            organisations=organisations,
            platforms=platforms,
            note=note,
        )
    sources = [f"{len(people)} people"] if people else []
    sources += [f"{len(organisations)} organisations"] if organisations else []
    sources += [f"audience on {', '.join(platforms)}"] if platforms else []
    say(
        f"Recorded outcome #{outcome_id}: {' '.join(title.split())} ({kind},"
        f" {day.isoformat()}){' from ' + '; '.join(sources) if sources else ''}"
    )


@cli.command()
@click.option("--year", type=click.IntRange(1900, 2200), help="Which year (default: this one).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path, readable=False),
    help="Write the Markdown to this file instead of printing it.",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@pass_context
def review(obj: Context, year: int | None, output: Path | None, force: bool) -> None:
    """The year in review, in Markdown: people, community work, outcomes, followers."""
    from netdash.export.files import private_text_file
    from netdash.review import year_review

    if output is not None and str(output) != "-":
        obj.refuse_journal(output)
    today = dates.today()
    with user_errors(), obj.db() as db:
        text = year_review(db, year or today.year, today, obj.depth_settings())
    if output is None or str(output) == "-":
        say(text, nl=False)
        return
    with user_errors(), private_text_file(output, overwrite=force) as handle:
        handle.write(text)
    say(f"Wrote {output}")


@cli.group()
def goal() -> None:
    """Yearly goals for community work, and progress towards them."""


@goal.command("add")
@click.option("--year", type=click.IntRange(1900, 2200), help="Default: this year.")
@click.option("--hours", help="Hours to give, e.g. 100.")
@click.option("--money", help="Money to give or raise, e.g. '1000 USD'.")
@click.option("--result", help="A result to reach, e.g. '500 meals served'.")
@click.option("--org", help="Only count work for this organisation.")
@pass_context
def goal_add(
    obj: Context,
    year: int | None,
    hours: str | None,
    money: str | None,
    result: str | None,
    org: str | None,
) -> None:
    """Set a goal: one of --hours, --money or --result."""
    from decimal import Decimal, InvalidOperation

    from netdash.domain.money import parse_money
    from netdash.domain.quantities import parse_hours
    from netdash.store.community import add_goal

    with user_errors(), obj.db() as db:
        try:
            hours_value = parse_hours(hours) if hours else None
            parsed_result = None
            if result:
                number, _, unit = result.strip().partition(" ")
                parsed_result = (Decimal(number.replace(",", "")), unit)
        except InvalidOperation:
            fail(f"{hours or result!r} is not a number")
        add_goal(
            db,
            year or dates.today().year,
            hours=hours_value,
            money=parse_money(money) if money else None,
            result=parsed_result,
            organisation=org,
        )
    say("Goal set")


@goal.command("list")
@click.option("--year", type=click.IntRange(1900, 2200), help="Default: this year.")
@pass_context
def goal_list(obj: Context, year: int | None) -> None:
    """Each goal of a year and how far along it is."""
    from netdash.store.community import goal_progress

    with user_errors(), obj.db() as db:
        progress = goal_progress(db, year or dates.today().year)
    if not progress:
        say("No goals for that year: netdash goal add --hours 100")
    for item in progress:
        say(f"{item.label}: {item.done.normalize():f} done ({item.fraction:.0%})")


# ---------------------------------------------------------------------------------- followers


@cli.group()
def followers() -> None:
    """Record follower counts by hand."""


@followers.command("set")
@click.argument("platform")
@click.argument("count", type=click.IntRange(min=0))
@click.option("--account", help="Your handle on that platform (needed if you have several).")
@click.option("--following", type=click.IntRange(min=0), help="How many you follow.")
@click.option("--at", "at_text", help="The day the count was true (default: now).")
@pass_context
def followers_set(
    obj: Context,
    platform: str,
    count: int,
    account: str | None,
    following: int | None,
    at_text: str | None,
) -> None:
    """Record that PLATFORM showed COUNT followers."""
    from netdash.domain.names import normalize_handle
    from netdash.store.audience import default_account, observed_at, record_follower_count

    day = parse_day(at_text, "--at")
    with user_errors(), obj.db() as db:
        handle = account or default_account(db, platform)
        written = record_follower_count(
            db,
            platform=platform,
            account=handle,
            followers=count,
            following=following,
            at=observed_at(day),
            source="manual",
        )
    shown = normalize_handle(platform, handle)
    if written:
        say(f"Recorded {count:,} followers on {shown.platform} ({shown.handle})")
    else:
        say(f"Unchanged: {shown.platform} ({shown.handle}) already shows {count:,} followers")


# ------------------------------------------------------------------------------------- import


@cli.command("import")
@click.argument("source_and_path", nargs=-1, required=True, metavar="[SOURCE] PATH")
@click.option("--account", help="Your handle on that platform, if the export does not say.")
@click.option(
    "--dry-run", is_flag=True, help="Address books: say what would change; write nothing."
)
@pass_context
def import_command(
    obj: Context, source_and_path: tuple[str, ...], account: str | None, dry_run: bool
) -> None:
    """Import follower counts and lists from a platform's own export, or people from an
    address book.

    \b
    netdash import twitter ~/Downloads/twitter-2026-11-01-abc.zip
    netdash import ~/Downloads/Connections.csv        (the source is detected)
    netdash import vcard ~/Downloads/contacts.vcf --dry-run
    netdash import google-contacts ~/Downloads/contacts.csv

    SOURCE is one of twitter, mastodon, linkedin, instagram, facebook (followers), or vcard,
    google-contacts (people). PATH is the zip, tar.gz, unpacked folder or file. The same file
    twice changes nothing; a newer export records gains and losses; a contact already in the
    journal (same UID, e-mail, handle or unique name) only gains what it lacked. Bad input is
    refused whole: nothing is written.
    """
    from netdash.importers.registry import open_export
    from netdash.importers.source import sha256_of
    from netdash.store.imports import import_snapshot

    if len(source_and_path) > 2:
        fail("import takes [SOURCE] PATH")
    source_name = source_and_path[0].lower() if len(source_and_path) == 2 else None
    from netdash.importers.addressbooks import CONTACT_SOURCES, detect_contacts

    sources = (*IMPORT_SOURCES, *CONTACT_SOURCES)
    if source_name is not None and source_name not in sources:
        fail(f"unknown source {source_name!r} (one of {', '.join(sources)})")
    path = Path(source_and_path[-1]).expanduser()
    contacts = source_name or detect_contacts(path)
    if contacts in CONTACT_SOURCES:
        cli_data.import_contacts_file(obj, contacts, path, dry_run)
        return
    if dry_run:
        fail("--dry-run is for address books (vcard, google-contacts)")
    with user_errors(), open_export(path, source_name) as snapshot, obj.db() as db:
        digest = sha256_of(path)
        expected = snapshot.followers or 0
        with click.progressbar(
            length=max(expected, 1),
            label="Importing",
            file=sys.stderr,
            show_pos=True,
            show_eta=True,
            hidden=expected < 20_000,
        ) as bar:
            shown = 0

            def advance(done: int) -> None:
                nonlocal shown
                bar.update(min(done, expected) - shown)
                shown = min(done, expected)

            result = import_snapshot(
                db,
                snapshot,
                file_name=path.name,
                sha256=digest,
                account=account,
                progress=advance,
            )
    where = f"{result.platform} ({result.account})"
    if result.already_imported:
        say(f"Already imported: {path.name} for {where}; nothing changed")
        return
    counts = []
    if result.followers is not None:
        counts.append(f"{result.followers:,} followers")
    if result.following is not None:
        counts.append(f"{result.following:,} following")
    say(f"Imported {path.name} for {where} as of {result.observed_at}")
    if counts:
        say(f"  {', '.join(counts)}{'' if result.count_changed else ' (unchanged)'}")
    if result.listed is not None:
        say(f"  {result.listed:,} accounts listed · {result.gained:,} new · {result.lost:,} gone")
    for note in result.notes:
        say(f"  note: {note}")


# ------------------------------------------------------------------------------ accounts/fetch


@cli.group()
def accounts() -> None:
    """Your own accounts, whose public counts `netdash fetch` reads."""


@accounts.command("add")
@click.argument("platform", type=click.Choice(["mastodon", "bluesky", "github"]))
@click.argument("handle")
@pass_context
def accounts_add(obj: Context, platform: str, handle: str) -> None:
    """Add an account: mastodon @you@server, bluesky you.example.com, github login."""
    from netdash.store.audience import add_account

    with user_errors(), obj.db() as db:
        account = add_account(db, platform, handle)
    say(f"Added {account.platform} account {account.handle}")


@accounts.command("list")
@pass_context
def accounts_list(obj: Context) -> None:
    """List your accounts and their latest counts."""
    from netdash.store.audience import latest_counts

    with user_errors(), obj.db() as db:
        latest = {(row.platform, row.account): row for row in latest_counts(db)}
        rows = db.execute("SELECT platform, handle FROM accounts ORDER BY platform, handle")
        for platform, handle in rows.fetchall():
            row = latest.get((platform, handle))
            counts = (
                f"{row.followers:,} followers as of {row.as_of}"
                if row and row.followers is not None
                else "no count yet"
            )
            say(f"{platform:<10} {handle}  ·  {counts}")


@cli.command()
@click.option("--no-lists", is_flag=True, help="Counts only; skip paging through follower lists.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=3600),
    default=300,
    show_default=True,
    help="Seconds one account may take in all (a follower list stops early to fit).",
)
@pass_context
def fetch(obj: Context, no_lists: bool, timeout: float) -> None:
    """Refresh public counts for your Mastodon, Bluesky and GitHub accounts over HTTPS.

    The only command that uses the network. No login: public endpoints only. Each account is
    its own transaction, so one failure does not undo the others: it is one line on stderr,
    the others still run, and the exit code is 2.
    """
    from netdash.config import load_config
    from netdash.fetch.http import Limits
    from netdash.fetch.run import fetch_accounts

    with user_errors(), obj.db() as db:
        failures = fetch_accounts(
            db,
            load_config(),
            lists=not no_lists,
            limits=Limits.within(timeout),
            out=say,
            err=lambda line: say(f"netdash: {line}", err=True),
        )
    if failures:
        sys.exit(2)


# -------------------------------------------------------------------------------------- stats


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the JSON summary for scripts.")
@pass_context
def stats(obj: Context, as_json: bool) -> None:
    """Summarise the journal: depth (people, interactions) beside breadth (followers)."""
    from netdash.domain.scoring import layer_counts, reach_out_queue
    from netdash.store.depth import cached_depth
    from netdash.store.stats import summary

    with user_errors(), obj.db() as db:
        today = dates.today()
        document = summary(db, today)
        depths = cached_depth(db, today, obj.depth_settings())
        document["layers"] = layer_counts(depths)
        document["overdue"] = len(reach_out_queue(depths))
    if as_json:
        import json

        say(json.dumps(document, indent=2, ensure_ascii=False))
        return
    say(f"People              {document['people']:>10,}")
    say(f"Interactions        {document['interactions']:>10,}")
    say(f"  last 30 days      {document['interactions_30d']:>10,}")
    say(f"  last 90 days      {document['interactions_90d']:>10,}")
    say(f"People seen (90 d)  {document['people_seen_90d']:>10,}")
    say(f"Followers (total)   {document['audience_total']:>10,}")
    for row in document["audience"]:
        followers_text = f"{row['followers']:,}" if row["followers"] is not None else "?"
        say(f"  {row['platform']} {row['account']}: {followers_text} (as of {row['as_of']})")


@cli.command("backup")
@click.argument(
    "target", required=False, type=click.Path(dir_okay=False, path_type=Path, readable=False)
)
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
@pass_context
def backup_command(obj: Context, target: Path | None, force: bool) -> None:
    """Write a consistent copy of the journal (safe while the TUI is open).

    Without TARGET the copy goes to backups/ beside the journal, named by the time. The copy
    appears only once complete; a damaged journal is not copied (see `netdash check`).
    """
    import os
    from datetime import UTC, datetime

    from netdash.store.db import backup

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    # a link is written through, as export and review do, never replaced by the copy
    destination = Path(os.path.realpath(target)) if target else None
    destination = destination or obj.db_path.parent / "backups" / f"netdash-{stamp}.db"
    obj.refuse_journal(destination, may_replace_journals=True)
    if destination.is_dir():
        fail(f"{destination}: is a folder; give a file name")
    with user_errors(), obj.db() as db:
        try:
            written = backup(db, destination, replace=force)
        except OSError as error:
            fail(f"{destination}: cannot be written ({error.strerror or error})")
    say(str(written))


@cli.command("check")
@pass_context
def check_command(obj: Context) -> None:
    """Check the journal for damage: SQLite's integrity check and the links between rows.

    Changes nothing. Exits 0 when the journal is sound, 2 when it is not, saying what to do.
    """
    import shlex

    from netdash.store.db import check_journal

    path = obj.db_path
    if not path.exists():
        fail(f"{path}: no journal here yet (nothing to check)")
    with user_errors():
        report = check_journal(path)
    if report.ok:
        say(f"{path}: ok ({report.pages:,} pages checked, every link between rows holds)")
        return
    say(f"{path}: problems found", err=True)
    for problem in report.integrity[:10]:
        say(f"  damage: {problem}", err=True)
    for table, rowid, parent in report.broken_links[:10]:
        say(f"  broken link: {table} row {rowid} points to a missing {parent} row", err=True)
    hidden = len(report.integrity[10:]) + len(report.broken_links[10:])
    if hidden:
        say(f"  … and {hidden} more", err=True)
    backups = sorted(
        [*path.parent.glob(f"{path.stem}.before-*.db"), *(path.parent / "backups").glob("*.db")],
        key=lambda item: item.stat().st_mtime,
    )
    quoted, copy = shlex.quote(str(path)), shlex.quote(f"{path}.damaged")
    say("What to do, with netdash closed:", err=True)
    say(f"  1. keep a copy of the file as it is: cp {quoted} {copy}", err=True)
    if backups:
        second = f"the newest backup is {backups[-1]}: open it with --db to see what it holds"
    else:
        second = "if you have a backup or an export, open it or restore it into a new journal"
    say(f"  2. {second}", err=True)
    say(
        f"  3. recover what SQLite can read: sqlite3 {quoted} .recover | sqlite3 recovered.db,"
        " then open recovered.db with --db and check it",
        err=True,
    )
    sys.exit(2)


# ------------------------------------------------------------------------------------- locate


@cli.command()
@click.argument("what", type=click.Choice(["db", "config", "demo"]), required=False)
@pass_context
def locate(obj: Context, what: str | None) -> None:
    """Print where netdash keeps its files."""
    places = {"db": obj.db_path, "config": config_path(), "demo": demo_db_path()}
    if what:
        say(str(places[what]))
        return
    for name, place in places.items():
        say(f"{name:<7}{place}")


# --------------------------------------------------------------------------------------- demo


@cli.command()
@click.option(
    "--scale",
    type=click.Choice(["normal", "large"]),
    default="normal",
    help="normal: about 150 people over two years. large: the benchmark journal.",
)
@click.option("--seed", type=int, default=7, help="The same seed builds the same journal.")
@click.option("--rebuild", is_flag=True, help="Build the demo journal afresh.")
@click.option("--build-only", is_flag=True, help="Build it and print its path; do not open it.")
@click.option(
    "--path",
    "target",
    type=click.Path(dir_okay=False, path_type=Path, readable=False),
    help="Where to keep the demo journal (default: demo.db beside your journal).",
)
@click.option("--force", is_flag=True, help="With --path: replace a file that is not a demo.")
@pass_context
def demo(
    obj: Context,
    scale: str,
    seed: int,
    rebuild: bool,
    build_only: bool,
    target: Path | None,
    force: bool,
) -> None:
    """Open a realistic demo journal kept in its own file, never your journal."""
    from netdash.demo import build_demo, is_demo_journal
    from netdash.store.db import is_netdash_journal

    path = target or demo_db_path().with_name("demo.db" if scale == "normal" else "demo-large.db")
    for journal in (obj.db_path, default_db_path()):
        if is_journal_file(path, journal):
            fail(f"{path}: that is your journal; the demo needs a file of its own")
    # demo.db in the data folder is the demo's own place: an unmarked journal there is a demo
    # an older netdash built, opened or rebuilt as before
    if target is not None and path.exists() and not is_demo_journal(path):
        if not force:
            fail(
                f"{path}: already exists and is not a demo journal; choose another --path,"
                " or pass --force to replace it"
            )
        if is_netdash_journal(path):
            fail(f"{path}: is a netdash journal with your data; the demo never replaces one")
        rebuild = True
    if rebuild or not path.exists():
        with user_errors():
            build_demo(path, scale=scale, seed=seed, today=dates.today())
    if build_only:
        say(str(path))
        return
    launch_tui(path, title="netdash — demo journal")


for _command in (cli_data.export_command, cli_data.restore_command, cli_data.connections):
    cli.add_command(_command)
for _command in (cli_data.people_duplicates, cli_data.people_merge, cli_data.people_different):
    people.add_command(_command)


def main() -> None:
    """Entry point: bad input exits 2 (see :func:`fail`); an unexpected failure exits 1."""
    import os

    try:
        cli.main(prog_name="netdash", standalone_mode=True)
    except SystemExit as done:
        if not _tui_closed:
            raise
        # Quitting should feel instant. After the TUI, nothing is left to write, and tearing
        # down the interpreter's objects one by one takes longer than the dashboard took to
        # paint (about 100 ms here), so skip it.
        code = done.code if isinstance(done.code, int) else 0
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:
        _unexpected(error)


def _unexpected(error: BaseException) -> NoReturn:
    import os

    if os.environ.get("NETDASH_DEBUG"):
        raise error
    say(
        f"netdash: unexpected error: {type(error).__name__}: {error}"
        " (set NETDASH_DEBUG=1 for the traceback, and please report it)",
        err=True,
    )
    sys.exit(1)
