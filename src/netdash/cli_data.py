"""Commands for owning the data: export, restore, address books, LinkedIn promotion, duplicates.

Plain commands: they never import Textual. Each writes in one transaction or not at all.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from netdash.clikit import Context, fail, pass_context, say, user_errors
from netdash.domain import dates
from netdash.inert import inert

EXPORT_FORMATS = ("json", "csv", "markdown", "vcard")
_SUFFIX = {"json": ".json", "csv": "-csv", "markdown": ".md", "vcard": ".vcf"}


# ------------------------------------------------------------------------------------- export


@click.command("export")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(EXPORT_FORMATS),
    default="json",
    show_default=True,
    help="json: everything, restorable. csv: a file a table. markdown: to read. vcard: people.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, readable=False),
    help="Where to write ('-' for standard output; default: netdash-DATE.EXT here).",
)
@click.option(
    "--vcard-version", type=click.Choice(["3.0", "4.0"]), default="3.0", show_default=True
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@pass_context
def export_command(
    obj: Context, format_name: str, output: Path | None, vcard_version: str, force: bool
) -> None:
    """Write the journal out: to keep, to move, or to read.

    \b
    netdash export                         everything, as versioned JSON
    netdash restore netdash-2026-11-26.json   (into an empty journal) gives it all back
    netdash export --format csv -o tables/ one CSV file a table
    netdash export --format markdown       the journal as a document
    netdash export --format vcard          people, for any address book

    Files are created readable by you only (0600), and appear only once complete.
    """
    from netdash.export.files import private_folder, private_text_file

    today = dates.today().isoformat()
    target = output or Path(f"netdash-{today}{_SUFFIX[format_name]}")
    to_stdout = str(target) == "-"
    if to_stdout and format_name == "csv":
        fail("--format csv writes a folder; give -o FOLDER")
    if not to_stdout:
        obj.refuse_journal(target)
    with user_errors(), obj.db() as db:
        if format_name == "csv":
            from netdash.export.dump import write_csv

            with private_folder(target, overwrite=force) as folder:
                counts = write_csv(db, folder)
            _report(target, counts)
            return
        if to_stdout:
            try:
                _write(db, format_name, sys.stdout, vcard_version, today, shown=True)
                sys.stdout.flush()
            except BrokenPipeError:  # `netdash export -o - | head`: the reader had enough
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                sys.exit(0)
            except OSError as error:
                fail(f"standard output: cannot be written ({error.strerror or error})")
            return
        # a pipe or /dev/stdout carries the data: the summary goes to stderr, out of its way
        special = target.exists() and not target.is_file() and not target.is_dir()
        summary: Any = None
        with private_text_file(target, overwrite=force, newline="") as out:
            summary = _write(db, format_name, out, vcard_version, today, shown=special)
    if summary is None:
        return  # the reader closed the pipe early (`-o /dev/stdout | head`): nothing to say
    if isinstance(summary, dict):
        _report(target, summary, err=special)
    else:
        what = f"{summary:,} {'people' if summary != 1 else 'person'}"
        say(f"Wrote {what} to {target}", err=special)


def _write(
    db: Any, format_name: str, out: Any, vcard_version: str, today: str, *, shown: bool = False
) -> Any:
    """Write one export. ``shown``: to standard output or a pipe, where it may reach a
    terminal; a vCard file is written exactly (reading it back gives the same contacts), a
    shown one with its control characters inert (JSON and Markdown are always both)."""
    if format_name == "json":
        from netdash.export.dump import write_json

        return write_json(db, out)
    if format_name == "markdown":
        from netdash.export.markdown import write_markdown

        return write_markdown(db, out, exported_on=today)
    from netdash.export.contacts import people_as_contacts
    from netdash.export.dump import read_snapshot
    from netdash.export.vcard import write_vcards

    written = 0
    with read_snapshot(db):
        for card in write_vcards(people_as_contacts(db), vcard_version):
            out.write("\r\n".join(inert(line) for line in card.split("\r\n")) if shown else card)
            written += 1
    return written


def _report(target: Path, counts: dict[str, int], *, err: bool = False) -> None:
    rows = sum(counts.values())
    say(f"Wrote {rows:,} rows from {len(counts)} tables to {target}", err=err)


@click.command("restore")
@click.argument("file", type=click.Path(path_type=Path, readable=False))
@pass_context
def restore_command(obj: Context, file: Path) -> None:
    """Fill an empty journal from a JSON export, all of it or nothing.

    \b
    netdash --db ~/restored.db restore netdash-2026-11-26.json

    The journal must be empty, so nothing is mixed or overwritten; an export from an earlier
    netdash is upgraded on the way in, as its journal would have been.
    """
    from netdash.export.dump import restore

    with user_errors(), obj.db() as db:
        counts = restore(db, file.expanduser())
    rows = sum(counts.values())
    say(
        f"Restored {rows:,} rows ({counts.get('people', 0):,} people,"
        f" {counts.get('interactions', 0):,} interactions) into {obj.db_path}"
    )


# ------------------------------------------------------------------------------ address books


def import_contacts_file(obj: Context, source: str, path: Path, dry_run: bool) -> None:
    """`netdash import vcard|google-contacts FILE`: people from an address book."""
    from netdash.importers.addressbooks import read_contacts_file
    from netdash.importers.source import sha256_of
    from netdash.store.addressbook import import_contacts

    with user_errors():
        contacts = read_contacts_file(path, source)
        with obj.db(keep_new=not dry_run) as db:
            result = import_contacts(
                db,
                contacts,
                source=source,
                file_name=path.name,
                sha256=sha256_of(path),
                dry_run=dry_run,
            )
    if result.already_imported:
        say(f"Already imported: {path.name}; nothing changed")
        return
    say(contacts_summary(result, dry_run, f"{len(contacts):,} contacts in {path.name}"))
    _details(result)


def contacts_summary(result: Any, dry_run: bool, what: str) -> str:
    return (
        f"{what}: {'would add' if dry_run else 'added'} {len(result.created):,} people,"
        f" {'would update' if dry_run else 'updated'} {len(result.updated):,},"
        f" {result.unchanged:,} already up to date"
        + (" (dry run: nothing written)" if dry_run else "")
    )


def _details(result: Any) -> None:
    for line in result.updated[:20]:
        say(f"  {line}")
    if len(result.updated) > 20:
        say(f"  … and {len(result.updated) - 20} more")
    for note in result.notes:
        say(f"  note: {note}")


# -------------------------------------------------------------------------------- connections


@click.group()
def connections() -> None:
    """LinkedIn connections from `netdash import linkedin`: people to be."""


@connections.command("list")
@click.option("--search", default="", help="Only connections whose name or company has this.")
@click.option("--unlinked", is_flag=True, help="Only those not yet people in the journal.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def connections_list(obj: Context, search: str, unlinked: bool, as_json: bool) -> None:
    """List LinkedIn connections, newest first, and whether each is a person yet."""
    from netdash.store.addressbook import list_connections

    with user_errors(), obj.db() as db:
        found = list_connections(db, search=search, unlinked_only=unlinked)
    if as_json:
        say(json.dumps([c.__dict__ for c in found], indent=2, ensure_ascii=False))
        return
    if not found:
        say("No LinkedIn connections" + (" match" if search or unlinked else " imported"))
        return
    for c in found:
        work = ", ".join(part for part in (c.position, c.company) if part)
        linked = " · in journal" if c.person_id else ""
        say(f"{c.connected_on or '          '}  {c.name}{f' — {work}' if work else ''}{linked}")


@connections.command("promote")
@click.argument("names", nargs=-1)
@click.option("--all", "everyone", is_flag=True, help="Every connection not yet a person.")
@click.option("--dry-run", is_flag=True, help="Say what would happen; write nothing.")
@pass_context
def connections_promote(
    obj: Context, names: tuple[str, ...], everyone: bool, dry_run: bool
) -> None:
    """Make people of LinkedIn connections, or enrich who they already are.

    \b
    netdash connections promote "Priya Raman" "Wei Zhang"
    netdash connections promote --all --dry-run
    """
    from netdash.store.addressbook import list_connections, promote_connections

    if bool(names) == everyone:
        fail("name the connections to promote, or pass --all (not both)")
    with user_errors(), obj.db(keep_new=not dry_run) as db:
        every = list_connections(db)
        if everyone:
            chosen = [c for c in every if c.person_id is None]
        else:
            chosen = []
            for name in names:
                wanted = " ".join(name.split()).casefold()
                matches = [c for c in every if c.name.casefold() == wanted]
                if not matches:
                    matches = [c for c in every if wanted in c.name.casefold()]
                if len(matches) != 1:
                    found = "no connection" if not matches else f"{len(matches)} connections"
                    fail(f"{found} named {name!r} (see netdash connections list --search)")
                chosen.append(matches[0])
        if not chosen:
            say("Every connection is already a person in the journal")
            return
        result = promote_connections(db, chosen, dry_run=dry_run)
    say(contacts_summary(result, dry_run, f"{len(chosen):,} LinkedIn connections"))
    _details(result)


# --------------------------------------------------------------------------------- duplicates


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


def _person_id(db: Any, reference: str) -> int:
    """A person by ``#id``, name or @handle."""
    from netdash.store.people import resolve_person

    return resolve_person(db, reference).id


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
    from netdash.store.duplicates import merge_people
    from netdash.store.people import get_person

    with user_errors(), obj.db() as db:
        keep_id, other_id = _person_id(db, keep), _person_id(db, other)
        if keep_id == other_id:
            fail(f"{keep!r} and {other!r} are the same person")
        kept, merged = get_person(db, keep_id), get_person(db, other_id)
        if not yes:
            say(
                f"Merge {merged.name} (#{merged.id}, {merged.interactions} interactions) into"
                f" {kept.name} (#{kept.id}, {kept.interactions} interactions)?"
            )
            if not sys.stdin.isatty() or not click.confirm("Merge", default=False):
                fail("not merged (pass --yes to merge without asking)")
        summary = merge_people(db, keep_id, other_id)
    moved = [
        f"{summary.interactions} interactions",
        f"{summary.handles} handles",
        f"{summary.contact_points} contact details",
        f"{summary.tags} tags",
    ]
    if summary.contributions or summary.credits or summary.vouches:
        moved.append(
            f"{summary.contributions} contributions, {summary.credits} credits,"
            f" {summary.vouches} vouches"
        )
    say(f"Merged {summary.merged.name} into {summary.kept.name}: {', '.join(moved)}")


@click.command("different")
@click.argument("first")
@click.argument("second")
@pass_context
def people_different(obj: Context, first: str, second: str) -> None:
    """Say two people are not the same, so they are not suggested as duplicates again."""
    from netdash.store.duplicates import dismiss_duplicate

    with user_errors(), obj.db() as db:
        dismiss_duplicate(db, _person_id(db, first), _person_id(db, second))
    say("Noted: they will not be suggested as duplicates again")
