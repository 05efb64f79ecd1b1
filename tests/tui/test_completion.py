"""Completion under the boxes that take people or tags: a short list, chosen by keyboard."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlite_utils import Database
from textual.widgets import Input

from netdash.store.journal import log_interaction
from netdash.store.people import add_person
from netdash.tui.app import NetdashApp
from netdash.tui.screens.community_forms import OutcomeForm
from netdash.tui.screens.log_form import LogForm
from netdash.tui.widgets.completion import CompletingInput, CompletionList
from tests.conftest import TODAY
from tests.tui.conftest import edit_person


def _people(db: Database) -> dict[str, int]:
    """Ana Souza (Acme, 3 days ago), Anabel Ortiz (10 days ago), José García-López (never),
    Bo Lind; two John Smiths; tags: climbing on three, cooking on one."""
    ids = {
        "ana": add_person(db, "Ana Souza", company="Acme", tags=["climbing"]),
        "anabel": add_person(db, "Anabel Ortiz", tags=["climbing", "cooking"]),
        "jose": add_person(db, "José García-López"),
        "bo": add_person(db, "Bo Lind", tags=["climbing"]),
        "john1": add_person(db, "John Smith"),
        "john2": add_person(db, "John Smith"),
    }
    for days, who in ((3, "ana"), (10, "anabel")):
        log_interaction(
            db,
            people=[ids[who]],
            occurred_on=TODAY - timedelta(days=days),
            today=TODAY,
            kind="call",
        )
    return ids


def _box(app: NetdashApp, box_id: str) -> CompletingInput:
    return app.screen.query_one(f"#{box_id}", CompletingInput)


def _shown(app: NetdashApp) -> list[str]:
    """The lines of the list under the focused box, as the user reads them ([] if closed)."""
    lists = [shown for shown in app.screen.query(CompletionList) if shown.display]
    if not lists:
        return []
    (shown,) = lists
    return [str(shown.get_option_at_index(at).prompt) for at in range(shown.option_count)]


async def _type(pilot: Any, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_word_of_the_name_lists_candidates_with_what_tells_them_apart(
    app: NetdashApp, tui_db: Database
) -> None:
    _people(tui_db)
    async with app.run_test(size=(100, 36)) as pilot:
        await _type(pilot, "n", *"souza")
        assert _shown(app) == ["Ana Souza  Acme · last 2026-11-23"]
        box, shown = _box(app, "who"), app.screen.query_one(CompletionList)
        assert (shown.region.x, shown.region.y) == (box.region.x, box.region.bottom)  # under it
        await _type(pilot, "backspace", *"", *("backspace",) * 4, *"an")
        assert _shown(app) == [
            "Ana Souza  Acme · last 2026-11-23",  # seen last first
            "Anabel Ortiz  last 2026-11-16",
        ]
        await _type(pilot, "down", "enter")  # the second, taken
        assert _box(app, "who").value == "Anabel Ortiz" and _shown(app) == []
        await _type(pilot, "enter")  # the name is whole: Enter logs it
        assert not isinstance(app.screen, LogForm)
        assert tui_db.execute(
            "SELECT count(*) FROM interaction_people WHERE person_id = 2"
        ).fetchone() == (2,)


async def test_accents_fold_and_each_comma_separated_name_completes(
    app: NetdashApp, tui_db: Database
) -> None:
    _people(tui_db)
    async with app.run_test(size=(100, 36)) as pilot:
        await _type(pilot, "n", *"Bo Lind, lopez")
        assert _shown(app) == ["José García-López  never logged"]
        await _type(pilot, "tab")
        assert _box(app, "who").value == "Bo Lind, José García-López"
        assert app.screen.focused is _box(app, "who")  # Tab took the choice, not the next box
        await _type(pilot, *", john")
        assert len(_shown(app)) == 2
        await _type(pilot, "right")  # → at the end takes it too; two share it: by id
        value = _box(app, "who").value
        assert value.startswith("Bo Lind, José García-López, John Smith #")


async def test_escape_closes_the_list_then_cancels_the_form(
    app: NetdashApp, tui_db: Database
) -> None:
    _people(tui_db)
    async with app.run_test(size=(100, 36)) as pilot:
        await _type(pilot, "n", *"ana")
        assert _shown(app)
        await _type(pilot, "escape")
        assert isinstance(app.screen, LogForm) and _shown(app) == []
        assert _box(app, "who").value == "ana"  # what was typed stays
        await _type(pilot, "escape")
        assert not isinstance(app.screen, LogForm)
        assert tui_db.execute("SELECT count(*) FROM interactions").fetchone() == (2,)


async def test_tags_complete_the_word_typed_most_used_first(
    app: NetdashApp, tui_db: Database
) -> None:
    _people(tui_db)
    async with app.run_test(size=(100, 36)) as pilot:
        await _type(pilot, "n", *"Bo Lind", "tab")
        tags = app.screen.query_one("#tags", Input)
        tags.focus()
        await _type(pilot, *"#c")
        assert _shown(app) == ["#climbing  3 people · 0 entries", "#cooking  1 person · 0 entries"]
        await _type(pilot, "enter", *" c")
        assert _shown(app) == ["cooking  1 person · 0 entries"]  # climbing is there already
        await _type(pilot, "tab")
        assert tags.value == "#climbing cooking"


async def test_a_newly_added_person_is_found_at_once(app: NetdashApp, tui_db: Database) -> None:
    _people(tui_db)
    async with app.run_test(size=(100, 36)) as pilot:
        await _type(pilot, "n", *"zed")
        assert _shown(app) == []
        add_person(tui_db, "Zed Quist")  # the journal moved on: read again
        await _type(pilot, "backspace", "d")
        assert _shown(app) == ["Zed Quist  never logged"]


async def test_a_person_logged_here_is_offered_without_reading_every_name_again(
    app: NetdashApp, tui_db: Database, monkeypatch: Any
) -> None:
    """The names are read once; an entry logged in the form adds its new person to them (and
    moves who was seen last) instead of a read of everyone on the next form's open."""
    from netdash.store.completion import name_index as read

    _people(tui_db)
    reads: list[int] = []

    def counted(db: Database) -> Any:
        reads.append(1)
        return read(db)

    monkeypatch.setattr("netdash.tui.widgets.completers.name_index", counted)
    async with app.run_test(size=(100, 36)) as pilot:
        await _type(pilot, "n", *"Zed Quist")
        await _type(pilot, "enter")
        assert not isinstance(app.screen, LogForm)
        await _type(pilot, "n", *"quis")
        assert _shown(app) == [f"Zed Quist  last {TODAY.isoformat()}"]
        assert len(reads) == 1


