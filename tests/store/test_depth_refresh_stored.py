"""A one-shot command's refresh after a write (:func:`refreshed_slot`) reads only each stored
person's score and layer, builds no one's depth but the rescored and the re-layered, and stores
byte for byte what the refresh that builds everyone's depth stores; the commands then print
what they printed before."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from netdash.cli import cli
from netdash.domain.scoring import Depth, layer_counts, reach_out_queue
from netdash.store import depth_cache, depth_reads
from netdash.store.db import memory_db, open_db
from netdash.store.depth import cached_depth, refreshed_slot
from netdash.store.journal import delete_interaction, log_interaction
from netdash.store.people import add_person, update_person
from netdash.store.tx import write_transaction
from tests.conftest import TODAY, Run
from tests.store.test_depth_incremental import ACTIONS, LOW, bare, full, write

CACHE_TABLES = ("depth_cache", "depth_cache_key", "depth_dirty")


def cache_tables(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """The score cache's tables row for row, with the rowids the rows were stored under."""
    return {
        name: db.execute(f"SELECT rowid, * FROM {name} ORDER BY rowid").fetchall()
        for name in CACHE_TABLES
    }


def twin_of(db: Database) -> Database:
    twin = memory_db()
    db.conn.backup(twin.conn)
    return twin


@contextmanager
def narrowly() -> Iterator[None]:
    """Neither the whole cache read nor everyone's depth built: what is read is read narrowly."""

    def refused(*_: object, **__: object) -> dict[int, Depth]:
        raise AssertionError("everyone's depth built")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(depth_cache, "read_cache", refused)
        patch.setattr(depth_reads, "cached_depth", refused)
        yield


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(1, 14),
    actions=st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=10),
    data=st.data(),
)
def test_the_narrow_refresh_stores_what_the_whole_one_stores(
    size: int, actions: list[str], data: st.DataObject
) -> None:
    db = memory_db()
    for index in range(size):
        add_person(db, f"P{index}")
    for _ in range(size * 2):
        write(db, data, "log")
    stored_after_writes(db, actions, data)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(150, 160),
    actions=st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=6),
    data=st.data(),
)
def test_past_the_last_layer_too(size: int, actions: list[str], data: st.DataObject) -> None:
    """More people than the layers hold: the ranking is read only down to the last layer."""
    db = memory_db()
    for index in range(size):
        pid = add_person(db, f"P{index}")
        log_interaction(
            db, people=[pid], occurred_on=TODAY - timedelta(days=index), today=TODAY, kind="call"
        )
    stored_after_writes(db, actions, data)


def stored_after_writes(db: Database, actions: list[str], data: st.DataObject) -> None:
    """After each write, the narrow refresh on ``db`` and the whole one on a copy: the same
    cache stored, and the narrow reads give everyone's depth's answers."""
    cached_depth(db, TODAY, LOW)
    for action in actions:
        write(db, data, action)
        twin = twin_of(db)
        depths = bare(cached_depth(twin, TODAY, LOW))  # today's way: everyone's depth
        with narrowly():
            assert refreshed_slot(db, TODAY, LOW) == 1, action
            assert cache_tables(db) == cache_tables(twin), action
            assert depths == full(db), action
            assert depth_reads.layers_and_overdue(db, TODAY, LOW) == (
                layer_counts(depths),
                len(reach_out_queue(depths)),
            )
            assert depth_reads.overdue_depths(db, TODAY, LOW) == reach_out_queue(depths)
            for pid, depth in depths.items():
                assert depth_reads.person_depth(db, TODAY, LOW, pid) == depth
        twin.close()
    db.close()


def test_past_the_last_layer_the_stored_ranking_lets_the_next_in(db: Database) -> None:
    """More people than the layers hold: deleting the top entries lets in those ranked just
    past the 150th, whose rows only the re-layered are read for."""
    everyone = [add_person(db, f"P{index}") for index in range(170)]
    logged = [
        log_interaction(
            db, people=[pid], occurred_on=TODAY - timedelta(days=index), today=TODAY, kind="call"
        )
        for index, pid in enumerate(everyone)
    ]
    assert sum(depth.layer is not None for depth in cached_depth(db, TODAY, LOW).values()) == 150
    for entry in logged[:4]:
        delete_interaction(db, entry.interaction_id)
    update_person(db, everyone[10], pinned_layer=5)  # ranked inside the top
    twin = twin_of(db)
    expected = bare(cached_depth(twin, TODAY, LOW))
    with narrowly():
        assert refreshed_slot(db, TODAY, LOW) == 1
        assert cache_tables(db) == cache_tables(twin)
        assert depth_reads.overdue_depths(db, TODAY, LOW) == reach_out_queue(expected)
        assert depth_reads.person_depth(db, TODAY, LOW, everyone[153]).layer == 150
    twin.close()


