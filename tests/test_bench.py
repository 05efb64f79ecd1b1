"""The benchmark harness's statistics and order, on made-up numbers (no timings measured)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bench.harness import Row, Terminal, interleave, median, p95, table, timed_run

from tests.conftest import connected

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_median_and_inclusive_p95_by_hand() -> None:
    values = [float(v) for v in range(1, 22)]  # 1..21: p95 at rank 0.95 * 20 = 19 -> 20.0
    assert median(values) == 11.0
    assert p95(values) == 20.0
    # Two runs: interpolated between them, never beyond the slowest.
    assert p95([1.0, 2.0]) == 1.95
    assert p95([3.0]) == 3.0
    assert p95([5.0, 1.0, 9.0]) <= 9.0


def test_interleaving_rotates_so_no_kind_always_goes_first() -> None:
    order = interleave(["bare", "cached", "invalid"], 3)
    assert order == [
        "bare", "cached", "invalid",
        "cached", "invalid", "bare",
        "invalid", "bare", "cached",
    ]  # fmt: skip
    assert all(order.count(kind) == 3 for kind in ("bare", "cached", "invalid"))


def test_rows_judge_ratio_of_medians_and_absolute_targets() -> None:
    row = Row("start", [2.0, 3.0, 100.0], [1.0, 2.0, 2.0], 1.3, "<= 1.3x")
    assert row.ratio() == 1.5  # 3.0 / 2.0: medians, so one slow launch does not decide
    assert row.passed() == "FAIL"
    fast = Row("log", [0.01] * 19 + [0.07], (), 0.06, "p95 < 60 ms", "p95")
    # p95 of 20 runs sits at rank 0.95 * 19 = 18.05: 0.01 + 0.05 * (0.07 - 0.01) = 0.013.
    assert abs(p95(fast.values) - 0.013) < 1e-12
    assert fast.passed() == "pass"
    assert Row("burst", [0.01, 0.07], (), 0.06, "every one", "max").passed() == "FAIL"


def test_the_enter_row_fails_on_its_median_though_its_p95_is_met() -> None:
    """Enter's target is two bounds (median < 30 ms, p95 < 60 ms): a 39 ms median with a 44 ms
    p95 once printed "pass"."""
    from bench.frames import rows

    slow = {"log": [0.039] * 19 + [0.044]}
    quick = {"log": [0.025] * 19 + [0.044]}
    figure = "Enter → row committed → dashboard frame with it"
    judged = {row.figure: row for row in rows({}, slow, ["enter"])}[figure]
    assert p95(judged.values) < 0.060 and judged.passed() == "FAIL"
    assert {row.figure: row for row in rows({}, quick, ["enter"])}[figure].passed() == "pass"


def test_frames_help_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "frames.py"), "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "--quick" in done.stdout


def test_a_missed_frame_fails_its_row_instead_of_leaving_it_out() -> None:
    import math

    from bench.frames import rows
    from bench.start import FILLED

    filled = {name: 1.0 for name in FILLED} | {"peak MB": 40.0}
    late = {"first": 1.0, "peak MB": 40.0}  # the panels never came within the time given
    start = {
        "bare": [{"first": 1.0, "peak MB": 30.0}] * 3,
        "cached": [filled, filled, late],
        "cached-cold": [filled] * 3,
        "write": [filled] * 3,
        "newday": [filled] * 3,
    }
    app = {key: [0.01, math.nan] for key in ("log", "burst", "depth", "end", "review")}
    app |= {"end stall": [0.0], "review stall": [0.0]}
    judged = {row.figure: row for row in rows(start, app)}
    cached = judged["every panel filled ÷ bare app, scores cached, warm"]
    assert cached.values == [1.0, 1.0, math.inf] and math.isinf(p95(cached.values))
    assert judged["first frame ÷ bare app, scores cached, warm"].passed() == "pass"
    memory = judged["peak memory at start (settled) ÷ bare app, scores cached, warm"]
    assert memory.ratio() == 40.0 / 30.0 and memory.passed() == "pass"
    assert "40 MB / 40 MB" in table([memory])
    entry = judged["Enter → row committed → dashboard frame with it"]
    assert entry.values == [0.01, math.inf] and entry.passed() == "FAIL"  # an entry never shown
    # the two cases of scores invalid are rows of their own
    assert "every panel filled ÷ bare app, after a write (`netdash log`)" in judged
    assert (
        "peak memory at start (settled) ÷ bare app, a new day (scores cached the day before)"
        in judged
    )


def test_cases_pick_rows_and_a_base_tree_fills_the_before_column() -> None:
    from dataclasses import replace

    from bench.frames import rows

    start = {"bare": [{"first": 1.0, "peak MB": 30.0}], "write before": [{"peak MB": 60.0}]}
    start["write"] = [{"peak MB": 45.0}]
    start |= {
        f"{kind}{label}": [{"peak MB": 45.0}]
        for kind in ("cached", "newday")
        for label in ("", " before")
    }
    only = rows(start, {}, ["memory"])
    assert {row.figure.split(",")[0] for row in only} == {
        "peak memory at start (settled) ÷ bare app"
    }
    now, before = rows(start, {}, ["memory"]), rows(start, {}, ["memory"], " before")
    compared = [replace(row, before=old.values) for row, old in zip(now, before, strict=True)]
    assert "| 0.75x |" in table(compared)  # after a write: 45 MB now ÷ 60 MB before
    alone = Row("stats --json", [0.1], [0.08])  # a row the base tree does not run: the CLI's
    assert table([*compared, alone]).endswith("| not run | — |")
    assert rows(start, {"log": [0.02]}, ["enter"])[0].values == [0.02]


def test_launches_are_checked_to_be_in_their_case(tmp_path: Path) -> None:
    """The score cache's state a launch finds: cached, after a write, a new day (stored on
    TODAY, launched the day after, as the new day's launches are)."""
    import sqlite3

    from bench.start import NEXT_DAY, TODAY, cache_state, launch_day

    path = tmp_path / "journal.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE journal_revision (revision INTEGER);"
        " CREATE TABLE depth_cache_key (id INTEGER PRIMARY KEY, key TEXT);"
        " CREATE TABLE depth_dirty (person_id INTEGER PRIMARY KEY);"
        " INSERT INTO journal_revision VALUES (7);"
    )
    db.execute("INSERT INTO depth_cache_key VALUES (1, ?)", [f"{TODAY}|7|settings"])
    db.commit()
    assert cache_state(path, TODAY) == "cached"
    db.execute("UPDATE journal_revision SET revision = 8")
    db.execute("INSERT INTO depth_dirty VALUES (3)")
    db.commit()
    assert cache_state(path, TODAY) == "write"
    db.execute("DELETE FROM depth_dirty")
    db.execute("UPDATE depth_cache_key SET key = ?", [f"{TODAY}|8|settings"])
    db.commit()
    assert launch_day("newday") == NEXT_DAY and launch_day("cached-cold") == TODAY
    assert cache_state(path, NEXT_DAY) == "newday"
    db.execute("INSERT INTO depth_dirty VALUES (3)")  # a new day and a write: neither case
    db.commit()
    assert cache_state(path, NEXT_DAY).startswith("other")
    db.close()


