"""People sorted by score and how overdue, cut to a layer; the Journal cut to days and to part of
a name; and the app API the dashboard's numbers open them with."""

from __future__ import annotations

from datetime import timedelta

from sqlite_utils import Database
from textual.widgets import Input, Static

from netdash.domain.scoring import Depth, layer_counts
from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.journal import JournalScreen
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.widgets.paged_table import PagedTable
from netdash.tui.widgets.window_table import WindowTable
from tests.conftest import TODAY
from tests.tui.conftest import column_text, static_text
from tests.tui.waits import wait_for, workers_done

NAMES = ["Ada", "Bo", "Cy", "Di", "Ed"]


def people(db: Database) -> dict[str, int]:
    return {name: add_person(db, name) for name in NAMES}


def hand_depths(ids: dict[str, int]) -> dict[int, Depth]:
    """Scores, layers and lateness set by hand (not computed): what the list must sort by."""

    def depth(name: str, score: float, layer: int | None, since: int, cadence: int) -> Depth:
        late = since > cadence
        return Depth(
            ids[name], score, (), layer=layer, days_since=since, cadence_days=cadence, overdue=late
        )

    return {
        ids["Ada"]: depth("Ada", 40, 15, 10, 14),  # on time
        ids["Bo"]: depth("Bo", 90, 5, 30, 7),  # 30 - 7 = 23 days late
        ids["Cy"]: depth("Cy", 40, 50, 100, 30),  # 100 - 30 = 70 days late
        ids["Di"]: depth("Di", 70, 5, 9, 7),  # 9 - 7 = 2 days late
        ids["Ed"]: depth("Ed", 5, None, 400, 90),  # no layer, 400 - 90 = 310 days late
    }


