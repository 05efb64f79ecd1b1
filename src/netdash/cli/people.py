"""`netdash people …` and `netdash reach-out`: the people in the journal, one by one.

Plain commands: they never import Textual.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

import click
from sqlite_utils import Database

from netdash.cli.kit import Context, fail, parse_day, pass_context, say, user_errors
from netdash.domain import dates
from netdash.domain.names import shorten
from netdash.domain.words import count_of

F = TypeVar("F", bound=Callable[..., Any])


@click.group()
def people() -> None:
    """Add, edit, list and show the people in your journal."""


def _handles(specs: tuple[str, ...]) -> list[Any]:
    from netdash.domain.names import parse_handle_spec

    return [parse_handle_spec(spec) for spec in specs]


CADENCE_HELP = (
    'Keep in touch: days (30), 4w, 2 months, "every 4 weeks, at worst 6", 4-6 weeks;'
    " past the first they are due, past the worst late; none clears it."
)
"""The grammar of :mod:`netdash.domain.cadence`; the parsing is in :mod:`netdash.cli.cadence`,
imported by the commands that take it (`reach-out` and `people list` import no more)."""


def _resolve(db: Database, reference: str) -> int:
    """A person by ``#id``, name or @handle."""
    from netdash.store.people import resolve_person

    return resolve_person(db, reference).id


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


def handle_option(flag: str, name: str, help_text: str) -> Callable[[F], F]:
    """A repeatable PLATFORM:HANDLE option, the same on people add and edit."""
    return click.option(flag, name, multiple=True, metavar="PLATFORM:HANDLE", help=help_text)


def _points(emails: tuple[str, ...], phones: tuple[str, ...]) -> list[Any]:
    from netdash.domain.models import ContactPoint

    return [ContactPoint("email", e) for e in emails] + [ContactPoint("phone", p) for p in phones]


@people.command("add")
@click.argument("name")
@handle_option(
    "--handle", "handles", "An account they use, e.g. mastodon:@ada@example.social (repeatable)."
)
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--met", help="When you met (e.g. 2024-05-01, last friday).")
@click.option("--how-met", help="How you met.")
@click.option("--introduced-by", help="Who introduced you (a name or @handle in the journal).")
@click.option("--notes", default="", help="Free notes.")
@click.option("--closeness", type=click.IntRange(1, 5), help="How close you are, 1 to 5.")
@click.option("--cadence", metavar="CADENCE", help=CADENCE_HELP)
@click.option(
    "--allow-same-name",
    is_flag=True,
    help="Add them even though someone in the journal already has this name.",
)
@contact_options
@pass_context
def people_add(  # long: one parameter per option, as click passes them
    obj: Context,
    name: str,
    handles: tuple[str, ...],
    tags: tuple[str, ...],
    met: str | None,
    how_met: str | None,
    introduced_by: str | None,
    notes: str,
    closeness: int | None,
    cadence: str | None,
    emails: tuple[str, ...],
    phones: tuple[str, ...],
    birthday: str | None,
    company: str | None,
    job_title: str | None,
    allow_same_name: bool,
) -> None:
    """Add a person.

    A name someone in the journal already has (ignoring case) is asked about on a terminal,
    saying what tells them apart, and refused elsewhere unless --allow-same-name says it is
    another person; the two are then told apart by id (#12).
    """
    from netdash.actions.same_name import same_name_question
    from netdash.cli.cadence import cadence_days
    from netdash.store.people import add_person, person_name
    from netdash.store.same_name import same_name

    met_on = parse_day(met, "--met")
    ideal, most = cadence_days(cadence) or (None, None)
    with user_errors(), obj.db() as db:
        others = same_name(db, name)
        ids = ", ".join(f"#{other.id}" for other in others)
        if others and not allow_same_name:
            refused = (
                f"{shorten(others[0].name)} is already in the journal ({ids}): add"
                " --allow-same-name if this is someone else, or edit them with"
                f" netdash people edit '#{others[0].id}'"
            )
            if not sys.stdin.isatty():
                fail(refused)
            say(same_name_question(db, name, others, dates.today()))
            if not click.confirm("Add them", default=False):
                fail(f"not added; {refused}")
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
            cadence_days=ideal,
            cadence_max_days=most,
            points=_points(emails, phones),
            birthday=birthday,
            company=company,
            job_title=job_title,
        )
        if others and allow_same_name:  # not asked (a question would have said it already)
            say(f"Note: another {shorten(others[0].name)} is in the journal ({ids})", err=True)
        say(f"Added {person_name(db, person_id)} (#{person_id})")