def test_a_master_per_tree_is_upgraded_once_and_the_source_left_alone(tmp_path: Path) -> None:
    import shutil

    from bench.harness import ROOT, tree_copy, tree_master

    shared = tmp_path / "large.db"
    shutil.copyfile(ROOT / "tests" / "data" / "journal-m004_depth_cache.db", shared)
    before = shared.read_bytes()
    master = tree_master(shared, ROOT / "src")
    stamp = master.stat().st_mtime_ns
    assert tree_master(shared, ROOT / "src") == master and master.stat().st_mtime_ns == stamp
    assert shared.read_bytes() == before
    left = sorted(p.name for p in tmp_path.glob("large*"))  # no backup, no half-built master
    assert left == sorted([shared.name, master.name])
    copy = tree_copy(shared, ROOT / "src", tmp_path / "review-this.db")  # a copy, upgraded
    assert sorted(p.name for p in tmp_path.glob("review-this*")) == [copy.name]


def test_peak_memory_is_the_process_own(tmp_path: Path) -> None:
    grow = "b = bytearray(60 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); print('ready')"
    seconds, peak = timed_run([sys.executable, "-c", grow])
    assert seconds > 0 and peak >= 60
    ballast = bytearray(150 * 1024 * 1024)  # this process grown: a small child stays small
    ballast[::4096] = b"x" * len(ballast[::4096])
    assert timed_run([sys.executable, "-c", "pass"])[1] < 60
    del ballast
    terminal = Terminal([sys.executable, "-c", f"{grow}; import time; time.sleep(30)"])
    try:
        assert "ready" in terminal.wait_for({"ready": "ready"}, 20)
        assert terminal.peak_rss() >= 60
    finally:
        terminal.kill()


def test_each_tree_upgrades_its_own_copy_never_the_shared_journal(tmp_path: Path) -> None:
    import shutil

    from bench.harness import ROOT, tree_copy

    from netdash.store.migrations import known_migration_names

    shared = tmp_path / "large.db"
    shutil.copyfile(ROOT / "tests" / "data" / "journal-m004_depth_cache.db", shared)
    before = shared.read_bytes()
    copy = tree_copy(shared, ROOT / "src", tmp_path / "this.db")
    with connected(copy) as connection:
        names = connection.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'netdash' ORDER BY id"
        ).fetchall()
    connection.close()
    assert [name for (name,) in names] == list(known_migration_names())
    assert shared.read_bytes() == before  # the shared file is never opened for writing


def test_a_cold_copy_keeps_what_only_the_write_ahead_log_holds(tmp_path: Path) -> None:
    import sqlite3

    from bench.harness import cold_copy

    source, copy = tmp_path / "warm.db", tmp_path / "cold.db"
    writer = sqlite3.connect(source)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # as a killed netdash leaves it
    writer.execute("CREATE TABLE scores(day TEXT)")
    writer.execute("INSERT INTO scores VALUES ('2026-11-26')")
    writer.commit()
    assert Path(f"{source}-wal").stat().st_size > 0
    cold_copy(source, copy)
    writer.close()
    reader = sqlite3.connect(copy)
    assert reader.execute("SELECT day FROM scores").fetchall() == [("2026-11-26",)]
    reader.close()


