"""A cadence of one day reads "every day", never "every 1 days", wherever it is written: the
person card (tests/tui/test_vouches_tui.py), the Why screen, the score's texts and the export."""

from __future__ import annotations

import io
from datetime import timedelta

from sqlite_utils import Database

from netdash.domain.scoring import DepthSettings
from netdash.domain.words import days_ago, every
from netdash.export.markdown import write_markdown
from netdash.store.db import memory_db
from netdash.store.depth import explain_person
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from tests.conftest import TODAY


def test_every_and_days_ago_agree_with_their_number() -> None:
    assert every(1) == "every day"
    assert every(2) == "every 2 days"
    assert every(1.0) == "every day"
    assert every(1.5) == "every 1.5 days"
    assert every(30.0) == "every 30 days"
    assert days_ago(0) == "today"
    assert days_ago(1) == "1 day ago"
    assert days_ago(1200) == "1,200 days ago"


def one_day_journal() -> tuple[Database, int]:
    db = memory_db()
    ana = add_person(db, "Ana Souza", cadence_days=1)
    log_interaction(
        db, people=[ana], occurred_on=TODAY - timedelta(days=1), today=TODAY, kind="call"
    )
    return db, ana


def test_the_export_says_every_day() -> None:
    db, _ = one_day_journal()
    out = io.StringIO()
    write_markdown(db, out, exported_on=TODAY.isoformat())
    assert "Keep in touch every day" in out.getvalue()
    assert "every 1 days" not in out.getvalue()


def test_the_scores_texts_say_one_day_and_one_interaction() -> None:
    db, ana = one_day_journal()
    settings = DepthSettings(recency_half_life_days=1.0)
    depth = explain_person(db, ana, TODAY, settings, None)
    details = {part.name: part.detail for part in depth.components}
    assert details["recency"] == "last contact 1 day ago; halves every day"
    assert details["frequency"].startswith("1 interaction, ")
    assert depth.cadence_days == 1
