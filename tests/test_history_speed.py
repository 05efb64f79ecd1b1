"""The layer history's fast path (scores read off running sums) gives exactly the counts of
scoring every person in full at every month end, and a build racing a write keeps nothing
stale; one person's score by month, worked out by hand."""

from __future__ import annotations

import gc
import json
import random
import weakref
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from netdash.cli import cli
from netdash.domain.depth_sums import weight_total
from netdash.domain.scoring import DepthSettings, components_of, total_score
from netdash.store import history, history_rows
from netdash.store.community import add_contribution
from netdash.store.db import open_db
from netdash.store.history import layer_history, month_ends, person_score_history
from netdash.store.journal import log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person
from tests.conftest import TODAY

KINDS = ("in_person", "call", "message", "video", "helped_them", "helped_me", "event", "other")
SETTINGS = (
    DepthSettings(),
    DepthSettings(min_score={"5": 0.0, "15": 0.0, "50": 0.0, "150": 0.0}),
    DepthSettings(min_score={"5": 40.0, "15": 25.0, "50": 12.0, "150": 3.0}),
    # a one-day half-life puts years-old interactions past the running sums' float range,
    # so those people are scored in full: the fallback must agree too
    DepthSettings(frequency_half_life_days=1.0, recency_half_life_days=2.0),
)


def random_journal(db: Database, seed: int) -> None:
    """People with interactions, with only contributions or outcomes, met after some month
    ends, with closeness, and pinned; created "today" so only dated rows place them."""
    rng = random.Random(seed)
    start = TODAY - timedelta(days=3 * 365)
    ids = []
    for n in range(45):
        met = start + timedelta(days=rng.randrange(3 * 365)) if rng.random() < 0.3 else None
        closeness = rng.choice([None, None, 1, 3, 5])
        ids.append(add_person(db, f"P{n}", met_on=met, closeness=closeness))
    for _ in range(260):
        who = rng.sample(ids[:35], rng.choice([1, 1, 1, 2, 3]))
        log_interaction(
            db,
            people=who,
            occurred_on=start + timedelta(days=rng.randrange(3 * 365)),
            today=TODAY,
            kind=rng.choice(KINDS),
            initiated_by=rng.choice(["me", "them", "mutual"]),
            depth=rng.randrange(1, 6),
        )
    for _ in range(12):  # some only ever in contributions or outcomes (ids 35-44)
        day = start + timedelta(days=rng.randrange(3 * 365))
        add_contribution(
            db,
            organisation="Club",
            minutes=60,
            occurred_on=day,
            today=TODAY,
            people=rng.sample(ids[30:], 2),
        )
        add_outcome(
            db,
            title="Win",
            occurred_on=day,
            today=TODAY,
            people=[(rng.choice(ids[30:]), "collaborated")],
        )
    for pid in rng.sample(ids, 6):
        db.execute(
            "UPDATE people SET pinned_layer = ? WHERE id = ?", [rng.choice([5, 15, 50, 150]), pid]
        )
    db.execute("UPDATE people SET created_at = ?", [f"{TODAY.isoformat()}T09:00:00Z"])
    db.conn.commit()


def reference(
    db: Database, settings: DepthSettings, months: int = 24
) -> dict[date, dict[str, int]]:
    """Everyone scored in full with `components_of` at every month end: the slow, plain way."""
    people = history_rows._gather(db)
    return {end: history._layers_at(people, end, settings) for end in month_ends(TODAY, months)}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_running_sums_score_exactly_as_components_of(db: Database, seed: int) -> None:
    random_journal(db, seed)
    people = history_rows._gather(db)
    for settings in SETTINGS:
        sums = {pid: history._prefix_sums(person, settings) for pid, person in people.items()}
        total = weight_total(settings)
        scored, fell_back = 0, 0
        for end in month_ends(TODAY, 40):
            for pid, person in people.items():
                fast = history._fast_score(person, sums[pid], end, settings, total)
                full = total_score(components_of(person.rows_at(end), end, settings, {})[0])
                assert fast is None or fast == full, (seed, settings, end, pid)
                scored, fell_back = scored + 1, fell_back + (fast is None)
        if (
            settings.frequency_half_life_days > 1.0
        ):  # ordinary settings: the fast way, nearly always
            assert fell_back <= scored // 50, (seed, settings, fell_back, scored)
            fast_counts = history._build(db, [end], settings)[end.isoformat()]  # the app's way
            assert fast_counts == history._layers_at(people, end, settings), (seed, end)


@pytest.mark.parametrize("seed", [4, 5])
def test_layer_history_matches_the_plain_computation(db: Database, seed: int) -> None:
    random_journal(db, seed)
    for settings in SETTINGS[:3]:
        expected = reference(db, settings, 36)
        built = {p.day: p.counts for p in layer_history(db, TODAY, settings, 36)}
        kept = {p.day: p.counts for p in layer_history(db, TODAY, settings, 36)}
        assert built == kept == expected
        assert any(counts["150"] for counts in expected.values())


