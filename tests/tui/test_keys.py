"""Keys: one command table behind bindings, palette, Help and the README; the [keys] keymap."""

from __future__ import annotations

import re
from pathlib import Path

from netdash.tui.commands import COMMANDS, SCREENS, bindings, readme_table

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_key_table_is_the_command_table() -> None:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Screens and keys\n", 1)[1]
    table = "".join(re.findall(r"^\|.*\|\n", section.split("\n\n- ", 1)[0], re.MULTILINE))
    assert table == readme_table(), "paste `python -m netdash.tui.commands` into the README"


def test_every_command_has_its_own_id_and_a_known_screen() -> None:
    ids = [command.id for command in COMMANDS]
    assert len(ids) == len(set(ids))
    assert {command.screen for command in COMMANDS} <= set(SCREENS)


def test_a_screen_binds_exactly_its_commands() -> None:
    for screen in SCREENS:
        bound = [binding.id for binding in bindings(screen)]  # type: ignore[union-attr]
        expected = [c.id for c in COMMANDS if c.screen == screen and c.action is not None]
        assert bound == expected
