"""Breadth: `followers`, `import`, `accounts`, `fetch` and `stats`.

Plain commands: they never import Textual.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from netdash.cli.kit import (
    Context,
    contacts_details,
    contacts_summary,
    fail,
    parse_day,
    pass_context,
    say,
    user_errors,
)
from netdash.domain import dates
from netdash.domain.quantities import hours_text
from netdash.domain.words import count_of


@click.group()
def followers() -> None:
    """Record follower counts by hand."""


@followers.command("set")
@click.argument("platform")
@click.argument("count", type=click.IntRange(min=0))
@click.option("--account", help="Your handle on that platform (needed if you have several).")
@click.option("--following", type=click.IntRange(min=0), help="How many you follow.")
@click.option(
    "--at", "at_text", help="The day the count was true (default: today); not a day to come."
)
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
    from netdash.store.audience import default_account, record_follower_count

    day = parse_day(at_text, "--at") or dates.today()
    with user_errors(), obj.db() as db:
        handle = account or default_account(db, platform)
        written = record_follower_count(
            db,
            platform=platform,
            account=handle,
            followers=count,
            following=following,
            at=dates.stamp_for_day(day),
            source="manual",
            today=dates.today(),
        )
    shown = normalize_handle(platform, handle)
    if written:
        say(f"Recorded {count_of(count, 'follower')} on {shown.platform} ({shown.handle})")
    else:
        followers = count_of(count, "follower")
        say(f"Unchanged: {shown.platform} ({shown.handle}) already shows {followers}")


# ------------------------------------------------------------------------------------- import


@click.command("import")
@click.argument("source_and_path", nargs=-1, required=True, metavar="[SOURCE] PATH")
@click.option(
    "--account",
    help="Your handle on that platform, if the export does not say (else your one account"
    " there, or a new one called 'me').",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Address books and history: say what would change; write nothing.",
)
@click.option(
    "--me",
    multiple=True,
    help="History: your name, e-mail or number as the export writes it, when it does not say"
    " which sender is you (repeat for several).",
)
@click.option(
    "--time-zone", help="History: the IANA zone your days are in (default: this machine's)."
)
@click.option(
    "--day-first/--month-first",
    "day_first",
    default=None,
    help="Chats: how to read 03/04/25 when no date in the file shows it (default: judged).",
)
@click.option("--titles", is_flag=True, help="Calendars: keep event titles in the entries' notes.")
@click.option(
    "--large-group",
    type=click.IntRange(min=2),
    default=8,
    show_default=True,
    help="History: a day with more people than this (you included) is an event.",
)
@pass_context
def import_command(
    obj: Context,
    source_and_path: tuple[str, ...],
    account: str | None,
    dry_run: bool,
    me: tuple[str, ...],
    time_zone: str | None,
    day_first: bool | None,
    titles: bool,
    large_group: int,
) -> None:
    """Import follower counts and lists from a platform's own export, people from an address
    book, or your history from calendars, chats, call logs and mail.

    \b
    netdash import twitter ~/Downloads/twitter-2026-11-01-abc.zip
    netdash import ~/Downloads/Connections.csv        (the source is detected)
    netdash import vcard ~/Downloads/contacts.vcf --dry-run
    netdash import whatsapp "WhatsApp Chat with Ana Souza.txt"
    netdash import calendar ~/Downloads/calendar-export.zip --dry-run

    SOURCE is one of twitter, mastodon, linkedin, instagram, facebook (followers); vcard,
    google-contacts (people); calendar, whatsapp, telegram, meta-messages, sms-backup, mbox
    (history: one entry per person, day and channel, never the content). PATH is the zip,
    tar.gz, unpacked folder or file. The same file twice changes nothing. Bad input is refused
    whole: nothing is written.
    """
    from netdash.actions.backfill import BACKFILL_SOURCES
    from netdash.actions.imports import ALL_SOURCES, NO_DRY_RUN, import_route

    if len(source_and_path) > 2:
        fail("import takes [SOURCE] PATH")
    every = (*ALL_SOURCES, *BACKFILL_SOURCES)
    source_name = source_and_path[0].lower() if len(source_and_path) == 2 else None
    if source_name is not None and source_name not in every:
        fail(f"unknown source {source_name!r} (one of {', '.join(every)})")
    path = Path(source_and_path[-1]).expanduser()
    with user_errors():
        kind, name = import_route(source_name, path)
    if kind == "history" and name is not None:
        from netdash.cli.backfill import BackfillOptions, import_backfill

        options = BackfillOptions(me, time_zone, day_first, titles, large_group, dry_run)
        import_backfill(obj, name, path, options)
        return
    if kind == "people" and name is not None:
        _import_people(obj, name, path, dry_run)
        return
    if dry_run:
        fail(NO_DRY_RUN)
    _import_followers(obj, source_name, path, account)


@contextmanager
def _progress_bar(expected: int) -> Iterator[Callable[[int], None]]:
    """A bar on stderr for a long follower list (short ones import before it would show)."""
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

        yield advance


def _import_followers(obj: Context, source: str | None, path: Path, account: str | None) -> None:
    from netdash.actions.imports import import_followers, undo_words
    from netdash.store.imports import account_words, as_of_words

    with user_errors():
        result = import_followers(path, source, obj.db, account=account, watch=_progress_bar)
    where = f"{result.platform} ({result.account})"
    if result.already_imported:
        say(f"Already imported: {path.name} for {where}; nothing changed")
        return
    counts = []
    if result.followers is not None:
        counts.append(f"{result.followers:,} followers")
    if result.following is not None:
        counts.append(f"{result.following:,} following")
    say(f"Imported {path.name} for {where} {as_of_words(result)}")
    if made := account_words(result):
        say(f"  {made}")
    if counts:
        say(f"  {', '.join(counts)}{'' if result.count_changed else ' (unchanged)'}")
    if result.listed is not None:
        since = f" since the list of {result.compared_with[:10]}" if result.compared_with else ""
        say(
            f"  {result.listed:,} accounts listed · {result.gained:,} new ·"
            f" {result.lost:,} gone{since}"
        )
    for note in result.notes:
        say(f"  note: {note}")
    say(f"  {undo_words(result.undoable)}")


def _import_people(obj: Context, source: str, path: Path, dry_run: bool) -> None:
    """`netdash import vcard|google-contacts FILE`: people from an address book."""
    from netdash.actions.imports import UNDOABLE, import_address_book

    with user_errors():
        done = import_address_book(
            path, source, lambda: obj.db(keep_new=not dry_run), dry_run=dry_run
        )
    if done.result.already_imported:
        say(f"Already imported: {path.name}; nothing changed")
        return
    say(contacts_summary(done.result, dry_run, f"{done.contacts:,} contacts in {path.name}"))
    contacts_details(done.result)
    if done.result.undoable:
        say(f"  {UNDOABLE}")


# ------------------------------------------------------------------------------ accounts/fetch


@click.group()
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
    from netdash.store.audience import account_summaries

    with user_errors(), obj.db() as db:
        for summary in account_summaries(db):
            row = summary.latest
            counts = (
                f"{row.followers:,} followers as of {row.as_of}"
                if row and row.followers is not None
                else "no count yet"
            )
            say(f"{summary.platform:<10} {summary.handle}  ·  {counts}")


@click.command()
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
    from netdash.actions.fetch import fetch_accounts
    from netdash.config import load_config
    from netdash.fetch.http import Limits

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


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the JSON summary for scripts.")
@click.option(
    "--history", is_flag=True, help="Layers and followers at each month end, two years back."
)
@pass_context
def stats(obj: Context, as_json: bool, history: bool) -> None:
    """Summarise the journal: depth (people, interactions) beside breadth (followers)."""
    from netdash.store.depth_reads import layers_and_overdue
    from netdash.store.stats import summary

    if history:
        _stats_history(obj, as_json)
        return
    with user_errors(), obj.db(writes=False) as db:  # reads; only the score cache is kept
        today = dates.today()
        document = summary(db, today)
        document["layers"], document["overdue"] = layers_and_overdue(
            db, today, obj.depth_settings()
        )
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
        previous = row["previous"]
        if previous is not None and previous["followers"] is not None and row["followers"]:
            delta = row["followers"] - previous["followers"]
            say(f"    {delta:+,} since {previous['as_of'][:10]} ({previous['kind']})")
        listed = row["list"]
        if listed is not None and listed["compared_with"] is not None:
            say(
                f"    list of {listed['as_of'][:10]}: {listed['new']:,} new ·"
                f" {listed['gone']:,} gone since the list of {listed['compared_with'][:10]}"
            )
    say(f"People you know among your followers {document['known_followers']:>,}")
    _say_this_year(document["this_year"])


def _say_this_year(block: dict[str, Any]) -> None:
    """The dashboard's "so far" line, from the same ``this_year`` keys the JSON prints."""
    outcomes, charity = block["outcomes"], block["charity"]
    sources = (outcomes["network"], outcomes["community"], outcomes["audience"])
    overlap = "; an outcome can come through several" if sum(sources) > outcomes["count"] else ""
    say(
        f"{block['year']} so far: {count_of(outcomes['count'], 'outcome')}"
        f" ({sources[0]:,} through people,"
        f" {sources[1]:,} through community, {sources[2]:,} through audience{overlap})"
    )
    given = [hours_text(Decimal(str(charity["hours"])))] if charity["hours"] else []
    given += [f"{Decimal(amount):,f} {code}" for code, amount in charity["money"].items()]
    given += [f"{quantity} {unit}" for unit, quantity in charity["results"].items()]
    say(f"  community work: {', '.join(given) if given else 'none logged yet'}")


