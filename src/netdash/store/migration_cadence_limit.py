"""Migration m021: a person's cadence gets a maximum beside its ideal (issue 16).

"every 4 weeks, at worst 6": ``people.cadence_days`` has been the ideal; ``cadence_max_days``
is the line past which they are late rather than due (:mod:`netdash.domain.cadence`). The
cache keeps it beside the cadence it stores, so the reach-out queue and the People list tell
due from late without reading ``people``. The trigger that marks whom a write touched (m010)
learns the column, so a changed maximum shows at once. NULL everywhere after the upgrade: a
person with only an ideal behaves as before.
"""

from __future__ import annotations

from sqlite_utils import Database

from netdash.store.depth_dirty import recreate_trigger


def m021_cadence_limit(db: Database) -> None:
    """``people.cadence_max_days`` and ``depth_cache.cadence_max_days``, NULL for every row."""
    db.execute(
        "ALTER TABLE people ADD COLUMN cadence_max_days INTEGER CHECK (cadence_max_days > 0)"
    )
    db.execute("ALTER TABLE depth_cache ADD COLUMN cadence_max_days INTEGER")
    recreate_trigger(db, "people_update")