async def test_outcome_credits_complete_the_name_not_the_role(
    app: NetdashApp, tui_db: Database
) -> None:
    _people(tui_db)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeForm)
        _box(app, "people").focus()
        await _type(pilot, *"souz")
        await _type(pilot, "enter")
        await _type(pilot, *": intro")
        assert _shown(app) == []  # a role, not a name
        await _type(pilot, *"duced, bo")
        assert _shown(app) == ["Bo Lind  never logged"]
        await _type(pilot, "enter")
        assert _box(app, "people").value == "Ana Souza: introduced, Bo Lind"


async def test_introduced_by_on_the_person_form_completes_one_name(
    app: NetdashApp, tui_db: Database
) -> None:
    ids = _people(tui_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await edit_person(pilot, ids["bo"])
        box = _box(app, "introduced-by")
        box.focus()
        await _type(pilot, *"Bo, ortiz")
        assert _shown(app) == []  # one name: "Bo, ortiz" is nobody, not a list of two
        box.value = ""
        await _type(pilot, *"ortiz")
        assert _shown(app) == ["Anabel Ortiz  last 2026-11-16"]
        await _type(pilot, "enter")
        assert box.value == "Anabel Ortiz"


async def test_the_journal_filters_complete_a_person_and_a_tag(
    app: NetdashApp, tui_db: Database
) -> None:
    _people(tui_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await _type(pilot, "f", *"smi")
        assert len(_shown(app)) == 2
        await _type(pilot, "enter")
        assert _box(app, "filter-person").value == "John Smith"  # a filter means both of them
        _box(app, "filter-tag").focus()
        await _type(pilot, *"#coo")
        assert _shown(app) == ["#cooking  1 person · 0 entries"]
        await _type(pilot, "enter")
        assert _box(app, "filter-tag").value == "#cooking"