@people.command("edit")
@click.argument("name")
@click.option("--name", "new_name", help="A new name.")
@handle_option("--handle", "handles", "Add a handle (repeatable).")
@handle_option("--remove-handle", "remove_handles", "Remove a handle (repeatable).")
@click.option("--tag", "tags", multiple=True, help="Add a tag (repeatable).")
@click.option("--remove-tag", "remove_tags", multiple=True, help="Remove a tag (repeatable).")
@click.option(
    "--alias",
    "aliases",
    multiple=True,
    help='Words you know them by, found by `netdash log` ("mom", "my sister"; repeatable).',
)
@click.option("--remove-alias", "remove_aliases", multiple=True, help="Remove an alias.")
@click.option("--met", help="When you met.")
@click.option("--how-met", help="How you met.")
@click.option("--introduced-by", help="Who introduced you.")
@click.option("--notes", help="Replace the notes.")
@click.option("--closeness", type=click.IntRange(1, 5), help="How close you are, 1 to 5.")
@click.option("--cadence", metavar="CADENCE", help=CADENCE_HELP)
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
# long: click hands each of the 25 options over as a parameter: the signature is a third
# of it, and the body is one option after another.
def people_edit(
    obj: Context,
    name: str,
    new_name: str | None,
    handles: tuple[str, ...],
    remove_handles: tuple[str, ...],
    tags: tuple[str, ...],
    remove_tags: tuple[str, ...],
    aliases: tuple[str, ...],
    remove_aliases: tuple[str, ...],
    met: str | None,
    how_met: str | None,
    introduced_by: str | None,
    notes: str | None,
    closeness: int | None,
    cadence: str | None,
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
    from netdash.cli.cadence import cadence_days
    from netdash.store.people import person_name, update_person

    met_on = parse_day(met, "--met")
    keep_in_touch = cadence_days(cadence)
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
        if keep_in_touch is not None:
            fields["cadence_days"], fields["cadence_max_days"] = keep_in_touch
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
            add_aliases=aliases,
            remove_aliases=remove_aliases,
            add_points=_points(emails, phones),
            remove_points=[
                point for point in _points(remove_emails, remove_phones) if point.value.strip()
            ],
            **fields,
        )
        say(f"Updated {person_name(db, person_id)} (#{person_id})")


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


@people.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def people_show(obj: Context, name: str, as_json: bool) -> None:
    """Show one person and their timeline."""
    from netdash.actions.person_report import person_report, report_document
    from netdash.cli.cadence import cadence_words

    with user_errors(), obj.db(writes=False) as db:  # reads; only the score cache is kept
        report = person_report(
            db, _resolve(db, name), dates.today(), obj.depth_settings(), history=as_json
        )
    document = report_document(report)
    if as_json:
        say(json.dumps(document, indent=2, ensure_ascii=False))
        return
    say(f"{document['name']} (#{document['id']})")
    for label, key in (
        ("met", "met_on"),
        ("how met", "how_met"),
        ("closeness", "closeness"),
        ("last contact", "last_contact"),
        ("birthday", "birthday"),
    ):
        if document[key] is not None:
            say(f"  {label}: {document[key]}")
    if document["cadence_days"] is not None:
        say(f"  keep in touch: {cadence_words(document)}")
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
    if document["aliases"]:
        say(f"  also known as: {', '.join(document['aliases'])}")
    if document["notes"]:
        notes = document["notes"].strip().replace("\n", "\n         ")
        say(f"  notes: {notes}")
    say(f"  {count_of(document['interaction_count'], 'interaction')}")
    for entry in document["interactions"]:
        others = f" with {', '.join(entry['with'])}" if entry["with"] else ""
        say(f"    {entry['occurred_on']}  {entry['kind']}{others}  {entry['note']}")


@click.command("duplicates")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def people_duplicates(obj: Context, as_json: bool) -> None:
    """People who may be the same person, surest first, and why.

    Merge a pair with `netdash people merge KEEP OTHER`; say they differ with
    `netdash people different A B` and the pair is not suggested again.
    """
    from netdash.store.duplicates import suggest_duplicates

    with user_errors(), obj.db() as db:
        pairs = suggest_duplicates(db)
    if as_json:
        document = [
            {
                "first": {"id": pair.first.id, "name": pair.first.name},
                "second": {"id": pair.second.id, "name": pair.second.name},
                "reasons": list(pair.reasons),
                "strength": ["", "weak", "medium", "strong"][pair.strength],
            }
            for pair in pairs
        ]
        say(json.dumps(document, indent=2, ensure_ascii=False))
        return
    if not pairs:
        say("No likely duplicates")
        return
    for pair in pairs:
        say(
            f"#{pair.first.id} {pair.first.name}  ·  #{pair.second.id} {pair.second.name}"
            f"  ({'; '.join(pair.reasons)})"
        )
    say(f"{len(pairs)} pair{'s' if len(pairs) != 1 else ''}; merge: netdash people merge "
               "'#ID' '#ID'")  # fmt: skip


@click.command("merge")
@click.argument("keep")
@click.argument("other")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def people_merge(obj: Context, keep: str, other: str, yes: bool) -> None:
    """Merge OTHER into KEEP: every interaction, handle, contact, tag, credit and note moves.

    \b
    netdash people merge "Tomás Reyes" Tom
    netdash people merge '#12' '#40' --yes

    KEEP's own fields win and blanks are filled from OTHER; both sets of notes are kept.
    """
    from netdash.actions.merge import merge, moved_parts, pair_to_merge

    with user_errors(), obj.db() as db:
        kept, merged = pair_to_merge(db, keep, other)
        if not yes:
            say(
                f"Merge {merged.name} (#{merged.id}, {merged.interactions} interactions) into"
                f" {kept.name} (#{kept.id}, {kept.interactions} interactions)?"
            )
            if not sys.stdin.isatty() or not click.confirm("Merge", default=False):
                fail("not merged (pass --yes to merge without asking)")
        summary = merge(db, kept.id, merged.id)
    moved = ", ".join(moved_parts(summary))
    say(f"Merged {summary.merged.name} into {summary.kept.name}: {moved}")


@click.command("different")
@click.argument("first")
@click.argument("second")
@pass_context
def people_different(obj: Context, first: str, second: str) -> None:
    """Say two people are not the same, so they are not suggested as duplicates again."""
    from netdash.store.duplicates import dismiss_duplicate

    with user_errors(), obj.db() as db:
        dismiss_duplicate(db, _resolve(db, first), _resolve(db, second))
    say("Noted: they will not be suggested as duplicates again")
