"""Changing what `give` and `outcome` recorded, and organisations: `give edit|delete`,
`outcome edit|delete`, `org rename|delete`. Every change goes to the trash (`netdash undo`).

Plain commands: they never import Textual.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

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
from netdash.domain import dates
from netdash.domain.vocabulary import OUTCOME_KINDS

NONE_WORDS = ("", "none", "-")


def _money(text: str | None) -> Any:
    """The money an edit gives: unchanged (no option), none ("none") or an amount."""
    from netdash.domain.money import parse_money
    from netdash.store.contributions import KEEP

    if text is None:
        return KEEP
    return None if text.strip().lower() in NONE_WORDS else parse_money(text)


def _result(text: str | None) -> Any:
    from netdash.store.contributions import KEEP

    if text is None:
        return KEEP
    if text.strip().lower() in NONE_WORDS:
        return None
    from netdash.domain.quantities import parse_result

    return parse_result(text)


@click.command("edit")
@click.argument("contribution_id", type=RecordId("contribution"))
@click.option("--date", "when", help="When it was.")
@click.option("--org", help="The organisation (created if new).")
@click.option("--hours", help="Hours given, e.g. 4 or 90m (0 for none).")
@click.option("--money", help="Money given, e.g. '50 USD' ('none' for none).")
@click.option("--result", help="A result, e.g. '120 meals served' ('none' for none).")
@click.option("--role", help="Your role.")
@click.option("--note", help="The note.")
@pass_context
def give_edit(  # long: one parameter per option, as click passes them
    obj: Context,
    contribution_id: int,
    when: str | None,
    org: str | None,
    hours: str | None,
    money: str | None,
    result: str | None,
    role: str | None,
    note: str | None,
) -> None:
    """Change a contribution: only the options given change.

    \b
    netdash give edit 12 --hours 3 --money none
    """
    from netdash.domain.quantities import minutes, parse_hours
    from netdash.store.contributions import ContributionEdit, edit_contribution

    if all(given is None for given in (when, org, hours, money, result, role, note)):
        fail("nothing to change: give --date, --org, --hours, --money, --result, --role or --note")
    with user_errors():  # a refused amount or day: one line, exit 2
        change = ContributionEdit(
            organisation=org,
            occurred_on=parse_day(when, "--date"),
            minutes=None
            if hours is None
            else minutes(parse_hours(hours) if hours.strip() else Decimal(0)),
            money=_money(money),
            result=_result(result),
            role=role,
            note=note,
        )
    with user_errors(), obj.db() as db:
        row = edit_contribution(db, contribution_id, change, dates.today())
    say(f"Changed contribution #{row.id}: {row.organisation}, {row.occurred_on}; {UNDO}")


@click.command("delete")
@click.argument("contribution_id", type=RecordId("contribution"))
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def give_delete(obj: Context, contribution_id: int, yes: bool) -> None:
    """Delete a contribution (it goes to the trash: `netdash undo` puts it back)."""
    from netdash.store.contributions import (
        contribution_words,
        delete_contribution,
        get_contribution,
    )

    with user_errors(), obj.db() as db:
        confirm_unless(
            yes, delete_question(contribution_words(get_contribution(db, contribution_id)))
        )
        gone = delete_contribution(db, contribution_id)
    say(f"Deleted {contribution_words(gone)}; {UNDO}")


@click.command("edit")
@click.argument("outcome_id", type=RecordId("outcome"))
@click.option("--title", help="What got done.")
@click.option("--date", "when", help="When it happened.")
@click.option("--kind", type=click.Choice(OUTCOME_KINDS))
@click.option("--value", help="What it was worth, e.g. '12000 USD' ('none' for none).")
@click.option("--note", help="The note.")
@pass_context
def outcome_edit(  # long: one parameter per option, as click passes them
    obj: Context,
    outcome_id: int,
    title: str | None,
    when: str | None,
    kind: str | None,
    value: str | None,
    note: str | None,
) -> None:
    """Change an outcome: only the options given change (its credits stay).

    \b
    netdash outcome edit 3 --title "Contract with Contoso" --kind client
    """
    from netdash.store.outcomes import OutcomeEdit, edit_outcome

    if all(given is None for given in (title, when, kind, value, note)):
        fail("nothing to change: give --title, --date, --kind, --value or --note")
    with user_errors():  # a refused amount or day: one line, exit 2
        change = OutcomeEdit(
            title=title,
            occurred_on=parse_day(when, "--date"),
            kind=kind,
            value=_money(value),
            note=note,
        )
    with user_errors(), obj.db() as db:
        row = edit_outcome(db, outcome_id, change, dates.today())
    say(f"Changed outcome #{row.id}: {row.title} ({row.kind}, {row.occurred_on}); {UNDO}")


@click.command("delete")
@click.argument("outcome_id", type=RecordId("outcome"))
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def outcome_delete(obj: Context, outcome_id: int, yes: bool) -> None:
    """Delete an outcome and its credits (`netdash undo` puts them back)."""
    from netdash.store.outcomes import delete_outcome, get_outcome

    with user_errors(), obj.db() as db:
        confirm_unless(yes, delete_question(f"the outcome {get_outcome(db, outcome_id).title!r}"))
        gone = delete_outcome(db, outcome_id)
    say(f"Deleted the outcome {gone.title!r}; {UNDO}")


@click.group()
def org() -> None:
    """Organisations: rename one, or delete it and its contributions."""


@org.command("rename")
@click.argument("old")
@click.argument("new")
@pass_context
def org_rename(obj: Context, old: str, new: str) -> None:
    """Rename an organisation (by name or '#id').

    \b
    netdash org rename "Food Bank" "City Food Bank"
    """
    from netdash.store.organisations import find_organisation, rename_organisation

    with user_errors(), obj.db() as db:
        organisation_id, was = find_organisation(db, old)
        name = rename_organisation(db, organisation_id, new)
    say(f"Renamed {was} to {name}; {UNDO}")


@org.command("delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def org_delete(obj: Context, name: str, yes: bool) -> None:
    """Delete an organisation with its contributions and goals; outcomes lose its credit.

    \b
    netdash org delete "Food Bank"
    """
    from netdash.store.organisations import (
        delete_organisation,
        find_organisation,
        organisation_deletion,
    )

    with user_errors(), obj.db() as db:
        organisation_id, _ = find_organisation(db, name)
        confirm_unless(yes, delete_question(organisation_deletion(db, organisation_id)))
        gone = delete_organisation(db, organisation_id)
    say(f"Deleted {gone.words()}; {UNDO}")
