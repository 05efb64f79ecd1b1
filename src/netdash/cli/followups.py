"""`netdash followups …` and `netdash upcoming`: what is ahead, not only what has been.

Plain commands, light enough for a shell's start-up file: they import neither Textual nor the
depth model.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import click

from netdash.cli.kit import (
    NOT_DELETED,
    UNDO,
    Context,
    RecordId,
    confirm_unless,
    pass_context,
    say,
    user_errors,
)
from netdash.domain import dates
from netdash.domain.upcoming import ahead_words, weekday_date

if TYPE_CHECKING:
    from sqlite_utils import Database

    from netdash.domain.followup import FollowUpLine
    from netdash.store.upcoming import Birthday, Upcoming

HOW_TO_ADD = 'netdash log "follow up with Ana next friday about the intro"'


def record_follow_up(db: Database, line: FollowUpLine, *, dry_run: bool) -> None:
    """What `netdash log` does with a follow-up line: resolve the people, write (unless a dry
    run) and say what it understood."""
    from netdash.store.follow_ups import add_follow_up_line
    from netdash.store.journal import NewPerson
    from netdash.store.mentions import resolve_mentions
    from netdash.store.person_names import names_by_id

    today = dates.today()
    when = ahead_words(line.due_on, today)
    if dry_run:
        choices = resolve_mentions(db, line.mentions)
        known = names_by_id(db, [c for c in choices if not isinstance(c, NewPerson)])
        names = [f"{c.name} (new)" if isinstance(c, NewPerson) else known[c] for c in choices]
        say(f"Would add a follow-up due {weekday_date(line.due_on)} ({when})")
    else:
        added = add_follow_up_line(db, line, today)
        created = {ref.id for ref in added.created}
        names = [
            f"{f.person.name} (new)" if f.person.id in created else f.person.name
            for f in added.follow_ups
        ]
        say(f"Follow-up due {weekday_date(line.due_on)} ({when})")
    say(f"  with: {', '.join(names)}")
    if line.about:
        say(f"  about: {line.about}")
    if not dry_run:
        ids = ", ".join(f"#{f.id}" for f in added.follow_ups)
        say(f"  {ids}: done when you log anything with them, or netdash followups done ID")


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--all", "show_all", is_flag=True, help="The done ones too, newest first.")
@click.pass_context
def followups(ctx: click.Context, as_json: bool, show_all: bool) -> None:
    """Follow-ups not done yet, the late first; `done ID` or `delete ID` for one.

    \b
    netdash log "follow up with Ana next friday about the intro"   # adds one
    netdash followups done 3        # or log anything with Ana: that marks it done too
    """
    if ctx.invoked_subcommand is not None:
        return
    from netdash.store.follow_ups import all_follow_ups, open_follow_ups

    obj: Context = ctx.obj
    today = dates.today()
    with user_errors(), obj.db() as db:
        found = all_follow_ups(db) if show_all else open_follow_ups(db)
    if as_json:
        document = [f.to_json(today) for f in found]
        say(json.dumps(document, indent=2, ensure_ascii=False))
        return
    if not found:
        say(f"No follow-ups{'' if show_all else ' to do'}. Add one: {HOW_TO_ADD}")
        return
    for follow_up in found:
        say(follow_up.line(today))


@followups.command("done")
@click.argument("follow_up_id", type=RecordId("follow-up"))
@pass_context
def followups_done(obj: Context, follow_up_id: int) -> None:
    """Mark a follow-up done today (`netdash undo` opens it again)."""
    from netdash.store.follow_ups import mark_done

    with user_errors(), obj.db() as db:
        done = mark_done(db, follow_up_id, dates.today())
    about = f" about {done.about}" if done.about else ""
    say(f"Done: the follow-up with {done.person.name}{about}; {UNDO}")


@followups.command("delete")
@click.argument("follow_up_id", type=RecordId("follow-up"))
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def followups_delete(obj: Context, follow_up_id: int, yes: bool) -> None:
    """Delete a follow-up made by mistake (`netdash undo` puts it back)."""
    from netdash.store.follow_ups import delete_follow_up, get_follow_up

    with user_errors(), obj.db() as db:
        follow_up = get_follow_up(db, follow_up_id)
        confirm_unless(yes, f"Delete the follow-up with {follow_up.person.name}?", NOT_DELETED)
        delete_follow_up(db, follow_up_id)
    say(f"Deleted the follow-up with {follow_up.person.name}; {UNDO}")


def _birthday_json(birthday: Birthday, today: date) -> dict[str, Any]:
    return {
        "id": birthday.person.id,
        "name": birthday.person.name,
        "date": birthday.on.isoformat(),
        "in_days": (birthday.on - today).days,
        "birthday": birthday.birthday,
        "turns": birthday.turns,
    }


def _birthday_line(birthday: Birthday, today: date) -> str:
    turns = f" turns {birthday.turns}" if birthday.turns is not None else "'s birthday"
    when = f"{weekday_date(birthday.on)} ({ahead_words(birthday.on, today)})"
    return f"{when}  {birthday.person.name}{turns}"


def _print(upcoming: Upcoming, quiet: bool) -> None:
    from netdash.store.upcoming import Birthday

    if upcoming.empty:
        if not quiet:
            say(
                f"Nothing in the next {upcoming.days} days. Birthdays: netdash people edit"
                f" NAME --birthday 1990-04-15 (or --04-15); follow-ups: {HOW_TO_ADD}"
            )
        return
    end = upcoming.today + timedelta(days=upcoming.days)
    say(f"Upcoming, today through {weekday_date(end)}:")
    for item in upcoming.by_day():
        if isinstance(item, Birthday):
            say(f"  {_birthday_line(item, upcoming.today)}")
            continue
        about = f": {item.about}" if item.about else ""
        say(
            f"  {weekday_date(item.due_on)} ({item.due_words(upcoming.today)})  follow up"
            f" with {item.person.name}{about}  (#{item.id})"
        )


@click.command("upcoming")
@click.option(
    "--days",
    type=click.IntRange(0, 366),
    default=30,
    show_default=True,
    help="How many days ahead to look.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when nothing is coming.")
@pass_context
def upcoming_command(obj: Context, days: int, as_json: bool, quiet: bool) -> None:
    """Birthdays in the next days (with the age they turn) and follow-ups due or late.

    \b
    netdash upcoming               # the next 30 days
    netdash upcoming --days 7 -q   # for a shell's start-up file: silent when nothing is due
    """
    from netdash.store.upcoming import upcoming

    today = dates.today()
    with user_errors(), obj.db(keep_new=False, writes=False) as db:
        found = upcoming(db, today, days)
    if as_json:
        document = {
            "today": today.isoformat(),
            "days": days,
            "birthdays": [_birthday_json(b, today) for b in found.birthdays],
            "follow_ups": [f.to_json(today) for f in found.follow_ups],
        }
        say(json.dumps(document, indent=2, ensure_ascii=False))
        return
    _print(found, quiet)
