"""Write tests/data/journal-<last migration>.db: a small journal at today's schema, kept forever.

Run it whenever a schema is final (before the next migration is written) and commit the file;
tests/store/test_migrations.py opens every journal kept here with the current netdash and checks
that nothing was lost.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netdash.domain.models import ContactPoint, Handle
from netdash.importers.registry import open_export
from netdash.store.audience import record_follower_count
from netdash.store.db import open_db
from netdash.store.duplicates import dismiss_duplicate
from netdash.store.imports import import_snapshot
from netdash.store.journal import NewPerson, log_interaction
from netdash.store.migrations import known_migration_names
from netdash.store.people import add_person

TODAY = date(2026, 11, 26)


def main() -> None:
    path = Path(__file__).parent / f"journal-{known_migration_names()[-1]}.db"
    path.unlink(missing_ok=True)
    db = open_db(path)
    ada = add_person(
        db,
        "Ada Lovelace",
        handles=[Handle("mastodon", "ada@example.social")],
        tags=["math"],
        met_on=date(2020, 1, 2),
        how_met="a salon",
        closeness=4,
        cadence_days=30,
        notes="[b]notes[/b] [/",
        points=[
            ContactPoint("email", "ada@example.org", "work", True),
            ContactPoint("phone", "+44 20 7946 0000", "cell"),
        ],
        birthday="--12-10",
        company="Analytical Engines",
        job_title="Countess",
    )
    twin = add_person(db, "Ada L.")
    dismiss_duplicate(db, ada, twin)
    log_interaction(
        db,
        people=[ada, NewPerson("[b]Bob[/b] [/")],
        occurred_on=date(2026, 11, 20),
        today=TODAY,
        kind="in_person",
        note="tea",
        tags=["navy"],
    )
    log_interaction(db, people=[ada], occurred_on=date(2026, 10, 1), today=TODAY, kind="call")
    record_follower_count(
        db,
        platform="mastodon",
        account="me@example.social",
        followers=120,
        following=40,
        at="2026-11-01T23:59:59Z",
        source="manual",
    )
    fixtures = Path(__file__).parent.parent / "fixtures"
    for source, folder, account in (("twitter", "twitter", None), ("linkedin", "linkedin", "me")):
        with open_export(fixtures / folder, source) as snapshot:
            import_snapshot(
                db, snapshot, file_name=folder, sha256=f"kept-{folder}", account=account
            )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print(path)


if __name__ == "__main__":
    main()
