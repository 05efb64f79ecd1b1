"""`netdash log`: an interaction from one line of text."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

import click

from netdash.cli.kit import Context, fail, pass_context, say, user_errors
from netdash.domain import dates

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlite_utils import Database

    from netdash.domain.quicklog import QuickLog
    from netdash.store.journal import Logged
    from netdash.store.mentions import Resolved

#: ``--by`` as typed, and as stored.
BY = {"me": "me", "them": "them", "both": "mutual"}


def describe_logged(
    occurred_on: date,
    kind: str,
    initiated_by: str,
    people: list[str],
    tags: tuple[str, ...],
    note: str,
    depth: str | None = None,
) -> list[str]:
    """What was logged, as `netdash log` prints it; ``depth`` only when the line or an option
    said it (the default goes without saying)."""
    from netdash.domain.vocabulary import INITIATORS, KINDS

    when = dates.describe(occurred_on, dates.today())
    lines = [
        f"Logged {occurred_on.isoformat()} ({when}): {KINDS[kind]}, initiated by "
        f"{INITIATORS[initiated_by]}",
        f"  with: {', '.join(people)}",
    ]
    if depth:
        lines.append(f"  depth: {depth}")
    if tags:
        lines.append(f"  tags: {', '.join('#' + tag for tag in tags)}")
    if note:
        lines.append(f"  note: {note}")
    return lines


def kind_key(text: str) -> str:
    """A kind as typed to ``--kind``: its key or its label, any case ("video call", "video",
    "in-person"); refuse anything else with the list."""
    from netdash.domain.vocabulary import KINDS

    typed = "_".join(text.lower().replace("-", " ").split())
    for key, label in KINDS.items():
        if typed in (key, label.replace(" ", "_")):
            return key
    choices = ", ".join(
        label if key == label else f"{label} ({key})" for key, label in KINDS.items()
    )
    fail(f"--kind {text!r} is not a kind; choose one of: {choices}")


@dataclass(frozen=True)
class _Source:
    """Where each setting of the entry came from, as --dry-run says it."""

    kind: str
    by: str
    depth: str


def _source(option: str, given: object, words: str | None) -> str:
    if given:
        return option
    return f"from {words!r}" if words else "default"


def _options_win(
    parsed: QuickLog, kind: str | None, by: str | None, depth: int | None
) -> tuple[QuickLog, _Source]:
    """The options given override what the words said; say where each setting came from."""
    said = parsed.said
    source = _Source(
        kind=_source("--kind", kind, said.kind),
        by=_source("--by", by, said.by or ("the sentence" if parsed.initiated_by != "me" else "")),
        depth=_source("--depth", depth, said.depth),
    )
    parsed = replace(
        parsed,
        kind=kind_key(kind) if kind else parsed.kind,
        initiated_by=BY[by] if by else parsed.initiated_by,
        depth=depth or parsed.depth,
    )
    return parsed, source


def _default_depth() -> int:
    from netdash.domain.vocabulary import DEFAULT_DEPTH

    return DEFAULT_DEPTH


def _depth_words(depth: int) -> str:
    from netdash.domain.vocabulary import DEPTHS

    return f"{depth} {DEPTHS[depth]}"


def _found(name: str, how: str, written: str) -> str:
    """A person as --dry-run lists them: how the line found them."""
    if how in ("alias", "former name"):
        return f"{name} ({how} {written!r})"
    return f"{name} ({how})"


def _dry_run(parsed: QuickLog, said: _Source, people: list[str]) -> None:
    from netdash.domain.vocabulary import INITIATORS, KINDS

    depth = parsed.depth or _default_depth()
    when = f"from {parsed.date_text!r}" if parsed.date_text else "default (today)"
    lines = describe_logged(
        parsed.occurred_on, parsed.kind, parsed.initiated_by, people, parsed.tags, ""
    )
    say(lines[0].replace("Logged", "Would log", 1))
    say(f"  date: {parsed.occurred_on.isoformat()}, {when}")
    say(f"  with: {', '.join(people)}")
    say(f"  kind: {KINDS[parsed.kind]}, {said.kind}")
    say(f"  initiated by: {INITIATORS[parsed.initiated_by]}, {said.by}")
    say(f"  depth: {_depth_words(depth)}, {said.depth}")
    say(f"  tags: {', '.join('#' + tag for tag in parsed.tags) or 'none'}")
    say(f"  note: {parsed.note or '(none)'}")


@click.command("log")
@click.argument("text", nargs=-1, required=True)
@click.option("--dry-run", is_flag=True, help="Show the whole parse; write nothing.")
@click.option(
    "--depth",
    type=click.IntRange(1, 5),
    help="How deep it went: 1 small talk, 2 catch-up, 3 real talk, 4 personal, 5 heart to heart.",
)
@click.option("--by", type=click.Choice(list(BY)), help="Who started it.")
@click.option("--kind", help="in person, call, video, message, event, helped them, ...")
@pass_context
def log_command(
    obj: Context,
    text: tuple[str, ...],
    dry_run: bool,
    depth: int | None,
    by: str | None,
    kind: str | None,
) -> None:
    """Log an interaction from one line of text.

    \b
    netdash log "yesterday: coffee with Grace Hopper and @ada #navy talked about COBOL"
    netdash log "long call with mom" --depth 4
    netdash log --dry-run "dinner w/ ana and Bo"

    A date first or last (today, yesterday, 3 days ago, last friday, nov 20, 2026-11-20),
    people as capitalised names after "with"/"w/"/"called"/"met", as @handles, as ids (#12,
    or "John Smith #12" for one of two John Smiths), or as anyone already in the journal by
    name or alias in any case; #tags (with a letter: #12 is an id); and the rest is the note.
    New names become new people. Options win over what the words say.
    """
    from netdash.domain.errors import InvalidInput
    from netdash.domain.quicklog import parse_quick_log
    from netdash.store.aliases import JournalNames
    from netdash.store.follow_ups import read_follow_up
    from netdash.store.journal import log_interaction
    from netdash.store.mentions import resolve_found

    if kind:
        kind_key(kind)  # refused before the journal is opened
    with user_errors(), obj.db(keep_new=not dry_run) as db:
        if follow_up := read_follow_up(db, " ".join(text), dates.today()):
            from netdash.cli.followups import record_follow_up

            if kind or by or depth is not None:
                raise InvalidInput("--kind/--by/--depth describe an entry; a follow-up takes none")
            return record_follow_up(db, follow_up, dry_run=dry_run)  # a day to come: not an entry
        parsed = parse_quick_log(" ".join(text), dates.today(), JournalNames(db))
        parsed, said = _options_win(parsed, kind, by, depth)
        found = resolve_found(db, parsed.mentions)
        if dry_run:
            _dry_run(parsed, said, _names_found(db, found))
            return
        logged = log_interaction(
            db,
            people=[person.choice for person in found],
            occurred_on=parsed.occurred_on,
            today=dates.today(),
            kind=parsed.kind,
            initiated_by=parsed.initiated_by,
            depth=parsed.depth or _default_depth(),
            note=parsed.note,
            tags=parsed.tags,
        )
    _say_logged(parsed, logged, found)


def _names_found(db: Database, found: Sequence[Resolved]) -> list[str]:
    """Everyone a dry run would log, each with how the line found them."""
    from netdash.store.journal import NewPerson
    from netdash.store.person_names import names_by_id

    choices = [person.choice for person in found]
    known = names_by_id(db, [c for c in choices if not isinstance(c, NewPerson)])
    return [
        _found(
            p.choice.name if isinstance(p.choice, NewPerson) else known[p.choice], p.how, p.written
        )
        for p in found
    ]


def _say_logged(parsed: QuickLog, logged: Logged, found: Sequence[Resolved]) -> None:
    """What was written, as the README shows it: only the new and the aliased say how they were
    found, and the depth only when the line or an option said it."""
    created = {ref.id for ref in logged.created}
    names = [
        f"{ref.name} (new)"
        if ref.id in created
        else _found(ref.name, person.how, person.written)
        if person.how in ("alias", "former name")
        else ref.name
        for ref, person in zip(logged.people, found, strict=True)
    ]
    depth = _depth_words(parsed.depth) if parsed.depth is not None else None
    for line in describe_logged(
        parsed.occurred_on,
        parsed.kind,
        parsed.initiated_by,
        names,
        parsed.tags,
        parsed.note,
        depth,
    ):
        say(line)
    if logged.follow_ups_done:
        say(f"  follow-ups done: {', '.join(f'#{i}' for i in logged.follow_ups_done)}")