def _stats_history(obj: Context, as_json: bool) -> None:
    """`stats --history`: depth over time beside breadth over time, month by month."""
    from netdash.store.history import history_document

    with user_errors(), obj.db() as db:
        document = history_document(db, dates.today(), obj.depth_settings())
    if as_json:
        import json

        say(json.dumps(document, indent=2, ensure_ascii=False))
        return
    say("Month end    inner 5  inner 15  inner 50  inner 150")
    for point in document["layers"]:
        say(
            f"{point['date']}  {point['5']:>7}  {point['15']:>8}  {point['50']:>8}"
            f"  {point['150']:>9}"
        )
    for name, points in document["followers"].items():
        known = [p for p in points if p["followers"] is not None]
        if not known:
            say(f"{name}: no count in these months")
            continue
        first, last = known[0], known[-1]
        say(
            f"{name}: {first['followers']:,} on {first['date']} · {last['followers']:,}"
            f" on {last['date']}"
        )


@click.group()
def audience() -> None:
    """Who follows you: the people you know among your followers."""


@audience.command("known")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def audience_known(obj: Context, as_json: bool) -> None:
    """List, per account, the people in your journal found in its latest follower list."""
    from netdash.store.follower_lists import known_followers, known_text

    with user_errors(), obj.db() as db:
        known = known_followers(db)
    if as_json:
        import json

        document = {
            "accounts": [
                {
                    "platform": account.platform,
                    "handle": account.handle,
                    "followers": account.followers,
                    "known": [
                        {"id": person.id, "name": person.name, "handle": person.handle}
                        for person in account.known
                    ],
                }
                for account in known.accounts
            ],
            "people": known.people,
        }
        say(json.dumps(document, indent=2, ensure_ascii=False))
        return
    for account in known.accounts:
        if account.list_as_of is None:
            say(f"{account.platform} {account.handle}: no follower list imported")
            continue
        people = known_text(len(account.known), account.followers or 0)
        say(f"{account.platform} {account.handle} (list of {account.list_as_of[:10]}): {people}")
        for person in account.known:
            say(f"  {person.name} ({person.handle})")
    say(f"In total: {known_text(known.people, known.followers)}")
