"""Where netdash keeps its files: functions, not constants, so ``--db`` and ``NETDASH_DB`` win."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "netdash"


def default_db_path() -> Path:
    """The journal: ``NETDASH_DB`` if set, else ``netdash.db`` in the user data folder."""
    override = os.environ.get("NETDASH_DB")
    if override:
        return Path(override).expanduser()
    return user_data_path(APP_NAME, appauthor=False) / "netdash.db"


def demo_db_path() -> Path:
    """The demo journal lives in its own file so it can never touch the user's journal."""
    return user_data_path(APP_NAME, appauthor=False) / "demo.db"


def config_path() -> Path:
    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def missing_folders(folder: Path) -> list[Path]:
    """The folders that would have to be made for ``folder`` to exist, outermost first."""
    missing = []
    for parent in (folder, *folder.parents):
        if parent.exists():
            break
        missing.append(parent)
    return missing[::-1]


def make_private_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and any missing parents, each readable by the owner only (0700;
    ``mkdir -p`` would give that mode to the last one only). Returns the folders made."""
    made = []
    for parent in missing_folders(folder):
        try:
            parent.mkdir(mode=0o700)
        except FileExistsError:
            continue
        made.append(parent)
    return made


JOURNAL_COMPANIONS = ("", "-wal", "-shm", "-journal")
"""SQLite's files beside a journal: writing over any of them loses the journal's data."""


def is_journal_file(target: Path, journal: Path) -> bool:
    """Whether ``target`` is the journal or one of SQLite's files beside it, however it is
    named: through a link, "..", or a second hard link to the same file."""
    real = os.path.realpath(target)
    base = os.path.realpath(journal)
    for suffix in JOURNAL_COMPANIONS:
        companion = f"{base}{suffix}"
        if real == companion:
            return True
        try:
            if os.path.samefile(real, companion):  # a hard link: same file, another name
                return True
        except OSError:
            continue  # one of the two is not there
    return False
