"""One key on one screen, as the command table in :mod:`netdash.tui.commands` lists it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from textual.binding import Binding


class Palette(NamedTuple):
    """A command palette entry: its title, what it does, and the action it runs on the app."""

    title: str
    help: str
    action: str = ""
    """An app action; empty means the binding's own action (which must then be an app one)."""


@dataclass(frozen=True)
class Command:
    """One key on one screen. ``action`` None: a widget's own key, documented but not bound."""

    id: str
    keys: str
    screen: str
    action: str | None
    description: str
    help: str
    show: bool = True
    key_display: str | None = None
    priority: bool = False
    palette: Palette | None = None

    def binding(self) -> Binding:
        assert self.action is not None
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            id=self.id,
        )
