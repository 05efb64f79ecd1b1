"""A ``[keys]`` section checked before Textual applies it: a bad entry is reported, not fatal.

Apart from :mod:`netdash.tui.commands` because it answers a different question: not which keys
netdash has, but whether what a user wrote in the config file is one of them and is a key.
"""

from __future__ import annotations

from textual.keys import REPLACED_KEYS, Keys, key_to_character

from netdash.tui.commands import COMMANDS

BINDING_IDS = frozenset(command.id for command in COMMANDS if command.action)
"""What a ``[keys]`` section may remap."""

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(key.value for key in Keys)


def is_key(key: str) -> bool:
    """Whether Textual can bind ``key``: "l", "ctrl+l", "f5", "escape", "question_mark"."""
    *modifiers, base = key.strip().split("+")
    if not base or any(modifier not in MODIFIERS for modifier in modifiers):
        return False
    named = REPLACED_KEYS.get(base, base)  # "slash" is Unicode's "solidus"
    return len(base) == 1 or base in NAMED_KEYS or key_to_character(named) is not None


def check_keymap(keymap: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The entries Textual can apply, and one line per entry it cannot (the rest still apply)."""
    good: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        if binding_id not in BINDING_IDS:
            problems.append(f'keys."{binding_id}" is not a key netdash has (the README lists them)')
        elif not all(is_key(key) for key in keys.split(",")):
            problems.append(f'keys."{binding_id}" = "{keys}" is not a key (like "l" or "ctrl+l")')
        else:
            good[binding_id] = keys
    return good, problems
