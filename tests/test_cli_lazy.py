"""Each plain command imports its own module only; every command is still there, whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click

from netdash.cli import COMMANDS, cli

SUBCOMMANDS = {
    "people": {"add", "edit", "list", "show", "duplicates", "merge", "different", "delete"},
    "give": {"add", "edit", "delete"},
    "outcome": {"add", "edit", "delete"},
    "goal": {"add", "list", "edit", "delete"},
    "accounts": {"add", "list", "rename", "edit", "delete"},
}
"""Groups whose subcommands other modules add, as the CLI had them wired at import."""


def test_every_command_is_found_by_its_name_with_its_subcommands() -> None:
    assert set(cli.commands) == set(COMMANDS) and len(cli.commands) == len(COMMANDS)
    for name in COMMANDS:
        command = cli.commands[name]
        assert command.name == name
        if name in SUBCOMMANDS:
            assert isinstance(command, click.Group)
            assert set(command.commands) == SUBCOMMANDS[name]


CLI_MODULES = """
import json, sys
from netdash.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="netdash")
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.startswith("netdash.cli."))), file=sys.stderr)
"""


def cli_modules(journal_path: Path, *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", CLI_MODULES, "--db", str(journal_path), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(done.stderr.strip().splitlines()[-1]))


def test_a_plain_command_imports_only_its_own_module(journal_path: Path) -> None:
    kit = ["netdash.cli.kit", "netdash.cli.lazy"]
    assert cli_modules(journal_path, "stats", "--json") == ["netdash.cli.audience", *kit]
    assert cli_modules(journal_path, "reach-out") == [*kit, "netdash.cli.reach_out"]
    # `people` gets its delete from the undo module, added when the group is looked up
    assert cli_modules(journal_path, "people", "list") == [
        *kit,
        "netdash.cli.people",
        "netdash.cli.undo",
    ]
