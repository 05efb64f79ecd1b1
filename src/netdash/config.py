"""The user's config file (TOML at the platformdirs config path). Missing is fine: defaults.

Imported by every command that scores people, so it imports little: the TOML parser only for a
file the user has changed (the one :func:`ensure_config` writes holds the defaults), and not the
store's trash (its default is repeated here, and a test checks the two agree)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from netdash.domain.errors import InvalidInput
from netdash.domain.scoring import (
    DEFAULT_CADENCE,
    DEFAULT_MIN_SCORE,
    DEFAULT_WEIGHTS,
    DepthSettings,
)
from netdash.domain.vocabulary import DEFAULT_TRASH_DAYS
from netdash.leftovers import written_whole
from netdash.paths import config_path, make_private_folders, user_data_folder

DEFAULT_API = {
    "bluesky": "https://public.api.bsky.app",
    "github": "https://api.github.com",
    # Mastodon has no central server: an account is asked at its own home server unless this
    # is set (a test server, or one server for every account).
    "mastodon": "",
}


@dataclass(frozen=True)
class Config:
    api: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_API))
    """Base URL per platform, for GitHub Enterprise, a self-hosted AppView or a test server."""
    depth: DepthSettings = field(default_factory=DepthSettings)
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id → key(s), from ``[keys]``: which ids exist is the TUI's to say."""
    trash_days: int = DEFAULT_TRASH_DAYS
    """How many days ``netdash undo`` can put back a deletion or a merge, from ``[trash] days``."""


_WEIGHT_LINES = "\n".join(f"weights.{name} = {value:g}" for name, value in DEFAULT_WEIGHTS.items())
_CADENCE_LINES = "\n".join(
    f'cadence_days."{layer}" = {days}' for layer, days in DEFAULT_CADENCE.items()
)
_MIN_SCORE_LINES = "\n".join(
    f'min_score."{layer}" = {score:g}' for layer, score in DEFAULT_MIN_SCORE.items()
)
DEFAULT_FILE = f"""\
# netdash configuration. Delete a line to get its default back.

[depth]
# How much each component counts towards a person's depth score (0-100); only ratios matter.
{_WEIGHT_LINES}
# Days after which recency halves, and after which an interaction counts half in frequency.
recency_half_life_days = 30
frequency_half_life_days = 180
# Keep-in-touch cadence in days, by layer, for people without a cadence of their own.
{_CADENCE_LINES}
# The least score a layer takes, beside its size (one interaction scores at most about 54).
{_MIN_SCORE_LINES}

[api]
# Base URLs for `netdash fetch` (GitHub Enterprise, a self-hosted AppView, a test server).
# github = "https://api.github.com"
# bluesky = "https://public.api.bsky.app"
# mastodon = "https://mastodon.example"   # one server for every Mastodon account

[trash]
# Days a deleted person or entry, a merge or "not the same person" can be undone (netdash undo);
# older ones are forgotten the next time netdash deletes or merges.
days = 30

[keys]
# Change a key in the TUI: a binding id (README, "Screens and keys") = "key" or "key1,key2".
# "netdash.log" = "l"
"""


