"""Writing imports: provenance, history, idempotence, gains and losses, all or nothing."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from netdash.domain.errors import InvalidInput
from netdash.store.imports import import_snapshot
from netdash.store.snapshot import Follower, Snapshot


def snap(ids: list[str], at: str, **extra: object) -> Snapshot:
    return Snapshot(
        platform="twitter",
        observed_at=at,
        source="twitter archive",
        account="ada_example",
        followers=len(ids),
        following=3,
        follower_list=[Follower(i, None) for i in ids],
        **extra,  # type: ignore[arg-type]
    )


def test_import_records_counts_list_and_provenance(db: Database) -> None:
    result = import_snapshot(
        db, snap(["1", "2", "3"], "2025-03-02T17:41:09Z"), file_name="a.zip", sha256="aaa"
    )
    assert (result.followers, result.listed, result.count_changed) == (3, 3, True)
    assert db.execute("SELECT source, file_name, sha256, rows FROM imports").fetchall() == [
        ("twitter archive", "a.zip", "aaa", 3)
    ]
    assert db.execute(
        "SELECT followers, following, observed_at FROM follower_counts"
    ).fetchall() == [(3, 3, "2025-03-02T17:41:09Z")]
    assert db.execute("SELECT COUNT(*) FROM follower_accounts").fetchone() == (3,)


def test_the_same_file_twice_changes_nothing(db: Database) -> None:
    import_snapshot(db, snap(["1", "2"], "2025-03-02T00:00:00Z"), file_name="a.zip", sha256="x")
    before = [
        db.execute(f"SELECT * FROM {t}").fetchall()
        for t in ("imports", "follower_counts", "follower_accounts")
    ]
    again = import_snapshot(
        db, snap(["1", "2"], "2025-03-02T00:00:00Z"), file_name="a.zip", sha256="x"
    )
    assert again.already_imported
    after = [
        db.execute(f"SELECT * FROM {t}").fetchall()
        for t in ("imports", "follower_counts", "follower_accounts")
    ]
    assert before == after


def test_a_newer_archive_records_gains_and_losses(db: Database) -> None:
    import_snapshot(db, snap(["1", "2", "3"], "2025-03-01T00:00:00Z"), file_name="a", sha256="a")
    result = import_snapshot(
        db, snap(["2", "3", "4", "5"], "2025-04-01T00:00:00Z"), file_name="b", sha256="b"
    )
    assert (result.gained, result.lost) == (2, 1)
    rows = dict(
        db.execute(
            "SELECT remote_id, first_seen || ' ' || last_seen FROM follower_accounts"
        ).fetchall()
    )
    assert rows["1"] == "2025-03-01T00:00:00Z 2025-03-01T00:00:00Z"  # gone since
    assert rows["2"] == "2025-03-01T00:00:00Z 2025-04-01T00:00:00Z"
    assert rows["5"] == "2025-04-01T00:00:00Z 2025-04-01T00:00:00Z"
    assert db.execute("SELECT COUNT(*) FROM follower_counts").fetchone() == (2,)


def test_an_older_archive_after_a_newer_one_keeps_first_seen_early(db: Database) -> None:
    import_snapshot(db, snap(["1", "2"], "2025-04-01T00:00:00Z"), file_name="b", sha256="b")
    result = import_snapshot(db, snap(["1"], "2025-03-01T00:00:00Z"), file_name="a", sha256="a")
    assert (result.gained, result.lost) == (0, 0)
    assert db.execute(
        "SELECT first_seen, last_seen FROM follower_accounts WHERE remote_id = '1'"
    ).fetchone() == ("2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z")


def test_no_account_anywhere_makes_me_on_first_use_and_then_uses_it(db: Database) -> None:
    anonymous = Snapshot(
        platform="facebook",
        observed_at="2025-01-01T00:00:00Z",
        source="facebook download",
        followers=2,
    )
    first = import_snapshot(db, anonymous, file_name="f", sha256="f")
    assert (first.account, first.account_from, first.account_new) == ("me", "default", True)
    assert db.execute("SELECT platform, handle FROM accounts").fetchall() == [("facebook", "me")]
    later = Snapshot(**{**anonymous.__dict__, "observed_at": "2025-02-01T00:00:00Z"})
    second = import_snapshot(db, later, file_name="g", sha256="g")
    assert (second.account, second.account_from, second.account_new) == ("me", "the journal", False)


def test_several_accounts_and_none_named_needs_account(db: Database) -> None:
    anonymous = Snapshot(
        platform="facebook",
        observed_at="2025-01-01T00:00:00Z",
        source="facebook download",
        followers=2,
    )
    import_snapshot(db, anonymous, file_name="a", sha256="a", account="ada.a")
    import_snapshot(db, anonymous, file_name="b", sha256="b", account="ada.b")
    with pytest.raises(InvalidInput, match=r"several facebook accounts.*--account"):
        import_snapshot(db, anonymous, file_name="f", sha256="f")
    assert db.execute("SELECT COUNT(*) FROM imports").fetchone() == (2,)
    result = import_snapshot(db, anonymous, file_name="f", sha256="f", account="ada.f")
    assert (result.account, result.account_from) == ("ada.f", "given")


def test_a_failure_midway_writes_nothing(db: Database) -> None:
    bad = snap(["1", "2"], "2025-03-01T00:00:00Z")
    bad.follower_list = [Follower("1", None), Follower(None, None)]  # type: ignore[arg-type]
    with pytest.raises(Exception):  # noqa: B017 - any failure must roll everything back
        import_snapshot(db, bad, file_name="a", sha256="a")
    for table in ("imports", "follower_counts", "follower_accounts", "accounts"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,), table


def _statements(db: Database) -> list[str]:
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    return statements


def test_a_newer_list_is_counted_without_setting_its_ids_aside(db: Database) -> None:
    """A list newer than every other is counted from last_seen afterwards (a repeated id once);
    only a same-day or older list writes its ids into temp.import_listed too."""
    import_snapshot(db, snap(["1", "2", "3"], "2025-03-01T00:00:00Z"), file_name="a", sha256="a")
    statements = _statements(db)
    newer = import_snapshot(
        db, snap(["2", "3", "4", "4", "5"], "2025-04-01T00:00:00Z"), file_name="b", sha256="b"
    )
    assert not [s for s in statements if "import_listed" in s]
    assert (newer.listed, newer.gained, newer.lost) == (4, 2, 1)
    statements.clear()
    same_day = import_snapshot(
        db, snap(["2", "6", "6"], "2025-04-01T00:00:00Z"), file_name="c", sha256="c"
    )
    assert [s for s in statements if "import_listed" in s]
    assert (same_day.listed, same_day.gained, same_day.lost) == (2, 1, 2)
    older = import_snapshot(
        db, snap(["7", "7", "1"], "2025-02-01T00:00:00Z"), file_name="d", sha256="d"
    )
    assert (older.listed, older.gained, older.lost) == (2, 0, 0)


def test_no_trigger_fires_per_follower_row(db: Database) -> None:
    """follower_accounts has no trigger (m011 leaves it out on purpose): a list of any length
    moves user_revision by the same few writes."""
    assert not db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'follower_accounts'"
    ).fetchall()

    def moves(ids: list[str], at: str, sha: str) -> int:
        (start,) = db.execute("SELECT revision FROM user_revision").fetchone()
        import_snapshot(db, snap(ids, at), file_name=sha, sha256=sha)
        (end,) = db.execute("SELECT revision FROM user_revision").fetchone()
        return int(end - start)

    moves(["0"], "2025-02-01T00:00:00Z", "first")  # the account is made once
    few = moves(["1", "2"], "2025-03-01T00:00:00Z", "a")  # each count differs from the last
    many = moves([str(i) for i in range(500)], "2025-04-01T00:00:00Z", "b")
    assert few == many


def test_a_long_list_is_written_without_the_handle_index_then_rebuilt(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Declared long enough, a list drops follower_accounts_handle while it is written and
    creates it again from the same SQL; a failure midway rolls the drop back too."""
    import netdash.store.imports as imports

    monkeypatch.setattr(imports, "REBUILD_INDEX_FROM", 3)
    index_sql = "SELECT sql FROM sqlite_master WHERE name = 'follower_accounts_handle'"
    original = db.execute(index_sql).fetchall()
    bad = snap(["1", "2", "3"], "2025-03-01T00:00:00Z")
    bad.follower_list = [Follower("1", None), Follower(None, None)]  # type: ignore[arg-type]
    with pytest.raises(Exception):  # noqa: B017 - any failure must roll everything back
        import_snapshot(db, bad, file_name="a", sha256="a")
    assert db.execute(index_sql).fetchall() == original
    statements = _statements(db)
    import_snapshot(db, snap(["1", "2"], "2025-03-01T00:00:00Z"), file_name="s", sha256="s")
    assert not [s for s in statements if "DROP INDEX" in s]  # too short: kept
    long = import_snapshot(
        db, snap(["1", "2", "3"], "2025-04-01T00:00:00Z"), file_name="b", sha256="b"
    )
    assert [s for s in statements if "DROP INDEX" in s]
    assert db.execute(index_sql).fetchall() == original
    assert (long.listed, long.gained, long.lost) == (3, 1, 0)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
