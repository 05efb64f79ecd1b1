"""Every dashboard number opens to its rows: Enter on a figure shows what it counts, filtered
as it was counted. The expected rows are worked out by hand from the small journal below."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlite_utils import Database
from textual.coordinate import Coordinate
from textual.widgets import Static

from netdash.domain.models import Handle
from netdash.store.community import add_contribution
from netdash.store.imports import import_snapshot
from netdash.store.journal import log_interaction
from netdash.store.outcomes import add_outcome
from netdash.store.people import add_person, update_person
from netdash.store.snapshot import Follower, Snapshot
from netdash.tui.app import NetdashApp
from netdash.tui.screens.audience import AudienceScreen
from netdash.tui.screens.contributions import ContributionsScreen
from netdash.tui.screens.journal import JournalScreen
from netdash.tui.screens.known_followers import KnownFollowersScreen
from netdash.tui.screens.outcomes import OutcomesScreen
from netdash.tui.screens.people import PeopleScreen
from netdash.tui.screens.time_split import TimeSplitScreen
from netdash.tui.widgets.numbers import NumberTable
from netdash.tui.widgets.paged_table import PagedTable
from netdash.tui.widgets.window_table import WindowTable
from tests.conftest import TODAY
from tests.tui.conftest import static_text
from tests.tui.waits import scored, wait_for, workers_done


def journal(db: Database) -> dict[str, int]:
    """Ana (pinned inner 5), Bo (pinned inner 15), Cy. Six entries, by days before TODAY:
    0 Ana; 10 Bo; 29 Ana + Bo; 30 Cy; 89 Cy; 100 Ana. So the last 30 days (TODAY and the 29
    before) hold 3 entries, the last 90 days 5, and all time 6."""
    ids = {name: add_person(db, name) for name in ("Ana", "Bo", "Cy")}
    update_person(db, ids["Ana"], pinned_layer=5)
    update_person(db, ids["Bo"], pinned_layer=15)
    for days, names in ((0, ["Ana"]), (10, ["Bo"]), (29, ["Ana", "Bo"]), (30, ["Cy"]),
                        (89, ["Cy"]), (100, ["Ana"])):  # fmt: skip
        log_interaction(
            db,
            people=[ids[name] for name in names],
            occurred_on=TODAY - timedelta(days=days),
            today=TODAY,
            kind="call",
        )
    return ids


async def open_figure(pilot: object, app: NetdashApp, panel: str, label: str) -> None:
    """Focus ``panel``, move to the figure whose label starts with ``label``, press Enter."""
    table = app.screen.query_one(panel, NumberTable)
    table.focus()
    index = next(
        i for i, figure in enumerate(table.figures) if figure.label.plain.strip().startswith(label)
    )
    table.cursor = index
    await pilot.press("enter")  # type: ignore[attr-defined]


async def test_the_activity_numbers_open_the_journal_in_their_window(app: NetdashApp) -> None:
    journal(app.db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for label, total in (
            ("… in the last 30 days", 3),
            ("… in the last 90 days", 5),
            ("People seen in the last 90 days", 5),  # the entries with the 3 people seen
            ("Interactions logged", 6),
        ):
            await pilot.press("d")
            await wait_for(pilot, lambda: app.screen.id != "journal", "the dashboard")
            await open_figure(pilot, app, "#depth-numbers", label)
            await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), "the Journal")
            await pilot.pause()
            assert app.screen.query_one(WindowTable).total == total, label


async def test_a_layer_count_opens_people_in_that_layer_by_score(app: NetdashApp) -> None:
    ids = journal(app.db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        layers = app.screen.query_one("#layers", NumberTable)
        # pinned: Ana in the inner 5, Bo in the 15; so the inner 15 holds both
        assert "Inner 15 2/15" in " ".join(static_text(layers).split())
        await open_figure(pilot, app, "#layers", "Inner 15")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen), "People")
        await pilot.pause()
        table = app.screen.query_one(PagedTable)
        assert table.total == 2
        keys = [table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value for row in range(2)]
        assert set(keys) == {str(ids["Ana"]), str(ids["Bo"])}
        status = static_text(app.screen.query_one("#people-status", Static), 200)
        assert "score" in status and "15" in status


async def test_time_split_this_years_work_and_outcomes_open_their_lists(
    app: NetdashApp,
) -> None:
    journal(app.db)
    add_contribution(app.db, organisation="Food Bank", occurred_on=TODAY, today=TODAY, minutes=90)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        await open_figure(pilot, app, "#layers", "Time: inner 5")
        await wait_for(pilot, lambda: isinstance(app.screen, TimeSplitScreen), "Time split")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen.id != "time_split", "back")
        await open_figure(pilot, app, "#this-year", "community work")
        await wait_for(pilot, lambda: isinstance(app.screen, ContributionsScreen), "the list")
        await pilot.press("escape")
        await pilot.pause()
        await open_figure(pilot, app, "#this-year", f"{TODAY.year} so far")
        await wait_for(pilot, lambda: isinstance(app.screen, OutcomesScreen), "Outcomes")


async def test_known_followers_open_who_they_are(app: NetdashApp) -> None:
    db = app.db
    add_person(db, "Ada", handles=[Handle("mastodon", "ada@example.social")])
    listed = [Follower(handle, handle) for handle in ("ada@example.social", "zed@example.social")]
    snapshot = Snapshot(
        "mastodon", "2026-10-01T23:59:59Z", "export", "me", followers=2, follower_list=listed
    )
    import_snapshot(db, snapshot, file_name="export", sha256="export")
    async with app.run_test(size=(120, 40)) as pilot:
        breadth = app.screen.query_one("#breadth-numbers", NumberTable)
        # 1 of the 2 followers is Ada, a person in the journal
        await wait_for(
            pilot, lambda: "1 person you know among 2 followers" in static_text(breadth), "known"
        )
        await open_figure(pilot, app, "#breadth-numbers", "1 person you know")
        await wait_for(pilot, lambda: isinstance(app.screen, KnownFollowersScreen), "who")
        # back on the dashboard, the account's followers open Audience itself, not the list
        # still open there
        await pilot.press("d")
        await pilot.pause()
        await open_figure(pilot, app, "#breadth-numbers", "mastodon")
        await wait_for(pilot, lambda: isinstance(app.screen, AudienceScreen), "Audience")
        assert len(app.screen_stack) == 1


async def test_a_click_opens_the_figure_under_it_even_below_a_wrapped_line(
    app: NetdashApp,
) -> None:
    """At 100 columns (the long wording; below that the dashboard words it in one line) this
    year's outcome sentence ("… 1 through people you know, 1 through
    community, 0 through your audience (1 outcome came through more than one)") takes more
    than one line: a click on the line below it is the community work, not the sentence."""
    ids = journal(app.db)
    add_outcome(
        app.db,
        title="Job",
        occurred_on=TODAY,
        today=TODAY,
        people=[(ids["Ana"], "referred")],
        organisations=["Food Bank"],
    )
    add_contribution(app.db, organisation="Food Bank", occurred_on=TODAY, today=TODAY, minutes=90)
    async with app.run_test(size=(100, 40)) as pilot:
        await scored(pilot)
        await workers_done(pilot)  # nothing moves under the pointer between press and release
        year = app.screen.query_one("#this-year", NumberTable)
        lines = static_text(year, width=year.content_region.width).rstrip("\n").split("\n")
        assert len(lines) == 3 and lines[2].strip().startswith("community work: 1.5 h")
        await pilot.click(year, offset=(5, 1))  # the sentence's second line
        await wait_for(pilot, lambda: isinstance(app.screen, OutcomesScreen), "Outcomes")
        await pilot.press("d")
        await workers_done(pilot)
        await pilot.click(app.screen.query_one("#this-year", NumberTable), offset=(25, 2))
        await wait_for(pilot, lambda: isinstance(app.screen, ContributionsScreen), "the list")


async def test_this_years_work_names_three_kinds_of_result_and_its_list_all_of_them(
    app: NetdashApp,
) -> None:
    """Four kinds of result this year: the dashboard line names the first three by unit (books,
    kids, meals) and "+1 more"; the contributions it opens total all four, in one order."""
    for unit, quantity in (("trees planted", 7), ("meals served", 30), ("books sorted", 12),
                           ("kids taught", 4)):  # fmt: skip
        add_contribution(
            app.db,
            organisation="Food Bank",
            occurred_on=TODAY,
            today=TODAY,
            result=(Decimal(quantity), unit),
        )
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        line = static_text(app.screen.query_one("#this-year", NumberTable), 160)
        three = "12 books sorted, 4 kids taught, 30 meals served"
        assert f"community work: {three} +1 more" in " ".join(line.split())
        await open_figure(pilot, app, "#this-year", "community work")
        await wait_for(pilot, lambda: isinstance(app.screen, ContributionsScreen), "the list")
        status = static_text(app.screen.query_one("#contributions-status", Static), 200)
        assert f"4 contributions: {three}, 7 trees planted" in status
