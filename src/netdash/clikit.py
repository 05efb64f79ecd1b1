"""What every plain command shares: the journal it works on, and one-line errors with exit 2.

Kept apart from :mod:`netdash.cli` so command modules can use it without importing each other.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click
from sqlite_utils import Database

from netdash import dates
from netdash.paths import default_db_path
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
    def db(self) -> Iterator[Database]:
        from netdash.store.db import open_db

        database = open_db(self.db_path)
        try:
            yield database
        finally:
            database.close()


pass_context = click.make_pass_decorator(Context)


def fail(message: str) -> NoReturn:
    """Bad input: one line on stderr, exit code 2, nothing written."""
    click.echo(f"netdash: {message}", err=True)
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
