"""Every journal file an earlier netdash wrote (tests/data) opens today with nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from netdash.store.db import open_db
from netdash.store.migrations import known_migration_names
from tests.conftest import connected, table_rows

DATA = Path(__file__).resolve().parent.parent / "data"
KEPT = sorted(DATA.glob("journal-*.db"))


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return table_rows(path)


def test_a_journal_from_every_schema_is_kept() -> None:
    assert KEPT, "tests/data must hold at least one journal"
    names = {path.stem.removeprefix("journal-") for path in KEPT}
    assert names <= set(known_migration_names())


@pytest.mark.parametrize("kept", KEPT, ids=lambda path: path.stem)
def test_older_journal_upgrades_without_loss(kept: Path, tmp_path: Path) -> None:
    journal = tmp_path / kept.name
    shutil.copyfile(kept, journal)
    before = snapshot(journal)
    assert before["people"], "the kept journal has data to lose"
    open_db(journal).close()
    after = snapshot(journal)
    for table, rows in before.items():
        if table == "_sqlite_migrations":
            continue
        assert table in after, f"{table} disappeared"
        old_columns = len(rows[0]) if rows else 0
        # a migration may add columns; every old value must still be there, in order
        assert sorted((row[:old_columns] for row in after[table]), key=repr) == rows, table
    with connected(journal) as conn:
        applied = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'netdash' ORDER BY id"
        ).fetchall()
    assert [name for (name,) in applied] == known_migration_names()


def test_a_backup_is_taken_before_migrating_an_existing_journal(tmp_path: Path) -> None:
    oldest = KEPT[0]
    journal = tmp_path / oldest.name
    shutil.copyfile(oldest, journal)
    before = snapshot(journal)
    open_db(journal).close()
    backups = sorted(tmp_path.glob(f"{journal.stem}.before-*.db"))
    assert len(backups) == 1
    assert snapshot(backups[0]) == before  # the journal exactly as it was
    import stat

    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    open_db(journal).close()  # nothing pending: no second backup
    assert len(list(tmp_path.glob(f"{journal.stem}.before-*.db"))) == 1


def test_email_and_phone_handles_become_contact_points(tmp_path: Path) -> None:
    journal = tmp_path / "journal-m005_goals.db"
    shutil.copyfile(DATA / journal.name, journal)
    with connected(journal) as conn:
        ada = conn.execute("SELECT id FROM people WHERE name = 'Ada Lovelace'").fetchone()[0]
        conn.executemany(
            "INSERT INTO handles(person_id, platform, handle) VALUES (?, ?, ?)",
            [(ada, "email", "ada@example.org"), (ada, "phone", "+44 20 7946 0000")],
        )
    open_db(journal).close()
    with connected(journal) as conn:
        points = conn.execute(
            "SELECT person_id, kind, value FROM contact_points ORDER BY kind"
        ).fetchall()
        platforms = [row[0] for row in conn.execute("SELECT platform FROM handles")]
    assert points == [(ada, "email", "ada@example.org"), (ada, "phone", "+44 20 7946 0000")]
    assert "email" not in platforms and "phone" not in platforms and "mastodon" in platforms
