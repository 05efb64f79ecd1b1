"""The year in review, as Markdown."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlite_utils import Database

from netdash.domain.scoring import DepthSettings
from netdash.review import md, year_review
from netdash.store.audience import record_follower_count
from netdash.store.community import add_contribution
from netdash.store.journal import NewPerson, log_interaction
from netdash.store.outcomes import add_outcome
from tests.conftest import MARKUP_NAME, TODAY


def test_review_of_a_year(db: Database) -> None:
    logged = log_interaction(
        db, people=[NewPerson(MARKUP_NAME)], occurred_on=TODAY, today=TODAY, kind="in_person"
    )
    bob = logged.people[0].id
    log_interaction(db, people=[bob], occurred_on=date(2025, 6, 1), today=TODAY, kind="call")
    add_contribution(
        db,
        organisation="Food Bank",
        occurred_on=TODAY,
        today=TODAY,
        minutes=240,
        result=(Decimal(120), "meals served"),
        money=(5_000, "USD"),
    )
    add_outcome(
        db,
        title="Job at *Contoso*",
        occurred_on=TODAY - timedelta(days=3),
        today=TODAY,
        kind="job",
        people=[(bob, "referred")],
    )
    for followers, day in ((100, "2025-12-01"), (140, "2026-11-01")):
        record_follower_count(
            db,
            platform="mastodon",
            account="me@x.social",
            followers=followers,
            at=f"{day}T23:59:59Z",
            source="manual",
        )
    text = year_review(db, 2026, TODAY, DepthSettings())
    assert text.startswith("# 2026 in review\n")
    assert "- 1 interaction with 1 person." in text  # agreeing, not "1 interactions"
    assert "0 people met for the first time" in text  # Bob was first seen in 2025
    assert f"Most time with: {md(MARKUP_NAME)} (2 h)" in text
    assert "**Food Bank**: 4 h, 50.00 USD, 120 meals served." in text
    assert "1 through people you know" in text
    assert r"Job at \*Contoso\* (job)" in text
    assert "mastodon me@x.social: 140 followers (+40 this year)." in text
    assert year_review(db, 2025, TODAY, DepthSettings()).count("met for the first time: ") == 1


def test_markdown_escaping_keeps_text_literal() -> None:
    assert md("[b]Bob[/b] [/") == r"\[b\]Bob\[/b\] \[/"
    assert md("a_b*c`d|e<f>") == r"a\_b\*c\`d\|e\<f\>"


def test_markdown_shows_control_characters_and_keeps_one_line() -> None:
    assert md("[b]\x1b[2J\u202e\nx") == "\\[b\\]␛\\[2J\\u202e x"


def test_review_and_markdown_export_of_hostile_text_are_inert(db: Database) -> None:
    """Both are printed to terminals (`netdash review`, `export -o -`, `cat`)."""
    import io

    from netdash.export.markdown import write_markdown
    from tests.conftest import TERMINAL_ACTIVE, seed_hostile

    seed_hostile(db)
    review = year_review(db, TODAY.year, TODAY, DepthSettings())
    out = io.StringIO()
    write_markdown(db, out, exported_on=TODAY.isoformat())
    for text in (review, out.getvalue()):
        assert set(text) & TERMINAL_ACTIVE <= {"\n"}
        assert "Food ␛\\]0;owned␇" in text  # shown (and Markdown-escaped), not dropped
