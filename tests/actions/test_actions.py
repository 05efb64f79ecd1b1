"""The shared actions on in-memory and file journals: what the CLI and the TUI both rely on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from netdash.actions.imports import (
    address_book_source,
    import_address_book,
    import_followers,
)
from netdash.actions.merge import merge, moved_parts, pair_to_merge
from netdash.actions.person_report import person_ledger, person_report, report_document
from netdash.actions.vouches import record_vouch
from netdash.domain.errors import InvalidInput, NotFound
from netdash.domain.scoring import DepthSettings
from netdash.store.db import open_db
from netdash.store.journal import log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person, get_person, update_person
from netdash.store.vouches import add_vouch, vouches_for
from tests.conftest import TODAY

FIXTURES = Path(__file__).parent.parent / "fixtures"


def log(db: Database, person: int, days_ago: int, kind: str, initiated_by: str) -> None:
    log_interaction(
        db,
        people=[person],
        occurred_on=TODAY - timedelta(days=days_ago),
        today=TODAY,
        kind=kind,
        initiated_by=initiated_by,
    )


def test_the_report_holds_vouches_favours_outcomes_and_the_pinned_layer(db: Database) -> None:
    ada = add_person(db, "Ada Lovelace")
    log(db, ada, 3, "helped_them", "me")
    log(db, ada, 10, "helped_them", "me")
    log(db, ada, 20, "helped_me", "them")
    update_person(db, ada, pinned_layer=5, snoozed_until=TODAY + timedelta(days=7))
    add_outcome(db, title="Contract", occurred_on=TODAY, today=TODAY, people=[(ada, "referred")])
    record_vouch(db, "Ada", direction="given", topic="maths", occurred_on=TODAY, note="n")
    record_vouch(
        db, "Ada", direction="received", topic="engines", occurred_on=TODAY - timedelta(days=1)
    )

    report = person_report(db, ada, TODAY, DepthSettings())
    assert report.person.pinned_layer == 5
    assert report.person.snoozed_until == TODAY + timedelta(days=7)
    favours = report.ledger.favours
    assert (favours.given, favours.received, favours.mine, favours.theirs) == (2, 1, 2, 1)
    assert [o.title for o in report.ledger.outcomes] == ["Contract"]
    assert len(report.timeline) == 3
    document = report_document(report)
    assert document["pinned_layer"] == 5
    assert document["snoozed_until"] == (TODAY + timedelta(days=7)).isoformat()
    assert document["vouches"] == [
        {"direction": "given", "topic": "maths", "on": TODAY.isoformat(), "note": "n"},
        {
            "direction": "received",
            "topic": "engines",
            "on": (TODAY - timedelta(days=1)).isoformat(),
            "note": "",
        },
    ]


def test_the_ledger_keeps_the_newest_vouches_first(db: Database) -> None:
    bo = add_person(db, "Bo")
    for days_ago in (5, 1, 9, 3):
        add_vouch(
            db,
            bo,
            direction="given",
            topic=f"t{days_ago}",
            occurred_on=TODAY - timedelta(days=days_ago),
        )
    assert [v.topic for v in person_ledger(db, bo, latest=3).vouches] == ["t1", "t3", "t5"]
    assert len(vouches_for(db, bo)) == 4


def test_a_person_unpinned_and_unsnoozed_has_neither(db: Database) -> None:
    person = get_person(db, add_person(db, "Cy"))
    assert person.pinned_layer is None
    assert person.snoozed_until is None


@pytest.mark.parametrize(
    ("direction", "topic", "message"),
    [("given", "  ", "needs a topic"), ("sideways", "x", "not a vouch direction")],
)
def test_a_vouch_without_a_topic_or_direction_is_refused(
    db: Database, direction: str, topic: str, message: str
) -> None:
    add_person(db, "Dee")
    with pytest.raises(InvalidInput, match=message):
        record_vouch(db, "Dee", direction=direction, topic=topic, occurred_on=TODAY)
    assert vouches_for(db, get_person(db, 1).id) == []


def test_merge_moves_vouches_and_refuses_the_same_person(db: Database) -> None:
    keep, other = add_person(db, "Tomás Reyes"), add_person(db, "Tom")
    add_vouch(db, other, direction="received", topic="rust", occurred_on=TODAY)
    with pytest.raises(InvalidInput, match="are the same person"):
        pair_to_merge(db, "Tom", f"#{other}")
    kept, merged = pair_to_merge(db, "Tomás", "Tom")
    summary = merge(db, kept.id, merged.id)
    assert summary.vouches == 1
    assert moved_parts(summary)[-1] == "0 contributions, 0 credits, 1 vouches"
    assert [v.topic for v in vouches_for(db, keep)] == ["rust"]
    with pytest.raises(NotFound):
        get_person(db, other)


@contextmanager
def no_journal() -> Iterator[Database]:
    raise AssertionError("a refused file must not open the journal")
    yield  # pragma: no cover


def test_an_address_book_import_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    path = FIXTURES / "contacts" / "contacts_v3.vcf"
    source = address_book_source(None, path)
    assert source == "vcard"
    journal = tmp_path / "netdash.db"

    def opener() -> closing[Database]:
        return closing(open_db(journal))

    first = import_address_book(path, source, opener)
    assert first.contacts > 0 and first.result.created
    second = import_address_book(path, source, opener)
    assert second.result.already_imported
    assert not second.result.created and not second.result.updated


def test_a_follower_export_imported_twice_is_already_imported(tmp_path: Path) -> None:
    path = FIXTURES / "mastodon" / "archive"
    assert address_book_source(None, path) is None
    journal = tmp_path / "netdash.db"
    seen: list[int] = []

    @contextmanager
    def watch(expected: int) -> Iterator[object]:
        seen.append(expected)
        yield lambda done: None

    def opener() -> closing[Database]:
        return closing(open_db(journal))

    first = import_followers(path, "mastodon", opener, watch=watch)  # type: ignore[arg-type]
    assert not first.already_imported
    second = import_followers(path, "mastodon", opener)
    assert second.already_imported
    assert seen  # the progress watcher was told what to expect


def test_a_bad_export_is_refused_before_the_journal_opens(tmp_path: Path) -> None:
    bad = tmp_path / "nothing.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InvalidInput):
        import_followers(bad, "twitter", no_journal)
