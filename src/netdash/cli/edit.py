"""Editing and deleting what was recorded by mistake: `vouches`, `goal edit|delete` and
`accounts rename|delete`. A delete is asked first (unless --yes), and every change goes to the
trash, so `netdash undo` puts it back.

Plain commands: they never import Textual.
"""

from __future__ import annotations

import click

from netdash.actions.undo import delete_question
from netdash.cli.kit import (
    UNDO,
    Context,
    RecordId,
    confirm_unless,
    fail,
    parse_day,
    pass_context,
    say,
    user_errors,
)
from netdash.domain.goals import GoalTarget

# ----------------------------------------------------------------------------------- vouches


@click.group()
def vouches() -> None:
    """List, edit and delete vouches (`netdash vouch` records one)."""


@vouches.command("list")
@click.argument("name")
@pass_context
def vouches_list(obj: Context, name: str) -> None:
    """A person's vouches with their ids, newest first."""
    from netdash.store.people import resolve_person
    from netdash.store.vouches import vouches_for

    with user_errors(), obj.db() as db:
        person = resolve_person(db, name)
        found = vouches_for(db, person.id)
    for vouch in found:
        note = f"  ({vouch.note})" if vouch.note else ""
        say(f"#{vouch.id}  {vouch.occurred_on}  {vouch.direction:<8}  {vouch.topic}{note}")
    if not found:
        say(f"No vouches for {person.name}")


@vouches.command("edit")
@click.argument("number", metavar="VOUCH_ID", type=RecordId("vouch"))
@click.option("--direction", type=click.Choice(["given", "received"]))
@click.option("--topic", help="What it was about.")
@click.option("--note", help="What it was for ('' clears it).")
@click.option("--date", "when", help="When it was.")
@pass_context
def vouches_edit(
    obj: Context,
    number: int,
    direction: str | None,
    topic: str | None,
    note: str | None,
    when: str | None,
) -> None:
    """Change the fields given; the rest stay as they were.

    \b
    netdash vouches edit 12 --topic "data engineering" --date 2026-03-01
    """
    from netdash.store.vouches import edit_vouch

    if direction is None and topic is None and note is None and when is None:
        fail("nothing to change: give --direction, --topic, --note or --date")
    day = parse_day(when, "--date")
    with user_errors(), obj.db() as db:
        new = edit_vouch(db, number, direction=direction, topic=topic, occurred_on=day, note=note)
    say(f"Vouch #{new.id} is now {new.direction} on {new.topic} ({new.occurred_on}); {UNDO}")


@vouches.command("delete")
@click.argument("number", metavar="VOUCH_ID", type=RecordId("vouch"))
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def vouches_delete(obj: Context, number: int, yes: bool) -> None:
    """Delete a vouch (`netdash vouches list NAME` shows the ids)."""
    from netdash.store.vouches import delete_vouch, get_vouch

    with user_errors(), obj.db() as db:
        old = get_vouch(db, number)
        confirm_unless(
            yes, delete_question(f"the vouch #{old.id} ({old.direction}) on {old.topic}")
        )
        delete_vouch(db, number)
    say(f"Deleted the vouch #{old.id} on {old.topic}; {UNDO}")


# ------------------------------------------------------------------------------------- goals


@click.command("edit")
@click.argument("number", metavar="GOAL_ID", type=RecordId("goal"))
@click.option("--year", type=click.IntRange(1900, 2200))
@click.option("--hours", help="Hours to give, e.g. 100.")
@click.option("--money", help="Money to give or raise, e.g. '1000 USD'.")
@click.option("--result", help="A result to reach, e.g. '500 meals served'.")
@click.option("--org", help="Only count work for this organisation ('' counts all).")
@pass_context
def goal_edit(
    obj: Context,
    number: int,
    year: int | None,
    hours: str | None,
    money: str | None,
    result: str | None,
    org: str | None,
) -> None:
    """Change the fields given (`netdash goal list` shows the ids).

    \b
    netdash goal edit 3 --hours 120
    """
    from netdash.store.goals import edit_goal

    if year is None and org is None and not (hours or money or result):
        fail("nothing to change: give --year, --hours, --money, --result or --org")
    with user_errors(), obj.db() as db:
        aim = _aim(hours, money, result) if (hours or money or result) else None
        new = edit_goal(db, number, year=year, aim=aim, organisation=org)
    say(f"Now {new.words()}; {UNDO}")


def _aim(hours: str | None, money: str | None, result: str | None) -> GoalTarget:
    from netdash.domain.goals import goal_target
    from netdash.domain.money import parse_money
    from netdash.domain.quantities import parse_hours, parse_result

    return goal_target(
        parse_hours(hours) if hours else None,
        parse_money(money) if money else None,
        parse_result(result) if result else None,
    )


@click.command("delete")
@click.argument("number", metavar="GOAL_ID", type=RecordId("goal"))
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def goal_delete(obj: Context, number: int, yes: bool) -> None:
    """Delete a goal (`netdash goal list` shows the ids)."""
    from netdash.store.goals import delete_goal, get_goal

    with user_errors(), obj.db() as db:
        old = get_goal(db, number)
        confirm_unless(yes, delete_question(old.words()))
        delete_goal(db, number)
    say(f"Deleted {old.words()}; {UNDO}")


# ---------------------------------------------------------------------------------- accounts


@click.command("rename")
@click.argument("handle")
@click.argument("new_handle")
@click.option("--platform", help="The account's platform, if you have that handle on several.")
@pass_context
def accounts_rename(obj: Context, handle: str, new_handle: str, platform: str | None) -> None:
    """Change an account's handle (a typo, a move to another server, the 'me' a first import
    made); its counts and lists stay.

    \b
    netdash accounts rename @me@old.social @me@new.social
    netdash accounts rename me linkedin.com/in/ada-lovelace --platform linkedin
    """
    from netdash.store.account_delete import find_account, rename_account

    with user_errors(), obj.db() as db:
        new = rename_account(db, find_account(db, handle, platform), new_handle)
    say(f"Renamed {handle} to {new}; {UNDO}")


accounts_edit = click.Command(
    "edit",
    callback=accounts_rename.callback,
    params=accounts_rename.params,
    help=accounts_rename.help,
    hidden=True,
)
"""`accounts edit`, the older spelling of `accounts rename`: the same command, kept working."""


@click.command("delete")
@click.argument("handle")
@click.option("--platform", help="The account's platform, if you have that handle on several.")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def accounts_delete(obj: Context, handle: str, platform: str | None, yes: bool) -> None:
    """Delete an account with its follower counts, follower lists and contacts.

    It goes to the trash (`netdash undo`), except a follower list of over 100,000.
    """
    from netdash.store.account_delete import account_deletion, delete_account, find_account

    with user_errors(), obj.db() as db:
        account_id = find_account(db, handle, platform)
        confirm_unless(yes, account_deletion(db, account_id).question())
        gone = delete_account(db, account_id)
    kept = UNDO if gone.list_kept else f"{UNDO}, without its follower list"
    say(f"Deleted {gone.words()}; {kept}")