def test_many_marked_or_a_busy_journal_are_left_to_the_whole_refresh(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db = open_db(path)
    everyone = [add_person(db, f"P{index}") for index in range(40)]
    cached_depth(db, TODAY, LOW)
    log_interaction(db, people=everyone[:30], occurred_on=TODAY, today=TODAY, kind="event")
    assert refreshed_slot(db, TODAY, LOW) is None  # most marked: one pass over everyone
    cached_depth(db, TODAY, LOW)
    log_interaction(db, people=everyone[:1], occurred_on=TODAY, today=TODAY, kind="call")
    before = cache_tables(db)
    other = open_db(path)
    with write_transaction(other):
        assert refreshed_slot(db, TODAY, LOW) is None  # busy: answered whole, unstored
        assert cache_tables(db) == before
    other.close()
    assert refreshed_slot(db, TODAY, LOW) == 1
    assert refreshed_slot(db, TODAY + timedelta(days=1), LOW) == 1  # a new day: stepped in place
    db.close()


# ------------------------------------------------------------------------- the commands


def copy_of(path: Path, to: Path) -> Path:
    source, target = sqlite3.connect(path), sqlite3.connect(to)
    source.backup(target)
    source.close()
    target.close()
    return to


def files_cache(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = Database(path)
    try:
        return cache_tables(db)
    finally:
        db.close()


COMMANDS = (
    ("stats", "--json"),
    ("reach-out", "--json", "--all"),
    ("people", "show", "Person 3", "--json"),
)


@pytest.mark.parametrize("first", range(len(COMMANDS)))
def test_the_commands_print_what_the_whole_refresh_gives_them(
    run: Run, journal_path: Path, tmp_path: Path, first: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command the first to read after a write, on the journal and on a copy refreshed
    today's way (everyone's depth built): the same output, the same cache stored."""
    db = open_db(journal_path)
    everyone = [add_person(db, f"Person {number}") for number in range(60)]
    for index in range(240):
        log_interaction(
            db,
            people=list({everyone[index % 60], everyone[(index * 7) % 60]}),
            occurred_on=TODAY - timedelta(days=(index * 37) % 700),
            today=TODAY,
            kind=("in_person", "call", "message")[index % 3],
        )
    db.close()
    assert run("stats", "--json").exit_code == 0  # scores stored for today
    db = open_db(journal_path)
    log_interaction(
        db, people=[everyone[3], everyone[40]], occurred_on=TODAY, today=TODAY, kind="call"
    )
    db.close()
    reference = copy_of(journal_path, tmp_path / "reference.db")
    order = COMMANDS[first:] + COMMANDS[:first]
    with narrowly():
        narrow = [run(*command).output for command in order]
    monkeypatch.setattr(depth_reads, "refreshed_slot", depth_reads.current_slot)  # today's way
    whole = [invoke_on(reference, command) for command in order]
    assert narrow == whole
    assert files_cache(journal_path) == files_cache(reference)
    stats = json.loads(narrow[order.index(COMMANDS[0])])
    assert stats["layers"]["150"] and stats["overdue"]  # a real test
    assert json.loads(narrow[order.index(COMMANDS[1])])


def invoke_on(path: Path, command: tuple[str, ...]) -> str:
    return CliRunner().invoke(cli, ["--db", str(path), *command], catch_exceptions=False).output


def test_the_narrow_refresh_never_scans_the_cache_table(db: Database) -> None:
    """Every statement it runs finds its rows of ``depth_cache`` by the slot's key: none reads
    the whole table (both slots), as ``slot != ?`` did when dropping the other slot."""
    everyone = [add_person(db, f"P{index}") for index in range(20)]
    for index, pid in enumerate(everyone):
        log_interaction(
            db, people=[pid], occurred_on=TODAY - timedelta(days=index), today=TODAY, kind="call"
        )
    cached_depth(db, TODAY, LOW)
    cached_depth(db, TODAY - timedelta(days=400), LOW)  # a review's slot, dropped below
    log_interaction(db, people=everyone[:2], occurred_on=TODAY, today=TODAY, kind="call")
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    assert refreshed_slot(db, TODAY, LOW) == 1
    db.conn.set_trace_callback(None)
    plans = [
        (sql, db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())
        for sql in statements
        if "depth_cache " in sql and sql.split()[0] in ("SELECT", "DELETE", "UPDATE")
    ]
    assert len(plans) >= 4  # a real test
    for sql, plan in plans:
        assert not any("SCAN depth_cache" in row[-1] for row in plan), (sql, plan)
    assert db.execute("SELECT DISTINCT slot FROM depth_cache").fetchall() == [(1,)]
