"""Keys: one command table behind bindings, palette, Help and the README; the [keys] keymap."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from textual.app import App
from textual.pilot import Pilot

from netdash.config import ensure_config, load_config, load_theme
from netdash.domain.errors import InvalidInput
from netdash.store.db import open_db
from netdash.tui.app import NetdashApp
from netdash.tui.commands import COMMANDS, SCREENS, readme_table
from netdash.tui.keymap import check_keymap, is_key
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.journal import JournalScreen
from netdash.tui.screens.people import PeopleScreen

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


def test_every_class_binds_exactly_one_screens_commands_and_every_command_is_bound() -> None:
    """Read the BINDINGS the app's classes really declare (not what bindings() would build): a
    screen that writes its own binding, or drops one, fails here."""
    import importlib
    import pkgutil

    import netdash.tui

    declared: dict[str, list[str | None]] = {}
    for module_info in pkgutil.walk_packages(netdash.tui.__path__, "netdash.tui."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                own = value.__dict__.get("BINDINGS")
                if own:
                    declared[value.__qualname__] = [getattr(binding, "id", None) for binding in own]
    by_screen = {
        screen: [c.id for c in COMMANDS if c.screen == screen and c.action is not None]
        for screen in SCREENS
    }
    for owner, ids in declared.items():
        assert ids in by_screen.values(), f"{owner} binds {ids}, not one screen's commands"
    bound = {command_id for ids in declared.values() for command_id in ids}
    unbound = {c.id for c in COMMANDS if c.action is not None} - bound
    assert unbound == set(), f"commands no class binds: {sorted(unbound)}"


@pytest.fixture
def notifications(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    original = App.notify

    def spy(self: App[Any], message: str, **kwargs: Any) -> None:
        seen.append((message, kwargs.get("title", "")))
        original(self, message, **kwargs)

    monkeypatch.setattr(App, "notify", spy)
    return seen


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    path = tmp_path / "journal.db"
    db = open_db(path)
    yield db, path
    db.close()


def write_keys(lines: str) -> None:
    path = ensure_config()
    path.write_text(path.read_text() + lines)


async def test_the_config_remaps_a_key(journal: tuple[Database, Path]) -> None:
    write_keys('"netdash.people" = "ctrl+l"\nnetdash.journal = "f5"\n')
    db, path = journal
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")  # no longer People
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("f5")
        assert isinstance(app.screen, JournalScreen)


@pytest.mark.parametrize("key", ["l", "ctrl+l", "f5", "escape", "question_mark", "slash"])
def test_keys_textual_can_bind_are_keys(key: str) -> None:
    assert is_key(key)


@pytest.mark.parametrize("key", ["", "ctrl+", "ctrl+bogus", "hyperspace+l", "bogus"])
def test_anything_else_is_not_a_key(key: str) -> None:
    assert not is_key(key)


def test_check_keymap_keeps_the_good_entries_and_names_each_bad_one() -> None:
    good, problems = check_keymap(
        {"netdash.nope": "x", "netdash.log": "ctrl+bogus", "netdash.people": "f6,ctrl+p"}
    )
    assert good == {"netdash.people": "f6,ctrl+p"}
    assert problems == [
        'keys."netdash.nope" is not a key netdash has (the README lists them)',
        'keys."netdash.log" = "ctrl+bogus" is not a key (like "l" or "ctrl+l")',
    ]


async def test_a_bad_key_or_id_is_one_line_and_the_rest_apply(
    journal: tuple[Database, Path], notifications: list[tuple[str, str]]
) -> None:
    write_keys('"netdash.nope" = "x"\n"netdash.log" = "ctrl+bogus"\n"netdash.people" = "f6"\n')
    db, path = journal
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        problems = [message for message, title in notifications if title == "Key not changed"]
        assert len(problems) == 2
        assert 'keys."netdash.nope" is not a key netdash has' in problems[0]
        assert 'keys."netdash.log" = "ctrl+bogus" is not a key' in problems[1]
        await pilot.press("f6")
        assert isinstance(app.screen, PeopleScreen)


def test_keys_must_be_a_table_of_strings() -> None:
    write_keys('"netdash.log" = 5\n')
    with pytest.raises(InvalidInput, match=re.escape('keys."netdash.log" should be a key')):
        load_config(ensure_config())


async def test_the_theme_picked_is_the_theme_after_a_restart(
    journal: tuple[Database, Path],
) -> None:
    db, path = journal
    app = NetdashApp(db, db_path=path, watch_interval=0)
    async with app.run_test() as pilot:
        assert app.theme != "nord"
        app.theme = "nord"  # what picking it in the palette does
        await until(pilot, lambda: load_theme() == "nord")
    again = NetdashApp(db, db_path=path, watch_interval=0)
    async with again.run_test():
        assert again.theme == "nord"
    assert "nord" not in ensure_config().read_text()  # the user's config is left alone


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the condition never held")
