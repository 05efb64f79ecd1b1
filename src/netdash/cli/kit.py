"""What every plain command shares: the journal it works on, and one-line errors with exit 2.

Kept apart from the group in :mod:`netdash.cli` so command modules can use it without importing
each other.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click
from sqlite_utils import Database

from netdash.domain import dates
from netdash.domain.errors import InvalidInput
from netdash.domain.names import shorten
from netdash.inert import inert, inert_line
from netdash.paths import JOURNAL_COMPANIONS, default_db_path, is_journal_file, missing_folders
from netdash.store.errors import JournalError

WRITE_PATIENCE_SECONDS = 600.0
"""A shell command waits this long for an import or restore to finish before giving up."""
FILE_TO_WRITE = click.Path(dir_okay=False, path_type=Path, readable=False)
"""A file a command writes: not a folder, and need not exist yet."""
UNDO = "`netdash undo` puts it back"
"""Said after every change that went to the trash."""
NOT_DELETED = "not deleted (pass --yes to delete without asking)"
"""Said when a delete was asked about and not confirmed."""


class Context:
    """What the group's options decide, shared with every subcommand."""

    def __init__(self, db_path: Path | None) -> None:
        self.db_path = db_path or default_db_path()
        self._config: Any = None

    def config(self) -> Any:
        """The config, read once per command (its defaults if there is no file; none is
        written here: a command that only opens the journal leaves no config behind)."""
        if self._config is None:
            from netdash.config import load_config

            with user_errors():
                self._config = load_config()
        return self._config

    def _trash_days(self) -> int:
        """``[trash] days``, or the default with a warning if the config cannot be read: a
        broken config must not lock the user out of logging, exporting or backing up. (What
        scores people still refuses: its numbers would silently use other weights.)"""
        from netdash.config import load_config
        from netdash.domain.vocabulary import DEFAULT_TRASH_DAYS as DEFAULT_KEEP_DAYS

        try:
            if self._config is None:
                self._config = load_config()
            return int(self._config.trash_days)
        except (InvalidInput, OSError) as error:
            say(
                f"netdash: config ignored, the trash keeps {DEFAULT_KEEP_DAYS} days: "
                f"{inert_line(str(error))}",
                err=True,
            )
            return DEFAULT_KEEP_DAYS

    def depth_settings(self) -> Any:
        """The depth model's settings; the config file is written with its defaults first."""
        from netdash.config import ensure_config

        with user_errors():
            ensure_config()
        return self.config().depth

    def refuse_journal(self, target: Path, *, may_replace_journals: bool = False) -> None:
        """No command writes over the journal in use or the default one (or SQLite's files
        beside them), ``--force`` or not; and a file that is not a journal (an export, the
        review) never replaces any netdash journal. Only ``backup --force`` may replace
        another journal: an older backup."""
        for journal in (self.db_path, default_db_path()):
            if is_journal_file(target, journal):
                fail(f"{target}: that is a journal of yours; write to another file")
        if not may_replace_journals and target.is_file():
            from netdash.store.db import is_netdash_journal

            if is_netdash_journal(target):
                fail(f"{target}: is a netdash journal; it is never replaced by an export")

    @contextmanager
    # long: one journal's life, open to close, and the clean-up must see how the command
    # ended; split, the pieces would have to pass that state between them.
    def db(self, *, keep_new: bool = True, writes: bool = True) -> Iterator[Database]:
        """The journal, created if missing. A journal this command created is removed again if
        the command fails while it is still empty and nobody else has opened it, so refused
        input leaves nothing behind, not even an empty file; with ``keep_new=False`` (a dry run)
        a missing journal is not made at all. ``writes=False`` (a command that only reads,
        keeping at most the day's scores) neither reads the config for the trash nor imports it."""
        from netdash.store.db import (
            explain_sqlite_error,
            held_alone,
            keeps_only_derived_rows,
            open_db,
        )
        from netdash.store.tx import wait_for_writes

        if writes:
            from netdash.store.trash import keep_trash_for

            keep_trash_for(self._trash_days())  # `[trash] days`, for whatever this writes
        wait_for_writes(
            WRITE_PATIENCE_SECONDS,
            notice=lambda: say(
                "netdash: waiting for another write to the journal to finish (an import or a"
                " restore)…",
                err=True,
            ),
        )

        # the file itself, links followed and ".." resolved: a link to a journal is never
        # mistaken for the journal, nor "new/../kept" for a folder this command made
        real = Path(os.path.realpath(self.db_path))
        existed = real.exists()
        if not existed and not keep_new:
            # a dry run on a journal that is not there yet: an empty one in memory, so nothing
            # is made (and nothing has to be removed that someone else may have opened since)
            from netdash.store.db import memory_db

            database = memory_db()
            try:
                yield database
            finally:
                database.close()
            return
        made = missing_folders(real.parent)
        database = open_db(self.db_path)
        if not writes:
            keeps_only_derived_rows(database)
        keep = True
        try:
            yield database
        except BaseException as error:
            keep = False
            # the journal itself (read-only, damaged, kept busy, a full disk), not a netdash bug
            message = explain_sqlite_error(str(self.db_path), error)
            if message is None:
                raise
            fail(message)
        finally:
            if not existed and not keep:
                from netdash.store.dump import is_empty

                keep = not is_empty(database)
            database.close()
            if not existed and not keep:
                # refused input leaves nothing behind, not even the journal it made — unless
                # another netdash has opened it meanwhile (it may be about to write)
                with held_alone(real) as alone:
                    if alone:
                        for suffix in JOURNAL_COMPANIONS:
                            Path(f"{real}{suffix}").unlink(missing_ok=True)
                if alone:
                    for folder in reversed(made):  # and the folders made for it, if empty
                        with contextlib.suppress(OSError):
                            folder.rmdir()


