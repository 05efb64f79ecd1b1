"""Commands imported when they are asked for, so a plain command pays for its own module only.

Each command group's module brings its own store and domain modules; importing all of them to
run `stats` cost about 15 ms of a 100 ms start. :class:`LazyCommands` is the group's
``commands`` mapping: a name is known before its module is imported, and looking it up imports
that module (and the modules of its added subcommands) once. Listing every command (``--help``)
imports them all, as before.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import cast

import click

Where = tuple[str, str, tuple[str, ...]]
"""A command's module (under ``netdash.cli``), its attribute, and its added subcommands as
``module.attribute``."""


def _attribute(module: str, name: str) -> click.Command:
    return cast(click.Command, getattr(import_module(f"netdash.cli.{module}"), name))


class LazyCommands(MutableMapping[str, click.Command]):
    """A click group's commands by name, each imported at its first lookup."""

    def __init__(self, where: dict[str, Where]) -> None:
        self._where = dict(where)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            module, attribute, subcommands = self._where[name]  # KeyError: no such command
            command = _attribute(module, attribute)
            for sub in subcommands:
                sub_module, sub_name = sub.split(".")
                cast(click.Group, command).add_command(_attribute(sub_module, sub_name))
            self._loaded[name] = command
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._where.pop(name, None)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self._where and name not in self._loaded:
            raise KeyError(name)
        self._where.pop(name, None)
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._where, *self._loaded]))

    def __len__(self) -> int:
        return len(set(self._where) | set(self._loaded))
