"""Issue 12, "Done means": on the demo journal, every number the dashboard, `stats --json` and the
year in review share is the same number in each. The dashboard is read as a user reads it, from
its rendered widgets; `stats` and `review` run as commands on the same file."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from netdash.cli import cli
from netdash.demo import SCALES, populate
from netdash.domain.quantities import hours_text
from netdash.store.db import open_db
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.widgets.numbers import NumberTable
from tests.conftest import TODAY
from tests.tui.conftest import static_text
from tests.tui.waits import scored, wait_for


def command(path: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(path), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def number_after(text: str, label: str) -> int:
    """The number that follows ``label`` on the dashboard, as printed ("10,542")."""
    match = re.search(re.escape(label) + r"\s+([\d,]+)", text)
    assert match, f"{label!r} not in {text!r}"
    return int(match.group(1).replace(",", ""))


def review_community_hours(review: str) -> Decimal:
    """The year's hours, summed over the review's organisations ("- **Code Club**: 16 h, …")."""
    section = review.split("## Community and charity")[1].split("## ")[0]
    return sum(
        (Decimal(h.replace(",", "")) for h in re.findall(r"\*\*: ([\d.,]+) h", section)),
        Decimal(0),
    )


def review_followers(review: str) -> dict[str, int]:
    section = review.split("## Audience")[1]
    return {
        f"{platform} {handle.replace(chr(92), '')}": int(count.replace(",", ""))
        for platform, handle, count in re.findall(r"- (\S+) (\S+): ([\d,]+) followers", section)
    }


async def test_dashboard_stats_and_review_agree_on_the_demo_journal(journal_path: Path) -> None:
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    db = open_db(journal_path)
    try:
        populate(db, SCALES["normal"], seed=7, today=TODAY)
    finally:
        db.close()
    stats: dict[str, Any] = json.loads(command(journal_path, "stats", "--json"))
    review = command(journal_path, "review")
    this_year = stats["this_year"]
    assert this_year["year"] == TODAY.year and f"# {TODAY.year} in review" in review

    db = open_db(journal_path)
    app = NetdashApp(db, watch_interval=0)
    try:
        async with app.run_test(size=(140, 50)) as pilot:
            await scored(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)

            def shown(widget_id: str) -> str:
                return " ".join(static_text(screen.query_one(widget_id, NumberTable), 140).split())

            await wait_for(
                pilot, lambda: "you know among" in shown("#breadth-numbers"), "known followers"
            )
            depth, breadth = shown("#depth-numbers"), shown("#breadth-numbers")
            layers, year_line = shown("#layers"), shown("#this-year")
    finally:
        db.close()

    # Depth: people, interactions in 30 and 90 days, people seen, the layer counts.
    assert number_after(depth, "People in your journal") == stats["people"]
    assert number_after(depth, "in the last 30 days") == stats["interactions_30d"]
    assert number_after(depth, "in the last 90 days") == stats["interactions_90d"]
    assert number_after(depth, "People seen in the last 90 days") == stats["people_seen_90d"]
    assert stats["layers"]  # the loops below check something only if there is something
    for size, count in stats["layers"].items():
        assert re.search(rf"(^|\s)Inner {size} {count}/{size}(\s|$)", layers), (size, layers)

    # Breadth: each account and the total, and the people you know among them.
    assert stats["audience"]
    for account in stats["audience"]:
        assert (
            number_after(breadth, f"{account['platform']} {account['account']}")
            == (account["followers"])
        )
    assert number_after(breadth, "Followers, all platforms") == stats["audience_total"]
    assert f"{stats['known_followers']:,} people you know among" in breadth
    # The review's follower counts at the end of the year so far are the latest counts.
    assert review_followers(review) == {
        f"{a['platform']} {a['account']}": a["followers"] for a in stats["audience"]
    }
    assert sum(review_followers(review).values()) == stats["audience_total"]

    # This year's outcomes, by source, in all three.
    outcomes = this_year["outcomes"]
    assert f"{outcomes['count']} outcomes" in year_line
    assert f"{outcomes['network']} through people you know" in year_line
    assert f"{outcomes['community']} through community" in year_line
    assert f"{outcomes['audience']} through your audience" in year_line
    assert (
        f"- {outcomes['count']} outcomes: {outcomes['network']} through people you know,"
        f" {outcomes['community']} through your community, {outcomes['audience']} through your"
        " audience."
    ) in review

    # This year's community hours: the dashboard's text, the JSON number, the review's sum.
    hours = Decimal(str(this_year["charity"]["hours"]))
    assert f"community work: {hours_text(hours)}" in year_line
    assert review_community_hours(review) == hours
    assert this_year["charity"]["money"]
    for code, amount in this_year["charity"]["money"].items():
        # the JSON's plain decimal ("3200.00"), shown with separators ("3,200.00 USD")
        money_shown = f"{Decimal(amount):,f} {code}"
        assert money_shown in year_line and money_shown in review
