"""Layer history and followers per month end, checked against journals worked out by hand."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from netdash.domain.scoring import DepthSettings, layer_counts
from netdash.store.audience import record_follower_count
from netdash.store.db import open_db
from netdash.store.depth import compute_depth
from netdash.store.history import follower_history, history_document, layer_history, month_ends
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from tests.conftest import TODAY

#: Rank alone (no minimum score per layer): the hand counts below test how the history is built
#: month by month; the minimums themselves are tested with the depth model (store/test_depth.py).
RANK_ONLY = {"5": 0.0, "15": 0.0, "50": 0.0, "150": 0.0}
SETTINGS = DepthSettings(min_score=RANK_ONLY)
SEP, OCT = date(2026, 9, 30), date(2026, 10, 31)


def log(db: Database, person: int, day: date, kind: str = "in_person") -> None:
    log_interaction(db, people=[person], occurred_on=day, today=TODAY, kind=kind)


def by_day(db: Database) -> dict[date, dict[str, int]]:
    return {point.day: point.counts for point in layer_history(db, TODAY, SETTINGS)}


def small_journal(db: Database, november: bool = True) -> dict[str, int]:
    """Six people seen in September, a seventh first seen in October, an eighth met (never
    logged) in October, a ninth first seen in November. Everyone was added "today", after both
    month ends, so only their dated rows place them in the past."""
    ids = {name: add_person(db, name) for name in "ABCDEFGI"}
    ids["H"] = add_person(db, "H", met_on=date(2026, 10, 15))
    for name in "ABCDE":
        log(db, ids[name], date(2026, 9, 20))
    log(db, ids["F"], date(2026, 9, 1), "message")  # the weakest of September's six
    log(db, ids["G"], date(2026, 10, 10))
    if november:
        log(db, ids["I"], date(2026, 11, 10))
    db.execute("UPDATE people SET created_at = '2026-11-20T09:00:00Z'")
    db.conn.commit()
    return ids


def test_month_ends_are_the_last_two_years_of_finished_months() -> None:
    ends = month_ends(TODAY)  # 26 November 2026: November is still running
    assert len(ends) == 24
    assert ends[0] == date(2024, 11, 30) and ends[-2:] == [SEP, OCT]
    assert month_ends(date(2026, 10, 31))[-1] == OCT  # a month end is its own month's end
    assert month_ends(date(2024, 3, 5), 2) == [date(2024, 1, 31), date(2024, 2, 29)]


def test_layers_at_two_month_ends_by_hand(db: Database) -> None:
    small_journal(db)
    history = by_day(db)
    # 30 September: A-F have an entry on or before it (score > 0); G, H and I did not exist
    # yet. Six ranked people: the best five fill the inner 5, the sixth (F, one old message)
    # is in the 15. Cumulative: 5 -> 5, 15 -> 5 + 1 = 6, 50 -> 6, 150 -> 6.
    assert history[SEP] == {"5": 5, "15": 6, "50": 6, "150": 6}
    # 31 October: A-G have entries (7), H was met on 15 October (16 days known: a duration
    # score above 0), I's entry is in November. Eight people: 5 in the inner 5, 3 more in the
    # 15: 5 -> 5, 15 -> 8, 50 -> 8, 150 -> 8.
    assert history[OCT] == {"5": 5, "15": 8, "50": 8, "150": 8}
    # before September nobody was known
    assert history[date(2026, 8, 31)] == {"5": 0, "15": 0, "50": 0, "150": 0}


def test_a_month_end_scores_as_the_depth_model_does_with_that_day_as_today(db: Database) -> None:
    ids = small_journal(db, november=False)  # nothing after 31 October
    log(db, ids["A"], date(2026, 10, 3), "call")
    counts = layer_counts(compute_depth(db, OCT, SETTINGS))
    # 8 people known by then, as in the hand count above
    assert by_day(db)[OCT] == counts == {"5": 5, "15": 8, "50": 8, "150": 8}


def test_a_write_removes_only_the_months_ending_on_or_after_its_day(db: Database) -> None:
    ids = small_journal(db)
    by_day(db)
    kept = {row[0] for row in db.execute("SELECT month_end FROM layer_history")}
    assert len(kept) == 24
    log(db, ids["I"], date(2026, 10, 5))  # I is now known from 5 October
    kept = {row[0] for row in db.execute("SELECT month_end FROM layer_history")}
    assert "2026-09-30" in kept and "2026-10-31" not in kept and len(kept) == 23
    # rebuilt on demand: 9 people at the end of October (5 + 4)
    assert by_day(db)[OCT] == {"5": 5, "15": 9, "50": 9, "150": 9}
    assert by_day(db)[SEP] == {"5": 5, "15": 6, "50": 6, "150": 6}
    # closeness has no date: it changes every month
    db.execute("UPDATE people SET closeness = 5 WHERE id = ?", [ids["F"]])
    db.conn.commit()
    assert db.execute("SELECT count(*) FROM layer_history").fetchone()[0] == 0


def test_followers_per_account_with_gaps_not_zeros(db: Database) -> None:
    def count(platform: str, handle: str, n: int, at: str) -> None:
        record_follower_count(
            db, platform=platform, account=handle, followers=n, at=at, source="manual"
        )

    count("mastodon", "@me@example.social", 100, "2026-09-10T12:00:00Z")
    count("mastodon", "@me@example.social", 120, "2026-09-25T12:00:00Z")
    count("mastodon", "@me@example.social", 150, "2026-11-02T12:00:00Z")
    count("github", "me", 7, "2026-10-20T12:00:00Z")
    series = follower_history(db, [date(2026, 8, 31), SEP, OCT])
    # mastodon: nothing by 31 August (a gap); the latest by 30 September is 120, and it still
    # is on 31 October (150 came in November). GitHub: first count in October.
    assert series == {
        "github me": [None, None, 7],
        "mastodon me@example.social": [None, 120, 120],
    }
    document = history_document(db, TODAY, SETTINGS)
    assert set(document) == {"layers", "followers"}
    assert document["layers"][-1] == {"date": "2026-10-31", "5": 0, "15": 0, "50": 0, "150": 0}
    assert document["followers"]["github me"][-2:] == [
        {"date": "2026-09-30", "followers": None},
        {"date": "2026-10-31", "followers": 7},
    ]


def test_every_kept_journal_upgrades_to_an_empty_history(tmp_path: Path) -> None:
    data = Path(__file__).resolve().parent.parent / "data"
    for kept in sorted(data.glob("journal-*.db")):
        journal = tmp_path / kept.name
        shutil.copyfile(kept, journal)
        db = open_db(journal)
        try:
            assert db.execute("SELECT count(*) FROM layer_history").fetchone()[0] == 0
            points = layer_history(db, TODAY, SETTINGS)
            assert len(points) == 24
            assert db.execute("SELECT count(*) FROM layer_history").fetchone()[0] == 24
        finally:
            db.close()


def test_stats_history_json_in_the_shell(tmp_path: Path, isolated_home: Path) -> None:
    import json

    from click.testing import CliRunner

    from netdash.cli import cli
    from netdash.paths import config_path

    config = config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[depth.min_score]\n"5" = 0\n"15" = 0\n"50" = 0\n"150" = 0\n')
    journal = tmp_path / "netdash.db"
    db = open_db(journal)
    small_journal(db)
    db.close()
    runner = CliRunner()
    args = ["--db", str(journal), "stats", "--history"]
    result = runner.invoke(cli, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert set(document) == {"layers", "followers"} and document["followers"] == {}
    # the hand counts of test_layers_at_two_month_ends_by_hand
    assert document["layers"][-2:] == [
        {"date": "2026-09-30", "5": 5, "15": 6, "50": 6, "150": 6},
        {"date": "2026-10-31", "5": 5, "15": 8, "50": 8, "150": 8},
    ]
    plain = runner.invoke(cli, args, catch_exceptions=False).output
    assert "2026-10-31        5         8         8          8" in plain
