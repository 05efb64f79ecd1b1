"""The ``netdash`` command. Bare ``netdash`` opens the TUI; every other command is plain.

Plain commands never import Textual (startup time is a feature, and scripts call them often):
the TUI is imported only inside :func:`launch_tui`. Each command group lives in its own module;
this one holds the group, the launcher and the entry point, and adds the commands to the group.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from netdash import __version__
from netdash.cli import audience, community, community_edit, data, edit, log, people, undo
from netdash.cli.kit import Context, OneLineErrors, say, user_errors


@click.group(
    cls=OneLineErrors,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, readable=False),  # a folder is refused by open_db, in one line
    help="Journal file to use (default: $NETDASH_DB, else netdash.db in your data folder).",
)
@click.version_option(__version__, "-V", "--version", prog_name="netdash")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """A private journal of your real relationships, beside your follower counts.

    Run with no command to open the dashboard.
    """
    from netdash.leftovers import sweep

    sweep()  # what a killed netdash left half-written
    ctx.obj = Context(db_path)
    if ctx.invoked_subcommand is None:
        launch_tui(ctx.obj.db_path)


def launch_tui(db_path: Path, *, title: str | None = None) -> None:
    """Open the journal in the TUI. The only place the CLI reaches Textual."""
    with user_errors():
        from netdash.store.db import open_db

        database = open_db(db_path)
    from netdash.tui.app import NetdashApp

    try:
        NetdashApp(database, db_path=db_path, title=title).run()
    finally:
        database.close()
    global _tui_closed
    _tui_closed = True


_tui_closed = False
"""Set once the TUI has closed: the terminal is restored and the journal closed and checkpointed."""


for _command in (
    log.log_command,
    people.people,
    people.reach_out,
    community.vouch,
    community.give,
    community.outcome,
    community.review,
    community.goal,
    community_edit.org,
    audience.followers,
    audience.import_command,
    audience.accounts,
    audience.fetch,
    audience.stats,
    audience.audience,
    data.export_command,
    data.restore_command,
    data.backup_command,
    data.check_command,
    data.locate,
    data.demo,
    data.connections,
    undo.undo_command,
):
    cli.add_command(_command)
for _command in (
    people.people_duplicates,
    people.people_merge,
    people.people_different,
    undo.people_delete,
):
    people.people.add_command(_command)
cli.add_command(edit.vouches)
community.give.add_command(community_edit.give_edit)
community.give.add_command(community_edit.give_delete)
community.outcome.add_command(community_edit.outcome_edit)
community.outcome.add_command(community_edit.outcome_delete)
community.goal.add_command(edit.goal_edit)
community.goal.add_command(edit.goal_delete)
audience.accounts.add_command(edit.accounts_edit)
audience.accounts.add_command(edit.accounts_delete)


def main() -> None:
    """Entry point: bad input exits 2 (see :func:`fail`); an unexpected failure exits 1."""
    import os

    try:
        cli.main(prog_name="netdash", standalone_mode=True)
    except SystemExit as done:
        if not _tui_closed:
            raise
        # Quitting should feel instant. After the TUI, nothing is left to write, and tearing
        # down the interpreter's objects one by one takes longer than the dashboard took to
        # paint (about 100 ms here), so skip it.
        code = done.code if isinstance(done.code, int) else 0
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:
        _unexpected(error)


def _unexpected(error: BaseException) -> NoReturn:
    import os

    if os.environ.get("NETDASH_DEBUG"):
        raise error
    say(
        f"netdash: unexpected error: {type(error).__name__}: {error}"
        " (set NETDASH_DEBUG=1 for the traceback, and please report it)",
        err=True,
    )
    sys.exit(1)
