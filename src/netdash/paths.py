"""Where netdash keeps its files: functions, not constants, so ``--db`` and ``NETDASH_DB`` win.

The folders are platformdirs': on Linux, in the usual case (an absolute ``$XDG_…_HOME``, or an
absolute ``$HOME``), they are worked out here as it does, because importing platformdirs (and
the ``tempfile`` and ``shutil`` it imports) cost every command a few milliseconds; anywhere
else, or in any other case, platformdirs answers. A test checks both give the same folders.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "netdash"

_XDG = {"data": ("XDG_DATA_HOME", "~/.local/share"), "config": ("XDG_CONFIG_HOME", "~/.config")}
"""Each user folder on Linux: the variable that names it, and where it is without one."""


def _linux_folder(kind: str) -> Path | None:
    """platformdirs' user folder of ``kind`` on Linux when it is plain to work out; None
    elsewhere (macOS, Windows, Android) or when it is not (no absolute home to start from)."""
    if sys.platform != "linux" or "ANDROID_DATA" in os.environ or "ANDROID_ROOT" in os.environ:
        return None
    variable, default = _XDG[kind]
    base = os.environ.get(variable, "")
    if base and not os.path.isabs(base):
        return None  # a relative one: platformdirs' releases differ on it, so it answers
    if not base:
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            return None  # platformdirs asks the password database, or refuses
        base = os.path.expanduser(default)
    return Path(os.path.join(base, APP_NAME))


def user_data_folder() -> Path:
    """``platformdirs.user_data_path("netdash", appauthor=False)``."""
    found = _linux_folder("data")
    if found is None:
        from platformdirs import user_data_path

        found = user_data_path(APP_NAME, appauthor=False)
    return found


def user_config_folder() -> Path:
    """``platformdirs.user_config_path("netdash", appauthor=False)``."""
    found = _linux_folder("config")
    if found is None:
        from platformdirs import user_config_path

        found = user_config_path(APP_NAME, appauthor=False)
    return found


def default_db_path() -> Path:
    """The journal: ``NETDASH_DB`` if set, else ``netdash.db`` in the user data folder."""
    override = os.environ.get("NETDASH_DB")
    if override:
        return Path(override).expanduser()
    return user_data_folder() / "netdash.db"


def demo_db_path() -> Path:
    """The demo journal lives in its own file so it can never touch the user's journal."""
    return user_data_folder() / "demo.db"


def config_path() -> Path:
    return user_config_folder() / "config.toml"


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