async def test_people_sort_by_score_and_overdue_and_filter_by_layer(
    app: NetdashApp, tui_db: Database
) -> None:
    ids = people(tui_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("p")
        await wait_for(pilot, lambda: app.depths is not None, "the scores")
        await workers_done(pilot)
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        table = screen.query_one(PagedTable)
        status = screen.query_one("#people-status", Static)
        app.depths = hand_depths(ids)
        screen.show_depth()
        assert column_text(table, 3) == ["40", "90", "40", "70", "5"]  # name order
        await pilot.press("s", "s")  # name -> last contact -> score
        # 90 Bo, 70 Di, 40 Ada and 40 Cy (a tie keeps name order), 5 Ed
        assert column_text(table, 0) == ["Bo", "Di", "Ada", "Cy", "Ed"]
        assert "by score" in static_text(status)
        await pilot.press("s")
        # days late: Ed 310, Cy 70, Bo 23, Di 2; then Ada, on time
        assert column_text(table, 0) == ["Ed", "Cy", "Bo", "Di", "Ada"]
        assert column_text(table, 5) == [  # no maximum set: past the cadence is "due"
            "due · 310 days",
            "due · 70 days",
            "due · 23 days",
            "due · 2 days",
            "on track",
        ]
        assert "by overdue" in static_text(status)
        await pilot.press("s")
        assert column_text(table, 0) == NAMES  # back to name order
        # layers include the ones inside them: 5 = Bo, Di; 15 = + Ada; 50 and 150 = + Cy
        expected = {5: ["Bo", "Di"], 15: ["Ada", "Bo", "Di"], 50: ["Ada", "Bo", "Cy", "Di"]}
        expected[150] = expected[50]
        counts = layer_counts(app.depths)
        for layer in (5, 15, 50, 150):
            await pilot.press("l")
            assert column_text(table, 0) == expected[layer]
            assert table.total == counts[str(layer)]  # what the dashboard counts
        assert "in the 150 layer" in static_text(status)
        await pilot.press("l")  # everyone again
        assert table.total == 5
        # search while sorted by score: "d" is in Ada, Di and Ed
        await pilot.press("s", "s", "f", "d")
        await pilot.pause()
        assert column_text(table, 0) == ["Di", "Ada", "Ed"]


async def test_people_columns_wait_for_scores(app: NetdashApp, tui_db: Database) -> None:
    people(tui_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        table = screen.query_one(PagedTable)
        app.depths = None
        screen.show_depth()  # type: ignore[attr-defined]
        assert set(column_text(table, 3)) == {"…"}
        app.refresh_depth()
        await wait_for(pilot, lambda: app.depths is not None, "the scores")
        await workers_done(pilot)
        assert "…" not in column_text(table, 3)


async def test_show_people_lands_on_a_layer(app: NetdashApp, tui_db: Database) -> None:
    ids = people(tui_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.depths is not None, "the scores")
        await workers_done(pilot)
        app.depths = hand_depths(ids)  # in place of the computed ones
        app.show_people(layer=5)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        assert column_text(screen.query_one(PagedTable), 0) == ["Bo", "Di"]
        assert "in the inner 5" in static_text(screen.query_one("#people-status", Static))
        app.show_people(layer=None, sort="score")
        await pilot.pause()
        assert column_text(screen.query_one(PagedTable), 0) == ["Bo", "Di", "Ada", "Cy", "Ed"]


def journal(db: Database) -> None:
    """Ana Souza 40 and 20 days ago, Anna Berg 10 days ago, Bo Chen today."""
    ana, anna, bo = (add_person(db, name) for name in ("Ana Souza", "Anna Berg", "Bo Chen"))
    for days, who in [(40, ana), (20, ana), (10, anna), (0, bo)]:
        log_interaction(
            db, people=[who], occurred_on=TODAY - timedelta(days=days), today=TODAY, kind="call"
        )


async def test_journal_filters_by_days_and_part_of_a_name(
    app: NetdashApp, tui_db: Database
) -> None:
    journal(tui_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        table = screen.query_one(WindowTable)
        status = screen.query_one("#journal-status", Static)
        await pilot.press("f", *"an")
        await pilot.pause()
        assert table.total == 3  # Ana's two and Anna's one
        assert "2 people match 'an'" in static_text(status)
        screen.query_one("#filter-person", Input).value = "Ana Souza"  # exact: just her
        await pilot.pause()
        assert table.total == 2
        await pilot.press("escape", "t", *(TODAY - timedelta(days=30)).isoformat())
        await pilot.pause()
        assert screen.focused is screen.query_one("#filter-since", Input)
        assert table.total == 1  # Ana Souza, 30 days ago to now: only the one 20 days ago
        screen.query_one("#filter-since", Input).value = "3 weeks ago"  # words the log accepts
        await pilot.pause()
        assert table.total == 1  # 21 days ago: the one 20 days ago
        screen.query_one("#filter-since", Input).value = "2026-02-30"
        await pilot.pause()
        assert table.total == 2  # a bad date filters nothing...
        assert "'2026-02-30' is not a day on the calendar" in static_text(
            status, 200
        )  # ...and says why
        await pilot.press("escape", "r")
        await pilot.pause()
        assert table.total == 4


async def test_show_journal_lands_on_the_days(app: NetdashApp, tui_db: Database) -> None:
    journal(tui_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#filter-tag", Input).value = "work"  # cleared by show_journal
        await pilot.press("d")
        # the last 30 days, today included: 20 and 10 days ago and today = 3
        app.show_journal(TODAY - timedelta(days=29), TODAY)
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one(WindowTable).total == 3
        app.show_journal(TODAY - timedelta(days=29), TODAY, person="anna")
        await pilot.pause()
        assert screen.query_one(WindowTable).total == 1


async def test_show_journal_before_the_journal_was_ever_opened(
    app: NetdashApp, tui_db: Database
) -> None:
    journal(tui_db)
    async with app.run_test(size=(160, 40)) as pilot:
        app.show_journal(since=TODAY - timedelta(days=15))  # 10 days ago and today = 2
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert app.screen.query_one(WindowTable).total == 2
