"""`netdash log`: an interaction from one line of text."""

from __future__ import annotations

from datetime import date

import click

from netdash.cli.kit import Context, pass_context, say, user_errors
from netdash.domain import dates


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


@click.command("log")
@click.argument("text", nargs=-1, required=True)
@click.option("--dry-run", is_flag=True, help="Show what would be logged; write nothing.")
@pass_context
def log_command(obj: Context, text: tuple[str, ...], dry_run: bool) -> None:
    """Log an interaction from one line of text.

    \b
    netdash log "yesterday: coffee with Grace Hopper and @ada #navy talked about COBOL"

    A date first (today, yesterday, 3 days ago, last friday, nov 20, 2026-11-20), people as
    capitalised names after "with"/"called"/"met", as @handles or as ids (#12, or "John Smith
    #12" for one of two John Smiths), #tags (with a letter: #12 is an id), and the rest is the
    note. New names become new people.
    """
    from netdash.domain.followup import parse_follow_up
    from netdash.domain.quicklog import parse_quick_log
    from netdash.store.journal import NewPerson, log_interaction, resolve_mentions
    from netdash.store.people import names_by_id

    with user_errors(), obj.db(keep_new=not dry_run) as db:
        if follow_up := parse_follow_up(" ".join(text), dates.today()):
            from netdash.cli.followups import record_follow_up

            return record_follow_up(db, follow_up, dry_run=dry_run)  # a day to come: not an entry
        parsed = parse_quick_log(" ".join(text), dates.today())
        choices = resolve_mentions(db, parsed.mentions)
        if dry_run:
            known = names_by_id(db, [c for c in choices if not isinstance(c, NewPerson)])
            names = [
                f"{choice.name} (new)" if isinstance(choice, NewPerson) else known[choice]
                for choice in choices
            ]
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
    if logged.follow_ups_done:
        say(f"  follow-ups done: {', '.join(f'#{i}' for i in logged.follow_ups_done)}")
