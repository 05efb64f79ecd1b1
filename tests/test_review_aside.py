"""The year in review's reads split over two connections (issue 14): the people's reads run in a
thread on a second connection beside the others, and the layers can come from the caller's
scores; the review is the same text either way, and never mixes two states of the journal."""

from __future__ import annotations

import threading
from datetime import date
from functools import partial
from pathlib import Path

from sqlite_utils import Database

from netdash.domain.scoring import DepthSettings
from netdash.review import year_review
from netdash.store.db import open_db
from netdash.store.depth import cached_depth
from netdash.store.journal import NewPerson, log_interaction
from tests.conftest import TODAY


def seeded(db: Database) -> None:
    for index, name in enumerate(("Ana Souza", "Bo Chen", "Cy Diaz")):
        day = date(TODAY.year, 1 + index, 10)
        logged = log_interaction(
            db, people=[NewPerson(name)], occurred_on=day, today=TODAY, kind="in_person"
        )
        for _ in range(index + 1):  # time together differs, so "Most time with" has an order
            log_interaction(
                db, people=[logged.people[0].id], occurred_on=day, today=TODAY, kind="call"
            )


def test_the_peoples_reads_run_on_a_second_connection_in_a_thread(
    file_db: Database, journal_path: Path
) -> None:
    seeded(file_db)
    alone = year_review(file_db, TODAY.year, TODAY, DepthSettings())
    opened_on: list[threading.Thread] = []

    def reader() -> Database:
        opened_on.append(threading.current_thread())
        return open_db(journal_path)

    split = year_review(file_db, TODAY.year, TODAY, DepthSettings(), reader=reader)
    assert opened_on and opened_on[0] is not threading.main_thread()
    assert split == alone
    assert "3 people met for the first time: Ana Souza, Bo Chen, Cy Diaz." in split


def test_layers_given_by_the_caller_make_the_same_review(file_db: Database) -> None:
    seeded(file_db)
    depths = cached_depth(file_db, TODAY, DepthSettings())
    layers = {pid: depth.layer for pid, depth in depths.items() if depth.layer}
    assert layers  # the people are in layers: the shares depend on them
    given = year_review(file_db, TODAY.year, TODAY, DepthSettings(), layers=layers)
    assert given == year_review(file_db, TODAY.year, TODAY, DepthSettings())
    assert "inner 150: 100%" in given and "others 0%" in given
    nobody = year_review(file_db, TODAY.year, TODAY, DepthSettings(), layers={})
    assert "others 100%" in nobody  # the layers given are the ones used


def test_a_write_between_the_two_snapshots_is_not_half_seen(
    file_db: Database, journal_path: Path
) -> None:
    """A write that lands after the review's snapshot began, before the second connection reads,
    is seen by neither: the people are read again on the first connection."""
    seeded(file_db)
    before = year_review(file_db, TODAY.year, TODAY, DepthSettings())

    def reader_after_a_write() -> Database:
        with open_db(journal_path) as writer:  # another process logging meanwhile
            log_interaction(
                writer, people=[NewPerson("Dee Late")], occurred_on=TODAY, today=TODAY, kind="call"
            )
        return open_db(journal_path)

    split = partial(year_review, reader=reader_after_a_write)
    assert split(file_db, TODAY.year, TODAY, DepthSettings()) == before
    after = year_review(file_db, TODAY.year, TODAY, DepthSettings())
    assert "4 people met for the first time" in after and "Dee Late" in after


def test_a_second_connection_that_fails_leaves_the_reads_to_the_first(
    file_db: Database,
) -> None:
    seeded(file_db)

    def refused() -> Database:
        raise OSError("too many open files")

    split = year_review(file_db, TODAY.year, TODAY, DepthSettings(), reader=refused)
    assert split == year_review(file_db, TODAY.year, TODAY, DepthSettings())
