"""Community and what comes of it: `vouch`, `give`, `outcome`, `review`, `goal` (changing
what `give` and `outcome` recorded, and `org`, are in :mod:`netdash.cli.community_edit`).

Plain commands: they never import Textual.
"""

from __future__ import annotations

from pathlib import Path

import click

from netdash.cli.kit import (
    FILE_TO_WRITE,
    Context,
    OrAdd,
    fail,
    parse_day,
    pass_context,
    say,
    user_errors,
)
from netdash.domain import dates
from netdash.domain.vocabulary import OUTCOME_KINDS
from netdash.domain.words import count_of


@click.command()
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
    from netdash.actions.vouches import record_vouch

    day = parse_day(when, "--date") or dates.today()
    if not topic.strip():
        fail("a vouch needs a topic")
    given = direction == "give"
    with user_errors(), obj.db() as db:
        name, recorded = record_vouch(
            db,
            name,
            direction="given" if given else "received",
            topic=topic,
            occurred_on=day,
            note=note,
        )
    say(f"Vouch {'given to' if given else 'received from'} {name} on {recorded.topic}")


@click.group(cls=OrAdd)
def give() -> None:
    """Record community or charity work from one line of text; `give edit ID`, `give delete ID`
    change one."""


@give.command("add")
@click.argument("text", nargs=-1, required=True)
@click.option("--cause", default="", help="The cause, when the organisation is new.")
@pass_context
def give_add(obj: Context, text: tuple[str, ...], cause: str) -> None:
    """Record community or charity work from one line of text.

    \b
    netdash give "saturday: 4h at Food Bank, 120 meals served, with @ana"
    netdash give "2300 USD raised for Shelter Run as organiser"

    A date first (as in netdash log), hours (4h, 90 min), the organisation after "at" or "for",
    money ($50, 2300 USD), a result (a number and a unit), a role ("as volunteer"), and who you
    were with, after "with". New organisations and people are created.

    `netdash give edit ID --hours 3` and `netdash give delete ID` change one (the id is in
    `netdash export`, and on the app's Contributions list).
    """
    from netdash.domain.give import parse_give
    from netdash.store.community import add_contribution
    from netdash.store.mentions import resolve_mentions
    from netdash.store.stats import given_words

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
    given = given_words(
        draft.minutes or 0,
        [(draft.money[1], draft.money[0])] if draft.money else [],
        [(draft.result[1], draft.result[0])] if draft.result else [],
    )
    say(f"  gave: {', '.join(given)}{f' as {draft.role}' if draft.role else ''}")
    if done.people:
        created = {ref.id for ref in done.created}
        say(
            "  with: "
            + ", ".join(
                f"{ref.name} (new)" if ref.id in created else ref.name for ref in done.people
            )
        )


@click.group(cls=OrAdd)
def outcome() -> None:
    """Record a real thing that got done; `outcome edit ID`, `outcome delete ID` change one."""


@outcome.command("add")
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
def outcome_add(
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

    `netdash outcome edit ID --kind client` and `netdash outcome delete ID` change one.
    """
    from netdash.domain.money import parse_money
    from netdash.domain.quicklog import mentions_from_names
    from netdash.store.mentions import resolve_mentions
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
    sources = [count_of(len(people), "person", "people")] if people else []
    sources += [count_of(len(organisations), "organisation")] if organisations else []
    sources += [f"audience on {', '.join(platforms)}"] if platforms else []
    say(
        f"Recorded outcome #{outcome_id}: {' '.join(title.split())} ({kind},"
        f" {day.isoformat()}){' from ' + '; '.join(sources) if sources else ''}"
    )


@click.command()
@click.option("--year", type=click.IntRange(1900, 2200), help="Which year (default: this one).")
@click.option(
    "--output",
    "-o",
    type=FILE_TO_WRITE,
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


@click.group()
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
    from netdash.domain.money import parse_money
    from netdash.domain.quantities import parse_hours, parse_result
    from netdash.store.community import add_goal

    with user_errors(), obj.db() as db:
        add_goal(
            db,
            year or dates.today().year,
            hours=parse_hours(hours) if hours else None,
            money=parse_money(money) if money else None,
            result=parse_result(result) if result else None,
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
        say(f"#{item.id}  {item.label}: {item.done.normalize():f} done ({item.fraction:.0%})")
