"""Issue 13: the Audience screen on an 80x24 terminal (and 100x30, 200x60): the accounts table
shows the columns that fit instead of cutting off the last ones, whatever it leaves out is said
in the chosen account's panel, and the people you know are named only as far as leaves the
history chart in view."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlite_utils import Database
from textual.widgets import Sparkline

from netdash.domain import dates
from netdash.domain.models import Handle
from netdash.store.audience import record_follower_count
from netdash.store.imports import import_snapshot
from netdash.store.people import add_person
from netdash.store.snapshot import Follower, Snapshot
from netdash.tui.app import NetdashApp
from netdash.tui.screens.audience import AudienceScreen
from netdash.tui.screens.audience_table import names_within, shown_columns
from tests.conftest import TODAY
from tests.tui.test_small_terminal import SIZES, screen_lines, whole_on_a_line
from tests.tui.waits import scored, wait_for, workers_done

PEOPLE = [f"Person{n:02d} Surname" for n in range(1, 31)]
"""Thirty people you know, each following the mastodon account: too many to name at 80x24."""


def audience_journal(db: Database) -> None:
    """mastodon: 1,200 followers typed 9 days ago, then an export of 1,240 yesterday listing the
    thirty people; github: 980 followers, typed once."""
    record_follower_count(
        db,
        platform="mastodon",
        account="@me@example.social",
        followers=1_200,
        at=dates.stamp_for_day(TODAY - timedelta(days=9)),
        source="manual",
        today=TODAY,
    )
    listed = [Follower(f"p{n}", f"p{n}") for n in range(1, 31)]
    at = dates.stamp_for_day(TODAY - timedelta(days=1))
    snapshot = Snapshot(
        "mastodon", at, "export", "@me@example.social", 1_240, 75, follower_list=listed
    )
    import_snapshot(db, snapshot, file_name="f", sha256="f")
    for n, name in enumerate(PEOPLE, start=1):
        add_person(db, name, handles=[Handle("mastodon", f"p{n}")])
    record_follower_count(
        db,
        platform="github",
        account="me-example",
        followers=980,
        at=dates.stamp_for_day(TODAY - timedelta(days=1)),
        source="manual",
        today=TODAY,
    )


@pytest.mark.parametrize("size", SIZES)
async def test_audience_fits(tui_db: Database, size: tuple[int, int]) -> None:
    audience_journal(tui_db)
    app = NetdashApp(tui_db, watch_interval=0)
    async with app.run_test(size=size) as pilot:
        await scored(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "Audience")
        await workers_done(pilot)
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert len(lines) == size[1]
        # the status on one line, the header of the table on one line with the known column
        assert whole_on_a_line(lines, "2 accounts · 30 people you know among"), text
        header = next(line for line in lines if "Platform" in line)
        for label in ("Account", "Followers", "Change", "As of", "Known"):
            assert label in header, (label, header)
        # both accounts whole; the first (github, by platform) chosen
        assert whole_on_a_line(lines, "me-example"), text
        assert whole_on_a_line(lines, "me@example.social"), text
        await pilot.press("down")  # mastodon: its list and the people in it
        await workers_done(pilot)
        lines = screen_lines(app)
        text = "\n".join(lines)
        for label in (
            "mastodon · me@example.social",
            "30 accounts as of",
            "30 people you know among 1,240 followers: Person01",
            "Followers, last 52 weeks",
            "from 1,200 to 1,240",
        ):
            assert whole_on_a_line(lines, label), (label, text)
        # the table's left-out columns are said for the chosen account: at 80, the change's
        # point of comparison, typed 7 days before
        compared = f"since {(TODAY - timedelta(days=9)).isoformat()} (typed)"
        assert whole_on_a_line(lines, compared), text
        # the history chart is on the screen, above the footer
        chart = app.screen.query_one("#account-history", Sparkline)
        assert chart.region.height >= 3 and chart.region.bottom <= size[1] - 1, chart.region
        if size[1] < 32:  # short: some names, then how many more
            assert "more" in text and "Person30 Surname" not in text, text
        else:
            assert whole_on_a_line(lines, "Person30 Surname"), text
        assert "? Help" in lines[-1], lines[-1]


async def test_the_table_follows_a_resize(tui_db: Database) -> None:
    audience_journal(tui_db)
    app = NetdashApp(tui_db, watch_interval=0)
    async with app.run_test(size=(200, 60)) as pilot:
        await scored(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "Audience")
        await workers_done(pilot)
        header = next(line for line in screen_lines(app) if "Platform" in line)
        assert "Compared with" in header and "Imported" in header, header
        await pilot.resize_terminal(80, 24)
        await wait_for(
            pilot,
            lambda: "Imported" not in next(row for row in screen_lines(app) if "Platform" in row),
            "the narrow table",
        )
        lines = screen_lines(app)
        # github, chosen: what the table left out is said in its panel
        assert whole_on_a_line(lines, "from manual · imported never"), "\n".join(lines)
        assert "? Help" in lines[-1], lines[-1]


def test_the_columns_that_fit() -> None:
    # 2 cells of scrollbar; each column its width plus 2 of padding
    assert shown_columns(80) == ("platform", "account", "followers", "change", "as_of", "known")
    everything = (
        "platform",
        "account",
        "followers",
        "change",
        "compared",
        "following",
        "as_of",
        "source",
        "known",
        "imported",
    )
    assert shown_columns(147) == everything  # 125 of widths + 20 of padding + 2
    assert shown_columns(146) == tuple(key for key in everything if key != "imported")


def test_names_within_room() -> None:
    names = ["Ann", "Bo", "Cy", "Dorothea Long"]
    assert names_within(names, 26) == "Ann, Bo, Cy, Dorothea Long"  # 26 characters: all fit
    # "Ann, Bo" is 7 and " and 2 more" 11: 18 fits, 17 does not
    assert names_within(names, 18) == "Ann, Bo and 2 more"
    assert names_within(names, 17) == "Ann and 3 more"
    assert names_within(names, 1) == "Ann and 3 more"  # one name at least
    assert names_within([], 10) == "nobody yet"
