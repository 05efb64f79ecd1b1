"""A person's page shows their score by month: the first and last known month ends, worked
out by hand, and a bar a month."""

from __future__ import annotations

import re

from sqlite_utils import Database
from textual.widgets import Static

from netdash.tui.app import NetdashApp
from netdash.tui.screens.person import PersonScreen
from tests.test_history_speed import ann_and_bo
from tests.tui.conftest import static_text


async def test_the_person_page_shows_the_score_by_month(app: NetdashApp, tui_db: Database) -> None:
    ann, _ = ann_and_bo(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_person(ann)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PersonScreen)
        details = static_text(screen.query_one("#person-details", Static), width=120)
        # tests/test_history_speed.py works them out: 28.6 at 30 September 2026, her first
        # month end, and 18.3 at 31 October, whole points 29 and 18
        # and a bar a month in eighths of 100: floor(28.6 * 8 / 100) = 2 → "▃",
        # floor(18.3 * 8 / 100) = 1 → "▂", after 22 months before she was known ("·")
        bars = "·" * 22 + "▃▂"
        assert re.search(rf"Score by month +29 → 18 \(Sep 2026 - Oct 2026\) +{bars}", details), (
            details
        )
