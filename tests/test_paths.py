"""The folders netdash works out without platformdirs are platformdirs' own, wherever it runs."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from netdash import paths
from tests.test_cli_imports import modules_after

HOMES = ["/home/ana", "/home/ana/", "/", "relative/home", "", None]
XDG = ["/xdg/here", "/xdg/trailing/", "relative/xdg", "", "  /leading-space", None]


def _env(monkeypatch: pytest.MonkeyPatch, name: str, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv(name, raising=False)
    else:
        monkeypatch.setenv(name, value)


@pytest.mark.skipif(sys.platform != "linux", reason="elsewhere platformdirs answers itself")
@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("xdg", XDG)
def test_linux_folders_are_platformdirs(
    monkeypatch: pytest.MonkeyPatch, home: str | None, xdg: str | None
) -> None:
    _env(monkeypatch, "HOME", home)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        _env(monkeypatch, variable, xdg)
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    monkeypatch.delenv("ANDROID_ROOT", raising=False)
    assert paths.user_data_folder() == platformdirs.user_data_path("netdash", appauthor=False)
    assert paths.user_config_folder() == platformdirs.user_config_path("netdash", appauthor=False)
    if xdg == "/xdg/here":  # checked by hand too, not only against platformdirs
        assert paths.user_data_folder() == Path("/xdg/here/netdash")
    if home == "/home/ana" and xdg is None:
        assert paths.user_config_folder() == Path("/home/ana/.config/netdash")
        assert paths.default_db_path() == Path("/home/ana/.local/share/netdash/netdash.db")


@pytest.mark.parametrize("platform", ["darwin", "win32", "ios", "freebsd14"])
def test_elsewhere_platformdirs_answers(monkeypatch: pytest.MonkeyPatch, platform: str) -> None:
    """On macOS, Windows and the rest the folders come from platformdirs itself, so they are
    its own by construction (its class for the platform is chosen when it is imported)."""
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("XDG_DATA_HOME", "/xdg/here")
    monkeypatch.setenv("HOME", "/home/ana")
    asked: list[str] = []

    def answer(kind: str, folder: str) -> object:
        def asked_for(*args: object, **kwargs: object) -> Path:
            assert args == ("netdash",) and kwargs == {"appauthor": False}
            asked.append(kind)
            return Path(folder)

        return asked_for

    monkeypatch.setattr(platformdirs, "user_data_path", answer("data", "/d"))
    monkeypatch.setattr(platformdirs, "user_config_path", answer("config", "/c"))
    assert paths.user_data_folder() == Path("/d")
    assert paths.user_config_folder() == Path("/c")
    assert asked == ["data", "config"]


def test_android_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANDROID_DATA", "/data")
    monkeypatch.setenv("ANDROID_ROOT", "/system")
    assert paths._linux_folder("data") is None


@pytest.mark.skipif(sys.platform != "linux", reason="the fast way is Linux's")
def test_a_command_imports_neither_platformdirs_nor_tempfile(journal_path: Path) -> None:
    loaded = modules_after(
        "from netdash.leftovers import sweep; from netdash.paths import default_db_path;"
        " from netdash.config import config_path, theme_path;"
        " sweep(); default_db_path(); config_path(); theme_path()"
    )
    assert "netdash.leftovers" in loaded
    assert not loaded & {"platformdirs", "tempfile", "shutil"}
