"""Issue 13's small text defects, each from a small journal worked out by hand: plurals,
backticks, money separators, stray footer characters, clipped empty states, a cut "when",
and a dangling colon."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner
from sqlite_utils import Database

from netdash.cli import cli
from netdash.domain import dates
from netdash.domain.models import Interaction
from netdash.domain.words import count_of
from netdash.store.audience import record_follower_count
from netdash.store.community import add_contribution
from netdash.store.db import open_db
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.store.stats import money_words
from netdash.tui.app import NetdashApp
from netdash.tui.screens.audience import AudienceScreen
from netdash.tui.screens.person import PersonScreen
from netdash.tui.screens.why import source_line
from tests.conftest import TODAY
from tests.tui.test_small_terminal import screen_lines
from tests.tui.waits import scored, wait_for, workers_done


def test_counts_agree_with_their_nouns() -> None:
    assert count_of(1, "account") == "1 account"
    assert count_of(2, "account") == "2 accounts"
    assert count_of(1, "person", "people") == "1 person"
    assert count_of(1_400, "entry", "entries") == "1,400 entries"


def test_money_has_thousands_separators() -> None:
    assert money_words(320_000, "USD") == "3,200.00 USD"  # 320,000 cents
    assert money_words(1_234_567, "JPY") == "1,234,567 JPY"  # yen have no minor unit
    assert money_words(5, "EUR") == "0.05 EUR"


def test_cli_shows_separators_and_the_json_keeps_plain_decimals(journal_path: Path) -> None:
    db = open_db(journal_path)
    add_contribution(
        db, organisation="Food Bank", occurred_on=TODAY, today=TODAY, money=(320_000, "USD")
    )
    db.close()
    runner = CliRunner()
    shown = runner.invoke(cli, ["--db", str(journal_path), "stats"], catch_exceptions=False)
    assert "3,200.00 USD" in shown.output
    document = json.loads(runner.invoke(cli, ["--db", str(journal_path), "stats", "--json"]).output)
    assert document["this_year"]["charity"]["money"] == {"USD": "3200.00"}


def test_one_follower_is_singular(journal_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--db", str(journal_path), "followers", "set", "mastodon", "1", "--account", "@me@a.b"],
    )
    assert "Recorded 1 follower on mastodon" in result.output, result.output


def test_a_row_without_a_note_has_no_colon() -> None:
    bare = Interaction(
        id=1,
        occurred_on=date(2026, 11, 20),
        kind="call",
        initiated_by="me",
        depth=2,
        note="",
        people=(),
    )
    assert source_line(bare).plain == "  2026-11-20 call"
    noted = Interaction(
        id=2,
        occurred_on=date(2026, 11, 20),
        kind="call",
        initiated_by="me",
        depth=2,
        note="hi",
        people=(),
    )
    assert source_line(noted).plain == "  2026-11-20 call: hi"


async def test_the_audience_header_reads_one_account_without_backticks(
    app: NetdashApp, tui_db: Database
) -> None:
    record_follower_count(
        tui_db,
        platform="mastodon",
        account="@me@example.social",
        followers=1_234,
        at=dates.stamp_for_day(TODAY),
        source="manual",
        today=TODAY,
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "Audience")
        await workers_done(pilot)
        lines = screen_lines(app)
        header = next(line for line in lines if "i imports an export" in line)
        assert "1 account ·" in header and "`" not in header, header


async def test_empty_states_are_whole_at_120_columns(app: NetdashApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        for key, last_words in (("a", "&& netdash fetch"), ("c", 'served"')):
            await pilot.press(key)
            await workers_done(pilot)
            text = "\n".join(screen_lines(app))
            assert last_words in text, text
            assert lines_end_clean(screen_lines(app)[-1])


def lines_end_clean(footer: str) -> bool:
    """The footer ends with the palette key, no letter of a key scrolled under it."""
    return footer.rstrip().endswith("^p palette")


async def test_the_timeline_shows_eleven_months_ago_whole(
    app: NetdashApp, tui_db: Database
) -> None:
    ana = add_person(tui_db, "Ana Souza")
    # 2026-11-26 less 335 days is 2025-12-26: eleven whole months, "11 months ago"
    log_interaction(
        tui_db,
        people=[ana],
        occurred_on=TODAY - timedelta(days=335),
        today=TODAY,
        kind="call",
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await scored(pilot)
        app.open_person(ana)
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")
        await workers_done(pilot)
        assert any("11 months ago" in line for line in screen_lines(app))
