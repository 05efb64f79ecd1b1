"""The user's config file (TOML at the platformdirs config path). Missing is fine: defaults."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from netdash.paths import config_path
from netdash.store.errors import InvalidInput

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


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    if not path.exists():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
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
    return Config(api=api)