def test_the_build_holds_one_persons_rows_at_a_time(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rebuild reads person by person: when a person is handed over, the rows of every
    person before them are gone but the one being scored (weak references count who is alive),
    and the months are those of the reference that holds everyone's rows at once."""
    random_journal(db, 7)
    stream = history_rows._each_person
    alive: list[weakref.ref[history_rows._Person]] = []
    most: list[int] = []

    def watched(*args: Any) -> Iterator[tuple[int, history_rows._Person]]:
        for pid, person in stream(*args):
            alive.append(weakref.ref(person))
            gc.collect()
            most.append(sum(ref() is not None for ref in alive))
            yield pid, person

    monkeypatch.setattr(history, "_each_person", watched)
    built = {p.day: p.counts for p in layer_history(db, TODAY, SETTINGS[1])}
    assert len(most) == db.execute("SELECT count(*) FROM people").fetchone()[0] > 30
    assert max(most) <= 2  # the one handed over and the one before it, still being scored
    assert built == reference(db, SETTINGS[1])


def test_a_write_between_reading_and_keeping_keeps_no_stale_month(
    file_db: Database, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another connection (the app, while a worker builds) logs an interaction dated in
    September 2026 after the build has read the journal: the build serves what it read but
    keeps nothing, so no month is kept from rows a write has since changed."""
    random_journal(file_db, 6)
    settings = SETTINGS[1]
    build = history._build
    newcomer = add_person(file_db, "Newcomer")
    file_db.execute(
        "UPDATE people SET created_at = ? WHERE id = ?", ["2026-11-20T09:00:00Z", newcomer]
    )
    file_db.conn.commit()

    def build_then_write(
        db: Database, ends: list[date], settings: DepthSettings
    ) -> dict[str, dict[str, int]]:
        built = build(db, ends, settings)
        other = open_db(journal_path)
        log_interaction(
            other, people=[newcomer], occurred_on=date(2026, 9, 10), today=TODAY, kind="in_person"
        )
        other.close()
        return built

    monkeypatch.setattr(history, "_build", build_then_write)
    stale = {p.day: p.counts for p in layer_history(file_db, TODAY, settings)}
    monkeypatch.setattr(history, "_build", build)
    kept = {
        row[0]
        for row in file_db.execute(
            "SELECT month_end FROM layer_history WHERE settings LIKE '2|%'"
        ).fetchall()
    }
    assert kept == set()
    fresh = {p.day: p.counts for p in layer_history(file_db, TODAY, settings)}
    assert fresh == reference(file_db, settings)
    # the newcomer, seen on 10 September, is one more person in the 150 from September on
    # (rank only, fewer than 150 people known): the build served the journal it had read
    sep = date(2026, 9, 30)
    assert fresh[sep]["150"] == stale[sep]["150"] + 1


def test_a_busy_journal_serves_the_history_without_keeping_it(
    file_db: Database, journal_path: Path
) -> None:
    random_journal(file_db, 7)
    other = open_db(journal_path)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the journal
    try:
        served = {p.day: p.counts for p in layer_history(file_db, TODAY, SETTINGS[0])}
    finally:
        other.conn.rollback()
        other.close()
    assert served == reference(file_db, SETTINGS[0])
    assert file_db.execute("SELECT count(*) FROM layer_history").fetchone()[0] == 0


def ann_and_bo(db: Database) -> tuple[int, int]:
    """Ann, seen once in person on 30 September 2026; Bo, met on 15 October, closeness 5,
    never logged; both added on 20 November."""
    ann = add_person(db, "Ann")
    bo = add_person(db, "Bo", met_on=date(2026, 10, 15), closeness=5)
    log_interaction(db, people=[ann], occurred_on=date(2026, 9, 30), today=TODAY, kind="in_person")
    db.execute("UPDATE people SET created_at = '2026-11-20T09:00:00Z'")
    db.conn.commit()
    return ann, bo


def test_a_persons_score_by_month_by_hand(db: Database) -> None:
    ann, bo = ann_and_bo(db)
    ann_scores = dict(person_score_history(db, ann, TODAY, DepthSettings()))
    bo_scores = dict(person_score_history(db, bo, TODAY, DepthSettings()))
    sep, oct_ = date(2026, 9, 30), date(2026, 10, 31)
    assert len(ann_scores) == 24 and ann_scores[date(2026, 8, 31)] is None  # not known yet
    # Ann at 30 September: one in-person talk that day, depth 2, started by me (weights sum to
    # 100): recency 0.5^0 = 1 -> 20; frequency 1 - e^(-1/5) = 0.18127 -> 3.625; intimacy
    # (2-1)/4 = 0.25 -> 5; duration 0 days -> 0; reciprocity 1 mine, 0 theirs -> 0.
    # 20 + 3.625 + 5 = 28.6
    assert ann_scores[sep] == 28.6
    # Ann at 31 October, the talk 31 days old: recency 0.5^(31/30) = 0.48862 -> 9.772;
    # frequency decay 0.5^(31/180) = 0.88758, 1 - e^(-0.88758/5) = 0.16265 -> 3.253;
    # intimacy 0.25 -> 5; duration 31/365.25 = 0.084873 years, 1 - e^(-0.084873/3)
    # = 0.027895 -> 0.279. 9.772 + 3.253 + 5 + 0.279 = 18.304 -> 18.3
    assert ann_scores[oct_] == 18.3
    # Bo, met on 15 October, never logged: unknown at 30 September; at 31 October intimacy
    # is half the closeness 0.5 * (5-1)/4 = 0.5 -> 10; duration 16/365.25 = 0.043806 years,
    # 1 - e^(-0.043806/3) = 0.014496 -> 0.145. 10 + 0.145 = 10.1
    assert bo_scores[sep] is None and bo_scores[oct_] == 10.1
    assert person_score_history(db, 9999, TODAY, DepthSettings())[-1] == (oct_, None)


def test_people_show_json_has_the_score_by_month(file_db: Database, journal_path: Path) -> None:
    ann_and_bo(file_db)
    result = CliRunner().invoke(
        cli, ["--db", str(journal_path), "people", "show", "Ann", "--json"], catch_exceptions=False
    )
    history = json.loads(result.output)["score_history"]
    assert len(history) == 24 and history[0] == {"date": "2024-11-30", "score": None}
    # the hand computation above: 28.6 at 30 September, 18.3 at 31 October
    assert history[-2:] == [
        {"date": "2026-09-30", "score": 28.6},
        {"date": "2026-10-31", "score": 18.3},
    ]
