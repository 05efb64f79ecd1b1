"""The importers by source name, and detecting which one an export is for."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from netdash.importers import facebook, instagram, linkedin, mastodon, twitter
from netdash.importers.source import BadExport, ExportSource
from netdash.store.snapshot import Snapshot

READERS: dict[str, ModuleType] = {
    "twitter": twitter,
    "mastodon": mastodon,
    "linkedin": linkedin,
    "instagram": instagram,
    "facebook": facebook,
}
LOOKED_FOR = {
    "twitter": "Twitter's data/manifest.js or follower.js",
    "mastodon": "Mastodon's actor.json, or its follows CSV (header 'Account address,Show"
    " boosts', or one user@domain a line)",
    "linkedin": "LinkedIn's Connections.csv (header 'First Name,Last Name,…')",
    "instagram": "Instagram's followers_1.json",
    "facebook": "Facebook's your_friends.json",
}
"""What each reader knows an export by, for a refusal to say: by content where a browser may
have renamed the file, by name inside an archive or folder."""


def detect(source: ExportSource) -> str:
    """The one source an export looks like; refuse none or several, saying what was looked for."""
    matches = [name for name, reader in READERS.items() if reader.looks_like(source)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise BadExport(
            source.label,
            f"not an export netdash knows (looked for {'; '.join(LOOKED_FOR.values())});"
            " name the source: netdash import SOURCE PATH",
        )
    raise BadExport(source.label, f"looks like several exports ({', '.join(matches)}); name one")


@contextmanager
def open_export(path: Path, source_name: str | None = None) -> Iterator[Snapshot]:
    """An export (zip, tar.gz, folder or file) as a snapshot, open while the caller imports it.

    Large follower lists are streamed from the export during the import, so the export stays
    open until the ``with`` block ends. A snapshot with a follower list but no follower count
    (``followers`` None) is counted by the import, each account once.
    """
    with ExportSource(path) as source:
        name = source_name or detect(source)
        reader = READERS.get(name)
        if reader is None:
            raise BadExport(str(path), f"unknown source {name!r} (one of {', '.join(READERS)})")
        if not reader.looks_like(source):
            raise BadExport(
                str(path), f"does not look like a {name} export (looked for {LOOKED_FOR[name]})"
            )
        read: Callable[[ExportSource], Snapshot] = reader.read
        yield read(source)


def read_export(path: Path, source_name: str | None = None) -> Snapshot:
    """An export read whole into memory (follower list included): for tests and small files."""
    with open_export(path, source_name) as snapshot:
        if snapshot.follower_stream is not None:
            snapshot.follower_list = list(snapshot.follower_stream())
            snapshot.follower_stream = None
            if snapshot.followers is None:  # counted as an import counts it: each account once
                listed = {follower.remote_id: follower for follower in snapshot.follower_list}
                snapshot.follower_list = list(listed.values())
                snapshot.followers = len(listed)
        return snapshot
