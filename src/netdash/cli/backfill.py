"""`netdash import SOURCE PATH` for calendars, chats, call logs and mail; `imports` and
`evidence`: what was imported, taking one back, and the people the exports mention who are not
in the journal yet."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from netdash.cli.kit import Context, RecordId, fail, pass_context, say, user_errors
from netdash.domain.names import shorten
from netdash.domain.words import count_of


@dataclass(frozen=True)
class BackfillOptions:
    me: tuple[str, ...]
    time_zone: str | None
    day_first: bool | None
    titles: bool
    large_group: int
    dry_run: bool


@contextmanager
def _bar(path: Path) -> Iterator[click._termui_impl.ProgressBar[int]]:
    """Bytes read, on stderr; hidden for a file read before it would show."""
    try:
        size = max(path.stat().st_size, 1)
    except OSError:
        size = 1
    with click.progressbar(
        length=size, label="Reading", file=sys.stderr, hidden=size < 20_000_000
    ) as bar:
        yield bar


def import_backfill(obj: Context, source: str, path: Path, options: BackfillOptions) -> None:
    """Read the export, then add one entry per person, day and channel."""
    from netdash.actions.backfill import BackfillRequest, run_backfill

    request = BackfillRequest(
        path,
        source,
        me=options.me,
        time_zone=options.time_zone,
        day_first=options.day_first,
        titles=options.titles,
        large_group=options.large_group,
        dry_run=options.dry_run,
    )
    with _bar(path) as bar, user_errors():
        shown = 0

        def progress(done: int, total: int) -> None:
            nonlocal shown
            if total and total != bar.length:
                bar.length = total
            bar.update(max(0, done - shown))
            shown = max(shown, done)

        done = run_backfill(request, lambda: obj.db(keep_new=not options.dry_run), progress)
    _report(done)


def _report(done: object) -> None:
    from netdash.actions.backfill import Backfilled, backfill_lines

    assert isinstance(done, Backfilled)
    for line in backfill_lines(done, strangers_hint=STRANGERS_HINT, undo_hint=_undo_hint):
        say(line)


STRANGERS_HINT = "netdash evidence unknown (or the Who's this? screen, key k) to add or ignore them"


def _undo_hint(import_id: int | None, in_trash: bool) -> str:
    also = "" if in_trash else " (too large for `netdash undo` to keep)"
    return f"netdash imports undo {import_id} takes it back{also}"


# ------------------------------------------------------------------------------------ imports


@click.group()
def imports() -> None:
    """Every import, newest first (`imports list`), and taking one back (`imports undo ID`)."""


@imports.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def imports_list(obj: Context, as_json: bool) -> None:
    """Every import the journal remembers, newest first, with what each added."""
    from netdash.store.import_list import list_imports

    with user_errors(), obj.db(keep_new=False, writes=False) as db:
        rows = list_imports(db)
    if as_json:
        click.echo(json.dumps([row.to_json() for row in rows], indent=2, ensure_ascii=False))
        return
    if not rows:
        say("No imports yet.")
        return
    for row in rows:
        when = row.imported_at[:16].replace("T", " ")
        if row.details is not None:
            span = f"{row.details.get('first_on') or '?'} to {row.details.get('last_on') or '?'}"
            what = (
                f"{count_of(row.details.get('entries', 0), 'entry', 'entries')},"
                f" {count_of(row.details.get('people', 0), 'person', 'people')},"
                f" {count_of(row.details.get('strangers', 0), 'stranger')} · {span}"
            )
        else:
            what = f"{row.rows:,} rows" + (f" · {row.account}" if row.account else "")
        say(f"#{row.id:<4} {when}  {row.source:<13} {row.file_name}  ·  {what}")


@imports.command("undo")
@click.argument("import_id", type=RecordId("import"))
@pass_context
def imports_undo(obj: Context, import_id: int) -> None:
    """Remove exactly what one calendar, chat, call-log or mail import added."""
    from netdash.store.import_list import undo_import

    with user_errors(), obj.db() as db:
        row, kept = undo_import(db, import_id)
    entries = row.details.get("entries", 0) if row.details else 0
    say(f"Took back import #{row.id} ({row.file_name}): {entries:,} entries removed")
    if kept:
        say("  netdash undo puts it back")


# ----------------------------------------------------------------------------------- evidence


@click.group()
def evidence() -> None:
    """The people your imported calendars, chats and mail mention who are not in the journal."""


@evidence.command("unknown")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option(
    "--limit", type=click.IntRange(min=1, max=1_000_000), default=None, help="At most this many."
)
@pass_context
def evidence_unknown(obj: Context, as_json: bool, limit: int | None) -> None:
    """Who the imports met who matches nobody: most often seen first."""
    from netdash.store.strangers import list_strangers

    with user_errors(), obj.db(keep_new=False, writes=False) as db:
        strangers = list_strangers(db, limit=limit)
    if as_json:
        click.echo(json.dumps([s.to_json() for s in strangers], indent=2, ensure_ascii=False))
        return
    if not strangers:
        say("Nobody unknown: everyone your imports mention is in the journal (or ignored).")
        return
    for stranger in strangers:
        seen = f" <{stranger.identity}>" if stranger.identity else ""
        say(
            f"#{stranger.id:<4} {stranger.shown}{seen}  ·  {count_of(stranger.days, 'day')},"
            f" last {stranger.last_on} · {stranger.channel_words()}"
        )
    say("netdash evidence add ID | link ID PERSON | ignore ID")


@evidence.command("add")
@click.argument("stranger_id", type=RecordId("stranger"))
@click.option("--name", default=None, help="Their name, if not as the export wrote it.")
@click.option(
    "--allow-same-name",
    is_flag=True,
    help="Add them even though someone in the journal already has this name.",
)
@pass_context
def evidence_add(obj: Context, stranger_id: int, name: str | None, allow_same_name: bool) -> None:
    """Make someone the imports met a person in the journal.

    A name someone in the journal already has is refused unless --allow-same-name says this is
    someone else: an export that shows a known name by a new number is most often the same
    person, whom `evidence link` gives the number instead.
    """
    from netdash.store.same_name import same_name
    from netdash.store.strangers import get_stranger, make_person

    with user_errors(), obj.db() as db:
        stranger = get_stranger(db, stranger_id)
        named = (name or "").strip() or stranger.shown  # as make_person names them
        others = same_name(db, named)
        if others and not allow_same_name:
            first = others[0]
            fail(
                f"{shorten(first.name)} is already in the journal"
                f" ({', '.join(f'#{other.id}' for other in others)}): if it is them,"
                f" netdash evidence link {stranger_id} '#{first.id}'; if it is someone else,"
                " add --allow-same-name"
            )
        person_id, stranger = make_person(db, stranger_id, name)
    say(f"Added {named} (#{person_id})")
    _refill_hint(stranger.files)


@evidence.command("link")
@click.argument("stranger_id", type=RecordId("stranger"))
@click.argument("person")
@pass_context
def evidence_link(obj: Context, stranger_id: int, person: str) -> None:
    """Someone the imports met is a person already in the journal: they gain that identity."""
    from netdash.store.people import resolve_person
    from netdash.store.strangers import link_stranger

    with user_errors(), obj.db() as db:
        ref = resolve_person(db, person)
        stranger = link_stranger(db, stranger_id, ref.id)
    say(f"Linked {stranger.shown} to {ref.name}")
    _refill_hint(stranger.files)


@evidence.command("ignore")
@click.argument("stranger_id", type=RecordId("stranger"))
@pass_context
def evidence_ignore(obj: Context, stranger_id: int) -> None:
    """Never list them again, nor count them in later imports."""
    from netdash.store.strangers import ignore_stranger

    with user_errors(), obj.db() as db:
        stranger = ignore_stranger(db, stranger_id)
    say(f"Ignored {stranger.shown}")


def _refill_hint(files: tuple[str, ...]) -> None:
    if files:
        say(f"  import {', '.join(files)} again to add their history")