def test_the_cli_rows_put_each_command_s_cpu_time_beside_its_wall_time() -> None:
    from bench.cli_after_write import COMMANDS, STATES, cli_rows

    runs = {"baseline": [(0.10, 20.0, 0.08), (0.12, 20.0, 0.09)]}
    for label in COMMANDS:
        for state in STATES:
            runs[f"{label}, {state}"] = [(0.30, 30.0, 0.16), (0.50, 30.0, 0.18)]
    rows = {row.figure: row for row in cli_rows(runs)}
    wall = rows["`stats --json` ÷ `import sqlite_utils`, scores invalid"]
    cpu = rows["… its CPU time ÷ `import sqlite_utils`'s, `stats --json`, scores invalid"]
    assert (list(wall.values), list(wall.baseline)) == ([0.30, 0.50], [0.10, 0.12])
    assert (list(cpu.values), list(cpu.baseline)) == ([0.16, 0.18], [0.08, 0.09])
    assert cpu.target is None and wall.target == 1.5  # the wall time is what is judged
    assert cpu.ratio() == pytest.approx(2.0)  # 170 ms ÷ 85 ms, the medians


def test_reader_runs_interleave_fresh_processes_and_table_each_baseline(tmp_path: Path) -> None:
    """script_runs starts a fresh interpreter per run, alternating the readers (each run appends
    its name to a shared file), and reader_table compares netdash with each baseline given."""
    from bench.harness import reader_table, script_runs

    log = tmp_path / "order.txt"
    script = (
        "import json, os, sys\n"
        "with open(sys.argv[1], 'a') as out: out.write('{name} %d\\n' % os.getpid())\n"
        "print(json.dumps({{'seconds': {seconds}, 'peak_mb': {peak}}}))\n"
    )
    readers = {
        "netdash": script.format(name="netdash", seconds=0.3, peak=30),
        "lines": script.format(name="lines", seconds=0.1, peak=20),
    }
    runs = script_runs(readers, log, 2)
    written = log.read_text().split()
    names, pids = written[::2], written[1::2]
    assert names == ["netdash", "lines", "lines", "netdash"]  # rotated, as interleave orders
    assert len(set(pids)) == 4  # no run shares an interpreter with another
    assert [run["seconds"] for run in runs["netdash"]] == [0.3, 0.3]
    text = reader_table(runs, lines="the lines split")
    assert "read every trace ÷ the lines split (2 runs) | 300 ms / 300 ms | 100 ms | 3.00x" in text
    assert "peak RSS ÷ the lines split (2 runs) | 30 MB / 30 MB | 20 MB | 1.50x" in text


def test_the_filled_floor_replays_only_the_reads_and_the_first_floor_every_statement(
    tmp_path: Path,
) -> None:
    """bench/floor.py: the filled floor's copy must stay as it was (a replayed write, or a
    BEGIN without the real code's order, would change it); the first-frame floor (4) keeps
    the open's and the first frame's statements as captured."""
    from bench.floor import floor_app

    sql = [
        "PRAGMA journal_mode",  # the open
        "PRAGMA data_version",  # the first made after open_db returned
        "SELECT 1",
        "BEGIN",
        "INSERT INTO t VALUES (1)",
        "with x as (select 2) select * from x",
        "COMMIT",
    ]
    capture = {
        "title": "t",
        "sub_title": "",
        "keys": [],
        "default_css": {},
        "screen": {"name": "DashboardScreen", "horizontal": [], "vertical": []},
        "nodes": [],
        "sql": sql,
        "app_css": "",
    }
    filled = floor_app(dict(capture), 5, tmp_path / "j.db", tmp_path).read_text()
    first = floor_app(dict(capture), 4, tmp_path / "j.db", tmp_path).read_text()
    replayed = (
        "'read_sql': ['PRAGMA data_version', 'SELECT 1', 'with x as (select 2) select * from x']"
    )
    assert replayed in filled
    assert "'open_sql': ['PRAGMA journal_mode']" in filled
    assert f"'read_sql': {sql[1:]!r}" in first


def test_the_copies_timed_sessions_start_from_are_synced_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh copy of the large journal is 200-300 MB of dirty page cache: a sync timed on
    it about 30 s later (a commit's, a checkpoint's) waits for all of it. The copies are
    written to the disk before a session or a launch starts from them."""
    import os

    from bench.harness import copy_with_wal, settled_copy

    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    source = tmp_path / "journal.db"
    source.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4080)
    Path(f"{source}-wal").write_bytes(b"log")
    settled_copy(source, tmp_path / "session.db")
    copy_with_wal(source, tmp_path / "launch.db")
    assert synced == [
        str(tmp_path / "session.db"),
        str(tmp_path / "launch.db"),
        str(tmp_path / "launch.db-wal"),
    ]
    assert (tmp_path / "session.db").read_bytes() == source.read_bytes()
