"""Issue 16: a cadence's maximum (m021): stored with its ideal, upgraded into old journals,
shown at once after a change, and the late first in the reach-out queue."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.domain.scoring import DepthSettings, reach_out_queue
from netdash.store.db import memory_db, open_db
from netdash.store.depth import cached_depth, compute_depth, depth_standing
from netdash.store.depth_reads import overdue_depths, person_depth
from netdash.store.duplicates import merge_people
from netdash.store.journal import log_interaction
from netdash.store.people import add_person, delete_person, get_person, update_person
from netdash.store.trash import undo
from tests.conftest import TODAY, connected

DATA = Path(__file__).resolve().parent.parent / "data"
SETTINGS = DepthSettings()


def last_seen(db: Database, person_id: int, days: int) -> None:
    log_interaction(
        db,
        people=[person_id],
        occurred_on=TODAY - timedelta(days=days),
        today=TODAY,
        kind="call",
    )


def cadence_of(db: Database, person_id: int) -> tuple[int | None, int | None]:
    person = get_person(db, person_id)
    return person.cadence_days, person.cadence_max_days


def test_a_maximum_is_kept_with_its_ideal_and_a_new_ideal_drops_it() -> None:
    db = memory_db()
    ana = add_person(db, "Ana Souza", cadence_days=28, cadence_max_days=42)
    assert cadence_of(db, ana) == (28, 42)
    update_person(db, ana, closeness=3)  # other fields leave the cadence alone
    assert cadence_of(db, ana) == (28, 42)
    update_person(db, ana, cadence_days=30)  # a cadence is set whole
    assert cadence_of(db, ana) == (30, None)
    update_person(db, ana, cadence_days=None)
    assert cadence_of(db, ana) == (None, None)


@pytest.mark.parametrize(
    ("ideal", "maximum", "words"),
    [
        (None, 42, "a maximum is set with its cadence"),
        (42, 28, "sooner than the ideal"),
        (28, 0, "from 1 to 3650"),
    ],
)
def test_a_maximum_without_an_ideal_or_under_it_is_refused_and_nothing_written(
    ideal: int | None, maximum: int, words: str
) -> None:
    db = memory_db()
    ana = add_person(db, "Ana Souza", cadence_days=7)
    with pytest.raises(InvalidInput, match=words) as refused:
        update_person(db, ana, cadence_days=ideal, cadence_max_days=maximum)
    assert refused.value.field == "cadence_days"
    with pytest.raises(InvalidInput, match=words):
        add_person(db, "Bo Chen", cadence_days=ideal, cadence_max_days=maximum)
    assert cadence_of(db, ana) == (7, None)
    assert db.execute("SELECT COUNT(*) FROM people").fetchone() == (1,)
    with pytest.raises(InvalidInput, match="a maximum is set with its cadence"):
        update_person(db, ana, cadence_max_days=14)  # alone: which ideal would it go with?


def test_a_changed_maximum_shows_at_once_from_the_cache() -> None:
    """The maximum is read by the model (the status, the queue's order): changing only it must
    mark the person (m021's trigger), or the cached scores would serve the old status."""
    db = memory_db()
    ana = add_person(db, "Ana Souza", cadence_days=28)
    last_seen(db, ana, 50)
    known = depth_standing(db, TODAY, SETTINGS)
    assert known.depths[ana].cadence_status == "due"  # 50 > 28, no maximum
    update_person(db, ana, cadence_days=28, cadence_max_days=42)
    assert db.execute("SELECT person_id FROM depth_dirty").fetchall() == [(ana,)]
    after = depth_standing(db, TODAY, SETTINGS, known)
    assert after.depths[ana].cadence_status == "late"  # 50 > 42
    assert after.depths[ana].cadence_max_days == 42
    assert person_depth(db, TODAY, SETTINGS, ana).cadence_status == "late"  # the CLI's read
    # the maximum alone, as Datasette or the sqlite-utils CLI would change it
    db.execute("UPDATE people SET cadence_max_days = 60 WHERE id = ?", [ana])
    assert db.execute("SELECT person_id FROM depth_dirty").fetchall() == [(ana,)]
    assert person_depth(db, TODAY, SETTINGS, ana).cadence_status == "due"  # 28 < 50 <= 60
    assert cached_depth(db, TODAY, SETTINGS)[ana].cadence_status == "due"


def test_the_late_come_first_in_the_queue_then_the_most_urgent() -> None:
    db = memory_db()
    # Ana: 60 days, ideal 7, no maximum: due, urgency (60/7) * (0.5 + score/100) >= 4.29
    ana = add_person(db, "Ana Souza", cadence_days=7)
    last_seen(db, ana, 60)
    # Bo: 50 days, every 4 weeks at worst 6: late; urgency (50/28) * (0.5 + score/100) is at
    # most 2.68, below Ana's for any two scores: only being late puts him first
    bo = add_person(db, "Bo Chen", cadence_days=28, cadence_max_days=42)
    last_seen(db, bo, 50)
    # Cy: 30 days, every 4 weeks at worst 6: due, not late
    cy = add_person(db, "Cy Reyes", cadence_days=28, cadence_max_days=42)
    last_seen(db, cy, 30)
    # Di: 10 days, every 4 weeks at worst 6: on track, not in the queue
    di = add_person(db, "Di Park", cadence_days=28, cadence_max_days=42)
    last_seen(db, di, 10)
    depths = compute_depth(db, TODAY, SETTINGS)
    assert [depths[p].cadence_status for p in (ana, bo, cy, di)] == [
        "due",
        "late",
        "due",
        "on track",
    ]
    assert depths[bo].urgency < depths[ana].urgency  # urgency alone would put Ana first
    queue = reach_out_queue(depths)
    assert [d.person_id for d in queue] == [bo, ana, cy]
    assert depths[bo].overdue_text == "8 days past the 42-day limit"
    assert depths[cy].overdue_text == "2 days past a 28-day cadence"
    cached_depth(db, TODAY, SETTINGS)  # stored: the shell's reach-out reads the cache in SQL
    assert [d.person_id for d in overdue_depths(db, TODAY, SETTINGS)] == [bo, ana, cy]


def test_a_snoozed_person_keeps_their_status_but_leaves_the_queue() -> None:
    db = memory_db()
    bo = add_person(db, "Bo Chen", cadence_days=28, cadence_max_days=42)
    last_seen(db, bo, 50)
    update_person(db, bo, snoozed_until=TODAY + timedelta(days=3))
    depth = cached_depth(db, TODAY, SETTINGS)[bo]
    assert (depth.cadence_status, depth.overdue) == ("late", False)
    assert reach_out_queue({bo: depth}) == []


def test_a_merge_moves_a_cadence_whole() -> None:
    db = memory_db()
    ana = add_person(db, "Ana Souza", cadence_days=30)
    ana2 = add_person(db, "Ana S.", cadence_days=7, cadence_max_days=14)
    merge_people(db, ana, ana2)  # Ana's own cadence wins; 14 under her 30 would be nonsense
    assert cadence_of(db, ana) == (30, None)
    bo = add_person(db, "Bo Chen")
    bo2 = add_person(db, "Bo C.", cadence_days=7, cadence_max_days=14)
    merge_people(db, bo, bo2)  # Bo had none: the other's comes whole
    assert cadence_of(db, bo) == (7, 14)


def test_undoing_a_delete_or_a_merge_puts_a_maximum_back() -> None:
    db = memory_db()
    ana = add_person(db, "Ana Souza", cadence_days=28, cadence_max_days=42)
    delete_person(db, ana)
    undo(db)
    assert cadence_of(db, ana) == (28, 42)
    bo = add_person(db, "Bo Chen")
    merge_people(db, bo, ana)
    undo(db)
    assert cadence_of(db, ana) == (28, 42)


def test_an_older_journal_upgrades_with_no_maximum_and_then_keeps_one(tmp_path: Path) -> None:
    journal = tmp_path / "old.db"
    shutil.copyfile(DATA / "journal-m009_trash.db", journal)
    with connected(journal) as conn:
        people = conn.execute("SELECT id, name, cadence_days FROM people ORDER BY id").fetchall()
    assert people
    db = open_db(journal)
    assert db.execute("SELECT id, name, cadence_days FROM people ORDER BY id").fetchall() == people
    assert (
        db.execute("SELECT COUNT(*) FROM people WHERE cadence_max_days IS NOT NULL").fetchone()[0]
        == 0
    )
    depths = cached_depth(db, TODAY, SETTINGS)  # the cache upgraded too: it stores and reads
    assert all(depth.cadence_max_days is None for depth in depths.values())
    first = people[0][0]
    update_person(db, first, cadence_days=7, cadence_max_days=10)
    assert cached_depth(db, TODAY, SETTINGS)[first].cadence_max_days == 10
    db.close()