def ensure_config(path: Path | None = None) -> Path:
    """Write the config file with its defaults if there is none yet, so it can be edited."""
    path = path or config_path()
    if path.exists():
        return path
    # private like the journal, whatever the umask: whoever may edit it may point [api] at
    # their own server
    make_private_folders(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another netdash wrote it meanwhile
        return path
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(DEFAULT_FILE)
    return path


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    if not path.exists():
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{path}: {error}") from None
    if text == DEFAULT_FILE:  # as ensure_config wrote it: its defaults, and no parser to import
        return Config()
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput(f"{path}: {error}") from None
    api = dict(DEFAULT_API)
    table = data.get("api", {})
    if not isinstance(table, dict):
        raise InvalidInput(f'{path}: [api] should be a table of platform = "URL"')
    for platform, base in table.items():
        if platform not in DEFAULT_API or not isinstance(base, str):
            raise InvalidInput(
                f'{path}: api.{platform} should be one of {", ".join(DEFAULT_API)} = "URL"'
            )
        api[platform] = base.rstrip("/")
    return Config(
        api=api,
        depth=_depth(data.get("depth", {}), path),
        keys=_keys(data.get("keys", {}), path),
        trash_days=_trash_days(data.get("trash", {}), path),
    )


def _trash_days(table: object, path: Path) -> int:
    if not isinstance(table, dict):
        raise InvalidInput(f"{path}: [trash] should be a table, like days = 30")
    days = table.get("days", DEFAULT_TRASH_DAYS)
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise InvalidInput(f"{path}: trash.days should be a whole number of days, 0 or more")
    return days


def _keys(table: object, path: Path, prefix: str = "") -> dict[str, str]:
    """``[keys]`` flattened: ``netdash.log = "l"`` unquoted is a nested table in TOML."""
    if not isinstance(table, dict):
        raise InvalidInput(f'{path}: [keys] should be a table of binding id = "key"')
    keys: dict[str, str] = {}
    for name, value in table.items():
        if isinstance(value, dict):
            keys.update(_keys(value, path, f"{prefix}{name}."))
        elif isinstance(value, str) and value.strip():
            keys[prefix + name] = value
        else:
            raise InvalidInput(f'{path}: keys."{prefix}{name}" should be a key, like "ctrl+l"')
    return keys


def theme_path() -> Path:
    """The theme last picked, in the data folder: state netdash writes, unlike the config file,
    which is the user's (with their comments) and which netdash never rewrites."""
    return user_data_folder() / "theme.json"


def load_theme(path: Path | None = None) -> str | None:
    """The theme saved by :func:`save_theme`; None if there is none or it cannot be read."""
    try:
        theme = json.loads((path or theme_path()).read_text(encoding="utf-8")).get("theme")
    except (OSError, ValueError, AttributeError):
        return None
    return theme if isinstance(theme, str) else None


def save_theme(name: str, path: Path | None = None) -> None:
    """Remember the theme for the next start; written whole (a crash leaves the old one)."""
    path = path or theme_path()
    with written_whole(path, replace=True) as partial:
        partial.write_text(json.dumps({"theme": name}) + "\n", encoding="utf-8")


def _number(value: object, where: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise InvalidInput(f"{path}: {where} should be a number, 0 or more")
    return float(value)


def _layer_table(depth: dict[str, object], key: str, path: Path) -> dict[str, object]:
    """``[depth.<key>]`` (weights, cadence_days, min_score): a table of names to numbers."""
    table = depth.get(key, {})
    if not isinstance(table, dict):
        raise InvalidInput(f"{path}: depth.{key} should be a table, like {key}.<name> = <number>")
    return table


def _depth(table: object, path: Path) -> DepthSettings:
    if not isinstance(table, dict):
        raise InvalidInput(f"{path}: [depth] should be a table")
    weights = dict(DEFAULT_WEIGHTS)
    for name, value in _layer_table(table, "weights", path).items():
        if name not in DEFAULT_WEIGHTS:
            known = ", ".join(DEFAULT_WEIGHTS)
            raise InvalidInput(f"{path}: depth.weights.{name} is unknown (one of {known})")
        weights[name] = _number(value, f"depth.weights.{name}", path)
    if sum(weights.values()) <= 0:
        raise InvalidInput(f"{path}: depth.weights are all zero")
    cadence = dict(DEFAULT_CADENCE)
    for layer, days in _layer_table(table, "cadence_days", path).items():
        if layer not in DEFAULT_CADENCE:
            raise InvalidInput(
                f"{path}: depth.cadence_days.{layer} is not a layer (5, 15, 50, 150)"
            )
        cadence[layer] = max(1, int(_number(days, f"depth.cadence_days.{layer}", path)))
    minimum = dict(DEFAULT_MIN_SCORE)
    for layer, score in _layer_table(table, "min_score", path).items():
        if layer not in DEFAULT_MIN_SCORE:
            raise InvalidInput(f"{path}: depth.min_score.{layer} is not a layer (5, 15, 50, 150)")
        minimum[layer] = min(100.0, _number(score, f"depth.min_score.{layer}", path))
    recency = _number(table.get("recency_half_life_days", 30), "depth.recency_half_life_days", path)
    frequency = _number(
        table.get("frequency_half_life_days", 180), "depth.frequency_half_life_days", path
    )
    return DepthSettings(
        weights=weights,
        recency_half_life_days=recency or 30.0,
        frequency_half_life_days=frequency or 180.0,
        cadence_days=cadence,
        min_score=minimum,
    )
