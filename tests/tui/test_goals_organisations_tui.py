"""Goals and organisations on Community by keyboard: G sets a goal, e edits the chosen one and x
deletes it; R renames an organisation (a name another has is refused on the box), x deletes it
after saying what goes, and ctrl+z puts it all back with the same ids."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import Input, Static

from netdash.store.community import add_contribution, add_goal
from netdash.tui.app import NetdashApp
from netdash.tui.screens.community import CommunityScreen, GoalTable, OrganisationTable
from netdash.tui.screens.confirm import ConfirmScreen
from netdash.tui.screens.goal_form import GoalForm
from netdash.tui.screens.rename_form import RenameForm
from tests.conftest import TODAY, kept_rows
from tests.tui.conftest import static_text
from tests.tui.waits import notified, wait_for, workers_done


def goals(db: Database) -> list[tuple[object, ...]]:
    return list(
        db.execute(
            "SELECT id, year, kind, target, currency, unit, organisation_id FROM goals ORDER BY id"
        ).fetchall()
    )


def organisations(db: Database) -> list[tuple[int, str]]:
    return [
        (int(i), str(n)) for i, n in db.execute("SELECT id, name FROM organisations ORDER BY id")
    ]


def give(db: Database, organisation: str, day: int, minutes: int = 60) -> None:
    add_contribution(
        db, organisation=organisation, occurred_on=date(2026, 11, day), today=TODAY, minutes=minutes
    )


async def community(app: NetdashApp, pilot: Pilot[None]) -> CommunityScreen:
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(app.screen, CommunityScreen), "Community")
    screen = app.screen
    assert isinstance(screen, CommunityScreen)
    return screen


async def test_G_sets_a_goal_once_and_e_edits_it(app: NetdashApp, tui_db: Database) -> None:
    give(tui_db, "Food Bank", 1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await community(app, pilot)
        assert not screen.query_one(GoalTable).display  # no goals: no list
        await pilot.press("G")
        await wait_for(pilot, lambda: isinstance(app.screen, GoalForm), "the goal form")
        form = app.screen
        assert form.query_one("#year", Input).value == "2026"
        await pilot.press(*"100", "enter", "enter")  # the Hours box has the cursor
        await wait_for(pilot, lambda: form not in app.screen_stack, "the form gone")
        await notified(pilot, "Goal set")
        (goal,) = goals(tui_db)  # saved once
        # the second Enter may reach the list beneath and open what it points at
        if app.screen is not screen:
            await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "Community again")
        assert goal[1:] == (2026, "hours", "100", None, None, None)  # all work counts
        await wait_for(pilot, lambda: screen.query_one(GoalTable).row_count == 1, "the goal")
        # 60 minutes of 100 hours: 1 (1%)
        assert str(screen.query_one(GoalTable).get_row_at(0)[1]).endswith(" 1 (1%)")
        await pilot.press("shift+tab")  # to the goals, above the organisations
        assert screen.focused is screen.query_one(GoalTable)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, GoalForm), "the goal form")
        form = app.screen
        assert form.query_one("#hours", Input).value == "100"
        form.query_one("#hours", Input).value = ""
        form.query_one("#money", Input).value = "500 USD"
        form.query_one("#org", Input).value = "food bank"  # any case: the one there is
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen, "Community again")
        await notified(pilot, "Now the 2026 goal")
        (food_bank, _), *_ = organisations(tui_db)
        assert goals(tui_db) == [(goal[0], 2026, "money", "50000", "USD", None, food_bank)]
        await pilot.press("ctrl+z", "y")
        await wait_for(pilot, lambda: goals(tui_db) == [goal], "the goal as it was")


async def test_a_goal_needs_one_aim_and_says_so(app: NetdashApp, tui_db: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await community(app, pilot)
        await pilot.press("G")
        await wait_for(pilot, lambda: isinstance(app.screen, GoalForm), "the goal form")
        form = app.screen
        form.query_one("#hours", Input).value = "10"
        form.query_one("#result", Input).value = "500 meals served"
        await pilot.press("enter")
        assert app.screen is form
        error = static_text(form.query_one("#form-error", Static))
        assert "a goal is one of: hours, money or a result" in error
        form.query_one("#hours", Input).value = ""
        form.query_one("#money", Input).value = "12 bananas"
        form.query_one("#result", Input).value = ""
        await pilot.press("enter")
        assert form.focused is form.query_one("#money")  # the box it could not read
        assert goals(tui_db) == []


async def test_x_deletes_the_chosen_goal_and_ctrl_z_restores_it(
    app: NetdashApp, tui_db: Database
) -> None:
    add_goal(tui_db, 2026, hours=Decimal(8))
    add_goal(tui_db, 2026, result=(Decimal(500), "meals served"), organisation="Food Bank")
    before = kept_rows(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await community(app, pilot)
        await pilot.press("shift+tab", "down", "x")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question == (
            "Delete the 2026 goal #2 (500 meals served for Food Bank)?"
            " It can be undone (netdash undo, or ctrl+z in the app)."
        )
        await pilot.press("y")
        await notified(pilot, "ctrl+z undoes it")
        assert [goal[0] for goal in goals(tui_db)] == [1]
        await wait_for(pilot, lambda: screen.query_one(GoalTable).row_count == 1, "one goal")
        await pilot.press("ctrl+z", "y")
        await wait_for(pilot, lambda: kept_rows(tui_db) == before, "the goal back")


async def test_R_renames_and_refuses_a_name_another_has(app: NetdashApp, tui_db: Database) -> None:
    give(tui_db, "Code Club", 1)
    give(tui_db, "Food Bank", 2)
    before = kept_rows(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await community(app, pilot)
        table = screen.query_one(OrganisationTable)
        assert screen.focused is table
        await pilot.press("R")  # the first row: Code Club (organisations by name)
        await wait_for(pilot, lambda: isinstance(app.screen, RenameForm), "the form")
        form = app.screen
        form.query_one("#name", Input).value = "FOOD BANK"
        await pilot.press("enter")
        assert app.screen is form
        error = static_text(form.query_one("#form-error", Static))
        assert "'Food Bank' is another organisation's name" in error
        assert form.query_one("#name").has_class("-invalid")
        form.query_one("#name", Input).value = "  "
        await pilot.press("enter")
        assert "an organisation needs a name" in static_text(form.query_one("#form-error", Static))
        form.query_one("#name", Input).value = "Code  Club Leeds"
        await pilot.press("enter", "enter")
        await wait_for(pilot, lambda: form not in app.screen_stack, "the form gone")
        await notified(pilot, "Renamed Code Club to Code Club Leeds")
        assert sum("Renamed" in notice.message for notice in app.notices) == 1
        if app.screen is not screen:  # the second Enter opened the organisation's work
            await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "Community again")
        assert sorted(name for _, name in organisations(tui_db)) == ["Code Club Leeds", "Food Bank"]
        await pilot.press("ctrl+z", "y")
        await wait_for(pilot, lambda: kept_rows(tui_db) == before, "the old name back")


async def test_x_deletes_an_organisation_saying_what_goes_and_ctrl_z_restores_it(
    app: NetdashApp, tui_db: Database
) -> None:
    for day in (1, 2, 3):
        give(tui_db, "Food Bank", day)
    give(tui_db, "Code Club", 4)
    add_goal(tui_db, 2026, hours=Decimal(20), organisation="Food Bank")
    before = kept_rows(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await community(app, pilot)
        await pilot.press("down", "x")  # Code Club, then Food Bank
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question == (
            "Delete Food Bank and its 3 contributions and 1 goal for it?"
            " It can be undone (netdash undo, or ctrl+z in the app)."
        )
        await pilot.press("y")
        await notified(pilot, "Deleted Food Bank")
        assert [name for _, name in organisations(tui_db)] == ["Code Club"]
        assert goals(tui_db) == []
        count = tui_db.execute("SELECT count(*) FROM contributions").fetchone()[0]
        assert count == 1
        await wait_for(pilot, lambda: screen.query_one(OrganisationTable).row_count == 1, "1 row")
        await pilot.press("ctrl+z", "y")
        # the organisation, its three contributions and its goal, with their ids
        await wait_for(pilot, lambda: kept_rows(tui_db) == before, "Food Bank back")
        await wait_for(pilot, lambda: screen.query_one(OrganisationTable).row_count == 2, "2 rows")


async def test_community_with_goals_fits_80x24_and_the_footer_says_what_e_and_x_change(
    app: NetdashApp, tui_db: Database
) -> None:
    from tests.tui.test_small_terminal import screen_lines

    for name in ("Code Club", "Food Bank", "Animal Rescue"):
        give(tui_db, name, 1)
    add_goal(tui_db, 2026, hours=Decimal(8))
    add_goal(tui_db, 2026, hours=Decimal(20), organisation="Food Bank")
    async with app.run_test(size=(80, 24)) as pilot:
        await community(app, pilot)
        await workers_done(pilot)
        await wait_for(pilot, lambda: "? Help" in screen_lines(app)[-1], "the footer")
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert "Goal 8 h" in text and "Goal 20 h at Food Bank" in text
        assert "Animal Rescue" in text and "Food Bank" in text
        assert "R Rename" in lines[-1] and "x Delete" in lines[-1] and "? Help" in lines[-1]
        await pilot.press("shift+tab")
        await wait_for(pilot, lambda: "Edit goal" in screen_lines(app)[-1], "the goals' keys")
        lines = screen_lines(app)
        assert "e Edit goal" in lines[-1] and "x Delete goal" in lines[-1], lines[-1]
        assert "? Help" in lines[-1], lines[-1]


async def test_community_at_80x24_keeps_every_column_and_panel_without_scrolling(
    app: NetdashApp, tui_db: Database
) -> None:
    """Five organisations and three goals (the demo's shape): at 24 rows the status stays on
    its one line, the totals by cause give way, the five columns fit 80 and the chosen
    organisation's panel is whole above the footer, with nothing scrolled."""
    from tests.tui.test_small_terminal import screen_lines

    names = ("Code Club", "Food Bank", "Animal Rescue", "Tree Trust", "Shelter Run")
    for day, name in enumerate(names, start=1):
        give(tui_db, name, day)
    for hours in (8, 20, 40):
        add_goal(tui_db, 2026, hours=Decimal(hours))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await community(app, pilot)
        await workers_done(pilot)
        await wait_for(pilot, lambda: "? Help" in screen_lines(app)[-1], "the footer")
        lines = screen_lines(app)
        assert lines[1].startswith(" 5 organisations ·") and "Tab: other list" in lines[1]
        assert lines[2].lstrip().startswith("Goal 8 h"), lines[2]
        header = next(line for line in lines if "Organisation" in line and "Cause" in line)
        assert "Given" in header and "Met" in header, header  # 22+14+24+5+3 and padding: 78
        assert not any(line.lstrip().startswith("Cause:") for line in lines)
        assert lines[-2].startswith("╰"), lines[-2]  # the panel's bottom edge, then the footer
        assert screen.max_scroll_y == 0 and screen.max_scroll_x == 0
