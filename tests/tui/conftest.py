from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from netdash.store.db import memory_db, open_db
from netdash.tui import collector
from netdash.tui.app import NetdashApp
from netdash.tui.screens.person_form import PersonForm
from netdash.tui.widgets.numbers import NumberTable


@pytest.fixture(autouse=True)
def collections_as_found(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test freezes the test process's heap (an app's first form does, once a process) or
    leaves garbage collection off (a form's Enter holds it until its frame is drawn)."""
    monkeypatch.setattr(collector, "_frozen", True)
    yield
    assert gc.isenabled(), "garbage collection was left off"
    assert gc.get_threshold()[2] != collector.NEVER, "full collections were left to an app"


@pytest.fixture
def tui_db() -> Iterator[Database]:
    database = memory_db()
    yield database
    database.close()


@pytest.fixture
def app(tui_db: Database) -> NetdashApp:
    return NetdashApp(tui_db, watch_interval=0)


def static_text(widget: Static | NumberTable, width: int = 100) -> str:
    """What a Static (or a dashboard panel of numbers) shows, as plain text."""
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(widget.content)
    return console.export_text()


def column_text(table: DataTable[Any], column: int) -> list[str]:
    return [str(table.get_row_at(row)[column]) for row in range(table.row_count)]


async def edit_person(pilot: Pilot[None], person_id: int) -> PersonForm:
    """Open a person's page and press e, as a person would; the edit form it opens."""
    app = pilot.app
    assert isinstance(app, NetdashApp)
    app.open_person(person_id)
    await pilot.pause()
    await pilot.press("e")
    form = app.screen
    assert isinstance(form, PersonForm)
    return form


@pytest.fixture
def ana_app(tmp_path: Path) -> Iterator[NetdashApp]:
    """An app on a journal file with one entry (today, in person, with Ana Souza), so its
    workers read on connections of their own as `netdash` does."""
    from netdash.store.journal import NewPerson, log_interaction
    from tests.conftest import TODAY

    path = tmp_path / "journal.db"
    db = open_db(path)
    log_interaction(
        db, people=[NewPerson("Ana Souza")], occurred_on=TODAY, today=TODAY, kind="in_person"
    )
    yield NetdashApp(db, db_path=path, watch_interval=0)
    db.close()