pass_context = click.make_pass_decorator(Context)


def say(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print a line that may carry user text: its control characters are shown, never obeyed
    (a contact's name can hold an escape sequence). Every plain command prints through here."""
    click.echo(inert(message), err=err, nl=nl)


def complain(message: str) -> None:
    """One line on stderr, whatever the message quotes (a path or a name with a line break in
    it stays on the line, its controls shown)."""
    click.echo(inert_line(message), err=True)


class RecordId(click.ParamType[int]):
    """A record's id as `list` shows it, 12 or #12, as the journal can hold it (1 to 2**63 - 1):
    anything else is refused in netdash's one line ("netdash: '#x' is not a goal id …", exit 2)
    before SQLite sees it."""

    name = "id"

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        digits = str(value).strip().removeprefix("#")
        if digits.isascii() and digits.isdigit() and len(digits) <= 19 and 0 < int(digits) < 2**63:
            return int(digits)
        fail(f"{shorten(str(value), 40)!r} is not a {self.kind} id (a number, as `list` shows it)")


def confirm_unless(yes: bool, question: str, refused: str = NOT_DELETED) -> None:
    """Ask the question unless --yes was given; no terminal to answer, or a no: ``refused``, as
    a failure (exit 2, nothing written)."""
    if yes:
        return
    say(question)
    if not sys.stdin.isatty() or not click.confirm("Go ahead", default=False):
        fail(refused)


def fail(message: str) -> NoReturn:
    """Bad input: one line on stderr, exit code 2, nothing written."""
    complain(f"netdash: {message}")
    sys.exit(2)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's InvalidInput and JournalError into a one-line message and exit code 2."""
    try:
        yield
    except (InvalidInput, JournalError) as error:
        fail(str(error))


def contacts_summary(result: Any, dry_run: bool, what: str) -> str:
    """One line for an address-book import or a promotion: added, updated, already there."""
    return (
        f"{what}: {'would add' if dry_run else 'added'} {len(result.created):,} people,"
        f" {'would update' if dry_run else 'updated'} {len(result.updated):,},"
        f" {result.unchanged:,} already up to date"
        + (" (dry run: nothing written)" if dry_run else "")
    )


def contacts_details(result: Any) -> None:
    """Who changed (the first 20) and the notes, under the summary line."""
    for line in result.updated[:20]:
        say(f"  {line}")
    if len(result.updated) > 20:
        say(f"  … and {len(result.updated) - 20} more")
    for note in result.notes:
        say(f"  note: {note}")


def parse_day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return dates.parse_date(text, dates.today())
    except InvalidInput as error:
        fail(f"{option}: {error}")


class OrAdd(click.Group):
    """A group whose first word may be a record's text: `give "4h at Food Bank"` adds, while
    `give edit 3` and `give delete 3` change one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        asks_help = bool(args) and args[0] in ctx.help_option_names  # list add, edit, delete
        if not asks_help and (not args or args[0] not in self.commands):
            args = ["add", *args]
        return super().parse_args(ctx, args)


class OneLineErrors(click.Group):
    """Usage mistakes (an unknown option, a missing argument) as one line and exit code 2, like
    every other bad input, instead of click's usage block."""

    @staticmethod
    def check_arguments(arguments: list[str]) -> None:
        """Refuse, before anything runs, an argument that is not text: bytes that are not UTF-8
        (Python hands them over as lone surrogates, which no journal column, file name written
        back or terminal line can hold) or a NUL character (only a program can pass one)."""
        for position, argument in enumerate(arguments, start=1):
            if not isinstance(argument, str):
                continue
            try:
                argument.encode("utf-8")
            except UnicodeEncodeError:
                try:  # the bytes as they came, when they came from the command line
                    shown = repr(argument.encode("utf-8", "surrogateescape"))
                except UnicodeEncodeError:
                    shown = ascii(argument)
                fail(f"argument {position} is not valid UTF-8: {shown}")
            if "\x00" in argument:
                fail(f"argument {position} contains a NUL character")

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        given = kwargs.get("args", args[0] if args else None)
        self.check_arguments(sys.argv[1:] if given is None else list(given))
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:  # `netdash people`: its help
            say(error.ctx.get_help() if error.ctx else error.format_message())
            sys.exit(0)
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "netdash"
            message = error.format_message().rstrip(".")
            complain(f"{command}: {message} (see {command} --help)")
            sys.exit(error.exit_code)
        except click.ClickException as error:
            complain(f"netdash: {error.format_message()}")
            sys.exit(error.exit_code)
        except OSError as error:
            if error.filename is None or os.environ.get("NETDASH_DEBUG"):
                raise
            # a path the user gave that the system will not take (a name too long, a device)
            fail(f"{error.filename}: cannot be used ({error.strerror or error})")
        except click.exceptions.Abort:
            say("netdash: aborted", err=True)
            sys.exit(1)
