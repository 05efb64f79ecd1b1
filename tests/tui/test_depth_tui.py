"""Depth in the TUI: the explanation view, snoozing, and the dashboard's layers and queue."""

from __future__ import annotations

from datetime import timedelta

from sqlite_utils import Database
from textual.widgets import Input, Static

from netdash.store.journal import log_interaction
from netdash.store.people import add_person, get_person, update_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.dashboard import DashboardScreen
from netdash.tui.screens.log_form import LogForm
from netdash.tui.screens.person import PersonScreen
from netdash.tui.screens.snooze import SnoozeForm
from netdash.tui.screens.why import WhyScreen
from netdash.tui.widgets.numbers import NumberTable
from netdash.tui.widgets.reach_out import ReachOutTable
from tests.conftest import MARKUP_NAME, TODAY
from tests.tui.conftest import static_text
from tests.tui.waits import scored, wait_for


def seed(db: Database) -> tuple[int, int]:
    ana = add_person(db, "Ana Souza", cadence_days=7, closeness=4)
    bob = add_person(db, MARKUP_NAME)
    for days, kind in ((20, "in_person"), (60, "helped_me"), (90, "call")):
        log_interaction(
            db,
            people=[ana],
            occurred_on=TODAY - timedelta(days=days),
            today=TODAY,
            kind=kind,
            note=f"{kind} [b]note[/b]",
        )
    log_interaction(db, people=[bob], occurred_on=TODAY, today=TODAY, kind="message")
    # Ana's three entries score under the inner 5's minimum (55): she is pinned there. Bob, one
    # message today (recency 20 + frequency 20 * (1 - e^(-0.3/5)) + intimacy 5 = 26.2, under
    # the inner 15's 35), is in the 50.
    update_person(db, ana, pinned_layer=5)
    return ana, bob


async def test_dashboard_shows_layers_and_who_to_reach_out_to(
    app: NetdashApp, tui_db: Database
) -> None:
    seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        layers = static_text(app.screen.query_one("#layers", NumberTable))
        rows = [" ".join(line.split()) for line in layers.splitlines() if line.strip()]
        assert rows[:4] == ["Inner 5 1/5", "Inner 15 1/15", "Inner 50 2/50", "Inner 150 2/150"]
        assert reach_out_rows(app) == ["Ana Souza\n13 days past a 7-day cadence"]  # 20 - 7


def reach_out_rows(app: NetdashApp) -> list[str]:
    table = app.screen.query_one(ReachOutTable)
    if not table.display:
        return []
    return [table.get_row_at(row)[0].plain for row in range(table.row_count)]


async def test_reach_out_is_focusable_enter_opens_and_n_logs_with_them(
    app: NetdashApp, tui_db: Database
) -> None:
    seed(tui_db)
    cy = add_person(tui_db, "Cy Reyes", cadence_days=10)
    log_interaction(
        tui_db, people=[cy], occurred_on=TODAY - timedelta(days=11), today=TODAY, kind="call"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        # Ana: 20 days since, cadence 7 -> 13 days past; urgency (20/7) * (0.5 + score/100)
        # beats Cy's (11/10) * (0.5 + score/100) for any two scores from 0 to 100.
        assert reach_out_rows(app) == [
            "Ana Souza\n13 days past a 7-day cadence",
            "Cy Reyes\n1 day past a 10-day cadence",
        ]
        table = app.screen.query_one(ReachOutTable)
        table.focus()
        await pilot.press("down", "n")
        await wait_for(pilot, lambda: isinstance(app.screen, LogForm), "the log form")
        assert isinstance(app.screen, LogForm) and app.screen.initial_people == f"Cy Reyes #{cy}"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen), "Ana's page")
        assert isinstance(app.screen, PersonScreen) and app.screen.person_name == "Ana Souza"


async def test_why_this_score_lists_components_and_rows(app: NetdashApp, tui_db: Database) -> None:
    ana, _ = seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        app.open_person(ana)
        await pilot.pause()
        card = static_text(app.screen.query_one("#person-details", Static), width=120)
        assert "inner 5" in card and "every week (set for them) · due" in card
        assert "they gave 1 more" in card
        await pilot.press("w")
        await pilot.pause()
        why = app.screen
        assert isinstance(why, WhyScreen)
        text = static_text(why.query_one("#why-table", Static), width=140)
        for label in (
            "Recency",
            "Frequency and intensity",
            "Intimacy",
            "Duration",
            "Reciprocity",
            "Favours both ways",
            "Shared community work",
            "Outcomes together",
        ):
            assert label in text
        assert "last contact 20 days ago" in text
        assert "call: call [b]note[/b]" in text  # a journal row, shown as typed
        await pilot.press("escape")
        assert isinstance(app.screen, PersonScreen)


async def test_snooze_takes_them_out_of_the_queue(app: NetdashApp, tui_db: Database) -> None:
    ana, _ = seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        app.open_person(ana)
        await pilot.pause()
        await pilot.press("s")
        form = app.screen
        assert isinstance(form, SnoozeForm)
        form.query_one("#days", Input).value = "10"
        await pilot.press("enter")
        await pilot.pause()
        assert get_person(tui_db, ana) is not None
        snoozed = tui_db.execute("SELECT snoozed_until FROM people WHERE id = ?", [ana]).fetchone()
        assert snoozed == ((TODAY + timedelta(days=10)).isoformat(),)
        card = static_text(app.screen.query_one("#person-details", Static), width=120)
        assert "snoozed until" in card
        await pilot.press("escape", "d")
        await pilot.pause()
        assert reach_out_rows(app) == []
        assert "Nobody is overdue" in static_text(app.screen.query_one("#reach-out-list", Static))


async def test_pin_a_person_to_a_layer_from_their_page(app: NetdashApp, tui_db: Database) -> None:
    from textual.widgets import Select

    from netdash.tui.screens.person_form import PersonForm

    _, bob = seed(tui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await scored(pilot)
        app.open_person(bob)
        await pilot.pause()
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#pinned", Select).value = 5
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, "the form to close")
        pinned = tui_db.execute("SELECT pinned_layer FROM people WHERE id = ?", [bob]).fetchone()
        assert pinned == (5,)
        await wait_for(
            pilot, lambda: app.depths is not None and app.depths[bob].layer == 5, "the new layer"
        )
