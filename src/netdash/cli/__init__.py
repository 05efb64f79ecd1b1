"""The ``netdash`` command. Bare ``netdash`` opens the TUI; every other command is plain.

Plain commands never import Textual (startup time is a feature, and scripts call them often):
the TUI is imported only inside :func:`launch_tui`. Each command group lives in its own module;
this one holds the group, the launcher and the entry point, and names the commands, each
imported only when it is run (:mod:`netdash.cli.lazy`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from netdash import __version__
from netdash.cli.kit import Context, OneLineErrors, say, user_errors
from netdash.cli.lazy import LazyCommands, Where

COMMANDS: dict[str, Where] = {
    "log": ("log", "log_command", ()),
    "people": (
        "people",
        "people",
        (
            "people.people_duplicates",
            "people.people_merge",
            "people.people_different",
            "undo.people_delete",
        ),
    ),
    "reach-out": ("reach_out", "reach_out", ()),
    "followups": ("followups", "followups", ()),
    "upcoming": ("followups", "upcoming_command", ()),
    "vouch": ("community", "vouch", ()),
    "give": ("community", "give", ("community_edit.give_edit", "community_edit.give_delete")),
    "outcome": (
        "community",
        "outcome",
        ("community_edit.outcome_edit", "community_edit.outcome_delete"),
    ),
    "review": ("community", "review", ()),
    "goal": ("community", "goal", ("edit.goal_edit", "edit.goal_delete")),
    "org": ("community_edit", "org", ()),
    "followers": ("audience", "followers", ()),
    "import": ("audience", "import_command", ()),
    "accounts": (
        "audience",
        "accounts",
        ("edit.accounts_rename", "edit.accounts_edit", "edit.accounts_delete"),
    ),
    "fetch": ("audience", "fetch", ()),
    "stats": ("audience", "stats", ()),
    "audience": ("audience", "audience", ()),
    "export": ("data", "export_command", ()),
    "restore": ("data", "restore_command", ()),
    "backup": ("data", "backup_command", ()),
    "check": ("data", "check_command", ()),
    "locate": ("data", "locate", ()),
    "demo": ("data", "demo", ()),
    "connections": ("data", "connections", ()),
    "undo": ("undo", "undo_command", ()),
    "vouches": ("edit", "vouches", ()),
    "tags": ("tags", "tags", ()),
    "search": ("search", "search_command", ()),
    "imports": ("backfill", "imports", ()),
    "evidence": ("backfill", "evidence", ()),
}
"""Every command by the name it is typed as: where it lives, and the subcommands other modules
add to it. Only the module of the command run is imported (:class:`LazyCommands`)."""


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
    import gc

    from netdash.tui.app import NetdashApp

    # The imports' objects (some 500 modules) live as long as the app: frozen, out of the
    # collector's reach, the full collection that fell in the first frame's styling (15-30 ms,
    # more on a loaded machine) has nothing old to walk.
    gc.freeze()
    try:
        app = NetdashApp(database, db_path=db_path, title=title)
        try:
            app.run()
        finally:
            app.worker_generations.close_kept()
    finally:
        database.close()
    global _tui_closed
    _tui_closed = True


_tui_closed = False
"""Set once the TUI has closed: the terminal is restored and the journal closed and checkpointed."""


cli.commands = LazyCommands(COMMANDS)


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
