"""What every plain command shares: the journal it works on, and one-line errors with exit 2.

Kept apart from :mod:`netdash.cli` so command modules can use it without importing each other.
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

from netdash import dates
from netdash.inert import inert
from netdash.paths import default_db_path, missing_folders
from netdash.store.errors import InvalidInput, JournalError


class Context:
    """What the group's options decide, shared with every subcommand."""

    def __init__(self, db_path: Path | None) -> None:
        self.db_path = db_path or default_db_path()

    def depth_settings(self) -> Any:
        """The depth model's settings; the config file is written with its defaults first."""
        from netdash.config import ensure_config, load_config

        return load_config(ensure_config()).depth

    @contextmanager
    def db(self, *, keep_new: bool = True) -> Iterator[Database]:
        """The journal, created if missing. A journal this command created is removed again if
        the command fails (or, with ``keep_new=False``, in any case: a dry run) while it is still
        empty, so refused input leaves nothing behind, not even an empty file."""
        from netdash.store.db import open_db

        # the file itself, links followed and ".." resolved: a link to a journal is never
        # mistaken for the journal, nor "new/../kept" for a folder this command made
        real = Path(os.path.realpath(self.db_path))
        existed = real.exists()
        # the folders open_db will make, as the kernel will resolve them: "new/.." is the
        # folder we are in, not one to remove afterwards
        made = [
            folder
            for folder in missing_folders(self.db_path.parent)
            if not Path(os.path.realpath(folder)).exists()
        ]
        database = open_db(self.db_path)
        keep = True
        try:
            yield database
            keep = keep_new
        except BaseException:
            keep = False
            raise
        finally:
            if not existed and not keep:
                from netdash.export.dump import is_empty

                keep = not is_empty(database)
            database.close()
            if not existed and not keep:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{real}{suffix}").unlink(missing_ok=True)
                for folder in reversed(made):  # and the folders made for it, if still empty
                    with contextlib.suppress(OSError):
                        folder.rmdir()


pass_context = click.make_pass_decorator(Context)


def say(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print a line that may carry user text: its control characters are shown, never obeyed
    (a contact's name can hold an escape sequence). Every plain command prints through here."""
    click.echo(inert(message), err=err, nl=nl)


def fail(message: str) -> NoReturn:
    """Bad input: one line on stderr, exit code 2, nothing written."""
    say(f"netdash: {message}", err=True)
    sys.exit(2)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's InvalidInput and JournalError into a one-line message and exit code 2."""
    try:
        yield
    except (InvalidInput, JournalError) as error:
        fail(str(error))


def parse_day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return dates.parse_date(text, dates.today())
    except InvalidInput as error:
        fail(f"{option}: {error}")


class OneLineErrors(click.Group):
    """Usage mistakes (an unknown option, a missing argument) as one line and exit code 2, like
    every other bad input, instead of click's usage block."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:  # `netdash people`: its help
            say(error.ctx.get_help() if error.ctx else error.format_message())
            sys.exit(0)
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "netdash"
            message = error.format_message().rstrip(".")
            say(f"{command}: {message} (see {command} --help)", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            say(f"netdash: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            say("netdash: aborted", err=True)
            sys.exit(1)
