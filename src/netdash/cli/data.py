"""Owning the data: `export`, `restore`, `backup`, `check`, `locate`, `demo`, `connections`.

Plain commands: they never import Textual (`demo` opens the TUI through the group's deferred
launcher). Each writes in one transaction or not at all.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from netdash.cli.kit import (
    FILE_TO_WRITE,
    Context,
    contacts_details,
    contacts_summary,
    fail,
    pass_context,
    say,
    user_errors,
)
from netdash.domain import dates
from netdash.domain.words import count_of
from netdash.inert import inert
from netdash.paths import config_path, default_db_path, demo_db_path, is_journal_file

EXPORT_FORMATS = ("json", "csv", "markdown", "vcard")
_SUFFIX = {"json": ".json", "csv": "-csv", "markdown": ".md", "vcard": ".vcf"}
DEMO_MOST_PEOPLE = 200_000
"""Four times the huge benchmark journal: beyond it a demo only takes hours to build (and a
number a fuzzer draws, 2**64, ran for ever)."""


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
    from netdash.export.vcard import people_as_contacts, write_vcards
    from netdash.store.dump import read_snapshot

    written = 0
    with read_snapshot(db):
        for card in write_vcards(people_as_contacts(db), vcard_version):
            out.write("\r\n".join(inert(line) for line in card.split("\r\n")) if shown else card)
            written += 1
    return written


def _report(target: Path, counts: dict[str, int], *, err: bool = False) -> None:
    rows = sum(counts.values())
    say(f"Wrote {count_of(rows, 'row')} from {count_of(len(counts), 'table')} to {target}", err=err)


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
        f"Restored {count_of(rows, 'row')}"
        f" ({count_of(counts.get('people', 0), 'person', 'people')},"
        f" {count_of(counts.get('interactions', 0), 'interaction')}) into {obj.db_path}"
    )


@click.command("backup")
@click.argument("target", required=False, type=FILE_TO_WRITE)
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
@pass_context
def backup_command(obj: Context, target: Path | None, force: bool) -> None:
    """Write a consistent copy of the journal (safe while the TUI is open).

    Without TARGET the copy goes to backups/ beside the journal, named by the time. The copy
    appears only once complete; a damaged journal is not copied (see `netdash check`).
    """
    import os
    from datetime import UTC, datetime

    from netdash.store.db import backup

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    # a link is written through, as export and review do, never replaced by the copy
    destination = Path(os.path.realpath(target)) if target else None
    destination = destination or obj.db_path.parent / "backups" / f"netdash-{stamp}.db"
    obj.refuse_journal(destination, may_replace_journals=True)
    if destination.is_dir():
        fail(f"{destination}: is a folder; give a file name")
    with user_errors(), obj.db() as db:
        try:
            written = backup(db, destination, replace=force)
        except OSError as error:
            fail(f"{destination}: cannot be written ({error.strerror or error})")
    say(str(written))


@click.command("check")
@pass_context
def check_command(obj: Context) -> None:
    """Check the journal for damage: SQLite's integrity check and the links between rows.

    Changes nothing. Exits 0 when the journal is sound, 2 when it is not, saying what to do.
    """
    import shlex

    from netdash.store.journal_check import check_journal

    path = obj.db_path
    if not path.exists():
        fail(f"{path}: no journal here yet (nothing to check)")
    with user_errors():
        report = check_journal(path)
    if report.ok:
        say(f"{path}: ok ({report.pages:,} pages checked, every link between rows holds)")
        return
    say(f"{path}: problems found", err=True)
    for problem in report.integrity[:10]:
        say(f"  damage: {problem}", err=True)
    for table, rowid, parent in report.broken_links[:10]:
        say(f"  broken link: {table} row {rowid} points to a missing {parent} row", err=True)
    hidden = len(report.integrity[10:]) + len(report.broken_links[10:])
    if hidden:
        say(f"  … and {hidden} more", err=True)
    backups = sorted(
        [*path.parent.glob(f"{path.stem}.before-*.db"), *(path.parent / "backups").glob("*.db")],
        key=lambda item: item.stat().st_mtime,
    )
    quoted, copy = shlex.quote(str(path)), shlex.quote(f"{path}.damaged")
    say("What to do, with netdash closed:", err=True)
    say(f"  1. keep a copy of the file as it is: cp {quoted} {copy}", err=True)
    if backups:
        second = f"the newest backup is {backups[-1]}: open it with --db to see what it holds"
    else:
        second = "if you have a backup or an export, open it or restore it into a new journal"
    say(f"  2. {second}", err=True)
    say(
        f"  3. recover what SQLite can read: sqlite3 {quoted} .recover | sqlite3 recovered.db,"
        " then open recovered.db with --db and check it",
        err=True,
    )
    sys.exit(2)


# ------------------------------------------------------------------------------------- locate


@click.command()
@click.argument("what", type=click.Choice(["db", "config", "demo"]), required=False)
@pass_context
def locate(obj: Context, what: str | None) -> None:
    """Print where netdash keeps its files."""
    places = {"db": obj.db_path, "config": config_path(), "demo": demo_db_path()}
    if what:
        say(str(places[what]))
        return
    for name, place in places.items():
        say(f"{name:<7}{place}")


# --------------------------------------------------------------------------------------- demo


@click.command()
@click.option(
    "--scale",
    type=click.Choice(["normal", "large", "huge"]),
    default="normal",
    help="normal: about 150 people over two years. large: the benchmark journal (10,000"
    " people). huge: the same at 50,000 people.",
)
@click.option(
    "--people",
    type=click.IntRange(min=1, max=DEMO_MOST_PEOPLE),
    help="The large journal's proportions for this many people (twenty entries each; at most"
    f" {DEMO_MOST_PEOPLE:,}).",
)
@click.option("--seed", type=int, default=7, help="The same seed builds the same journal.")
@click.option("--rebuild", is_flag=True, help="Build the demo journal afresh.")
@click.option("--build-only", is_flag=True, help="Build it and print its path; do not open it.")
@click.option(
    "--path",
    "target",
    type=FILE_TO_WRITE,
    help="Where to keep the demo journal (default: demo.db beside your journal).",
)
@click.option("--force", is_flag=True, help="With --path: replace a file that is not a demo.")
@pass_context
def demo(
    obj: Context,
    scale: str,
    people: int | None,
    seed: int,
    rebuild: bool,
    build_only: bool,
    target: Path | None,
    force: bool,
) -> None:
    """Open a realistic demo journal kept in its own file, never your journal."""
    from netdash.demo import Scale, build_demo, is_demo_journal, large_for
    from netdash.store.db import is_netdash_journal

    size: str | Scale = scale if people is None else large_for(people)
    name = {"normal": "demo.db", "large": "demo-large.db", "huge": "demo-huge.db"}[scale]
    path = target or demo_db_path().with_name(name if people is None else f"demo-{people}.db")
    for journal in (obj.db_path, default_db_path()):
        if is_journal_file(path, journal):
            fail(f"{path}: that is your journal; the demo needs a file of its own")
    # demo.db in the data folder is the demo's own place: an unmarked journal there is a demo
    # an older netdash built, opened or rebuilt as before
    if target is not None and path.exists() and not is_demo_journal(path):
        if not force:
            fail(
                f"{path}: already exists and is not a demo journal; choose another --path,"
                " or pass --force to replace it"
            )
        if is_netdash_journal(path):
            fail(f"{path}: is a netdash journal with your data; the demo never replaces one")
        rebuild = True
    if rebuild or not path.exists():
        with user_errors():
            build_demo(path, scale=size, seed=seed, today=dates.today())
    if build_only:
        say(str(path))
        return
    from netdash.cli import launch_tui

    launch_tui(path, title="netdash — demo journal")


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
    from netdash.store.connections import list_connections

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
    from netdash.store.connections import list_connections, promote_connections

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
                    found = "no connection" if not matches else count_of(len(matches), "connection")
                    fail(f"{found} named {name!r} (see netdash connections list --search)")
                chosen.append(matches[0])
        if not chosen:
            say("Every connection is already a person in the journal")
            return
        result = promote_connections(db, chosen, dry_run=dry_run)
    say(contacts_summary(result, dry_run, count_of(len(chosen), "LinkedIn connection")))
    contacts_details(result)
