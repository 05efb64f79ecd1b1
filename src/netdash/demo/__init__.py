"""A realistic demo journal, deterministic for a seed and a "today".

``normal`` is about 150 people over two years: a few close friends seen weekly, a long tail seen
once or twice, relationships that faded, group events, some charity work, outcomes and follower
history. ``large`` is the journal DESIGN.md's quality bars are measured on (10,000 people,
200,000 interactions, 2,000 contributions, 1,000 outcomes, six accounts with five years of daily
counts and 1,000,000 follower accounts); ``huge`` the same at 50,000 people and 1,000,000
interactions, where the issue measures lookups and rescoring. Rows are written with
``executemany`` in one transaction, so even the large journal builds in seconds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netdash.demo.life import SCALES, Scale, demo_rows, large_for, populate
from netdash.leftovers import written_whole
from netdash.paths import JOURNAL_COMPANIONS
from netdash.store.db import DEMO_APPLICATION_ID, SQLITE_HEADER, mark_demo, open_db

__all__ = [
    "SCALES",
    "Scale",
    "build_demo",
    "demo_rows",
    "is_demo_journal",
    "large_for",
    "populate",
]


def is_demo_journal(path: Path) -> bool:
    """Whether ``path`` is a journal the demo built (read from the file's header, unopened)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return header.startswith(SQLITE_HEADER) and header[68:72] == DEMO_APPLICATION_ID.to_bytes(
        4, "big"
    )


def build_demo(path: Path, *, scale: str | Scale = "normal", seed: int = 7, today: date) -> None:
    """Write the demo journal to ``path``, built aside and moved in whole, so no half-built file.
    ``scale`` is a name in :data:`SCALES` or a :class:`Scale` (``--people N``)."""
    with written_whole(path, replace=True, suffix=".partial") as partial:
        partial.unlink()  # open_db builds a new journal only where there is no file
        db = open_db(partial)
        try:
            populate(db, SCALES[scale] if isinstance(scale, str) else scale, seed=seed, today=today)
            mark_demo(db)
        finally:
            db.close()
        for suffix in JOURNAL_COMPANIONS[1:]:  # the old demo's, which the new one replaces
            Path(f"{path}{suffix}").unlink(missing_ok=True)
